// The parsed form of a lab file. src/lab knows nothing of AWS: a `call` is just a
// "service:Operation" string here; src/aws decides whether it exists.

/** A position in a lab file, 1-based line. */
export interface Pos {
  file: string;
  line: number;
}

/** A lab file error: reported as `file:line: message`. */
export class LabError extends Error {
  constructor(
    readonly pos: Pos,
    message: string,
  ) {
    super(message);
    this.name = 'LabError';
  }
  override toString(): string {
    return `${this.pos.file}:${this.pos.line}: ${this.message}`;
  }
}

/** How a string expectation matches: `/re/flags` is a regex, anything else a substring. */
export type Matcher =
  | { kind: 'substring'; text: string }
  | { kind: 'regex'; source: string; flags: string }
  | { kind: 'equals'; value: unknown };

export interface Expectation {
  /** True when no error is expected. */
  success: boolean;
  /** Accepted error codes (any of them), when an error is expected. */
  error?: string[];
  message?: Matcher;
  /** JMESPath -> matcher, checked against the output. */
  output?: Record<string, Matcher>;
  /** For run: steps. */
  exitCode?: number;
  stdout?: Matcher;
  stderr?: Matcher;
  pos: Pos;
}

/** An explicit cleanup for an action: the calls that undo it, or `false` for none. */
export type CleanupSpec = false | Array<{ call: string; with?: Record<string, unknown>; pos: Pos }>;

export interface Action {
  pos: Pos;
  /** Logical account name or saved identity name; undefined = the lab's first account. */
  as?: string;
  call?: string; // "iam:CreateRole"
  run?: string; // shell command
  /** Input exactly as written (strings may hold ${...}); objects under policy-document fields
   * are still objects here: src/aws turns them into JSON strings. */
  with?: Record<string, unknown>;
  /** name -> JMESPath into the output. */
  save?: Record<string, string>;
  expect: Expectation;
  cleanup?: CleanupSpec;
  /** Line of each top-level key, for run-time error messages. */
  keyPos: Record<string, Pos>;
  /** The block's YAML as written (without the fences), for showing the action to a reader. */
  source?: string;
}

export interface Step {
  title: string;
  pos: Pos;
  /** Markdown source of the prose under the heading (actions removed). */
  prose: string;
  actions: Action[];
  /** Prose and actions in document order (`action` indexes `actions`), for renderers that
   * show each action where the author put it. */
  segments?: Array<{ kind: 'prose'; text: string } | { kind: 'action'; index: number }>;
}

export interface LabMeta {
  title: string;
  summary?: string;
  /** Logical accounts, in order: the first is the default for `as:`. */
  accounts: string[];
  duration?: string;
  /** Language of the text (front matter `lang:`); a `<id>.<lang>.md` file name sets Lab.lang. */
  lang?: string;
  /** What the lab needs besides the SDK, e.g. [aws-cli] for `run: aws ...` steps. */
  requires?: string[];
}

export interface Lab {
  id: string;
  file: string;
  lang?: string;
  meta: LabMeta;
  /** Markdown source before the first step (after front matter). */
  intro: string;
  steps: Step[];
}
