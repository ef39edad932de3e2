// Decides who is calling: verifies SigV4 (header or presigned) against the stored secret of
// the access key, as the rest of AWS sees it (propagation delay included), and resolves the
// caller. Failures are AwsErrors in the words of the service asked.
import type { IdentityStore } from '../identity/store.js';
import type { RequestContext } from '../../policy/index.js';
import type { AccessKeyRecord, SessionRecord } from '../identity/model.js';
import type { Call, Caller, ServiceName } from '../types.js';
import { authError } from './errors.js';
import { anonymousCaller, rootCaller, sessionCaller, userCaller } from './principals.js';
import { amzDateMs, sha256Hex, SigV4FormatError, verifySignature, type SigV4Params, type SigV4Reading, type WireRequest } from './sigv4.js';

const SKEW_MS = 15 * 60 * 1000;

export interface Authenticated {
  caller: Caller;
  /** Scope region of the signature (the region the client addressed). */
  region?: string;
  signing?: Call['signing'];
  /** Condition keys that come with temporary credentials (aws:TokenIssueTime, ...). */
  context?: RequestContext;
  /** The long-term access key signed with, as the authenticator saw it (for last-used). */
  key?: AccessKeyRecord;
}

const basicFormat = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export function authenticate(
  store: IdentityStore,
  service: ServiceName,
  req: WireRequest,
  p: SigV4Reading,
  nowMs: number,
): Authenticated {
  if (p instanceof SigV4FormatError) throw authError(service, 'malformed', p.message);
  if (!p) {
    if (service === 's3') return { caller: anonymousCaller() };
    throw authError(service, 'missing');
  }

  const { caller, secret, session, key: record } = resolveKey(store, service, p, nowMs);
  checkTime(service, p, nowMs);
  if (p.date !== p.amzDate.slice(0, 8)) {
    throw authError(
      service,
      'badSignature',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${p.date}' != '${p.amzDate.slice(0, 8)}', from '${p.amzDate}'.`,
    );
  }
  const key = verifySignature(req, p, secret);
  if (!key) throw authError(service, 'badSignature');
  // The signature covers the declared body hash; make sure the body is the one declared.
  const declared = req.headers['x-amz-content-sha256'];
  if (declared && /^[0-9a-f]{64}$/i.test(declared) && declared.toLowerCase() !== sha256Hex(req.body)) {
    throw authError(service, 'payloadMismatch');
  }
  return {
    caller,
    region: p.region,
    signing: p.presigned ? undefined : { signature: p.signature, scope: p.scope, amzDate: p.amzDate, key },
    context: session && sessionContext(session, nowMs),
    key: record,
  };
}

function sessionContext(s: SessionRecord, nowMs: number): RequestContext {
  const ctx: RequestContext = { 'aws:TokenIssueTime': s.issued };
  if (s.sourceIdentity !== undefined) ctx['aws:SourceIdentity'] = s.sourceIdentity;
  if (s.mfa) ctx['aws:MultiFactorAuthAge'] = Math.floor((nowMs - Date.parse(s.issued)) / 1000);
  return ctx;
}

function resolveKey(
  store: IdentityStore,
  service: ServiceName,
  p: SigV4Params,
  nowMs: number,
): { caller: Caller; secret: string; session?: SessionRecord; key?: AccessKeyRecord } {
  const session = store.session(p.accessKeyId);
  if (session) {
    if (p.securityToken !== session.token) throw authError(service, 'badToken');
    if (Date.parse(session.expiration) <= nowMs) throw authError(service, 'expiredToken');
    const caller = sessionCaller(store, session);
    if (!caller) throw authError(service, 'unknownKey');
    return { caller, secret: session.secret, session };
  }
  const found = store.findAccessKey(p.accessKeyId);
  if (!found || found.key.status !== 'Active') throw authError(service, 'unknownKey');
  // A session token with a long-term key is a token that was never issued for it.
  if (p.securityToken !== undefined) throw authError(service, 'badToken');
  const caller = found.user
    ? userCaller(found.accountId, found.user, p.accessKeyId)
    : rootCaller(found.accountId, p.accessKeyId);
  return { caller, secret: found.key.secret, key: found.key };
}

function checkTime(service: ServiceName, p: SigV4Params, nowMs: number): void {
  const signedAt = amzDateMs(p.amzDate);
  if (p.presigned) {
    if (signedAt - SKEW_MS > nowMs) throw authError(service, 'skew', skewMessage(p.amzDate, nowMs));
    const expiresAt = signedAt + p.expiresSeconds! * 1000;
    if (expiresAt < nowMs) {
      throw authError(service, 'presignExpired', `Signature expired: the request expired at ${basicFormat(expiresAt)}; it is now ${basicFormat(nowMs)}.`);
    }
    return;
  }
  if (Math.abs(nowMs - signedAt) > SKEW_MS) throw authError(service, 'skew', skewMessage(p.amzDate, nowMs));
}

/** IAM/STS wording of a stale or future signature (aws-wire.md §5.2). */
function skewMessage(amzDate: string, nowMs: number): string {
  const now = basicFormat(nowMs);
  return amzDateMs(amzDate) < nowMs
    ? `Signature expired: ${amzDate} is now earlier than ${basicFormat(nowMs - SKEW_MS)} (${now} - 15 min.)`
    : `Signature not yet current: ${amzDate} is still later than ${basicFormat(nowMs + SKEW_MS)} (${now} + 15 min.)`;
}
