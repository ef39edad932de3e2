// S3's Signature Version 2 (S3 UG, "Authenticating requests (AWS signature version 2)"): an
// HMAC-SHA1 of the method, Content-MD5, Content-Type, the date (or, in a presigned URL, the
// expiry), the x-amz-* headers and the canonical resource. The AWS CLI v1 and boto3 still
// presign S3 URLs this way in us-east-1 (`aws s3 presign`), and S3 still accepts it in the
// regions that had it before 2014; newer regions refuse it (services/s3/bucket-region.ts).
import { createHmac } from 'node:crypto';
import { virtualHostBucket } from '../protocols/s3-host.js';
import { SigV4FormatError } from './sigv4-read.js';
import { constantTimeEqual, type WireRequest } from './sigv4.js';

/** A request with its query string parsed once (the server's reading of it). */
export type QueriedRequest = WireRequest & { query: URLSearchParams };

export interface SigV2Params {
  accessKeyId: string;
  signature: string;
  presigned: boolean;
  /** A presigned URL's Expires: seconds since the epoch. */
  expires?: number;
  securityToken?: string;
}

/** The query parameters S3 signs as part of the resource (sub-resources and response header
 * overrides), as the S3 UG lists them and botocore signs them. */
const SIGNED_PARAMS = new Set([
  'accelerate', 'acl', 'analytics', 'cors', 'defaultObjectAcl', 'delete', 'inventory', 'lifecycle', 'location', 'logging',
  'metrics', 'notification', 'object-lock', 'partNumber', 'policy', 'replication', 'requestPayment', 'restore', 'select',
  'select-type', 'storageClass', 'tagging', 'torrent', 'uploadId', 'uploads', 'versionId', 'versioning', 'versions', 'website',
  'response-cache-control', 'response-content-disposition', 'response-content-encoding', 'response-content-language',
  'response-content-type', 'response-expires',
]);

const QUERY_PARAMS = 'Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters';

/** SigV2 material of a request: `Authorization: AWS KEY:SIGNATURE`, or a presigned URL's
 * AWSAccessKeyId, Signature and Expires; undefined when it carries neither. */
export function readSigV2(headers: Record<string, string>, query: URLSearchParams): SigV2Params | SigV4FormatError | undefined {
  const auth = headers.authorization;
  if (auth !== undefined) {
    const m = /^AWS ([^:\s]+):(\S+)$/.exec(auth.trim());
    if (!m) return auth.startsWith('AWS ') ? new SigV4FormatError('The authorization header is malformed.') : undefined;
    return { accessKeyId: m[1]!, signature: m[2]!, presigned: false, securityToken: headers['x-amz-security-token'] };
  }
  if (!query.has('AWSAccessKeyId') && !query.has('Signature')) return undefined;
  const accessKeyId = query.get('AWSAccessKeyId');
  const signature = query.get('Signature');
  const expires = query.get('Expires');
  if (!accessKeyId || !signature || !expires || !/^\d{1,12}$/.test(expires)) return new SigV4FormatError(QUERY_PARAMS);
  return {
    accessKeyId,
    signature,
    presigned: true,
    expires: Number(expires),
    securityToken: query.get('x-amz-security-token') ?? headers['x-amz-security-token'],
  };
}

/** "/bucket/key?sub-resources": the bucket is in the resource however the request named it,
 * and a bucket alone is "/bucket/" (S3 UG, "Constructing the CanonicalizedResource element"). */
function canonicalResource(req: WireRequest): string {
  const vhost = virtualHostBucket(req.headers.host);
  const bucketOnly = vhost === undefined && req.rawPath.length > 1 && req.rawPath.indexOf('/', 1) < 0;
  let resource = vhost !== undefined ? `/${vhost}${req.rawPath}` : bucketOnly ? `${req.rawPath}/` : req.rawPath;
  const signed: string[] = [];
  for (const part of req.rawQuery.split('&')) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    if (!SIGNED_PARAMS.has(name)) continue;
    let value: string | undefined;
    try {
      value = eq < 0 ? undefined : decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' '));
    } catch {
      value = part.slice(eq + 1);
    }
    signed.push(value === undefined ? name : `${name}=${value}`);
  }
  if (signed.length) resource += `?${signed.sort().join('&')}`;
  return resource;
}

/** The text SigV2 signs. A presigned URL carries its Content-Type, Content-MD5 and x-amz-*
 * values in the query (botocore moves them there), so those count as headers. */
export function stringToSignV2(req: QueriedRequest, p: SigV2Params): string {
  const query = p.presigned ? req.query : undefined;
  const value = (name: string) => (query?.get(name) ?? req.headers[name] ?? '').trim();
  const amz = new Map<string, string>();
  for (const [name, v] of Object.entries(req.headers)) if (name.startsWith('x-amz-')) amz.set(name, v.trim());
  for (const [name, v] of query ?? []) if (name.toLowerCase().startsWith('x-amz-')) amz.set(name.toLowerCase(), v.trim());
  const date = p.presigned ? String(p.expires) : amz.has('x-amz-date') ? '' : value('date');
  const headers = [...amz.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([n, v]) => `${n}:${v}\n`).join('');
  return `${req.method.toUpperCase()}\n${value('content-md5')}\n${value('content-type')}\n${date}\n${headers}${canonicalResource(req)}`;
}

/** Whether `signature` is the base64 HMAC-SHA1 of `stringToSign` under `secret`. */
export function verifySigV2(stringToSign: string, secret: string, signature: string): boolean {
  return constantTimeEqual(createHmac('sha1', secret).update(stringToSign, 'utf8').digest('base64'), signature);
}
