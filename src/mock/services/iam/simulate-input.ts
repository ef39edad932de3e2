// Input of the policy simulator: ContextEntries with their declared types, and policy lists
// given as text (PolicyInputList, PermissionsBoundaryPolicyInputList).
import type { NamedPolicy, PolicyKind, RequestContext } from '../../../policy/index.js';
import { checkString, type QueryInput } from '../../protocols/query.js';
import { invalidInput } from './context.js';
import { compilePolicyText, rules } from './validate.js';

const TYPES = ['string', 'stringList', 'numeric', 'numericList', 'boolean', 'booleanList', 'ip', 'ipList', 'binary', 'binaryList', 'date', 'dateList'];

function convert(type: string, raw: string, key: string): string | number | boolean {
  if (type.startsWith('numeric')) {
    const n = Number(raw);
    if (raw.trim() === '' || Number.isNaN(n)) throw invalidInput(`Invalid value '${raw}' for context key ${key} of type ${type}.`);
    return n;
  }
  if (type.startsWith('boolean')) {
    if (!/^(true|false)$/i.test(raw)) throw invalidInput(`Invalid value '${raw}' for context key ${key} of type ${type}.`);
    return raw.toLowerCase() === 'true';
  }
  return raw;
}

/** ContextEntries.member.N.{ContextKeyName, ContextKeyType, ContextKeyValues.member.M}. */
export function readContextEntries(input: QueryInput): RequestContext {
  const entries = new Map<number, { name?: string; type?: string; values: [number, string][] }>();
  for (const [key, value] of input.params) {
    const m = /^ContextEntries\.member\.(\d+)\.(ContextKeyName|ContextKeyType|ContextKeyValues\.member\.(\d+))$/.exec(key);
    if (!m) continue;
    const e = entries.get(Number(m[1])) ?? { values: [] };
    if (m[2] === 'ContextKeyName') e.name = value;
    else if (m[2] === 'ContextKeyType') e.type = value;
    else e.values.push([Number(m[3]), value]);
    entries.set(Number(m[1]), e);
  }
  const ctx: RequestContext = {};
  for (const [i, e] of [...entries.entries()].sort((a, b) => a[0] - b[0])) {
    const name = checkString(`ContextEntries.${i}.member.contextKeyName`, e.name ?? '', { min: 5, max: 256 });
    const type = checkString(`ContextEntries.${i}.member.contextKeyType`, e.type ?? '', { enum: TYPES });
    const raw = e.values.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
    for (const v of raw) convert(type, v, name);
    // Lists stay lists of strings (the engine parses per operator); a single typed value
    // becomes a number or a boolean.
    ctx[name] = type.endsWith('List') || raw.length !== 1 ? raw : convert(type, raw[0]!, name);
  }
  return ctx;
}

/** A list of policy documents given as text, compiled as `kind`, named as AWS names them in
 * MatchedStatements (`PolicyInputList.1`, ...). */
export function readPolicyList(input: QueryInput, param: string, kind: PolicyKind): NamedPolicy[] {
  return (input.list(param) ?? []).map((text, i) => {
    checkString(`${param}.${i + 1}.member`, text, rules.policyDocument);
    return { name: `${param}.${i + 1}`, policy: compilePolicyText(text, kind) };
  });
}
