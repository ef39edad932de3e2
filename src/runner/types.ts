// Results and events of a run: plain data, so reporters (text, JSON, JUnit, interactive) can
// be written without knowing the loop.
import type { Action, Lab, Step } from '../lab/types.js';

export interface CallError {
  code: string;
  message: string;
  status?: number;
  requestId?: string;
}

/** What actually happened when an action ran. */
export interface Outcome {
  ok: boolean;
  output?: Record<string, unknown>;
  error?: CallError;
  exitCode?: number;
  stdout?: string;
  stderr?: string;
  durationMs: number;
}

export interface ActionResult {
  action: Action;
  /** Interpolated call or command, for display. */
  label: string;
  as: string;
  /** The equivalent AWS CLI command (SDK calls only). */
  cli?: string;
  outcome: Outcome;
  met: boolean;
  /** Why the outcome did not meet the expectation, one sentence each. */
  problems: string[];
  /** The target's explanation of a denial, when it has one. */
  explanation?: string;
  details?: string[];
  skipped?: boolean;
  /** How many times it was sent (more than 1 when the runner settled). */
  attempts?: number;
}

export interface StepResult {
  step: Step;
  index: number;
  actions: ActionResult[];
  met: boolean;
  /** The learner chose to skip it (interactive runs). */
  skipped?: boolean;
  durationMs: number;
}

export interface CleanupItem {
  account: string;
  call: string;
  input: Record<string, unknown>;
  /** The create it undoes, for display. */
  undoes: string;
}

export interface CleanupResult {
  item: CleanupItem;
  ok: boolean;
  /** Already gone counts as done. */
  alreadyGone?: boolean;
  error?: CallError;
}

export interface RunResult {
  lab: Lab;
  runId: string;
  prefix: string;
  target: string;
  startedAt: Date;
  endedAt: Date;
  steps: StepResult[];
  cleanup: CleanupResult[];
  kept: boolean;
  /** Every step met its expectation and cleanup finished. */
  ok: boolean;
  interrupted: boolean;
  /** The learner chose to quit (interactive runs). */
  quit?: boolean;
}

/** Everything a reporter may want to hear about, in order. */
export interface RunEvents {
  runStart?(info: { lab: Lab; runId: string; prefix: string; target: string }): void;
  stepStart?(step: Step, index: number, total: number): void;
  actionStart?(info: { action: Action; label: string; as: string; cli?: string }): void;
  actionEnd?(result: ActionResult): void;
  /** The runner is waiting for IAM to settle before retrying an action. */
  settling?(info: { label: string; attempt: number; waitedMs: number; reason: string }): void;
  stepEnd?(result: StepResult): void;
  cleanupStart?(count: number): void;
  cleanupItem?(result: CleanupResult): void;
  runEnd?(result: RunResult): void;
}

/** Decisions an interactive front end takes during a run. Absent = never ask (CI, --yes). */
export interface RunControl {
  /** Before a step: run it, skip it (its actions are not run; later steps may then fail), or
   * quit (stop here and clean up). */
  beforeStep?(step: Step, index: number, total: number): Promise<'run' | 'skip' | 'quit'>;
  /** After an action whose outcome did not meet its expectation. */
  afterUnmet?(result: ActionResult): Promise<'retry' | 'skip' | 'quit'>;
  /** Before cleaning up an interrupted or quit run: clean (the default) or keep. */
  beforeCleanup?(info: { count: number; interrupted: boolean }): Promise<'clean' | 'keep'>;
}
