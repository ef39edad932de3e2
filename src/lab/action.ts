// One ```yaml lab block -> Action: schema, call/run, save, expect and cleanup. What needs
// the whole lab (accounts, earlier saves) is checked afterwards in scope-check.ts.
import { parseExpect } from './expectation.js';
import type { Fence } from './outline.js';
import { callProblem, isIdentityPath, jmespathProblem, saveNameProblem } from './names.js';
import type { Problems } from './problems.js';
import { ACTION_KEYS, actionSchema, CLEANUP_KEYS, cleanupCallSchema, EXPECT_KEYS, type RawAction } from './schema.js';
import type { Action, CleanupSpec, Pos } from './types.js';
import { YamlBlock, type YamlPath } from './yaml-block.js';
import { describeValue, reportIssues, suggestKey } from './zod-issues.js';

export interface SaveInfo {
  name: string;
  path: string;
  line: number;
  identity: boolean;
}

export interface ParsedAction {
  /** Undefined when the block could not be read at all (YAML syntax, not a mapping). */
  action?: Action;
  block: YamlBlock;
  saves: SaveInfo[];
}

export function parseAction(fence: Fence, problems: Problems): ParsedAction {
  const block = new YamlBlock(fence.content, fence.contentLine);
  const at = fence.line;
  const syntax = block.problems();
  for (const p of syntax) problems.add(p.line, p.message);
  if (syntax.length) return { block, saves: [] };
  const data: unknown = block.doc.toJS();
  if (data === null || data === undefined) {
    problems.add(at, 'empty action block: write call: service:Operation (an AWS call) or run: command (a shell command)');
    return { block, saves: [] };
  }
  if (typeof data !== 'object' || Array.isArray(data)) {
    problems.add(at, `an action block is a mapping of keys (call:, with:, ...), not ${describeValue(data)}`);
    return { block, saves: [] };
  }

  const r = actionSchema.safeParse(data, { reportInput: true });
  // Keep going with the keys that are fine, so one bad key does not hide other mistakes.
  const bad = new Set<unknown>();
  const unknownKeys: string[] = [];
  if (!r.success) {
    reportIssues(r.error.issues, issueContext(block, problems, [], at));
    for (const i of r.error.issues) {
      if (i.code === 'unrecognized_keys') unknownKeys.push(...i.keys);
      else bad.add(i.path[0]);
    }
  }
  const raw: RawAction = {};
  for (const [k, v] of Object.entries(data)) {
    if (ACTION_KEYS.includes(k) && !bad.has(k)) (raw as Record<string, unknown>)[k] = v;
  }

  const keyPos: Record<string, Pos> = {};
  for (const k of Object.keys(data)) keyPos[k] = problems.pos(block.lineOfPath([k], at));
  const line = (k: string) => keyPos[k]?.line ?? at;

  const action: Action = { pos: problems.pos(at), expect: { success: true, pos: problems.pos(at) }, keyPos };
  if (raw.as !== undefined) action.as = raw.as;
  checkCallOrRun(raw, data, unknownKeys, bad, line, at, problems);
  if (raw.call !== undefined) {
    action.call = raw.call.trim();
    const why = callProblem(action.call);
    if (why) problems.add(line('call'), why);
  }
  if (raw.run !== undefined) action.run = raw.run;
  if (raw.with !== undefined) {
    if (raw.call === undefined && raw.run !== undefined) {
      problems.add(line('with'), 'with: is the input of a call:; for run: put the values in the command');
    }
    action.with = raw.with;
  }
  const saves = parseSaves(raw.save, block, problems, at);
  if (raw.save !== undefined) action.save = raw.save;
  const isRun = raw.run !== undefined && raw.call === undefined;
  action.expect = parseExpect(raw.expect, { block, problems, isRun, actionLine: at });
  const cleanup = parseCleanup(raw.cleanup, 'cleanup' in raw, block, problems, line('cleanup'));
  if (cleanup !== undefined) action.cleanup = cleanup;
  if (raw.hint !== undefined) action.hint = raw.hint.trim();
  action.source = fence.content;
  return { action, block, saves };
}

function checkCallOrRun(
  raw: RawAction,
  data: object,
  unknownKeys: string[],
  bad: Set<unknown>,
  line: (k: string) => number,
  at: number,
  problems: Problems,
): void {
  if (raw.call !== undefined && raw.run !== undefined) {
    problems.add(Math.max(line('call'), line('run')), 'an action has call: or run:, not both: split it into two blocks');
  }
  const present = 'call' in data || 'run' in data || bad.has('call') || bad.has('run');
  // `cal:` already got "did you mean call?"; saying "call is missing" too would be noise.
  const misspelt = unknownKeys.some((k) => ['call', 'run'].includes(suggestKey(k, ACTION_KEYS) ?? ''));
  if (!present && !misspelt) {
    problems.add(at, 'an action needs call: service:Operation (an AWS call) or run: command (a shell command)');
  }
}

function parseSaves(save: Record<string, string> | undefined, block: YamlBlock, problems: Problems, at: number): SaveInfo[] {
  if (save === undefined) return [];
  return Object.entries(save).map(([name, path]) => {
    const line = block.lineOf(block.keyNode(['save'], name), at);
    const why = saveNameProblem(name) ?? jmespathProblem(path);
    if (why) problems.add(line, why.startsWith('bad JMESPath') ? `save.${name}: ${why}` : why);
    return { name, path, line, identity: isIdentityPath(path) };
  });
}

function parseCleanup(raw: unknown, given: boolean, block: YamlBlock, problems: Problems, line: number): CleanupSpec | undefined {
  if (!given) return undefined;
  if (raw === false) return false;
  if (raw === true) {
    problems.add(line, 'cleanup: true is the default (automatic); write cleanup: false to skip it, or list the calls that undo this action');
    return undefined;
  }
  if (!Array.isArray(raw)) {
    problems.add(line, `cleanup must be false or a list of calls like - call: iam:DeleteUser, not ${describeValue(raw)}`);
    return undefined;
  }
  if (raw.length === 0) {
    problems.add(line, 'cleanup: [] lists no calls: write cleanup: false to skip cleanup');
    return undefined;
  }
  const calls: Exclude<CleanupSpec, false> = [];
  raw.forEach((item, i) => {
    const base: YamlPath = ['cleanup', i];
    const itemLine = block.lineOfPath(base, line);
    const r = cleanupCallSchema.safeParse(item, { reportInput: true });
    if (!r.success) {
      reportIssues(r.error.issues, issueContext(block, problems, base, itemLine));
      return;
    }
    const callLine = block.lineOfPath([...base, 'call'], itemLine);
    const why = callProblem(r.data.call.trim());
    if (why) problems.add(callLine, `cleanup ${why}`);
    const c: Exclude<CleanupSpec, false>[number] = { call: r.data.call.trim(), pos: problems.pos(callLine) };
    if (r.data.with !== undefined) c.with = r.data.with;
    calls.push(c);
  });
  return calls;
}

function issueContext(block: YamlBlock, problems: Problems, base: YamlPath, fallbackLine: number) {
  return {
    block,
    problems,
    base,
    fallbackLine,
    allowedKeys: (path: YamlPath) => (path[0] === 'cleanup' ? CLEANUP_KEYS : path[0] === 'expect' ? EXPECT_KEYS : ACTION_KEYS),
    where: (path: YamlPath) => (path[0] === 'cleanup' ? 'a cleanup call' : 'an action'),
  };
}
