// A one-line spinner with elapsed time, for the seconds a call or IAM settling takes. Drawn
// only on a terminal; elsewhere it writes nothing (a log must not fill with frames).
// Hand-written: a dozen lines, and it must share the line discipline of the guided run.
import { c } from './colors.js';
import { truncate } from './text-width.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export class Spinner {
  private timer: NodeJS.Timeout | undefined;
  private frame = 0;
  private text = '';
  private startedAt = 0;

  constructor(
    private readonly out: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
    private readonly intervalMs = 80,
  ) {}

  get spinning(): boolean {
    return this.timer !== undefined;
  }

  start(text: string): void {
    this.text = text;
    this.startedAt = performance.now();
    if (!this.out.isTTY || this.timer) return;
    this.timer = setInterval(() => this.draw(), this.intervalMs);
    // A spinner never keeps the process alive.
    this.timer.unref();
    this.draw();
  }

  /** New text, same clock (e.g. "waiting for IAM to settle"). */
  update(text: string): void {
    this.text = text;
    if (this.timer) this.draw();
  }

  /** Clears the line; the caller then writes the outcome in its place. */
  stop(): void {
    if (!this.timer) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.out.write('\r\x1b[2K');
  }

  private draw(): void {
    const secs = ((performance.now() - this.startedAt) / 1000).toFixed(1);
    const frame = FRAMES[this.frame++ % FRAMES.length]!;
    const line = `  ${c.cyan(frame)} ${this.text} ${c.dim(`${secs} s`)}`;
    // One line only: a folded line could not be cleared with \r.
    this.out.write(`\r\x1b[2K${truncate(line, (this.out.columns ?? 80) - 1)}`);
  }
}
