// The longer views of a guided run: a step's header and prose, "explain" (what each action
// will do and expect), hints, and "details" of an outcome that was not the expected one.
import type { Action, Step } from '../lab/types.js';
import type { ActionResult } from '../runner/types.js';
import { describeAction, describeExpectation } from './action-view.js';
import { c } from './colors.js';
import { renderMarkdown } from './render-markdown.js';
import { width as textWidth } from './text-width.js';

export function stepHeader(step: Step, index: number, total: number, elapsed: string, cols: number): string[] {
  const progress = `── Step ${index + 1} of ${total} · ${elapsed} `;
  const rule = '─'.repeat(Math.max(0, Math.min(cols, 72) - textWidth(progress)));
  return ['', c.dim(progress + rule), c.bold(step.title), ''];
}

/** The step's prose (without its action blocks) and one line per action it will run. */
export function stepBody(step: Step, cols: number): string[] {
  const out: string[] = [];
  if (step.prose) out.push(renderMarkdown(step.prose, cols), '');
  if (step.actions.length) {
    out.push(c.dim(step.actions.length === 1 ? 'This step runs:' : `This step runs ${step.actions.length} actions:`));
    for (const a of step.actions) out.push(`  ${c.cyan('▶')} ${describeAction(a)}`);
    out.push('');
  }
  return out;
}

export function explainStep(step: Step): string[] {
  const out: string[] = [];
  step.actions.forEach((a, i) => {
    const isRun = a.run !== undefined;
    out.push(`${c.bold(`${i + 1}.`)} ${describeAction(a)}`);
    out.push(`   ${c.dim('expects:')} ${describeExpectation(a.expect, isRun).join(', ')}`);
    if (a.save) out.push(`   ${c.dim('saves:')} ${Object.keys(a.save).join(', ')}`);
    out.push(`   ${c.dim(`as written (${a.pos.file}:${a.pos.line}):`)}`);
    for (const l of (a.source ?? '').replace(/\n$/, '').split('\n')) out.push(`     ${c.cyan(l)}`);
    if (a.hint) out.push(`   ${c.dim('a hint is available: press h')}`);
    out.push('');
  });
  return out;
}

export function hintLines(a: Action, cols: number): string[] {
  if (!a.hint) return [];
  return [`  ${c.yellow('hint:')}`, ...renderMarkdown(a.hint, cols - 4).split('\n').map((l) => (l ? `    ${l}` : ''))];
}

/** Everything known about an outcome: for the learner who asks "what exactly happened?". */
export function detailLines(r: ActionResult, json: (v: unknown) => string): string[] {
  const o = r.outcome;
  const isRun = r.action.run !== undefined;
  const out: string[] = [c.bold('Details')];
  const field = (k: string, v: string | number | undefined) => {
    if (v !== undefined && v !== '') out.push(`  ${c.dim(`${k}:`)} ${v}`);
  };
  field('action', `${r.action.pos.file}:${r.action.pos.line}`);
  field(isRun ? 'command' : 'call', r.label.includes('\n') ? `\n${r.label}` : r.label);
  field('as', r.as);
  field('AWS CLI', r.cli);
  field('expected', describeExpectation(r.action.expect, isRun).join(', '));
  if (o.error) {
    field('error', o.error.code);
    field('message', o.error.message);
    field('HTTP status', o.error.status);
    field('request id', o.error.requestId);
  }
  field('exit code', o.exitCode);
  if (r.explanation) field('why', r.explanation);
  for (const d of r.details ?? []) out.push(`    ${d}`);
  if (o.output && !isRun) out.push(`  ${c.dim('output:')}`, ...json(o.output).split('\n').map((l) => `    ${l}`));
  for (const [name, text] of [['stdout', o.stdout], ['stderr', o.stderr]] as const) {
    const t = text?.trimEnd();
    if (t) out.push(`  ${c.dim(`${name}:`)}`, ...t.split('\n').slice(-20).map((l) => `    ${c.dim('|')} ${l}`));
  }
  for (const p of r.problems) out.push(`  ${c.red('unexpected:')} ${p}`);
  return out;
}
