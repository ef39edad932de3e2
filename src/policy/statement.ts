// A statement compiled once: matchers for its Action, Resource and Principal elements and its
// conditions, so that a request is decided without touching JSON again.
import { compileEntry, type ConditionEntry } from './conditions/evaluate.js';
import type { PrincipalEntry } from './principal.js';
import { compileResource, type ResourceMatcher } from './resource-match.js';
import { toList } from './validate.js';
import { compileGlob, type Matcher } from './wildcard.js';

export interface CompiledStatement {
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Matchers over the lower-cased action; `notAction` inverts them. */
  actions: Matcher[];
  notAction: boolean;
  /** Undefined when the statement has neither Resource nor NotResource (trust policies). */
  resources?: ResourceMatcher[];
  notResource: boolean;
  principal?: PrincipalEntry[];
  notPrincipal: boolean;
  /** Unique ids among the principals: users or roles deleted since the policy was saved. */
  uniqueIds?: string[];
  conditions: ConditionEntry[];
}

/** Condition values as strings (IAM also accepts JSON numbers and booleans there). */
export function conditionValues(v: unknown): string[] {
  return (Array.isArray(v) ? v : [v]).map((x) => String(x));
}

/** Compiles a statement that has already passed validation. */
export function compileStatement(
  st: Record<string, unknown>,
  index: number,
  principal: PrincipalEntry[] | undefined,
  variables: boolean,
): CompiledStatement {
  const uniqueIds = principal?.flatMap((e) => (e.kind === 'uniqueId' ? [e.id] : []));
  const actionList = toList(st.Action ?? st.NotAction);
  const resourceRaw = st.Resource ?? st.NotResource;
  const conditions: ConditionEntry[] = [];
  const block = (st.Condition ?? {}) as Record<string, Record<string, unknown>>;
  for (const operator of Object.keys(block)) {
    for (const key of Object.keys(block[operator]!)) {
      const entry = compileEntry(operator, key, conditionValues(block[operator]![key]), variables);
      if (entry) conditions.push(entry);
    }
  }
  return {
    index,
    sid: typeof st.Sid === 'string' && st.Sid !== '' ? st.Sid : undefined,
    effect: st.Effect as 'Allow' | 'Deny',
    actions: actionList.map((a) => compileGlob(a, true)),
    notAction: st.Action === undefined,
    resources:
      resourceRaw === undefined
        ? undefined
        : toList(resourceRaw).map((r) => compileResource(r, variables)),
    notResource: st.Resource === undefined && st.NotResource !== undefined,
    principal,
    notPrincipal: st.Principal === undefined && st.NotPrincipal !== undefined,
    uniqueIds: uniqueIds?.length ? uniqueIds : undefined,
    conditions,
  };
}
