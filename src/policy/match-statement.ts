// Runs one policy's statements against a request, producing a trace per statement and what
// the policy contributes to the decision (an allow, an explicit deny, how a resource-based
// policy named the caller).
import { failingEntry } from './conditions/evaluate.js';
import type { EvalContext } from './context.js';
import { Compiled } from './parse.js';
import { MATCH_RANK, matchPrincipal, notPrincipalApplies, type PrincipalMatch } from './principal.js';
import type { AuthzRequest, NamedPolicy, PolicyType, StatementTrace } from './types.js';

export interface PolicyOutcome {
  allow: boolean;
  deny?: StatementTrace;
  /** Resource-based policies: the strongest way a matching Allow named the caller. */
  grant?: PrincipalMatch;
}

export interface RunOptions {
  request: AuthzRequest;
  actionLower: string;
  ctx: EvalContext;
  traces: StatementTrace[];
  /** IAM UG, "Permissions boundaries": a Deny with NotPrincipal always applies to a principal
   * that has a permissions boundary. */
  hasBoundary: boolean;
}

function compiledOf(named: NamedPolicy): Compiled {
  if (!(named.policy instanceof Compiled)) {
    throw new TypeError(`policy "${named.name}" was not produced by parsePolicy`);
  }
  return named.policy;
}

export function runPolicy(
  named: NamedPolicy,
  type: PolicyType,
  opts: RunOptions,
  into: PolicyOutcome,
): void {
  const { request, actionLower, ctx, traces } = opts;
  for (const st of compiledOf(named).statements) {
    const trace: StatementTrace = {
      policy: named.name,
      arn: named.arn,
      policyType: type,
      sid: st.sid,
      index: st.index,
      effect: st.effect,
      matched: false,
      reason: undefined,
    };
    traces.push(trace);
    if (st.principal) {
      let how: PrincipalMatch | undefined;
      if (st.notPrincipal) {
        const applies =
          (st.effect === 'Deny' && opts.hasBoundary) ||
          notPrincipalApplies(st.principal, request.principal);
        how = applies ? 'direct' : undefined;
      } else how = matchPrincipal(st.principal, request.principal);
      if (!how) {
        trace.reason = 'principal';
        if (st.uniqueIds) trace.uniqueIds = st.uniqueIds;
        continue;
      }
      trace.principalMatch = how;
    }
    let actionHit = false;
    for (const m of st.actions) if (m(actionLower)) { actionHit = true; break; }
    if (actionHit === st.notAction) {
      trace.reason = 'action';
      continue;
    }
    if (st.resources) {
      let hit: boolean | undefined = false;
      for (const m of st.resources) {
        const r = m(request.resource, ctx.get, ctx.noteMissing);
        if (r !== false) { hit = r; break; }
      }
      if (hit === undefined || hit === st.notResource) {
        trace.reason = 'resource';
        continue;
      }
    }
    if (st.conditions.length > 0) {
      const failed = failingEntry(st.conditions, ctx);
      if (failed) {
        trace.reason = `condition:${failed.entry.key}`;
        trace.condition = {
          operator: failed.entry.operator,
          key: failed.entry.key,
          values: failed.entry.values,
          seen: failed.seen,
        };
        continue;
      }
    }
    trace.matched = true;
    if (st.effect === 'Deny') into.deny ??= trace;
    else {
      into.allow = true;
      const how = trace.principalMatch;
      if (how && (!into.grant || MATCH_RANK[how] > MATCH_RANK[into.grant])) into.grant = how;
    }
  }
}
