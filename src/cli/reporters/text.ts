// Non-interactive output: one line per action, the message and the explanation under denials,
// a summary at the end. Never prints a secret: outputs are not printed, only codes and messages.
import type { Writable } from 'node:stream';
import type { Lab, Step } from '../../lab/types.js';
import type { ActionResult, CleanupResult, RunEvents, RunResult, StepResult } from '../../runner/types.js';
import type { TargetSession } from '../../targets/types.js';
import { c } from '../../ui/colors.js';

export interface TextReporterOptions {
  quiet?: boolean;
  verbose?: boolean;
  target: TargetSession;
}

export class TextReporter implements RunEvents {
  private cleanupFailures = 0;

  constructor(
    private readonly out: Writable,
    private readonly opts: TextReporterOptions,
  ) {}

  private line(s = ''): void {
    this.out.write(`${s}\n`);
  }

  runStart(info: { lab: Lab; runId: string; prefix: string; target: string }): void {
    if (this.opts.quiet) return;
    const accts = this.opts.target.accounts.map((a) => `${a.name}=${a.id}`).join(', ');
    this.line(`${c.bold(info.lab.meta.title)}`);
    this.line(c.dim(`lab ${info.lab.id} · target ${info.target} (${accts}) · prefix ${info.prefix}`));
  }

  stepStart(step: Step, index: number, total: number): void {
    if (this.opts.quiet) return;
    this.line();
    this.line(`${c.dim(`${index + 1}/${total}`)} ${c.bold(step.title)}`);
  }

  actionEnd(r: ActionResult): void {
    if (this.opts.quiet && r.met) return;
    const mark = r.met ? c.green('✓') : c.red('✗');
    const o = r.outcome;
    const what = r.action.run !== undefined ? `$ ${r.label}` : `${r.label} as ${r.as}`;
    let result: string;
    if (r.action.run !== undefined) result = `exit ${o.exitCode}`;
    else if (o.ok) result = 'ok';
    else result = o.error!.code;
    const expected = r.met ? (o.ok || r.action.run !== undefined ? '' : ', as expected') : '';
    this.line(`  ${mark} ${what} → ${result}${expected} ${c.dim(`(${Math.round(o.durationMs)} ms)`)}`);
    if (this.opts.verbose && r.cli) this.line(c.dim(`      ${r.cli}`));
    if (!o.ok && o.error) this.line(`      ${o.error.message}`);
    if (r.explanation) this.line(`      ${c.cyan('why:')} ${r.explanation}`);
    if (this.opts.verbose) for (const d of r.details ?? []) this.line(c.dim(`        ${d}`));
    if (r.action.run !== undefined && (!r.met || this.opts.verbose)) {
      const text = `${o.stdout ?? ''}${o.stderr ?? ''}`.trim();
      if (text) for (const l of text.split('\n').slice(-15)) this.line(c.dim(`      | ${l}`));
    }
    for (const p of r.problems) this.line(`      ${c.red('unexpected:')} ${p}`);
  }

  stepEnd(_r: StepResult): void {}

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
    this.line();
    if (r.interrupted) this.line(`${c.yellow('interrupted')} after ${met}/${total} steps · ${cleanup} · ${secs} s`);
    else if (r.ok) this.line(`${c.green('✓')} ${met}/${total} steps met their expectations · ${cleanup} · ${secs} s`);
    else this.line(`${c.red('✗')} ${met}/${total} steps met their expectations · ${cleanup} · ${secs} s`);
  }
}
