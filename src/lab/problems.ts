// Collects every error of a lab file, so an author sees them all in one go instead of
// fixing them one run at a time.
import { LabError, type Pos } from './types.js';

export class Problems {
  private readonly list: LabError[] = [];

  constructor(readonly file: string) {}

  pos(line: number): Pos {
    return { file: this.file, line };
  }

  add(line: number, message: string): void {
    this.list.push(new LabError(this.pos(line), message));
  }

  get count(): number {
    return this.list.length;
  }

  /** In file order; the same message twice on one line is reported once. */
  sorted(): LabError[] {
    const seen = new Set<string>();
    return this.list
      .map((e, i) => ({ e, i }))
      .sort((a, b) => a.e.pos.line - b.e.pos.line || a.i - b.i)
      .map(({ e }) => e)
      .filter((e) => {
        const k = `${e.pos.line}\0${e.message}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
  }
}
