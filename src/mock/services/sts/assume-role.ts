// sts:AssumeRole. Authorised by the engine with the role's trust policy as the resource
// policy (resourceAccount = the role's account), so cross-account calls also need the
// caller's identity policies; then the session gets temporary credentials.
import type { NamedPolicy, RequestContext } from '../../../policy/index.js';
import { findRole, roleArn, sessionArn, type RoleRecord, type SessionRecord, type Tag } from '../../identity/model.js';
import { verifyMfa } from '../../identity/mfa.js';
import { compiled } from '../../identity/policies.js';
import { shownPolicy } from '../../identity/principal-check.js';
import type { QueryInput } from '../../protocols/query.js';
import type { XmlObject } from '../../protocols/xml.js';
import { AwsError, type Call } from '../../types.js';
import { issueSession, renderCredentials } from './credentials.js';
import { accessDenied, stsRules, type StsContext } from './context.js';
import { readSessionPolicies, readSessionTags } from './session-input.js';
import { isoTime } from '../../iso-time.js';

const ROLE_ARN_RE = /^arn:aws:iam::(\d{12}):role(\/(?:[\u0021-\u007E]+\/)?)([\w+=,.@-]+)$/;
const CHAINED_MAX_SECONDS = 3600;

function parseRoleArn(arn: string): { accountId: string; path: string; name: string } {
  const m = ROLE_ARN_RE.exec(arn);
  if (!m) throw new AwsError('ValidationError', `${arn} is invalid`, 400);
  return { accountId: m[1]!, path: m[2]!, name: m[3]! };
}

/** Who the trust policy sees: the role as of now (propagation delay included). */
function lookupRole(ctx: StsContext, { accountId, path, name }: ReturnType<typeof parseRoleArn>): RoleRecord | undefined {
  const iam = ctx.store.viewOf(accountId);
  const role = iam && findRole(iam, name);
  return role && role.path === path && role.name === name ? role : undefined;
}

function readDuration(input: QueryInput): number | undefined {
  return input.optInt('DurationSeconds', { min: 900, max: 43200 });
}

