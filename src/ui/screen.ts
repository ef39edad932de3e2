// Where the guided run writes: a stream and its current width (read at every use, so a
// resized terminal gets lines of its new width).
import { fold } from './text-width.js';

export type Out = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export class Screen {
  constructor(readonly out: Out) {}

  /** Usable width: the terminal's, capped so prose stays readable on wide screens. */
  get width(): number {
    return Math.min(this.out.columns ?? 80, 100);
  }

  /** Lines as given (already laid out, e.g. rendered Markdown). */
  print(...lines: string[]): void {
    for (const l of lines.join('\n').split('\n')) this.out.write(`${l}\n`);
  }

  /** Lines folded to the width at their own indentation. */
  say(...lines: string[]): void {
    for (const l of lines.join('\n').split('\n')) for (const f of fold(l, this.width)) this.out.write(`${f}\n`);
  }
}
