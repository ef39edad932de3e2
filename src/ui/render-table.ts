// A table for the terminal: a bold header, a rule, aligned columns. When the natural width
// does not fit, the widest columns give way first and their cells wrap onto more lines.
import { c } from './colors.js';
import { pad, width, wrap } from './text-width.js';

export type Align = 'left' | 'right' | 'center';

export interface TableInput {
  header: string[];
  rows: string[][];
  align?: Align[];
}

const SEP = '  ';
/** A column is never squeezed below this many cells (a word or two still fits). */
const MIN_COL = 6;

export function renderTable(t: TableInput, cols: number): string[] {
  const n = Math.max(t.header.length, ...t.rows.map((r) => r.length));
  if (n === 0) return [];
  const all = [t.header, ...t.rows];
  const natural = Array.from({ length: n }, (_, i) => Math.max(1, ...all.map((r) => longestLine(r[i] ?? ''))));
  const widths = fit(natural, cols - SEP.length * (n - 1));
  const align = (i: number) => t.align?.[i] ?? 'left';

  const renderRow = (cells: string[], style: (s: string) => string = (s) => s) => {
    const wrapped = widths.map((w, i) => wrap(cells[i] ?? '', w));
    const height = Math.max(...wrapped.map((l) => l.length));
    const lines: string[] = [];
    for (let k = 0; k < height; k++) {
      lines.push(wrapped.map((l, i) => pad(style(l[k] ?? ''), widths[i]!, align(i))).join(SEP).trimEnd());
    }
    return lines;
  };
  const out = t.header.some(Boolean) ? [...renderRow(t.header, c.bold), c.dim(widths.map((w) => '─'.repeat(w)).join(SEP))] : [];
  for (const r of t.rows) out.push(...renderRow(r));
  return out;
}

function longestLine(s: string): number {
  return Math.max(...s.split('\n').map(width));
}

/** Column widths that fit `room`: shrink the widest column one cell at a time. */
function fit(natural: number[], room: number): number[] {
  const w = [...natural];
  let total = w.reduce((a, b) => a + b, 0);
  while (total > room) {
    let widest = 0;
    for (let i = 1; i < w.length; i++) if (w[i]! > w[widest]!) widest = i;
    if (w[widest]! <= MIN_COL) break;
    w[widest]!--;
    total--;
  }
  return w;
}
