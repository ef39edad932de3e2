// Why was a request denied, on real AWS? AWS says little: an AccessDenied message names the
// principal, action and resource (and lately the policy type that failed to allow it); EC2
// hides even that in an encoded message only sts:DecodeAuthorizationMessage can read. With
// the operator's admin identity in the principal's account we decode that message and ask
// the policy simulator (iam:SimulatePrincipalPolicy) which identity policies allow or deny
// the action. Everything here is best effort: an operator without those permissions just
// gets no explanation.
import { callAws, type Credentials, type Target } from '../aws/index.js';
import type { DenialExplanation, DenialQuery, TargetAccount } from './types.js';

/** What the runner knows of a denial. */
export interface ExplainContext {
  target: Target;
  accounts: TargetAccount[];
  maxAttempts?: number;
}

interface Request {
  principal?: string;
  action?: string;
  resource?: string;
  /** The message's own reason ("because no identity-based policy allows ..."). */
  reason?: string;
  explicitDeny?: boolean;
}

const NOT_AUTHORIZED = /(?:User|Principal): (\S+) is not authorized to perform: ([\w-]+:\w+)(?: on resource: (.+?))?(?: (because .+?|with an explicit deny.*?))?\.?$/s;
const ENCODED = /Encoded authorization failure message: ([\w-]+)/;

export function parseDenialMessage(message: string): Request | undefined {
  const m = NOT_AUTHORIZED.exec(message.trim());
  if (!m) return undefined;
  return { principal: m[1], action: m[2], resource: m[3], reason: m[4], explicitDeny: /explicit deny/i.test(m[4] ?? '') };
}

export async function explainAwsDenial(q: DenialQuery, ctx: ExplainContext): Promise<DenialExplanation | undefined> {
  const encoded = ENCODED.exec(q.error.message)?.[1];
  const req: Request = (encoded && (await decode(encoded, ctx))) || parseDenialMessage(q.error.message) || {};
  req.principal ??= q.principalArn;
  if (!req.principal || !req.action) return undefined;
  const sim = await simulate(req.principal, req.action, req.resource, ctx);
  const who = shortName(req.principal);
  const on = req.resource && req.resource !== '*' ? ` on ${req.resource}` : '';
  if (!sim) {
    if (req.explicitDeny) return { explanation: `An explicit Deny applies to ${who} for ${req.action}${on}: a Deny always wins over any Allow.` };
    if (req.reason) return { explanation: `${who} may not call ${req.action}${on}: ${req.reason.replace(/^because /, '')}.` };
    return undefined;
  }
  const details = [`policy simulator: ${sim.decision} for ${req.action}${on} as ${sim.source}`, ...sim.details];
  switch (sim.decision) {
    case 'explicitDeny':
      return { explanation: `An explicit Deny in ${sim.matched.join(', ') || 'a policy'} applies to ${who} for ${req.action}: a Deny always wins over any Allow.`, details };
    case 'allowed':
      return { explanation: `${who}'s own policies allow ${req.action}${on}, so the refusal comes from elsewhere: ${elsewhere(req.action)}.`, details };
    default:
      return { explanation: `No policy of ${who} allows ${req.action}${on}, and IAM denies whatever nothing allows.`, details };
  }
}

/** What besides identity policies can refuse an action. */
function elsewhere(action: string): string {
  if (action === 'sts:AssumeRole') return "the role's trust policy does not let this principal assume it (or the request did not meet its conditions)";
  if (action.startsWith('s3:')) return 'the bucket policy, a permissions boundary, a session policy or a service control policy';
  return 'a resource policy, a permissions boundary, a session policy or a service control policy';
}

function shortName(arn: string): string {
  return arn.split(':').slice(5).join(':') || arn;
}

async function decode(encoded: string, ctx: ExplainContext): Promise<Request | undefined> {
  // The message can be decoded in the account of the request: try each operator identity.
  for (const acct of ctx.accounts) {
    const r = await callAws('sts:DecodeAuthorizationMessage', { EncodedMessage: encoded }, acct.admin, ctx.target, { maxAttempts: ctx.maxAttempts });
    if (!r.ok || typeof r.output['DecodedMessage'] !== 'string') continue;
    try {
      const d = JSON.parse(r.output['DecodedMessage']) as {
        explicitDeny?: boolean;
        context?: { principal?: { arn?: string }; action?: string; resource?: string };
      };
      return { principal: d.context?.principal?.arn, action: d.context?.action, resource: d.context?.resource, explicitDeny: !!d.explicitDeny };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

interface Simulation {
  decision: string;
  source: string;
  matched: string[];
  details: string[];
}

async function simulate(principal: string, action: string, resource: string | undefined, ctx: ExplainContext): Promise<Simulation | undefined> {
  const accountId = principal.split(':')[4];
  const admin = ctx.accounts.find((a) => a.id === accountId)?.admin;
  if (!admin) return undefined;
  const source = await policySource(principal, admin, ctx);
  if (!source) return undefined;
  const input: Record<string, unknown> = { PolicySourceArn: source, ActionNames: [action] };
  if (resource && resource.startsWith('arn:')) input['ResourceArns'] = [resource];
  const r = await callAws('iam:SimulatePrincipalPolicy', input, admin, ctx.target, { maxAttempts: ctx.maxAttempts });
  if (!r.ok) return undefined;
  const result = (r.output['EvaluationResults'] as Array<Record<string, unknown>> | undefined)?.[0];
  if (!result || typeof result['EvalDecision'] !== 'string') return undefined;
  const statements = (result['MatchedStatements'] as Array<Record<string, unknown>> | undefined) ?? [];
  const matched = [...new Set(statements.map((s) => `${String(s['SourcePolicyType'] ?? 'policy')} ${String(s['SourcePolicyId'] ?? '')}`.trim()))];
  const missing = (result['MissingContextValues'] as string[] | undefined) ?? [];
  const details = [
    ...matched.map((m) => `matched: ${m}`),
    ...(missing.length ? [`the simulator lacked context keys: ${missing.join(', ')}`] : []),
  ];
  const boundary = result['PermissionsBoundaryDecisionDetail'] as { AllowedByPermissionsBoundary?: boolean } | undefined;
  if (boundary?.AllowedByPermissionsBoundary === false) details.push('the permissions boundary does not allow it');
  const org = result['OrganizationsDecisionDetail'] as { AllowedByOrganizations?: boolean } | undefined;
  if (org?.AllowedByOrganizations === false) details.push('a service control policy does not allow it');
  return { decision: result['EvalDecision'], source, matched, details };
}

/** The simulator takes users, groups and roles; a role session is simulated as its role,
 * whose ARN (with its path) GetRole knows. */
async function policySource(principal: string, admin: Credentials, ctx: ExplainContext): Promise<string | undefined> {
  if (/^arn:[\w-]+:iam::\d{12}:(user|role|group)\//.test(principal)) return principal;
  const session = /^arn:[\w-]+:sts::\d{12}:assumed-role\/([^/]+)\//.exec(principal);
  if (!session) return undefined;
  const r = await callAws('iam:GetRole', { RoleName: session[1] }, admin, ctx.target, { maxAttempts: ctx.maxAttempts });
  const arn = r.ok ? (r.output['Role'] as { Arn?: unknown } | undefined)?.Arn : undefined;
  return typeof arn === 'string' ? arn : undefined;
}
