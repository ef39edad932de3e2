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
  /** Markdown shown to a learner when the outcome is not the expected one, or on request.
   * Shown as written: variables are not filled in. */
  hint?: string;
}

/** A multiple-choice question (a ```yaml quiz block) that a guided run asks when its step
 * begins. Answers are recorded, never graded into the run's result. */
export interface Quiz {
  pos: Pos;
  question: string;
  choices: string[];
  /** Index into `choices` of the right answer. */
  answer: number;
  /** Why the answer is right: shown after any answer. */
  explain: string;
}

export interface Step {
  title: string;
  pos: Pos;
  /** Markdown source of the prose under the heading (actions removed). */
  prose: string;
  actions: Action[];
  /** Quizzes of the step, in document order; absent when it has none. */
  quizzes?: Quiz[];
  /** Prose, actions and quizzes in document order (`index` indexes `actions` or `quizzes`),
   * for renderers that show each block where the author put it. */
  segments?: Array<{ kind: 'prose'; text: string } | { kind: 'action'; index: number } | { kind: 'quiz'; index: number }>;
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
