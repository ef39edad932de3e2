// evaluate(): AWS's policy evaluation logic over every policy type that applies to a request.
//
// IAM User Guide, "Policy evaluation logic" and "Cross-account policy evaluation logic":
// 1. An explicit Deny in any policy wins.
// 2. Same account: an Allow in the identity-based policies OR in the resource-based policy
//    grants — but a resource-based statement that names only the caller's account delegates to
//    the account's identity-based policies and grants nothing itself. Cross account: both the
//    resource-based policy (of the resource's account) and the identity-based policies (of the
//    caller's account) must allow.
// 3. Role trust policies are required resource-based policies: sts:AssumeRole needs the trust
//    policy to allow even within one account.
// 4. Permissions boundaries ("Permissions boundaries for IAM entities > Resource-based
//    policies") and session policies ("Session policies") cap identity-based grants. A
//    resource-based grant that names the user's or the session's own ARN is not capped; one
//    that names the role of a session is capped by both.
// 5. The account root user may do anything in its own account, but may not assume roles
//    ("Roles may not be assumed by root accounts").
import { EvalContext } from './context.js';
import { DecisionImpl, firstDeny, type DecisionFacts } from './decision.js';
import { runPolicy, type PolicyOutcome, type RunOptions } from './match-statement.js';
import type {
  AuthzRequest,
  Decision,
  PolicySet,
  PolicyType,
  StatementTrace,
  Verdict,
} from './types.js';

const ASSUME_ROLE = 'sts:assumerole';

interface Outcome {
  verdict: Verdict;
  decidingType?: PolicyType;
  via?: DecisionFacts['via'];
}

function decide(f: DecisionFacts): Outcome {
  const { request, policies, outcomes: o } = f;
  const p = request.principal;
  const deny = firstDeny(o);
  if (deny) return { verdict: 'explicitDeny', decidingType: deny.policyType };

  const resourceAllows = o.resource?.allow === true;
  if (p.type === 'Account') {
    if (f.actionLower === ASSUME_ROLE) return { verdict: 'implicitDeny' };
    if (f.sameAccount || resourceAllows) return { verdict: 'allowed', via: f.sameAccount ? 'root' : 'resource' };
    return { verdict: 'implicitDeny', decidingType: 'resource' };
  }
  if (p.type === 'Service' || p.type === 'Anonymous') {
    return resourceAllows ? { verdict: 'allowed', via: 'resource' } : { verdict: 'implicitDeny', decidingType: 'resource' };
  }

  const boundaryOk = !o.boundary || o.boundary.allow;
  const sessionOk = !o.session || o.session.allow;
  const grant = o.resource?.grant;
  const resourceRequired = !f.sameAccount || policies.resource?.policy.kind === 'trust';
  if (f.sameAccount) {
    if (grant === 'direct') return { verdict: 'allowed', via: 'resource' };
    if (grant === 'role' && boundaryOk && sessionOk) return { verdict: 'allowed', via: 'resource' };
  }
  // What remains is an identity-based grant (for cross-account and trust policies, on top of
  // an Allow in the resource-based policy).
  let missing: PolicyType | undefined;
  if (!o.identity.allow) missing = 'identity';
  else if (!boundaryOk) missing = 'boundary';
  else if (!sessionOk) missing = 'session';
  if (resourceRequired && !resourceAllows && (missing === undefined || f.sameAccount)) {
    missing = 'resource';
  }
  if (missing) return { verdict: 'implicitDeny', decidingType: missing };
  return { verdict: 'allowed', via: resourceRequired ? 'both' : 'identity' };
}

export function evaluate(request: AuthzRequest, policies: PolicySet): Decision {
  const p = request.principal;
  const ctx = new EvalContext(p, request.context);
  const traces: StatementTrace[] = [];
  const opts: RunOptions = {
    request,
    actionLower: request.action.toLowerCase(),
    ctx,
    traces,
    hasBoundary: policies.boundary !== undefined,
  };
  const outcome = (): PolicyOutcome => ({ allow: false });
  const identity = outcome();
  for (const named of policies.identity) runPolicy(named, 'identity', opts, identity);
  let resource: PolicyOutcome | undefined;
  if (policies.resource) runPolicy(policies.resource, 'resource', opts, (resource = outcome()));
  let boundary: PolicyOutcome | undefined;
  if (policies.boundary) runPolicy(policies.boundary, 'boundary', opts, (boundary = outcome()));
  let session: PolicyOutcome | undefined;
  // An empty list means no session policy was passed: nothing to cap with.
  if (policies.session && policies.session.length > 0) {
    session = outcome();
    for (const named of policies.session) runPolicy(named, 'session', opts, session);
  }
  const facts: DecisionFacts = {
    request,
    policies,
    actionLower: opts.actionLower,
    sameAccount: request.resourceAccount === undefined || request.resourceAccount === p.accountId,
    outcomes: { identity, resource, boundary, session },
    ctx,
    traces,
  };
  const { verdict, decidingType, via } = decide(facts);
  facts.via = via;
  return new DecisionImpl(facts, verdict, decidingType);
}
