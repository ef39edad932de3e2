// Non-interactive output: one line per action, the message and the explanation under denials,
// a summary at the end. --quiet keeps only what went wrong and the summary; --verbose adds each
// request (as the AWS CLI command) and response, secrets masked. Every line passes through
// the redactor, so no secret reaches a log even if a command prints one.
import type { Writable } from 'node:stream';
import type { Lab, Step } from '../../lab/types.js';
import type { ActionResult, CleanupResult, RunEvents, RunResult, StepResult } from '../../runner/types.js';
import type { TargetSession } from '../../targets/types.js';
import { problemsShown } from '../../ui/action-view.js';
import { c } from '../../ui/colors.js';
import { Redactor } from './redact.js';

export interface TextReporterOptions {
  quiet?: boolean;
  verbose?: boolean;
  target: TargetSession;
}

/** Lines of a command's output shown under it; the end is where errors are. */
const TAIL = 15;

export class TextReporter implements RunEvents {
  private cleanupFailures = 0;
  private readonly redact: Redactor;
  /** The step header is held back under --quiet until something in the step needs it. */
  private pendingHeader: string | undefined;

  constructor(
    private readonly out: Writable,
    private readonly opts: TextReporterOptions,
  ) {
    this.redact = Redactor.forTarget(opts.target);
  }

  private line(s = ''): void {
    this.out.write(`${this.redact.text(s)}\n`);
  }

  runStart(info: { lab: Lab; runId: string; prefix: string; target: string }): void {
    if (this.opts.quiet) return;
    const accts = this.opts.target.accounts.map((a) => `${a.name}=${a.id}`).join(', ');
    this.line(`${c.bold(info.lab.meta.title)}`);
    this.line(c.dim(`lab ${info.lab.id} · target ${info.target} (${accts}) · prefix ${info.prefix}`));
  }

  stepStart(step: Step, index: number, total: number): void {
    const header = `${c.dim(`${index + 1}/${total}`)} ${c.bold(step.title)}`;
    if (this.opts.quiet) this.pendingHeader = header;
    else {
      this.line();
      this.line(header);
    }
  }

  actionEnd(r: ActionResult): void {
    this.redact.learnAction(r);
    if (this.opts.quiet && r.met) return;
    if (this.pendingHeader) {
      this.line(this.pendingHeader);
      this.pendingHeader = undefined;
    }
    const mark = r.met ? c.green('✓') : c.red('✗');
    const o = r.outcome;
    const isRun = r.action.run !== undefined;
    const script = r.label.trim();
    const what = isRun ? `$ ${script.split('\n')[0]}${script.includes('\n') ? ' …' : ''}` : `${r.label} as ${r.as}`;
    const result = isRun ? `exit ${o.exitCode}` : o.ok ? 'ok' : o.error!.code;
    const expected = r.met && !o.ok && !isRun ? ', as expected' : '';
    const tries = (r.attempts ?? 1) > 1 ? `, ${r.attempts} attempts` : '';
    this.line(`  ${mark} ${what} → ${result}${expected} ${c.dim(`(${Math.round(o.durationMs)} ms${tries})`)}`);
    if (this.opts.verbose) this.request(r);
    if (!o.ok && o.error) this.line(`      ${o.error.message}`);
    if (r.explanation) this.line(`      ${c.cyan('why:')} ${r.explanation}`);
    if (this.opts.verbose) for (const d of r.details ?? []) this.line(c.dim(`        ${d}`));
    if (isRun && (!r.met || this.opts.verbose)) {
      const text = `${o.stdout ?? ''}${o.stderr ?? ''}`.trim();
      if (text) for (const l of text.split('\n').slice(-TAIL)) this.line(c.dim(`      | ${l}`));
    }
    if (this.opts.verbose && o.output && !isRun) this.response(o.output);
    for (const p of problemsShown(r)) this.line(`      ${c.red('unexpected:')} ${p}`);
    if (!r.met && r.action.hint) this.line(`      ${c.yellow('hint:')} ${r.action.hint.replace(/\s*\n\s*/g, ' ')}`);
  }

  /** The request: the AWS CLI command that replays it, or the whole script of a run: step. */
  private request(r: ActionResult): void {
    if (r.cli) this.line(c.dim(`      request: ${r.cli}`));
    else if (r.label.trim().includes('\n')) for (const l of r.label.trim().split('\n')) this.line(c.dim(`      $ ${l}`));
    if (r.outcome.error?.requestId) this.line(c.dim(`      request id: ${r.outcome.error.requestId}`));
  }

  /** The response's output, secrets masked, as indented JSON. */
  private response(output: Record<string, unknown>): void {
    const json = JSON.stringify(this.redact.value(output), null, 2);
    const lines = json.split('\n');
    this.line(c.dim(`      response: ${lines[0]}`));
    for (const l of lines.slice(1)) this.line(c.dim(`      ${l}`));
  }

  stepEnd(r: StepResult): void {
    if (r.skipped && !this.opts.quiet) this.line(c.yellow('  skipped'));
    this.pendingHeader = undefined;
  }

  settling(info: { label: string; attempt: number; waitedMs: number; reason: string }): void {
    if (this.opts.quiet) return;
    this.line(c.dim(`  … ${info.label}: ${info.reason}; waiting for IAM to settle (${(info.waitedMs / 1000).toFixed(1)} s, attempt ${info.attempt + 1})`));
  }

  cleanupStart(count: number): void {
    if (this.opts.quiet || count === 0) return;
    this.line();
    this.line(`${c.bold('Cleaning up')} ${c.dim(`(${count} call${count === 1 ? '' : 's'})`)}`);
  }

  cleanupItem(r: CleanupResult): void {
    if (!r.ok) this.cleanupFailures++;
    if (this.opts.quiet && r.ok) return;
    const mark = r.ok ? c.green('✓') : c.red('✗');
    const note = r.alreadyGone ? c.dim(' (already gone)') : r.ok ? '' : ` → ${r.error?.code}: ${r.error?.message}`;
    this.line(`  ${mark} ${r.item.call} in ${r.item.account}${note}`);
  }

  runEnd(r: RunResult): void {
    const met = r.steps.filter((s) => s.met).length;
    const total = r.lab.steps.length;
    const secs = ((r.endedAt.getTime() - r.startedAt.getTime()) / 1000).toFixed(1);
    const cleanup = r.kept
      ? c.yellow(`kept what it created (prefix ${r.prefix})`)
      : this.cleanupFailures
        ? c.red(`cleanup left ${this.cleanupFailures} thing(s) behind`)
        : 'cleaned up';
    if (!this.opts.quiet) this.line();
    if (r.interrupted) this.line(`${c.yellow('interrupted')} after ${met}/${total} steps · ${cleanup} · ${secs} s`);
    else if (r.ok) this.line(`${c.green('✓')} ${met}/${total} steps met their expectations · ${cleanup} · ${secs} s`);
    else this.line(`${c.red('✗')} ${met}/${total} steps met their expectations · ${cleanup} · ${secs} s`);
  }
}
