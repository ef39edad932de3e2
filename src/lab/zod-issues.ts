// zod reports schema violations as issues with a path; lab authors need a sentence at the
// line of the offending key. This turns one into the other.
import type { z } from 'zod';
import type { Problems } from './problems.js';
import { closest } from './suggest.js';
import type { YamlBlock, YamlPath } from './yaml-block.js';

export interface IssueContext {
  block: YamlBlock;
  problems: Problems;
  /** Path of the validated value inside the block (issues' paths are relative to it). */
  base: YamlPath;
  /** Line to use when a node cannot be found (e.g. the block's fence). */
  fallbackLine: number;
  /** The keys allowed in the mapping at a (full) path, for unknown-key messages. */
  allowedKeys(path: YamlPath): readonly string[];
  /** Where the mapping at a path sits, e.g. "an action" or "expect". */
  where(path: YamlPath): string;
}

/** Common wrong names for keys, mapped to the right one (edit distance misses these). */
const SYNONYMS: Record<string, string> = {
  input: 'with',
  params: 'with',
  parameters: 'with',
  args: 'with',
  command: 'run',
  shell: 'run',
  cmd: 'run',
  operation: 'call',
  api: 'call',
  action: 'call',
  identity: 'as',
  user: 'as',
  profile: 'as',
  account: 'as',
  code: 'error',
  errorCode: 'error',
  exit: 'exitCode',
  exit_code: 'exitCode',
  status: 'exitCode',
  result: 'output',
  outputs: 'output',
  expected: 'expect',
  expects: 'expect',
  assert: 'expect',
  teardown: 'cleanup',
  name: 'title',
  account_names: 'accounts',
  explanation: 'explain',
  why: 'explain',
  options: 'choices',
  correct: 'answer',
  solution: 'answer',
};

export function label(path: YamlPath): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s || 'the block';
}

export function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'empty';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
  return String(v);
}

const NOUNS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  record: 'a mapping (key: value)',
  object: 'a mapping (key: value)',
  array: 'a list',
};

export function suggestKey(key: string, allowed: readonly string[]): string | undefined {
  const syn = SYNONYMS[key];
  if (syn && allowed.includes(syn)) return syn;
  return closest(key, allowed);
}

export function reportIssues(issues: readonly z.core.$ZodIssue[], ctx: IssueContext): void {
  const full = (i: z.core.$ZodIssue): YamlPath => [...ctx.base, ...(i.path as Array<string | number>)];
  // Keys that an unknown key was taken for (`cal:` -> call): "needs call:" would repeat it.
  const meant = new Set<string>();
  for (const i of issues) {
    if (i.code !== 'unrecognized_keys') continue;
    for (const k of i.keys) meant.add(`${label(full(i))}\0${suggestKey(k, ctx.allowedKeys(full(i))) ?? ''}`);
  }
  for (const issue of issues) {
    const path = full(issue);
    const missing = issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined;
    if (missing && path.length > 0) {
      const parent = path.slice(0, -1);
      const key = String(path[path.length - 1]);
      if (meant.has(`${label(parent)}\0${key}`)) continue;
      ctx.problems.add(ctx.block.lineOfPath(parent, ctx.fallbackLine), `${ctx.where(parent)} needs ${key}:`);
      continue;
    }
    if (issue.code === 'unrecognized_keys') {
      const allowed = ctx.allowedKeys(path);
      for (const key of issue.keys) {
        const line = ctx.block.lineOf(ctx.block.keyNode(path, key), ctx.fallbackLine);
        const s = suggestKey(key, allowed);
        const tail = s ? ` (did you mean ${s}?)` : ` (known keys: ${allowed.join(', ')})`;
        ctx.problems.add(line, `unknown key ${key} in ${ctx.where(path)}${tail}`);
      }
      continue;
    }
    ctx.problems.add(ctx.block.lineOfPath(path, ctx.fallbackLine), `${label(path)} ${predicate(issue)}`);
  }
}

function predicate(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${NOUNS[issue.expected] ?? issue.expected}, not ${describeValue(input)}`;
    case 'too_small':
      if (issue.origin === 'array' || issue.origin === 'string') return 'must not be empty';
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, not ${describeValue(input)}`;
    default:
      // Our schemas phrase their own messages as predicates ("must look like ...").
      return issue.message;
  }
}