export function assumeRole(ctx: StsContext): XmlObject {
  const { input, call } = ctx;
  const arn = input.string('RoleArn', stsRules.roleArn);
  const sessionName = input.string('RoleSessionName', stsRules.roleSessionName);
  const requested = readDuration(input);
  const externalId = input.optString('ExternalId', stsRules.externalId);
  const serial = input.optString('SerialNumber', stsRules.serialNumber);
  const tokenCode = input.optString('TokenCode', stsRules.tokenCode);
  const sourceIdentity = input.optString('SourceIdentity', stsRules.sourceIdentity);
  const policies = readSessionPolicies(ctx);
  const { tags, transitive } = readSessionTags(ctx, 'Tags');

  const caller = call.caller;
  if (caller.kind === 'root') throw accessDenied('Roles may not be assumed by root accounts.');
  const denied = () => accessDenied(`User: ${caller.principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${arn}`);
  const parsedArn = parseRoleArn(arn);
  const role = lookupRole(ctx, parsedArn);
  // STS does not reveal whether a role exists: a missing role is a denial like any other.
  if (!role) throw denied();
  const roleAccount = parsedArn.accountId;

  // Session tags carried over from a chained session whose keys were marked transitive.
  // Temporary credentials (ASIA) of a role or of GetSessionToken; long-term keys have none.
  const callerSession = caller.accessKeyId.startsWith('ASIA') ? ctx.store.session(caller.accessKeyId) : undefined;
  const inherited = inheritedTags(callerSession);
  const allTags = mergeInherited(inherited, tags);
  const userName = caller.kind === 'user' ? caller.principal.userName : undefined;
  const shown = verifyMfa(ctx.store.view(caller.accountId), userName, serial, tokenCode, call.now.getTime());
  const mfa = caller.mfa === true || shown;
  const context: RequestContext = { 'sts:RoleSessionName': sessionName };
  if (tags.length) Object.assign(context, tagKeysContext(tags, transitive));
  if (externalId !== undefined) context['sts:ExternalId'] = externalId;
  if (sourceIdentity !== undefined) context['sts:SourceIdentity'] = sourceIdentity;
  if (mfa || caller.accessKeyId.startsWith('ASIA')) context['aws:MultiFactorAuthPresent'] = mfa;
  const trust: NamedPolicy = {
    name: `trust policy of role/${role.name}`,
    attachedTo: `role/${role.name}`,
    // Users and roles it names that were deleted since are their unique ids now.
    policy: compiled(shownPolicy(role.trust, role.trustIds, ctx.store.viewOf), 'trust'),
  };
  const authorize = (action: string) =>
    call.authorize(action, arn, { resourcePolicy: trust, resourceAccount: roleAccount, context }).allowed;
  if (!authorize('sts:AssumeRole')) throw denied();
  // Session tags and source identity need their own permissions (IAM UG: session tags).
  if (tags.length && !authorize('sts:TagSession')) {
    throw accessDenied(`User: ${caller.principal.arn} is not authorized to perform: sts:TagSession on resource: ${arn}`);
  }
  if (sourceIdentity !== undefined && !authorize('sts:SetSourceIdentity')) {
    throw accessDenied(`User: ${caller.principal.arn} is not authorized to perform: sts:SetSourceIdentity on resource: ${arn}`);
  }

  const chained = caller.kind === 'session';
  const duration = requested ?? 3600;
  if (chained && duration > CHAINED_MAX_SECONDS) {
    throw new AwsError('ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.', 400);
  }
  if (duration > role.maxSessionDuration) {
    throw new AwsError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', 400);
  }
  const packed = packedPercent(policies.packedChars, allTags);
  if (packed > 100) {
    throw new AwsError('PackedPolicyTooLarge', `Packed policy consumes ${packed}% of allotted space, please use smaller policy for the assumed role.`, 400);
  }

  const session = issueSession(ctx.world, ctx.store.sts(), call.now, duration, {
    accountId: roleAccount,
    kind: 'role',
    roleName: role.name,
    roleId: role.id,
    roleArn: roleArn(roleAccount, role.path, role.name),
    sessionName,
    policy: policies.policy,
    policyArns: policies.policyArns,
    tags: allTags.length ? allTags : undefined,
    transitiveTagKeys: inherited.length || transitive.length ? [...new Set([...inherited.map((t) => t.Key), ...transitive])] : [],
    sourceIdentity: sourceIdentity ?? callerSession?.sourceIdentity,
    externalId,
    chained,
    mfa,
  });
  noteRoleUse(ctx, roleAccount, role.name, call);
  return {
    Credentials: renderCredentials(session),
    AssumedRoleUser: { AssumedRoleId: `${role.id}:${sessionName}`, Arn: sessionArn(roleAccount, role.name, sessionName) },
    PackedPolicySize: policies.given || allTags.length ? packed : undefined,
    SourceIdentity: session.sourceIdentity,
  };
}

function inheritedTags(s: SessionRecord | undefined): Tag[] {
  if (!s?.tags || !s.transitiveTagKeys?.length) return [];
  const keys = new Set(s.transitiveTagKeys.map((k) => k.toLowerCase()));
  return s.tags.filter((t) => keys.has(t.Key.toLowerCase()));
}

/** Transitive tags cannot be overridden by the next session in the chain. */
function mergeInherited(inherited: Tag[], tags: Tag[]): Tag[] {
  for (const t of tags) {
    if (inherited.some((i) => i.Key.toLowerCase() === t.Key.toLowerCase())) {
      throw new AwsError('InvalidParameterValue', `Session tag ${t.Key} cannot override a transitive tag of the calling session.`, 400);
    }
  }
  return [...inherited, ...tags];
}

function tagKeysContext(tags: Tag[], transitive: string[]): RequestContext {
  if (!tags.length) return {};
  const ctx: RequestContext = { 'aws:TagKeys': tags.map((t) => t.Key) };
  for (const t of tags) ctx[`aws:RequestTag/${t.Key}`] = t.Value;
  if (transitive.length) ctx['sts:TransitiveTagKeys'] = transitive;
  return ctx;
}

/** Session policies and tags share a packed budget. AWS compresses them with an
 * undocumented scheme; here the plain characters (whitespace not counted) are measured
 * against 2,048, the documented plaintext limit, which errs on the strict side. */
function packedPercent(policyChars: number, tags: Tag[]): number {
  const tagChars = tags.reduce((n, t) => n + t.Key.length + t.Value.length, 0);
  return Math.ceil(((policyChars + tagChars) * 100) / 2048);
}

function noteRoleUse(ctx: StsContext, accountId: string, name: string, call: Call): void {
  const live = findRole(ctx.store.iam(accountId), name);
  if (!live) return;
  // Last use is bookkeeping, not an authorisation fact: no propagation snapshot needed.
  live.lastUsed = { date: isoTime(call.now.getTime()), region: call.region };
  ctx.world.changed();
}

