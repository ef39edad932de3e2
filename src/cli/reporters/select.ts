// Pick how a run talks to its user: a guided session with prompts on a terminal, plain lines
// otherwise (no TTY, CI, --yes), which never wait for input.
import type { RunControl, RunEvents } from '../../runner/types.js';
import type { TargetSession } from '../../targets/types.js';
import type { QuizRecord } from '../../ui/quiz.js';
import { terminalPrompter } from '../../ui/prompts.js';
import { InteractiveReporter } from './interactive.js';
import { TextReporter } from './text.js';

export interface ReporterFlags {
  quiet?: boolean;
  verbose?: boolean;
  interactive: boolean;
  /** The run's abort signal: a guided run stops asking once it fires. */
  signal?: AbortSignal;
}

export interface Reporter {
  events: RunEvents;
  /** Present only for a guided run: the runner then asks before steps and after failures. */
  control?: RunControl;
  /** The learner's quiz answers, for buildReport(result, { quizzes }). */
  quizzes?: () => QuizRecord[];
}

export function selectReporter(target: TargetSession, flags: ReporterFlags): Reporter {
  if (flags.interactive) {
    const guided = new InteractiveReporter({
      out: process.stdout,
      prompter: terminalPrompter(),
      target,
      verbose: flags.verbose,
      signal: flags.signal,
    });
    return { events: guided, control: guided, quizzes: () => guided.quizAnswers() };
  }
  return { events: new TextReporter(process.stdout, { quiet: flags.quiet, verbose: flags.verbose, target }) };
}
