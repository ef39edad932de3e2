// The guided run on a terminal: each step's prose, then a question (run, skip, explain, hint,
// quit); its quizzes; each action with its AWS CLI equivalent and a spinner while it runs;
// the explanation under denials; after an unexpected outcome another question (retry,
// details, skip, quit); a summary table at the end. Ctrl-C inside a question offers to stop,
// and stopping always cleans up. Every line passes through the redactor.
import type { Action, Lab, Step } from '../../lab/types.js';
import type { ActionResult, CleanupResult, RunControl, RunEvents, RunResult, StepResult } from '../../runner/types.js';
import type { TargetSession } from '../../targets/types.js';
import { actionHeadline, outcomeLines } from '../../ui/action-view.js';
import { c } from '../../ui/colors.js';
import type { Choice, Prompter } from '../../ui/prompts.js';
import { askQuiz, type QuizRecord } from '../../ui/quiz.js';
import { renderMarkdown } from '../../ui/render-markdown.js';
import { Screen, type Out } from '../../ui/screen.js';
import { Spinner } from '../../ui/spinner.js';
import { detailLines, explainStep, hintLines, stepBody, stepHeader } from '../../ui/step-view.js';
import { formatDuration, summaryLines } from '../../ui/summary.js';
import { Redactor } from './redact.js';

export interface InteractiveOptions {
  out: Out;
  prompter: Prompter;
  target: Pick<TargetSession, 'accounts'>;
  verbose?: boolean;
  /** The run's abort signal (SIGINT/SIGTERM). Without it the reporter watches the process's
   * signals itself, only to know that the run is stopping: it never ends the process. */
  signal?: AbortSignal;
}

/** A hook proposed for RunControl: asked before cleanup when the run was interrupted. */
export interface CleanupChoice {
  beforeCleanup(info: { count: number; interrupted: boolean }): Promise<'clean' | 'keep'>;
}

type StepChoice = 'run' | 'skip' | 'explain' | 'hint' | 'quit';
type UnmetChoice = 'retry' | 'details' | 'hint' | 'skip' | 'quit';

export class InteractiveReporter implements RunEvents, RunControl, CleanupChoice {
  private readonly screen: Screen;
  private readonly spinner: Spinner;
  private readonly redact: Redactor;
  private readonly quizzes: QuizRecord[] = [];
  /** Actions whose hint the learner has seen, so it is not repeated unasked. */
  private readonly hinted = new Set<Action>();
  private startedAt = performance.now();
  private cleanupTotal = 0;
  private cleanupDone = 0;
  private signalled = false;
  private unwatch: (() => void) | undefined;

  constructor(private readonly opts: InteractiveOptions) {
    this.screen = new Screen(opts.out);
    this.spinner = new Spinner(opts.out);
    this.redact = Redactor.forTarget(opts.target);
  }

  /** Ctrl-C outside a question (while an action runs) arrives as a signal: from then on the
   * run is stopping, and nothing may wait for an answer except the offer to clean up. */
  private get stopping(): boolean {
    return this.signalled || !!this.opts.signal?.aborted;
  }

  private watchSignals(): void {
    if (this.opts.signal || this.unwatch) return;
    const on = () => {
      this.signalled = true;
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
    this.unwatch = () => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
    };
  }

  /** The learner's quiz answers so far, for the --report. */
  quizAnswers(): QuizRecord[] {
    return [...this.quizzes];
  }

  private say(...lines: string[]): void {
    this.screen.say(...lines.map((l) => this.redact.text(l)));
  }

  private print(...lines: string[]): void {
    this.screen.print(...lines.map((l) => this.redact.text(l)));
  }

  private elapsed(): string {
    return formatDuration(performance.now() - this.startedAt);
  }

  runStart(info: { lab: Lab; runId: string; prefix: string; target: string }): void {
    this.startedAt = performance.now();
    this.watchSignals();
    const { meta } = info.lab;
    const accounts = this.opts.target.accounts.map((a) => `${a.name} ${a.id}`).join(', ');
    const facts = [`${info.lab.steps.length} steps`, meta.duration && `about ${meta.duration}`, `target ${info.target} (${accounts})`, `prefix ${info.prefix}`];
    this.print('', c.bold(meta.title), c.dim('═'.repeat(Math.min(this.screen.width, Math.max(10, meta.title.length)))));
    this.say(c.dim(facts.filter(Boolean).join(' · ')), '');
    if (info.lab.intro) this.print(renderMarkdown(info.lab.intro, this.screen.width), '');
    this.say(c.dim('Before each step you choose: run it, skip it, have its actions explained, or quit. Ctrl-C stops the lab; what it created is always cleaned up.'));
  }

  async beforeStep(step: Step, index: number, total: number): Promise<'run' | 'skip' | 'quit'> {
    this.print(...stepHeader(step, index, total, this.elapsed(), this.screen.width));
    this.print(...stepBody(step, this.screen.width));
    const hints = step.actions.filter((a) => a.hint);
    for (;;) {
      const choices: Array<Choice<StepChoice>> = [
        { value: 'run', label: step.actions.length ? 'Run this step' : 'Continue', key: 'r' },
      ];
      if (step.actions.length) {
        choices.push({ value: 'skip', label: 'Skip it', key: 's' }, { value: 'explain', label: 'Explain what it will do', key: 'e' });
      }
      if (hints.length) choices.push({ value: 'hint', label: `Show the hint${hints.length > 1 ? 's' : ''}`, key: 'h' });
      choices.push({ value: 'quit', label: 'Quit (cleans up)', key: 'q' });
      const choice = await this.opts.prompter.select(`Step ${index + 1} of ${total}`, choices, 'run');
      if (choice === undefined) {
        if (await this.confirmStop()) return 'quit';
        continue;
      }
      if (choice === 'explain') this.print('', ...explainStep(step));
      else if (choice === 'hint') for (const a of hints) this.showHint(a);
      else if (choice === 'run') return (await this.askQuizzes(step, index)) ? 'run' : 'quit';
      else return choice;
    }
  }

