// The caller behind an access key: a long-term key of a user or an account root, or the
// temporary credentials of a session (whose token must be the one issued with them and must
// not have expired), with the condition keys that come with temporary credentials; and the
// clock skew both signature versions allow.
import type { RequestContext } from '../../policy/index.js';
import type { AccessKeyRecord, SessionRecord } from '../identity/model.js';
import type { IdentityStore } from '../identity/store.js';
import type { Caller, ServiceName } from '../types.js';
import { authError } from './errors.js';
import { rootCaller, sessionCaller, userCaller } from './principals.js';
import type { SigV4Params } from './sigv4-read.js';

/** How far a signed request's time may be from the server's (aws-wire.md §7): SigV4 and SigV2 alike. */
export const SKEW_MS = 15 * 60 * 1000;

export function sessionContext(s: SessionRecord, nowMs: number): RequestContext {
  const ctx: RequestContext = { 'aws:TokenIssueTime': s.issued };
  if (s.sourceIdentity !== undefined) ctx['aws:SourceIdentity'] = s.sourceIdentity;
  if (s.mfa) ctx['aws:MultiFactorAuthAge'] = Math.floor((nowMs - Date.parse(s.issued)) / 1000);
  return ctx;
}

export function resolveKey(
  store: IdentityStore,
  service: ServiceName,
  p: Pick<SigV4Params, 'accessKeyId' | 'securityToken'>,
  nowMs: number,
): { caller: Caller; secret: string; session?: SessionRecord; key?: AccessKeyRecord } {
  const session = store.session(p.accessKeyId);
  if (session) {
    if (p.securityToken !== session.token) throw authError(service, 'badToken');
    if (Date.parse(session.expiration) <= nowMs) throw authError(service, 'expiredToken');
    const caller = sessionCaller(store, session);
    if (!caller) throw authError(service, 'unknownKey', { accessKeyId: p.accessKeyId });
    return { caller, secret: session.secret, session };
  }
  const found = store.findAccessKey(p.accessKeyId);
  if (!found || found.key.status !== 'Active') throw authError(service, 'unknownKey', { accessKeyId: p.accessKeyId });
  // A session token with a long-term key is a token that was never issued for it.
  if (p.securityToken !== undefined) throw authError(service, 'badToken');
  const caller = found.user
    ? userCaller(found.accountId, found.user, p.accessKeyId)
    : rootCaller(found.accountId, p.accessKeyId);
  return { caller, secret: found.key.secret, key: found.key };
}
