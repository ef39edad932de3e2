// The authoriser: gathers the policies that apply to a caller from the account's IAM state
// (as propagated) and asks the policy engine. No policy logic lives here.
import { evaluate, type Decision, type NamedPolicy, type PolicySet, type RequestContext } from '../policy/index.js';
import { findRole, findUser, groupsOf, type IamState } from './identity/model.js';
import { compiled, resolveManagedPolicy } from './identity/policies.js';
import type { IdentityStore } from './identity/store.js';
import type { AuthorizeOptions, Caller } from './types.js';
import { isoTimeSeconds } from './iso-time.js';

/** Facts of the request that become global condition keys. */
export interface RequestFacts {
  sourceIp: string;
  region: string;
  now: Date;
  secure: boolean;
  userAgent?: string;
}

interface Attachable {
  name: string;
  inline: Record<string, string>;
  attached: string[];
}

export function entityPolicies(store: IdentityStore, kind: string, e: Attachable): NamedPolicy[] {
  const attachedTo = `${kind}/${e.name}`;
  const out: NamedPolicy[] = [];
  for (const [name, json] of Object.entries(e.inline)) {
    out.push({ name: `inline:${name}`, attachedTo, policy: compiled(json, 'identity') });
  }
  for (const arn of e.attached) {
    const p = resolveManagedPolicy(arn, store.viewOf);
    if (p) out.push({ name: p.name, arn: p.arn, attachedTo, policy: compiled(p.document, 'identity') });
  }
  return out;
}

export function boundaryPolicy(store: IdentityStore, kind: string, name: string, arn: string | undefined): NamedPolicy | undefined {
  if (!arn) return undefined;
  const p = resolveManagedPolicy(arn, store.viewOf);
  // A boundary whose policy is gone (IAM refuses deleting it while in use) allows nothing.
  return p && { name: p.name, arn: p.arn, attachedTo: `${kind}/${name}`, policy: compiled(p.document, 'boundary') };
}

/** The identity-side policies of a caller: identity, boundary and session policies. */
export function callerPolicies(store: IdentityStore, caller: Caller): Omit<PolicySet, 'resource'> {
  if (caller.kind === 'root' || caller.kind === 'anonymous') return { identity: [] };
  const iam: IamState = store.view(caller.accountId);
  if (caller.kind === 'session') {
    // A session belongs to the role it was issued for: a role deleted and created again
    // under the same name (a new role id) grants it nothing.
    const role = findRole(iam, caller.roleName ?? '');
    if (!role || role.id !== caller.principal.userId.split(':')[0]) return { identity: [], session: caller.sessionPolicies };
    return {
      identity: entityPolicies(store, 'role', role),
      boundary: boundaryPolicy(store, 'role', role.name, role.boundary),
      session: caller.sessionPolicies,
    };
  }
  const user = findUser(iam, caller.principal.userName ?? '');
  if (!user) return { identity: [] };
  const identity = entityPolicies(store, 'user', user);
  for (const g of groupsOf(iam, user)) identity.push(...entityPolicies(store, 'group', g));
  return { identity, boundary: boundaryPolicy(store, 'user', user.name, user.boundary) };
}

/** Global condition keys AWS sets on every request (the engine derives the principal's). */
export function globalContext(caller: Caller, facts: RequestFacts): RequestContext {
  const ctx: RequestContext = {
    'aws:SourceIp': facts.sourceIp,
    'aws:CurrentTime': isoTimeSeconds(facts.now.getTime()),
    'aws:EpochTime': Math.floor(facts.now.getTime() / 1000),
    'aws:SecureTransport': facts.secure,
    'aws:RequestedRegion': facts.region,
    'aws:PrincipalIsAWSService': false,
    'aws:ViaAWSService': false,
  };
  if (facts.userAgent) ctx['aws:UserAgent'] = facts.userAgent;
  // Present only for temporary credentials (IAM UG: aws:MultiFactorAuthPresent).
  if (caller.accessKeyId.startsWith('ASIA')) ctx['aws:MultiFactorAuthPresent'] = caller.mfa ?? false;
  return ctx;
}

export type Authorize = (action: string, resource: string, opts?: AuthorizeOptions) => Decision;

/** `Call.authorize` for one request; `onDenied` sees every denial. */
export function makeAuthorize(
  store: IdentityStore,
  caller: Caller,
  facts: RequestFacts,
  extraContext: RequestContext = {},
  onDenied: (d: Decision) => void = () => {},
): Authorize {
  let policies: Omit<PolicySet, 'resource'> | undefined;
  // Built on first use: many requests (GetCallerIdentity, errors before authorisation) never
  // authorise, and the context costs a date format per request. Object.assign rather than
  // spreads: V8 (Node 20) spreads objects of this many keys slowly. Same keys, same order,
  // later sources win.
  let base: RequestContext | undefined;
  return (action, resource, opts = {}) => {
    policies ??= callerPolicies(store, caller);
    base ??= Object.assign(globalContext(caller, facts), extraContext);
    const decision = evaluate(
      {
        principal: caller.principal,
        action,
        resource,
        resourceAccount: opts.resourceAccount ?? accountOfArn(resource),
        // The engine only reads the context, so a request without keys of its own shares it.
        context: opts.context ? Object.assign({}, base, opts.context) : base,
      },
      { identity: policies.identity, boundary: policies.boundary, session: policies.session, resource: opts.resourcePolicy },
    );
    if (!decision.allowed) onDenied(decision);
    return decision;
  };
}

/** The account in an ARN's account field (IAM, EC2: yes; S3 bucket ARNs: none). */
function accountOfArn(arn: string): string | undefined {
  const acct = arn.split(':')[4];
  return acct && /^\d{12}$/.test(acct) ? acct : undefined;
}