  /** False when the learner stopped the lab during a quiz. */
  private async askQuizzes(step: Step, index: number): Promise<boolean> {
    for (const quiz of step.quizzes ?? []) {
      const record = await askQuiz(quiz, index, this.opts.prompter, this.screen);
      this.quizzes.push(record);
      if (record.cancelled && (await this.confirmStop())) return false;
    }
    return true;
  }

  private async confirmStop(): Promise<boolean> {
    const stop = await this.opts.prompter.confirm('Stop the lab here? What it created is cleaned up.', true);
    // Ctrl-C again on this question: the learner means it.
    return stop !== false;
  }

  private showHint(a: Action): void {
    this.hinted.add(a);
    this.print(...hintLines(a, this.screen.width), '');
  }

  actionStart(info: { action: Action; label: string; as: string; cli?: string }): void {
    this.spinner.stop();
    this.print(...actionHeadline(info));
    this.spinner.start(info.action.run !== undefined ? 'running the command' : `calling ${info.label.split(':')[0]}`);
  }

  settling(info: { label: string; attempt: number; waitedMs: number; reason: string }): void {
    const text = `${info.reason}: waiting for IAM to settle (attempt ${info.attempt + 1})`;
    if (this.spinner.spinning) this.spinner.update(text);
    else this.say(c.dim(`  … ${text}, ${formatDuration(info.waitedMs)} so far`));
  }

  actionEnd(r: ActionResult): void {
    this.spinner.stop();
    this.redact.learnAction(r);
    this.say(...outcomeLines(r));
    if (this.opts.verbose) for (const d of r.details ?? []) this.say(c.dim(`      ${d}`));
    if (!r.met && r.action.hint && !this.hinted.has(r.action)) this.showHint(r.action);
  }

  async afterUnmet(r: ActionResult): Promise<'retry' | 'skip' | 'quit'> {
    // Interrupted while the action ran (Ctrl-C also stops a `run:` command): not a question.
    if (this.stopping) return 'quit';
    for (;;) {
      const choices: Array<Choice<UnmetChoice>> = [
        { value: 'retry', label: 'Retry the action', key: 'r' },
        { value: 'details', label: 'Show details', key: 'd' },
      ];
      if (r.action.hint) choices.push({ value: 'hint', label: 'Show the hint again', key: 'h' });
      choices.push({ value: 'skip', label: 'Skip the rest of this step', key: 's' }, { value: 'quit', label: 'Quit (cleans up)', key: 'q' });
      const choice = await this.opts.prompter.select('That was not the expected outcome. What now?', choices, 'retry');
      if (choice === undefined) {
        if (await this.confirmStop()) return 'quit';
        continue;
      }
      if (choice === 'details') this.say('', ...detailLines(r, (v) => JSON.stringify(this.redact.value(v), null, 2)), '');
      else if (choice === 'hint') this.showHint(r.action);
      else return choice;
    }
  }

  async beforeCleanup(info: { count: number; interrupted: boolean }): Promise<'clean' | 'keep'> {
    if (!info.interrupted || info.count === 0) return 'clean';
    this.spinner.stop();
    const yes = await this.opts.prompter.confirm(`Clean up the ${info.count} thing(s) this run created?`, true);
    // Ctrl-C on this question too: cleaning up is the safe answer.
    return yes === false ? 'keep' : 'clean';
  }

  stepEnd(r: StepResult): void {
    const time = formatDuration(r.durationMs);
    if (r.skipped) this.say(c.yellow(`  Step ${r.index + 1} skipped`));
    else if (r.met) this.say(c.dim(`  Step ${r.index + 1} done in ${time}`));
  }

  cleanupStart(count: number): void {
    this.cleanupTotal = count;
    this.cleanupDone = 0;
    if (count === 0) return;
    this.print('', `${c.bold('Cleaning up')} ${c.dim(`(${count} call${count === 1 ? '' : 's'})`)}`);
    this.spinner.start(`cleaning up 0/${count}`);
  }

  cleanupItem(r: CleanupResult): void {
    this.spinner.stop();
    this.cleanupDone++;
    const mark = r.ok ? c.green('✓') : c.red('✗');
    const note = r.alreadyGone ? c.dim(' (already gone)') : r.ok ? '' : ` → ${r.error?.code}: ${r.error?.message}`;
    this.say(`  ${mark} ${r.item.call} in ${r.item.account} ${c.dim(`(undoes ${r.item.undoes})`)}${note}`);
    if (this.cleanupDone < this.cleanupTotal) this.spinner.start(`cleaning up ${this.cleanupDone}/${this.cleanupTotal}`);
  }

  runEnd(r: RunResult): void {
    this.spinner.stop();
    this.unwatch?.();
    this.unwatch = undefined;
    const shown = this.stopping && !r.interrupted ? { ...r, interrupted: true, quit: undefined } : r;
    this.print(...summaryLines(shown, this.quizzes, this.screen.width));
    if (r.kept) this.say(c.dim(`What the run created is still there: everything named ${r.prefix}-… (run ${r.runId}).`));
  }
}
