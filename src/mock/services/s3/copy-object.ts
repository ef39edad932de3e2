// Server-side copies: CopyObject (PUT with x-amz-copy-source) and UploadPartCopy (the same on a
// part of a multipart upload, optionally of a byte range). Each is authorised twice, as S3
// does: s3:GetObject on the source (its bucket's policy and owner) and s3:PutObject on the
// target, so a cross-account copy needs both sides to allow it.
import { createHash } from 'node:crypto';
import { xmlReply } from '../../protocols/rest-xml.js';
import { AwsError, type Reply } from '../../types.js';
import { authorizeS3, objectArn } from './authz.js';
import { etagMatches, httpDate, preconditionFailed, seconds } from './conditions.js';
import { askedAlgorithm, checksumElements, checksumOf } from './integrity.js';
import { addPart, authorizedUpload, partNumber } from './multipart.js';
import { DEFAULT_CONTENT_TYPE, key, readable, storedHeaders, userMetadata, writeContext } from './objects.js';
import { noSuchBucket, requireBucket, type S3Request } from './request.js';
import { getBucket, objectsOf, type ObjectRecord } from './state.js';

interface Source {
  bucket: string;
  key: string;
  object: ObjectRecord;
}

const badSource = (value: string) =>
  new AwsError('InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey', 400, {
    ArgumentName: 'x-amz-copy-source',
    ArgumentValue: value,
  });

/** The object x-amz-copy-source names ("bucket/key" or "/bucket/key", URL-encoded, with an
 * optional "?versionId="), readable by the caller. */
function copySource(req: S3Request): Source {
  const raw = req.call.headers['x-amz-copy-source'] ?? '';
  const path = raw.replace(/^\//, '').replace(/\?versionId=[^&]*$/, '');
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) throw badSource(raw);
  let bucketName: string;
  let k: string;
  try {
    bucketName = decodeURIComponent(path.slice(0, slash));
    k = decodeURIComponent(path.slice(slash + 1));
  } catch {
    throw badSource(raw);
  }
  const bucket = getBucket(req.world, bucketName);
  if (!bucket) throw noSuchBucket(bucketName);
  const object = readable(req, bucket, k);
  copyConditions(req.call.headers, object);
  return { bucket: bucketName, key: k, object };
}

/** x-amz-copy-source-if-*: unlike GET's conditions, every failure is 412 (API Reference,
 * CopyObject: if-match with a failed if-unmodified-since still copies, and so on). */
function copyConditions(headers: Record<string, string>, obj: ObjectRecord): void {
  const modified = seconds(Date.parse(obj.lastModified));
  const ifMatch = headers['x-amz-copy-source-if-match'];
  const unmodified = httpDate(headers['x-amz-copy-source-if-unmodified-since']);
  if (ifMatch !== undefined ? !etagMatches(ifMatch, obj.etag) : unmodified !== undefined && modified > unmodified) {
    throw preconditionFailed(ifMatch !== undefined ? 'x-amz-copy-source-If-Match' : 'x-amz-copy-source-If-Unmodified-Since');
  }
  const ifNoneMatch = headers['x-amz-copy-source-if-none-match'];
  const since = httpDate(headers['x-amz-copy-source-if-modified-since']);
  if (ifNoneMatch !== undefined ? etagMatches(ifNoneMatch, obj.etag) : since !== undefined && modified <= since) {
    throw preconditionFailed(ifNoneMatch !== undefined ? 'x-amz-copy-source-If-None-Match' : 'x-amz-copy-source-If-Modified-Since');
  }
}

/** Headers that change what a copy onto itself stores (besides REPLACE metadata). */
const CHANGES = ['x-amz-storage-class', 'x-amz-server-side-encryption', 'x-amz-website-redirect-location', 'x-amz-checksum-algorithm'];

