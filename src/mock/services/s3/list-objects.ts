// ListObjectsV2 and ListObjects (v1): keys in UTF-8 order, prefix/delimiter roll-up into
// CommonPrefixes, max-keys pages, and `encoding-type=url` (botocore always asks for it and
// URL-decodes Key, Prefix, Delimiter, StartAfter, Marker and CommonPrefixes in the answer).
import { xmlReply } from '../../protocols/rest-xml.js';
import { AwsError, type Reply } from '../../types.js';
import type { RequestContext } from '../../../policy/index.js';
import { authorizeS3, bucketArn } from './authz.js';
import { intParam, requireBucket, type S3Request } from './request.js';
import { canonicalUserId, compareKeys, objectsOf, type BucketRecord, type ObjectRecord } from './state.js';

const MAX_KEYS = 1000;

interface Listing {
  contents: ObjectRecord[];
  prefixes: string[];
  truncated: boolean;
  /** The last key or common prefix returned (where the next page starts after). */
  last?: string;
}

/** List keys after `after` (exclusive). When `after` is a common prefix that was already
 * returned, keys under it are skipped too, so it is not returned twice. */
function list(bucket: BucketRecord, prefix: string, delimiter: string, after: string, maxKeys: number): Listing {
  const keys = Object.keys(objectsOf(bucket))
    .filter((k) => k.startsWith(prefix) && compareKeys(k, after) > 0)
    .filter((k) => !(delimiter && after.endsWith(delimiter) && after.length > prefix.length && k.startsWith(after)))
    .sort(compareKeys);
  const out: Listing = { contents: [], prefixes: [], truncated: false };
  for (const k of keys) {
    const at = delimiter ? k.indexOf(delimiter, prefix.length) : -1;
    const common = at >= 0 ? k.slice(0, at + delimiter.length) : undefined;
    if (common !== undefined && common === out.prefixes[out.prefixes.length - 1]) continue;
    if (out.contents.length + out.prefixes.length >= maxKeys) {
      out.truncated = maxKeys > 0;
      break;
    }
    if (common !== undefined) out.prefixes.push(common);
    else out.contents.push(objectsOf(bucket)[k]!);
    out.last = common ?? k;
  }
  return out;
}

/** S3's `encoding-type=url`: percent-encode everything but unreserved characters and `/`. */
export function urlEncode(s: string): string {
  return encodeURIComponent(s).replace(/%2F/g, '/').replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

interface Common {
  bucket: BucketRecord;
  prefix: string;
  delimiter: string;
  maxKeys: number;
  encode: (s: string) => string;
  encodingType?: string;
}

/** `encoding-type` of a listing: 'url' or none. */
export function encodingParam(req: S3Request): { encode: (s: string) => string; encodingType?: string } {
  const encodingType = req.call.query.get('encoding-type') ?? undefined;
  if (encodingType === undefined) return { encode: (s) => s };
  if (encodingType !== 'url') {
    throw new AwsError('InvalidArgument', 'Invalid Encoding Method specified in Request', 400, {
      ArgumentName: 'encoding-type',
      ArgumentValue: encodingType,
    });
  }
  return { encode: urlEncode, encodingType };
}

function commonParams(req: S3Request): Common {
  const q = req.call.query;
  const encoding = encodingParam(req);
  const maxKeys = intParam(req, 'max-keys', 0, 2147483647, 'Provided max-keys not an integer or within integer range') ?? MAX_KEYS;
  const bucket = requireBucket(req);
  const context: RequestContext = {};
  for (const name of ['prefix', 'delimiter']) {
    const v = q.get(name);
    if (v !== null) context[`s3:${name}`] = v;
  }
  if (q.has('max-keys')) context['s3:max-keys'] = maxKeys;
  authorizeS3(req.call, req.policies, { action: 's3:ListBucket', resource: bucketArn(bucket.name), bucket, context });
  return {
    bucket,
    prefix: q.get('prefix') ?? '',
    delimiter: q.get('delimiter') ?? '',
    maxKeys,
    ...encoding,
  };
}

function contentsXml(c: Common, objects: ObjectRecord[], owner: boolean) {
  return objects.map((o) => ({
    Key: c.encode(o.key),
    LastModified: o.lastModified,
    ETag: o.etag,
    Size: o.size,
    StorageClass: 'STANDARD',
    Owner: owner ? { ID: canonicalUserId(c.bucket.owner) } : undefined,
  }));
}

function prefixesXml(c: Common, prefixes: string[]) {
  return prefixes.map((p) => ({ Prefix: c.encode(p) }));
}

/** Continuation tokens are opaque; here they carry the last key or prefix returned. */
function decodeContinuation(token: string): string {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (!text.startsWith('v1:') || Buffer.from(text).toString('base64url') !== token) {
    throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect', 400, {
      ArgumentName: 'continuation-token',
      ArgumentValue: token,
    });
  }
  return text.slice(3);
}

export function listObjectsV2(req: S3Request): Reply {
  const q = req.call.query;
  const c = commonParams(req);
  const token = q.get('continuation-token');
  const startAfter = q.get('start-after');
  const after = token !== null ? decodeContinuation(token) : (startAfter ?? '');
  const page = list(c.bucket, c.prefix, c.delimiter, after, Math.min(c.maxKeys, MAX_KEYS));
  return xmlReply(req.call.requestId, 'ListBucketResult', {
    Name: c.bucket.name,
    Prefix: c.encode(c.prefix),
    Delimiter: c.delimiter ? c.encode(c.delimiter) : undefined,
    MaxKeys: c.maxKeys,
    KeyCount: page.contents.length + page.prefixes.length,
    IsTruncated: page.truncated,
    EncodingType: c.encodingType,
    ContinuationToken: token ?? undefined,
    NextContinuationToken: page.truncated ? Buffer.from(`v1:${page.last}`).toString('base64url') : undefined,
    StartAfter: startAfter !== null ? c.encode(startAfter) : undefined,
    Contents: contentsXml(c, page.contents, q.get('fetch-owner') === 'true'),
    CommonPrefixes: prefixesXml(c, page.prefixes),
  });
}

export function listObjectsV1(req: S3Request): Reply {
  const c = commonParams(req);
  const marker = req.call.query.get('marker') ?? '';
  const page = list(c.bucket, c.prefix, c.delimiter, marker, Math.min(c.maxKeys, MAX_KEYS));
  return xmlReply(req.call.requestId, 'ListBucketResult', {
    Name: c.bucket.name,
    Prefix: c.encode(c.prefix),
    Marker: c.encode(marker),
    // S3 gives NextMarker only with a delimiter; without one the last Key is the next marker.
    NextMarker: page.truncated && c.delimiter ? c.encode(page.last!) : undefined,
    Delimiter: c.delimiter ? c.encode(c.delimiter) : undefined,
    MaxKeys: c.maxKeys,
    IsTruncated: page.truncated,
    EncodingType: c.encodingType,
    Contents: contentsXml(c, page.contents, true),
    CommonPrefixes: prefixesXml(c, page.prefixes),
  });
}
