// Object operations: PutObject, GetObject (ranges, conditions), HeadObject, DeleteObject.
import { createHash } from 'node:crypto';
import { emptyReply, s3Headers } from '../../protocols/rest-xml.js';
import { AwsError, type Reply } from '../../types.js';
import { checkKeyLength } from './addressing.js';
import { accessDenied, authorizeS3, bucketArn, isAllowed, objectArn } from './authz.js';
import { checkConditions, parseRange } from './conditions.js';
import { requireBucket, type S3Request } from './request.js';
import { getObject, objectsOf, type BucketRecord, type ObjectRecord } from './state.js';

/** Representation headers S3 stores with an object and returns on GET/HEAD. */
const STORED_HEADERS = ['cache-control', 'content-disposition', 'content-encoding', 'content-language', 'expires'];
/** GET query parameters that override a response header. */
const RESPONSE_OVERRIDES: Record<string, string> = {
  'response-content-type': 'content-type',
  'response-content-language': 'content-language',
  'response-expires': 'expires',
  'response-cache-control': 'cache-control',
  'response-content-disposition': 'content-disposition',
  'response-content-encoding': 'content-encoding',
};
const MAX_METADATA_BYTES = 2048;
export const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

export function key(req: S3Request): string {
  const k = req.key ?? '';
  checkKeyLength(k);
  return k;
}

export function userMetadata(headers: Record<string, string>): [string, string][] {
  const meta = Object.entries(headers)
    .filter(([name]) => name.startsWith('x-amz-meta-'))
    .map(([name, value]): [string, string] => [name.slice('x-amz-meta-'.length), value]);
  const size = meta.reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (size > MAX_METADATA_BYTES) {
    throw new AwsError('MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size.', 400, {
      Size: String(size),
      MaxSizeAllowed: String(MAX_METADATA_BYTES),
    });
  }
  return meta;
}

export function storedHeaders(headers: Record<string, string>): [string, string][] {
  const out: [string, string][] = [];
  for (const name of STORED_HEADERS) {
    let value = headers[name];
    // aws-chunked is transport framing, not a property of the object.
    if (name === 'content-encoding' && value !== undefined) {
      value = value.split(',').map((e) => e.trim()).filter((e) => e && e.toLowerCase() !== 'aws-chunked').join(', ');
    }
    if (value) out.push([name, value]);
  }
  return out;
}

/** The condition keys of a request that writes an object (PutObject, CreateMultipartUpload). */
export function writeContext(headers: Record<string, string>): Record<string, string> {
  const context: Record<string, string> = {};
  for (const h of ['x-amz-acl', 'x-amz-server-side-encryption', 'x-amz-storage-class']) {
    const v = headers[h];
    if (v !== undefined) context[`s3:${h}`] = v;
  }
  return context;
}

export function putObject(req: S3Request): Reply {
  const bucket = requireBucket(req);
  const k = key(req);
  const { call } = req;
  const context = writeContext(call.headers);
  authorizeS3(call, req.policies, { action: 's3:PutObject', resource: objectArn(bucket.name, k), bucket, context });

  const md5 = createHash('md5').update(req.body).digest('hex');
  const record: ObjectRecord = {
    key: k,
    data: req.body.toString('base64'),
    size: req.body.length,
    etag: `"${md5}"`,
    lastModified: call.now.toISOString(),
    contentType: call.headers['content-type'] || DEFAULT_CONTENT_TYPE,
    metadata: userMetadata(call.headers),
    headers: storedHeaders(call.headers),
    ...(Object.keys(req.checksums).length ? { checksums: req.checksums, checksumType: 'FULL_OBJECT' as const } : {}),
  };
  objectsOf(bucket)[k] = record;
  req.world.changed();
  return emptyReply(call.requestId, 200, {
    etag: record.etag,
    'x-amz-server-side-encryption': 'AES256',
    ...req.checksums,
  });
}

/** The object, or the error S3 gives for a missing key: NoSuchKey to callers who may list the
 * bucket, AccessDenied to the others (so a missing key is not revealed). */
export function readable(req: S3Request, bucket: BucketRecord, k: string): ObjectRecord {
  authorizeS3(req.call, req.policies, { action: 's3:GetObject', resource: objectArn(bucket.name, k), bucket });
  const obj = getObject(bucket, k);
  if (obj) return obj;
  if (isAllowed(req.call, req.policies, { action: 's3:ListBucket', resource: bucketArn(bucket.name), bucket })) {
    throw new AwsError('NoSuchKey', 'The specified key does not exist.', 404, { Key: k });
  }
  throw accessDenied();
}

function objectHeaders(req: S3Request, obj: ObjectRecord): Record<string, string> {
  const headers: Record<string, string> = {
    ...s3Headers(req.call.requestId),
    'content-type': obj.contentType,
    etag: obj.etag,
    'last-modified': new Date(obj.lastModified).toUTCString(),
    'accept-ranges': 'bytes',
    'x-amz-server-side-encryption': 'AES256',
  };
  for (const [name, value] of obj.headers) headers[name] = value;
  for (const [name, value] of obj.metadata) headers[`x-amz-meta-${name}`] = value;
  for (const [param, header] of Object.entries(RESPONSE_OVERRIDES)) {
    const v = req.call.query.get(param);
    if (v !== null) headers[header] = v;
  }
  return headers;
}

function readObject(req: S3Request, withBody: boolean): Reply {
  const bucket = requireBucket(req);
  const k = key(req);
  const obj = readable(req, bucket, k);
  const headers = objectHeaders(req, obj);
  checkConditions(req.call.headers, obj);
  const data = Buffer.from(obj.data, 'base64');
  const range = parseRange(req.call.headers['range'], obj.size);
  // The checksum describes the whole object, so S3 gives it only for the whole object.
  if (obj.checksums && !range && req.call.headers['x-amz-checksum-mode']?.toUpperCase() === 'ENABLED') {
    Object.assign(headers, obj.checksums, { 'x-amz-checksum-type': obj.checksumType ?? 'FULL_OBJECT' });
  }
  if (range) {
    const part = data.subarray(range.start, range.end + 1);
    headers['content-range'] = `bytes ${range.start}-${range.end}/${obj.size}`;
    headers['content-length'] = String(part.length);
    return { status: 206, headers, body: withBody ? part : '' };
  }
  headers['content-length'] = String(obj.size);
  return { status: 200, headers, body: withBody ? data : '' };
}

export const getObjectHandler = (req: S3Request) => readObject(req, true);
export const headObject = (req: S3Request) => readObject(req, false);

export function deleteObject(req: S3Request): Reply {
  const bucket = requireBucket(req);
  const k = key(req);
  authorizeS3(req.call, req.policies, { action: 's3:DeleteObject', resource: objectArn(bucket.name, k), bucket });
  // Deleting a key that does not exist succeeds too.
  const objects = objectsOf(bucket);
  if (Object.hasOwn(objects, k)) {
    delete objects[k];
    req.world.changed();
  }
  return emptyReply(req.call.requestId, 204);
}