export function copyObject(req: S3Request): Reply {
  const bucket = requireBucket(req);
  const k = key(req);
  const { call } = req;
  const source = copySource(req);
  authorizeS3(call, req.policies, { action: 's3:PutObject', resource: objectArn(bucket.name, k), bucket, context: writeContext(call.headers) });
  const directive = (call.headers['x-amz-metadata-directive'] ?? 'COPY').toUpperCase();
  if (directive !== 'COPY' && directive !== 'REPLACE') {
    // UNCERTAIN wording: S3 refuses other values with InvalidArgument.
    throw new AwsError('InvalidArgument', 'Unknown metadata directive.', 400, {
      ArgumentName: 'x-amz-metadata-directive',
      ArgumentValue: call.headers['x-amz-metadata-directive']!,
    });
  }
  if (source.bucket === bucket.name && source.key === k && directive === 'COPY' && !CHANGES.some((h) => call.headers[h] !== undefined)) {
    throw new AwsError(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  const from = source.object;
  const data = Buffer.from(from.data, 'base64');
  const replace = directive === 'REPLACE';
  const record: ObjectRecord = {
    key: k,
    data: from.data,
    size: from.size,
    // A copy is stored in one piece, so its ETag is the MD5 of its bytes even when the source
    // was assembled from parts.
    etag: `"${createHash('md5').update(data).digest('hex')}"`,
    lastModified: call.now.toISOString(),
    contentType: replace ? call.headers['content-type'] || DEFAULT_CONTENT_TYPE : from.contentType,
    metadata: replace ? userMetadata(call.headers) : from.metadata,
    headers: replace ? storedHeaders(call.headers) : from.headers,
    ...copiedChecksum(call.headers, from, data),
  };
  objectsOf(bucket)[k] = record;
  req.world.changed();
  const reply = xmlReply(call.requestId, 'CopyObjectResult', {
    ETag: record.etag,
    LastModified: record.lastModified,
    ...(record.checksumType ? { ChecksumType: record.checksumType } : {}),
    ...checksumElements(record.checksums ?? {}),
  });
  reply.headers['x-amz-server-side-encryption'] = 'AES256';
  return reply;
}

/** The copy's checksum: the one asked for (x-amz-checksum-algorithm), else the source's when it
 * is of the whole object; a composite one belonged to the source's parts. */
function copiedChecksum(headers: Record<string, string>, from: ObjectRecord, data: Buffer): Pick<ObjectRecord, 'checksums' | 'checksumType'> {
  const asked = askedAlgorithm(headers)?.toLowerCase();
  if (asked) {
    return { checksums: { [`x-amz-checksum-${asked}`]: checksumOf(asked, data) }, checksumType: 'FULL_OBJECT' };
  }
  return from.checksums && from.checksumType !== 'COMPOSITE' ? { checksums: from.checksums, checksumType: 'FULL_OBJECT' } : {};
}

/** x-amz-copy-source-range: "bytes=first-last", inside the source (both offsets required). */
function sourceRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d+)-(\d+)$/.exec(header.trim());
  if (!m || Number(m[1]) > Number(m[2])) {
    throw new AwsError(
      'InvalidArgument',
      'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy',
      400,
      { ArgumentName: 'x-amz-copy-source-range', ArgumentValue: header },
    );
  }
  if (Number(m[2]) >= size) {
    throw new AwsError('InvalidArgument', `Range specified is not valid for source object of size: ${size}`, 400, {
      ArgumentName: 'x-amz-copy-source-range',
      ArgumentValue: header,
    });
  }
  return { start: Number(m[1]), end: Number(m[2]) };
}

export function uploadPartCopy(req: S3Request): Reply {
  // The target's bucket and key are checked before the source, as in CopyObject.
  requireBucket(req);
  key(req);
  const { call } = req;
  const source = copySource(req);
  const { upload } = authorizedUpload(req, 's3:PutObject');
  const number = partNumber(req);
  const data = Buffer.from(source.object.data, 'base64');
  const range = sourceRange(call.headers['x-amz-copy-source-range'], source.object.size);
  const part = addPart(req, upload, number, range ? data.subarray(range.start, range.end + 1) : data, {});
  // A copied part has only the checksum of the upload's algorithm, which Complete of a
  // COMPOSITE upload must list: answered as ListParts answers it.
  const reply = xmlReply(call.requestId, 'CopyPartResult', { ETag: part.etag, LastModified: part.lastModified, ...checksumElements(part.checksums) });
  reply.headers['x-amz-server-side-encryption'] = 'AES256';
  return reply;
}
