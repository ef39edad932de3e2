// Words for a decision: AWS's AccessDenied message (IAM User Guide, "Troubleshoot access denied
// error messages") and a plain explanation for learners naming the policy, the statement and
// the reason.
import type { DecisionImpl } from './decision.js';
import type { AuthzRequest, Decision, PolicyType, StatementTrace } from './types.js';

export interface DenialFormat {
  /** S3 quotes the resource ARN: on resource: "arn:aws:s3:::b/k". */
  quoteResource?: boolean;
  /** Append AWS's "because ..." / "with an explicit deny ..." clause (default true). STS's
   * AssumeRole denial is widely observed without it. */
  reason?: boolean;
  /** Newer AWS messages append the denying policy's ARN to an explicit deny. */
  policyArn?: boolean;
}

const IMPLICIT: Record<PolicyType, string> = {
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  boundary: 'permissions boundary',
  session: 'session policy',
};

const EXPLICIT: Record<PolicyType, string> = {
  identity: 'an identity-based policy',
  resource: 'a resource-based policy',
  boundary: 'a permissions boundary',
  session: 'a session policy',
};

export const ROOT_ASSUME_ROLE = 'Roles may not be assumed by root accounts.';

function isRootAssumeRole(d: Decision, r: AuthzRequest): boolean {
  return (
    d.verdict === 'implicitDeny' &&
    r.principal.type === 'Account' &&
    r.action.toLowerCase() === 'sts:assumerole'
  );
}

/** AWS's AccessDenied message for a denial ('' for an allowed request). */
export function formatDenial(d: Decision, r: AuthzRequest, opts: DenialFormat = {}): string {
  if (d.allowed) return '';
  if (isRootAssumeRole(d, r)) return ROOT_ASSUME_ROLE;
  let text = `User: ${r.principal.arn} is not authorized to perform: ${r.action}`;
  if (r.resource !== '*') {
    text += ` on resource: ${opts.quoteResource ? `"${r.resource}"` : r.resource}`;
  }
  if (opts.reason === false || !d.decidingType) return text;
  if (d.verdict === 'explicitDeny') {
    text += ` with an explicit deny in ${EXPLICIT[d.decidingType]}`;
    const arn = d.denyingStatement?.arn;
    if (opts.policyArn && arn) text += `: ${arn}`;
    return text;
  }
  return `${text} because no ${IMPLICIT[d.decidingType]} allows the ${r.action} action`;
}

export function statementLabel(t: StatementTrace): string {
  return t.sid ? `statement "${t.sid}"` : `statement ${t.index}`;
}

function list(values: readonly string[]): string {
  return values.length === 1 ? `"${values[0]}"` : `[${values.map((v) => `"${v}"`).join(', ')}]`;
}

/** IAM UG, "AWS JSON policy elements: Principal": a policy shows a unique id where the user or
 * role it named was deleted, and one created again under the same name is not that principal. */
function deleted(t: StatementTrace): string {
  const ids = t.uniqueIds;
  if (!ids?.length) return '';
  const which = ids.length === 1 ? `${ids[0]} is the unique id of a user or role` : `${list(ids)} are the unique ids of users or roles`;
  return ` (${which} deleted since the policy was saved; one created again under the same name is a new principal, so save the policy again with its ARN)`;
}

/** Why a statement did not match, in words. */
export function whyNot(t: StatementTrace, r: AuthzRequest): string {
  if (t.reason === 'principal') return `names other principals than ${r.principal.arn}${deleted(t)}`;
  if (t.reason === 'action') return `does not cover the action ${r.action}`;
  if (t.reason === 'resource') return `does not cover the resource ${r.resource}`;
  const c = t.condition;
  if (!c) return 'does not match';
  const wanted = `its condition ${c.operator} ${c.key} ${list(c.values)}`;
  if (!c.seen || c.seen.length === 0) return `${wanted} failed because the request has no ${c.key}`;
  return `${wanted} failed for ${c.key} = ${list(c.seen)}`;
}

/** Resource-based policies are named by what they belong to ("trust policy of role/x"). */
function policyLabel(t: StatementTrace): string {
  return t.policyType === 'resource' ? `the ${t.policy}` : t.policy;
}

function near(traces: StatementTrace[], type: PolicyType, r: AuthzRequest): string {
  const misses = traces.filter((t) => t.policyType === type && t.effect === 'Allow' && !t.matched);
  if (misses.length === 0) return '';
  const shown = misses.slice(0, 2).map((t) => `${statementLabel(t)} of ${policyLabel(t)} ${whyNot(t, r)}`);
  const more = misses.length > 2 ? ` (and ${misses.length - 2} more)` : '';
  return ` (${shown.join('; ')}${more})`;
}

function on(r: AuthzRequest): string {
  return r.resource === '*' ? '' : ` on ${r.resource}`;
}

