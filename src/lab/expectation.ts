// `expect:` in its written forms -> Expectation.
//   (absent)                       success
//   expect: AccessDenied           shorthand for error: AccessDenied
//   expect: [A, B]                 shorthand for error: [A, B]
//   expect: { error, message, output, exitCode, stdout, stderr }
import { textMatcher, valueMatcher, type MatcherResult } from './matcher.js';
import { errorCodeProblem, jmespathProblem } from './names.js';
import type { Problems } from './problems.js';
import { EXPECT_KEYS, expectSchema } from './schema.js';
import type { Expectation, Matcher } from './types.js';
import type { YamlBlock } from './yaml-block.js';
import { describeValue, reportIssues } from './zod-issues.js';

export interface ExpectContext {
  block: YamlBlock;
  problems: Problems;
  isRun: boolean;
  /** Line of the action (its fence), for an absent `expect:`. */
  actionLine: number;
}

const RUN_ONLY = ['exitCode', 'stdout', 'stderr'] as const;

export function parseExpect(raw: unknown, ctx: ExpectContext): Expectation {
  const { block, problems } = ctx;
  if (raw === undefined) return { success: true, pos: problems.pos(ctx.actionLine) };
  const line = block.lineOfPath(['expect'], ctx.actionLine);
  const pos = problems.pos(line);
  if (typeof raw === 'string' || Array.isArray(raw)) {
    const error = errorCodes(raw, ['expect'], ctx);
    return { success: false, error, pos };
  }
  if (raw === null || typeof raw !== 'object') {
    problems.add(line, `expect must be an error code or a mapping (error, message, output, ...), not ${describeValue(raw)}`);
    return { success: true, pos };
  }
  const r = expectSchema.safeParse(raw, { reportInput: true });
  if (!r.success) {
    reportIssues(r.error.issues, {
      block,
      problems,
      base: ['expect'],
      fallbackLine: line,
      allowedKeys: () => EXPECT_KEYS,
      where: () => 'expect',
    });
    return { success: true, pos };
  }
  const e = r.data;
  const keyLine = (k: string) => block.lineOfPath(['expect', k], line);
  const out: Expectation = { success: true, pos };
  if (e.error !== undefined) out.error = errorCodes(e.error, ['expect', 'error'], ctx);
  if (e.message !== undefined) assign(out, 'message', matcherOrReport(textMatcher(e.message), keyLine('message'), problems));
  if (e.output !== undefined) out.output = outputMatchers(e.output, ctx);
  if (!ctx.isRun) {
    for (const k of RUN_ONLY) {
      if (e[k] !== undefined) problems.add(keyLine(k), `expect.${k} is for run: actions; a call: has error, message and output`);
    }
  } else {
    if (e.exitCode !== undefined) out.exitCode = e.exitCode;
    if (e.stdout !== undefined) assign(out, 'stdout', matcherOrReport(textMatcher(e.stdout), keyLine('stdout'), problems));
    if (e.stderr !== undefined) assign(out, 'stderr', matcherOrReport(textMatcher(e.stderr), keyLine('stderr'), problems));
  }
  const failure = e.error !== undefined || e.message !== undefined;
  if (failure && e.output !== undefined && !ctx.isRun) {
    problems.add(keyLine('output'), 'expect has both error and output: a call that fails has no output to check');
  }
  if (failure && e.exitCode === 0) {
    problems.add(keyLine('exitCode'), 'expect has error or message with exitCode: 0, but a command that succeeds has no error');
  }
  out.success = !failure && (e.exitCode === undefined || e.exitCode === 0);
  return out;
}

function errorCodes(raw: unknown, path: Array<string | number>, ctx: ExpectContext): string[] {
  const list = typeof raw === 'string' ? [raw] : raw;
  const line = ctx.block.lineOfPath(path, ctx.actionLine);
  if (!Array.isArray(list) || list.length === 0) {
    ctx.problems.add(line, `${path.join('.')} must be an error code or a list of codes, e.g. AccessDenied`);
    return [];
  }
  return list.flatMap((code, i) => {
    const itemLine = typeof raw === 'string' ? line : ctx.block.lineOfPath([...path, i], line);
    if (typeof code !== 'string') {
      ctx.problems.add(itemLine, `${path.join('.')} must list error codes, not ${describeValue(code)}`);
      return [];
    }
    const why = errorCodeProblem(code);
    if (why) ctx.problems.add(itemLine, `${path.join('.')}: ${why}`);
    return why ? [] : [code];
  });
}

function outputMatchers(output: Record<string, unknown>, ctx: ExpectContext): Record<string, Matcher> {
  const out: Record<string, Matcher> = {};
  for (const [path, value] of Object.entries(output)) {
    const keyLine = ctx.block.lineOf(ctx.block.keyNode(['expect', 'output'], path), ctx.actionLine);
    const why = jmespathProblem(path);
    if (why) ctx.problems.add(keyLine, `expect.output: ${why}`);
    const m = matcherOrReport(valueMatcher(value), ctx.block.lineOfPath(['expect', 'output', path], keyLine), ctx.problems);
    if (m) out[path] = m;
  }
  return out;
}

function matcherOrReport(r: MatcherResult, line: number, problems: Problems): Matcher | undefined {
  if ('error' in r) {
    problems.add(line, r.error);
    return undefined;
  }
  return r.matcher;
}

/** Set only defined values, so a normalised Expectation has no `key: undefined` entries. */
function assign(e: Expectation, key: 'message' | 'stdout' | 'stderr', m: Matcher | undefined): void {
  if (m) e[key] = m;
}
