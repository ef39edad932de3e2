// Builds the Caller of a request from the identity data: IAM users, role sessions, and the
// anonymous caller of unsigned S3 requests.
import type { NamedPolicy } from '../../policy/index.js';
import { findRole, findUser, rootArn, sessionArn, userArn, type SessionRecord, type Tag, type UserRecord } from '../identity/model.js';
import { compiled, resolveManagedPolicy } from '../identity/policies.js';
import type { IdentityStore } from '../identity/store.js';
import type { Caller } from '../types.js';

export const tagRecord = (tags: Tag[] | undefined): Record<string, string> =>
  Object.fromEntries((tags ?? []).map((t) => [t.Key, t.Value]));

export function userCaller(accountId: string, user: UserRecord, accessKeyId: string, mfa?: boolean): Caller {
  return {
    kind: 'user',
    accountId,
    accessKeyId,
    mfa,
    principal: {
      arn: userArn(accountId, user.path, user.name),
      accountId,
      type: 'User',
      userId: user.id,
      userName: user.name,
      tags: tagRecord(user.tags),
    },
  };
}

export function rootCaller(accountId: string, accessKeyId: string): Caller {
  return {
    kind: 'root',
    accountId,
    accessKeyId,
    principal: { arn: rootArn(accountId), accountId, type: 'Account', userId: accountId },
  };
}

export function anonymousCaller(): Caller {
  return {
    kind: 'anonymous',
    accountId: '',
    accessKeyId: '',
    principal: { arn: 'anonymous', accountId: '', type: 'Anonymous', userId: 'anonymous' },
  };
}

/** The caller of temporary credentials; undefined when what they stand for is gone. */
export function sessionCaller(store: IdentityStore, s: SessionRecord): Caller | undefined {
  const iam = store.view(s.accountId);
  if (s.kind === 'user') {
    const user = findUser(iam, s.userName ?? '');
    return user && { ...userCaller(s.accountId, user, s.accessKeyId, s.mfa ?? false), kind: 'user' };
  }
  // Role tags as they are now, overridden by the session's tags (IAM UG: session tags).
  const role = findRole(iam, s.roleName ?? '');
  const sameRole = role?.id === s.roleId;
  const tags = { ...tagRecord(sameRole ? role?.tags : undefined), ...tagRecord(s.tags) };
  return {
    kind: 'session',
    accountId: s.accountId,
    accessKeyId: s.accessKeyId,
    roleName: s.roleName,
    chained: s.chained ?? false,
    mfa: s.mfa ?? false,
    sessionPolicies: sessionPolicies(store, s),
    principal: {
      arn: sessionArn(s.accountId, s.roleName!, s.sessionName!),
      accountId: s.accountId,
      type: 'AssumedRole',
      userId: `${s.roleId}:${s.sessionName}`,
      roleArn: s.roleArn,
      tags,
    },
  };
}

/** Session policies passed to AssumeRole; undefined when none was passed. */
function sessionPolicies(store: IdentityStore, s: SessionRecord): NamedPolicy[] | undefined {
  if (s.policy === undefined && !s.policyArns?.length) return undefined;
  const out: NamedPolicy[] = [];
  if (s.policy !== undefined) out.push({ name: 'session policy', policy: compiled(s.policy, 'session') });
  for (const arn of s.policyArns ?? []) {
    const p = resolveManagedPolicy(arn, store.viewOf);
    // A managed session policy deleted since: it grants nothing, so the session keeps an
    // empty-allow cap by the remaining ones (IAM evaluates the intersection).
    if (p) out.push({ name: p.name, arn: p.arn, policy: compiled(p.document, 'session') });
  }
  return out;
}