function grantingStatement(d: DecisionImpl, type: PolicyType): StatementTrace | undefined {
  return d.statements.find((t) => t.policyType === type && t.matched && t.effect === 'Allow');
}

function subject(d: DecisionImpl): string {
  const named = d.facts.policies.identity.find((p) => p.attachedTo)?.attachedTo;
  return named ?? d.facts.request.principal.arn;
}

function missingSide(d: DecisionImpl, type: PolicyType): string {
  const r = d.facts.request;
  const t = d.facts.traces;
  const policies = d.facts.policies;
  switch (type) {
    case 'identity':
      if (policies.identity.length === 0) {
        return `${subject(d)} has no identity-based policies, so nothing allows ${r.action}${on(r)}`;
      }
      return `no identity-based policy of ${subject(d)} allows ${r.action}${on(r)}${near(t, 'identity', r)}`;
    case 'resource':
      if (!policies.resource) {
        return `${r.resource} has no resource-based policy, and access from account ${r.principal.accountId} to account ${r.resourceAccount} needs one to allow it`;
      }
      return `the ${policies.resource.name} does not allow ${r.principal.arn} to perform ${r.action}${near(t, 'resource', r)}`;
    case 'boundary':
      return `the permissions boundary ${policies.boundary?.name ?? ''} does not allow ${r.action}, and a boundary caps what identity-based policies grant${near(t, 'boundary', r)}`;
    case 'session':
      return `no session policy passed when the role was assumed allows ${r.action}, and session policies cap what the role's policies grant${near(t, 'session', r)}`;
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Whom a resource-based statement granted: the caller, its role, or its account. */
function grantee(t: StatementTrace, r: AuthzRequest): string {
  if (t.principalMatch === 'account') return `account ${r.principal.accountId}`;
  if (t.principalMatch === 'role') return `the role ${r.principal.roleArn}`;
  return r.principal.arn;
}

function resourceSideAllows(d: DecisionImpl): string | undefined {
  const g = grantingStatement(d, 'resource');
  if (!g) return undefined;
  return `${policyLabel(g)} allows ${grantee(g, d.facts.request)} (${statementLabel(g)})`;
}

/** One or two sentences for a learner: what decided, which policy and statement, and why. */
export function explainDecision(d: DecisionImpl): string {
  const f = d.facts;
  const r = f.request;
  if (d.verdict === 'explicitDeny' && d.denyingStatement) {
    const s = d.denyingStatement;
    return `Denied explicitly: ${statementLabel(s)} of ${policyLabel(s)} (${IMPLICIT[s.policyType]}) denies ${r.action}${on(r)}, and an explicit deny overrides every allow.`;
  }
  if (isRootAssumeRole(d, r)) {
    return `Denied: the account root user cannot assume roles; use an IAM user or role of account ${r.principal.accountId} instead.`;
  }
  if (d.allowed) {
    if (f.via === 'root') return `Allowed: the root user of account ${r.principal.accountId} may perform any action on resources of its own account.`;
    const res = grantingStatement(d, 'resource');
    const id = grantingStatement(d, 'identity');
    if (f.via === 'resource' && res) {
      const alone = f.sameAccount && r.principal.type !== 'Account' ? '; within one account no identity-based policy is needed for that' : '';
      return `Allowed: ${statementLabel(res)} of ${policyLabel(res)} allows ${r.action}${on(r)} to ${grantee(res, r)}${alone}.`;
    }
    const idText = id ? `${statementLabel(id)} of ${id.policy} allows ${r.action}${on(r)}` : `identity-based policies allow ${r.action}`;
    if (f.via === 'both' && res) {
      const why = f.sameAccount ? 'the role trust policy must allow too' : 'cross-account access needs both sides';
      return `Allowed: ${idText}, and ${statementLabel(res)} of ${policyLabel(res)} allows it for ${grantee(res, r)} (${why}).`;
    }
    return `Allowed: ${idText}.`;
  }
  const type = d.decidingType ?? 'identity';
  const missing = missingSide(d, type);
  const other = type !== 'resource' ? resourceSideAllows(d) : undefined;
  if (!f.sameAccount && type !== 'resource') {
    if (other) return `Cross-account access needs both sides: ${other}, but ${missing}.`;
  }
  if (!f.sameAccount && type === 'resource') {
    return `Cross-account access needs both sides: ${missing}.`;
  }
  if (other && grantingStatement(d, 'resource')?.principalMatch === 'account') {
    return `${capitalise(other)}, which leaves the decision to the identity-based policies of that account, but ${missing}.`;
  }
  const silentResource =
    type === 'identity' && f.policies.resource && !other
      ? `; the ${f.policies.resource.name} does not allow it either${near(f.traces, 'resource', r)}`
      : '';
  return `Denied: ${missing}${silentResource}.`;
}

