// Authentication of S3 requests signed with Signature Version 2 (sigv2.ts): the key's caller,
// the time (a presigned URL's Expires, or the Date / x-amz-date of a signed header within 15
// minutes), and the HMAC-SHA1 signature, each failure in S3's words.
import type { IdentityStore } from '../identity/store.js';
import { AwsError } from '../types.js';
import type { Authenticated } from './authenticate.js';
import { authError } from './errors.js';
import { resolveKey, sessionContext, SKEW_MS } from './resolve-key.js';
import { stringToSignV2, verifySigV2, type QueriedRequest, type SigV2Params } from './sigv2.js';
import { SigV4FormatError } from './sigv4-read.js';
import type { WireRequest } from './sigv4.js';

export function authenticateV2(store: IdentityStore, req: QueriedRequest, p: SigV2Params | SigV4FormatError, nowMs: number): Authenticated {
  // An incomplete presigned URL is refused as a denial, a garbled header as malformed.
  if (p instanceof SigV4FormatError) {
    if (req.headers.authorization === undefined) throw new AwsError('AccessDenied', p.message, 403);
    throw authError('s3', 'malformed', { message: p.message });
  }
  const { caller, secret, session, key } = resolveKey(store, 's3', p, nowMs);
  checkTime(req, p, nowMs);
  const stringToSign = stringToSignV2(req, p);
  if (!verifySigV2(stringToSign, secret, p.signature)) {
    throw authError('s3', 'badSignature', { accessKeyId: p.accessKeyId, signed: { stringToSign, signatureProvided: p.signature } });
  }
  return { caller, sigV2: true, context: session && sessionContext(session, nowMs), key };
}

function checkTime(req: WireRequest, p: SigV2Params, nowMs: number): void {
  if (p.presigned) {
    if (p.expires! * 1000 < nowMs) throw authError('s3', 'presignExpired', { expiresAtMs: p.expires! * 1000, nowMs });
    return;
  }
  const sent = req.headers['x-amz-date'] ?? req.headers.date;
  const at = sent === undefined ? Number.NaN : Date.parse(sent);
  if (Number.isNaN(at)) throw new AwsError('AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header', 403);
  if (Math.abs(nowMs - at) > SKEW_MS) throw authError('s3', 'skew', { requestTime: sent, nowMs });
}
