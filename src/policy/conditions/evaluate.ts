// Compiles a statement's Condition block and evaluates it against a request. The rules common
// to every operator family live here (IAM UG, "Condition operators" and "Multivalued context
// keys"):
// - all operators and all keys must match (AND); any one of a key's values may match (OR);
// - a missing key fails the condition, except: negated operators and `...IfExists` match,
//   `ForAllValues:` matches (an empty set), `Null` tests presence itself;
// - `ForAnyValue:` needs one request value to match, `ForAllValues:` needs every one to;
// - without a set operator, a multivalued key matches when any of its values does (negated:
//   when none does).
import type { EvalContext } from '../context.js';
import { parseTemplate, renderTemplate, type TemplatePart } from '../variables.js';
import { nullMatches } from './null.js';
import type { ValueTest } from './operator.js';
import { parseOperator, type ParsedOperator } from './registry.js';

export interface ConditionEntry {
  /** Operator and key as written, for explanations. */
  operator: string;
  key: string;
  keyLower: string;
  values: string[];
  op: ParsedOperator;
  /** Compiled values; a template for values holding policy variables. */
  compiled: (ValueTest | null | TemplatePart[])[];
  hasTemplates: boolean;
  cache?: Map<string, ValueTest | null>;
}

const CACHE_LIMIT = 256;

/** Compiles one operator/key pair. Returns undefined for an unknown operator. */
export function compileEntry(
  operator: string,
  key: string,
  values: string[],
  variables: boolean,
): ConditionEntry | undefined {
  const op = parseOperator(operator);
  if (!op) return undefined;
  const compiled = values.map((v) => {
    if (!op.base) return null;
    const parts = variables && op.base.variables ? parseTemplate(v) : undefined;
    if (parts) return parts;
    return op.base.compile(op.base.fromLiteral ? op.base.fromLiteral(v) : v);
  });
  const hasTemplates = compiled.some((c) => Array.isArray(c));
  return { operator, key, keyLower: key.toLowerCase(), values, op, compiled, hasTemplates };
}

function valueTest(
  entry: ConditionEntry,
  c: TemplatePart[],
  ctx: EvalContext,
): ValueTest | null | undefined {
  const base = entry.op.base!;
  const id = (s: string): string => s;
  const pattern = renderTemplate(
    c,
    ctx.get,
    base.fromLiteral ?? id,
    base.fromValue ?? id,
    ctx.noteMissing,
  );
  if (pattern === undefined) return undefined;
  const cache = (entry.cache ??= new Map());
  let test = cache.get(pattern);
  if (test === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    test = base.compile(pattern);
    cache.set(pattern, test);
  }
  return test;
}

/** The tests for an entry's values in this request; undefined when a value holds a policy
 * variable whose key is absent: IAM UG ("Principal key values") says any attempt to match it
 * fails and makes the statement invalid, so the entry fails whatever the operator. */
function resolveTests(entry: ConditionEntry, ctx: EvalContext): (ValueTest | null)[] | undefined {
  let tests = entry.compiled as (ValueTest | null)[];
  if (!entry.hasTemplates) return tests;
  tests = [];
  for (const c of entry.compiled) {
    if (!Array.isArray(c)) tests.push(c);
    else {
      const t = valueTest(entry, c, ctx);
      if (t === undefined) return undefined;
      tests.push(t);
    }
  }
  return tests;
}

function anyMatches(tests: readonly (ValueTest | null)[], requestValue: string): boolean {
  for (const t of tests) if (t !== null && t(requestValue)) return true;
  return false;
}

/** Evaluates one operator/key pair. `seen` is what the request held for the key. */
export function evaluateEntry(
  entry: ConditionEntry,
  ctx: EvalContext,
  seen: readonly string[] | undefined,
): boolean {
  const { op } = entry;
  const present = seen !== undefined && seen.length > 0;
  if (!op.base) return entry.values.some((v) => nullMatches(present, v));
  if (!present) {
    if (op.setOp === 'all') return true;
    if (op.ifExists) return true;
    if (op.setOp === 'any') return false;
    return op.base.negated;
  }
  const tests = resolveTests(entry, ctx);
  if (!tests) return false;
  const negated = op.base.negated;
  const one = (v: string): boolean => anyMatches(tests, v) !== negated;
  if (op.setOp === 'all') return seen.every(one);
  if (op.setOp === 'any') return seen.some(one);
  const some = seen.some((v) => anyMatches(tests, v));
  return negated ? !some : some;
}

/** The first entry of a block that fails, with what the request held; undefined when all
 * entries match. Keys the request lacks are recorded on the context. */
export function failingEntry(
  entries: readonly ConditionEntry[],
  ctx: EvalContext,
): { entry: ConditionEntry; seen: readonly string[] | undefined } | undefined {
  let failed: { entry: ConditionEntry; seen: readonly string[] | undefined } | undefined;
  for (const entry of entries) {
    const seen = ctx.get(entry.keyLower);
    // Every absent key is reported (SimulatePrincipalPolicy's MissingContextValues), even
    // after the block has already failed.
    if (seen === undefined && entry.op.base) ctx.noteMissing(entry.key);
    if (!failed && !evaluateEntry(entry, ctx, seen)) failed = { entry, seen };
  }
  return failed;
}
