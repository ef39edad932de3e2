// Terminal text measurement: what a string occupies on screen, not its length in UTF-16 code
// units. ANSI styles take no room, Hangul and CJK characters take two cells (labs come in
// Korean too), combining marks none. Wrapping keeps styles intact across line breaks.

const ANSI = /\x1b\[[0-9;]*m/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

/** East Asian Wide and Fullwidth ranges (Unicode TR 11), plus emoji presentation blocks. */
const WIDE: Array<[number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

const ZERO = /[\p{Mn}\p{Me}\u200b-\u200f\ufe00-\ufe0f]/u;

export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (ZERO.test(ch)) return 0;
  return WIDE.some(([a, b]) => cp >= a && cp <= b) ? 2 : 1;
}

/** Cells the text occupies on one terminal line. */
export function width(s: string): number {
  let w = 0;
  for (const ch of stripAnsi(s)) w += charWidth(ch);
  return w;
}

/** Pads (on the right, or left for `align: 'right'`) to `w` cells. */
export function pad(s: string, w: number, align: 'left' | 'right' | 'center' = 'left'): string {
  const gap = Math.max(0, w - width(s));
  if (align === 'right') return ' '.repeat(gap) + s;
  if (align === 'center') return ' '.repeat(Math.floor(gap / 2)) + s + ' '.repeat(Math.ceil(gap / 2));
  return s + ' '.repeat(gap);
}

/** Cuts to at most `w` cells, ending with … when something was cut. Drops styles. */
export function truncate(s: string, w: number): string {
  if (width(s) <= w) return s;
  let out = '';
  let used = 0;
  for (const ch of stripAnsi(s)) {
    const cw = charWidth(ch);
    if (used + cw > w - 1) break;
    out += ch;
    used += cw;
  }
  return `${out}…`;
}

/** Tracks which SGR styles are open, so a wrapped line can close them and the next reopen
 * them: a bold phrase split over two lines must not bleed into the indent or quote bar. */
class StyleState {
  private open: string[] = [];

  feed(text: string): void {
    for (const m of text.matchAll(ANSI)) {
      const codes = m[0].slice(2, -1).split(';').filter(Boolean).map(Number);
      if (codes.length === 0) codes.push(0);
      for (const code of codes) this.apply(code);
    }
  }

  private apply(code: number): void {
    const drop = (pred: (n: number) => boolean) => {
      this.open = this.open.filter((s) => !pred(Number(s)));
    };
    if (code === 0) this.open = [];
    else if (code === 22) drop((n) => n === 1 || n === 2);
    else if (code === 23) drop((n) => n === 3);
    else if (code === 24) drop((n) => n === 4);
    else if (code === 39) drop((n) => (n >= 30 && n <= 37) || (n >= 90 && n <= 97));
    else this.open.push(String(code));
  }

  get active(): boolean {
    return this.open.length > 0;
  }

  reopen(): string {
    return this.open.length ? `\x1b[${this.open.join(';')}m` : '';
  }
}

/** Greedy word wrap to `w` cells. Words longer than a line stay whole (a URL or an ARN is
 * easier to copy unbroken; the terminal folds it), except runs of wide characters, which
 * languages without spaces between words need broken anywhere. */
export function wrap(text: string, w: number): string[] {
  const limit = Math.max(1, w);
  const lines: string[] = [];
  const style = new StyleState();
  for (const para of text.split('\n')) {
    let line = style.reopen();
    let used = 0;
    const flush = () => {
      style.feed(line);
      lines.push(style.active ? `${line}\x1b[0m` : line);
      line = style.reopen();
      used = 0;
    };
    for (const word of para.split(/ +/)) {
      for (const piece of splitWide(word, limit)) {
        const pw = width(piece);
        if (used > 0 && used + 1 + pw > limit) flush();
        if (used > 0) {
          line += ' ';
          used++;
        }
        line += piece;
        used += pw;
      }
    }
    style.feed(line);
    lines.push(style.active ? `${line}\x1b[0m` : line);
  }
  return lines;
}

function splitWide(word: string, limit: number): string[] {
  if (width(word) <= limit || !/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(word)) return [word];
  const pieces: string[] = [];
  let cur = '';
  let used = 0;
  for (const m of word.matchAll(/\x1b\[[0-9;]*m|[\s\S]/gu)) {
    const ch = m[0];
    const cw = ch.startsWith('\x1b') ? 0 : charWidth(ch);
    if (used + cw > limit && used > 0) {
      pieces.push(cur);
      cur = '';
      used = 0;
    }
    cur += ch;
    used += cw;
  }
  if (cur) pieces.push(cur);
  return pieces;
}

/** Wraps one line to `cols`, continuing at the line's own indentation: for output lines like
 * "    why: ..." that must not run past the edge of the terminal. */
export function fold(line: string, cols: number): string[] {
  const indent = /^ */.exec(stripAnsi(line))![0];
  const body = line.replace(/^ */, '');
  return wrap(body, Math.max(20, cols - indent.length)).map((l) => indent + l);
}
