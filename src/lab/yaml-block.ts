// A YAML snippet that lives inside a lab file (front matter or an action block), parsed
// with positions so that every node can be traced to its line in the file.
import { isMap, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';

export type YamlPath = ReadonlyArray<string | number>;

export interface YamlProblem {
  line: number;
  message: string;
}

export class YamlBlock {
  readonly doc: Document.Parsed;
  private readonly lc = new LineCounter();

  /** `firstLine` is the file line holding the block's first line. */
  constructor(
    readonly text: string,
    readonly firstLine: number,
  ) {
    // YAML 1.2 core schema: `yes`, `on` and dates stay strings, as lab authors expect.
    this.doc = parseDocument(text, { lineCounter: this.lc, prettyErrors: false, uniqueKeys: true });
  }

  /** The file line of a character offset in the block. */
  lineAt(offset: number): number {
    return this.firstLine + this.lc.linePos(offset).line - 1;
  }

  lineOf(node: unknown, fallback: number): number {
    const range = (node as Node | null | undefined)?.range;
    return range ? this.lineAt(range[0]) : fallback;
  }

  /** The node at a path (value of a key, item of a list); the root for `[]`. */
  node(path: YamlPath): Node | undefined {
    if (path.length === 0) return (this.doc.contents ?? undefined) as Node | undefined;
    const n = this.doc.getIn(path, true);
    return n && typeof n === 'object' && 'range' in n ? (n as Node) : undefined;
  }

  /** The key node of `key` in the mapping at `path`. */
  keyNode(path: YamlPath, key: string): Node | undefined {
    const map = this.node(path);
    if (!isMap(map)) return undefined;
    for (const pair of map.items) {
      if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key) return pair.key;
    }
    return undefined;
  }

  /** Line of a key when it exists, else of the value at the path, else `fallback`. */
  lineOfPath(path: YamlPath, fallback: number): number {
    if (path.length > 0) {
      const parent = path.slice(0, -1);
      const last = path[path.length - 1];
      if (typeof last === 'string') {
        const key = this.keyNode(parent, last);
        if (key) return this.lineOf(key, fallback);
      }
    }
    const node = this.node(path);
    if (node || path.length === 0) return this.lineOf(node, fallback);
    // A path into a value that is not there (an item of a scalar written for a list): the
    // nearest enclosing node that exists.
    return this.lineOfPath(path.slice(0, -1), fallback);
  }

  /** Syntax errors, with hints for the mistakes lab authors make most. */
  problems(): YamlProblem[] {
    return this.doc.errors.map((e) => {
      const line = this.lineAt(e.pos[0]);
      return { line, message: `invalid YAML: ${hint(e.code, e.message, this.sourceLine(line))}` };
    });
  }

  private sourceLine(fileLine: number): string {
    return this.text.split('\n')[fileLine - this.firstLine] ?? '';
  }
}

function hint(code: string, message: string, line: string): string {
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return `${message}; a value that contains ": " must be quoted, e.g. message: "not authorized to perform: sts:AssumeRole"`;
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    case 'DUPLICATE_KEY': {
      const key = /^\s*(?:-\s+)?([^:#]+?)\s*:/.exec(line)?.[1];
      return key ? `key "${key}" appears twice` : 'a key appears twice';
    }
    case 'MULTIPLE_DOCS':
      return 'one action per block: start a new ```yaml lab block instead of using ---';
    default:
      return message;
  }
}
