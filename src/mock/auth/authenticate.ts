// Decides who is calling: verifies SigV4 (header or presigned; for S3 also SigV2) against the
// stored secret of the access key, as the rest of AWS sees it (propagation delay included),
// and resolves the caller. Failures are AwsErrors in the words of the service asked.
import type { IdentityStore } from '../identity/store.js';
import type { RequestContext } from '../../policy/index.js';
import type { AccessKeyRecord } from '../identity/model.js';
import type { AwsError, Call, Caller, ServiceName } from '../types.js';
import { authenticateV2 } from './authenticate-v2.js';
import { authError } from './errors.js';
import { readSigV2, type QueriedRequest } from './sigv2.js';
import { anonymousCaller } from './principals.js';
import { resolveKey, sessionContext, SKEW_MS } from './resolve-key.js';
import { SigV4FormatError, type SigV4Params, type SigV4Reading } from './sigv4-read.js';
import { amzDateMs, sha256Hex, signedMaterial, verifySignature, type WireRequest } from './sigv4.js';

export interface Authenticated {
  caller: Caller;
  /** Scope region of the signature (the region the client addressed). */
  region?: string;
  signing?: Call['signing'];
  /** Condition keys that come with temporary credentials (aws:TokenIssueTime, ...). */
  context?: RequestContext;
  /** The long-term access key signed with, as the authenticator saw it (for last-used). */
  key?: AccessKeyRecord;
  /** Signed with S3's Signature Version 2, which names no region. */
  sigV2?: boolean;
}

const basicFormat = (ms: number): string => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export function authenticate(
  store: IdentityStore,
  service: ServiceName,
  req: QueriedRequest,
  p: SigV4Reading,
  nowMs: number,
): Authenticated {
  // S3 also takes Signature Version 2, which the SigV4 reader sees as absent or malformed.
  if (service === 's3' && (p === undefined || p instanceof SigV4FormatError)) {
    const v2 = readSigV2(req.headers, req.query);
    if (v2 !== undefined) return authenticateV2(store, req, v2, nowMs);
  }
  if (p instanceof SigV4FormatError) throw authError(service, 'malformed', { message: p.message, queryFault: p.queryFault });
  if (!p) {
    if (service === 's3') return { caller: anonymousCaller() };
    throw authError(service, 'missing');
  }

  const { caller, secret, session, key: record } = resolveKey(store, service, p, nowMs);
  checkTime(service, req, p, nowMs);
  // S3 wants the payload hash declared on every header-signed request; without it the
  // signature would cover a hash the server had to guess (presigned URLs sign none).
  if (service === 's3' && !p.presigned && req.headers['x-amz-content-sha256'] === undefined) {
    throw authError(service, 'missingPayloadHash');
  }
  if (p.date !== p.amzDate.slice(0, 8)) {
    throw authError(service, 'badSignature', {
      message: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${p.date}' != '${p.amzDate.slice(0, 8)}', from '${p.amzDate}'.`,
    });
  }
  const key = verifySignature(req, p, secret);
  if (!key) {
    // What the server signed is rebuilt only here, for the services that show it (S3).
    const signed = service === 's3' ? { ...signedMaterial(req, p), signatureProvided: p.signature } : undefined;
    throw authError(service, 'badSignature', { accessKeyId: p.accessKeyId, signed });
  }
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

function checkTime(service: ServiceName, req: WireRequest, p: SigV4Params, nowMs: number): void {
  const signedAt = amzDateMs(p.amzDate);
  if (p.presigned) {
    if (signedAt - SKEW_MS > nowMs) throw skewError(service, req, p, nowMs);
    const expiresAt = signedAt + p.expiresSeconds! * 1000;
    if (expiresAt < nowMs) {
      throw authError(service, 'presignExpired', {
        message: `Signature expired: the request expired at ${basicFormat(expiresAt)}; it is now ${basicFormat(nowMs)}.`,
        expires: new URLSearchParams(req.rawQuery).get('X-Amz-Expires') ?? String(p.expiresSeconds),
        expiresAtMs: expiresAt,
        nowMs,
      });
    }
    return;
  }
  if (Math.abs(nowMs - signedAt) > SKEW_MS) throw skewError(service, req, p, nowMs);
}

function skewError(service: ServiceName, req: WireRequest, p: SigV4Params, nowMs: number): AwsError {
  // The time as the client sent it: a header-signed request may carry Date instead of
  // x-amz-date, which the parser has turned into the basic format.
  const requestTime = p.presigned ? p.amzDate : (req.headers['x-amz-date'] ?? req.headers.date ?? p.amzDate);
  return authError(service, 'skew', { message: skewMessage(p.amzDate, nowMs), requestTime, nowMs });
}

/** IAM/STS wording of a stale or future signature (aws-wire.md §5.2). */
function skewMessage(amzDate: string, nowMs: number): string {
  const now = basicFormat(nowMs);
  return amzDateMs(amzDate) < nowMs
    ? `Signature expired: ${amzDate} is now earlier than ${basicFormat(nowMs - SKEW_MS)} (${now} - 15 min.)`
    : `Signature not yet current: ${amzDate} is still later than ${basicFormat(nowMs + SKEW_MS)} (${now} + 15 min.)`;
}
