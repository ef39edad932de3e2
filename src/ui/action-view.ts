// How an action reads in a terminal: a one-line summary, what it expects in words, and after
// it ran, its outcome. Shared by `lab show`, the guided run and the plain reporter.
import type { Action, Expectation, Matcher } from '../lab/types.js';
import type { ActionResult } from '../runner/types.js';
import { c } from './colors.js';

/** `iam:CreateRole as target — expect AccessDenied`, from the lab file as written. */
export function describeAction(a: Action): string {
  const who = a.as ? ` as ${a.as}` : '';
  const what = a.call ? `${a.call}${who}` : `$ ${firstLine(a.run ?? '')}${who}`;
  const e = a.expect;
  const expect = e.success ? '' : ` — expect ${e.error?.join(' or ') ?? 'failure'}`;
  return `${what}${expect}`;
}

function firstLine(s: string): string {
  const lines = s.trim().split('\n');
  return lines.length > 1 ? `${lines[0]} …` : lines[0]!;
}

export function describeMatcher(m: Matcher): string {
  if (m.kind === 'regex') return `/${m.source}/${m.flags}`;
  if (m.kind === 'substring') return `"${m.text}"`;
  return JSON.stringify(m.value);
}

/** The expectation in words, one line each: what "met" will mean for this action. */
export function describeExpectation(e: Expectation, isRun: boolean): string[] {
  const out: string[] = [];
  if (e.success) out.push(isRun ? `exits ${e.exitCode ?? 0}` : 'succeeds');
  else if (e.error) out.push(`fails with ${e.error.join(' or ')}`);
  else out.push('fails');
  if (e.message) out.push(`with a message matching ${describeMatcher(e.message)}`);
  if (!e.success && isRun && e.exitCode !== undefined) out.push(`exit code ${e.exitCode}`);
  for (const [path, m] of Object.entries(e.output ?? {})) out.push(`${path} is ${describeMatcher(m)}`);
  if (e.stdout) out.push(`stdout matches ${describeMatcher(e.stdout)}`);
  if (e.stderr) out.push(`stderr matches ${describeMatcher(e.stderr)}`);
  return out;
}

/** Before it runs: the call (or command) and who makes it; the CLI line to replay it. */
export function actionHeadline(info: { action: Action; label: string; as: string; cli?: string }): string[] {
  const isRun = info.action.run !== undefined;
  const lines = isRun
    ? info.label.trim().split('\n').map((l, i) => (i === 0 ? `${c.cyan('▶')} ${c.bold('$')} ${l}` : `    ${l}`))
    : [`${c.cyan('▶')} ${c.bold(info.label)} ${c.dim(`as ${info.as}`)}`];
  if (isRun) lines[0] += ` ${c.dim(`as ${info.as}`)}`;
  if (info.cli) lines.push(`  ${c.dim('$')} ${c.dim(info.cli)}`);
  return lines;
}

/** After it ran: ✓/✗, the result, the time; the error message and why it was denied. */
export function outcomeLines(r: ActionResult): string[] {
  const o = r.outcome;
  const isRun = r.action.run !== undefined;
  const mark = r.met ? c.green('✓') : c.red('✗');
  let result: string;
  if (isRun) result = `exit ${o.exitCode}`;
  else if (o.ok) result = 'ok';
  else result = o.error?.code ?? 'failed';
  const asExpected = r.met && !o.ok && !isRun ? ', as expected' : '';
  const tries = (r.attempts ?? 1) > 1 ? `, ${r.attempts} attempts` : '';
  const lines = [`  ${mark} ${result}${asExpected} ${c.dim(`(${Math.round(o.durationMs)} ms${tries})`)}`];
  if (!o.ok && o.error) lines.push(`    ${o.error.message}`);
  if (r.explanation) lines.push(`    ${c.cyan('why:')} ${r.explanation}`);
  for (const p of problemsShown(r)) lines.push(`    ${c.red('unexpected:')} ${p}`);
  return lines;
}

/** The problems, without repeating the error message printed just above them. */
export function problemsShown(r: ActionResult): string[] {
  const m = r.outcome.error?.message;
  return r.problems.map((p) => (m && p.endsWith(`: ${m}`) ? p.slice(0, -(m.length + 2)) : p));
}
