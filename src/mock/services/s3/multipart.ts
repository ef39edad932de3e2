// Multipart upload: CreateMultipartUpload, UploadPart, CompleteMultipartUpload and
// AbortMultipartUpload (S3 API Reference, one page each). An upload keeps its parts in the
// bucket until it is completed (the object is then the listed parts, in order) or aborted.
// Error texts and their extra elements are S3's as it sends them, which differ from the
// error-code table of the API Reference (see the test file for the reports they come from).
import { createHash } from 'node:crypto';
import { emptyReply, parseXmlBody, xmlReply } from '../../protocols/rest-xml.js';
import { AwsError, type Reply } from '../../types.js';
import { resolveTarget } from './addressing.js';
import { authorizeS3, objectArn } from './authz.js';
import { askedAlgorithm, checksumElements, checksumOf, fullObjectAlgorithm } from './integrity.js';
import { DEFAULT_CONTENT_TYPE, key, storedHeaders, userMetadata, writeContext } from './objects.js';
import { requireBucket, type S3Request } from './request.js';
import { objectsOf, uploadsOf, type BucketRecord, type PartRecord, type UploadRecord } from './state.js';

/** The smallest part but the last (S3 UG, "Amazon S3 multipart upload limits"). */
const MIN_PART_BYTES = 5 * 1024 * 1024;
const MAX_PART_NUMBER = 10000;
/** The mock holds objects in memory, so one upload's parts may add up to this much (S3 itself
 * allows 5 TiB); beyond it UploadPart answers EntityTooLarge with this as MaxSizeAllowed. */
const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;
const UPLOAD_ID_LENGTH = 64;

export const noSuchUpload = (uploadId: string): AwsError =>
  new AwsError(
    'NoSuchUpload',
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    404,
    { UploadId: uploadId },
  );

const malformedXml = () =>
  new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');

const unquote = (etag: string): string => etag.trim().replace(/^"(.*)"$/, '$1');

/** The start of every call about an upload: the addressed bucket and key, `action` authorised
 * on the object, then the upload the request's uploadId names for that key (NoSuchUpload
 * otherwise, and only to a caller allowed to ask). */
export function authorizedUpload(req: S3Request, action: string): { bucket: BucketRecord; key: string; upload: UploadRecord } {
  const bucket = requireBucket(req);
  const k = key(req);
  authorizeS3(req.call, req.policies, { action, resource: objectArn(bucket.name, k), bucket });
  const id = req.call.query.get('uploadId') ?? '';
  const uploads = uploadsOf(bucket);
  const upload = Object.hasOwn(uploads, id) ? uploads[id] : undefined;
  if (!upload || upload.key !== k) throw noSuchUpload(id);
  return { bucket, key: k, upload };
}

/** x-amz-checksum-algorithm and x-amz-checksum-type of CreateMultipartUpload. CRC64NVME
 * checksums are always of the full object (S3 UG, "Checking object integrity": "Using full
 * object checksums for multipart upload"). The wording of a refused combination is UNCERTAIN
 * (S3 answers InvalidRequest; the text is not documented). */
function checksumSettings(headers: Record<string, string>): Pick<UploadRecord, 'checksumAlgorithm' | 'checksumType'> {
  const algorithm = askedAlgorithm(headers);
  if (algorithm === undefined) return {};
  const type = (headers['x-amz-checksum-type'] ?? (algorithm === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE')).trim().toUpperCase();
  if ((type !== 'COMPOSITE' && type !== 'FULL_OBJECT') || (type === 'FULL_OBJECT' && !fullObjectAlgorithm(algorithm)) ||
      (type === 'COMPOSITE' && algorithm === 'CRC64NVME')) {
    throw new AwsError('InvalidRequest', `The ${type} checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`);
  }
  return { checksumAlgorithm: algorithm, checksumType: type };
}

/** The header name under which parts keep the checksum of the upload's algorithm. */
const checksumName = (u: UploadRecord): string | undefined => u.checksumAlgorithm && `x-amz-checksum-${u.checksumAlgorithm.toLowerCase()}`;

const checksumHeaders = (u: UploadRecord): Record<string, string> =>
  u.checksumAlgorithm ? { 'x-amz-checksum-algorithm': u.checksumAlgorithm, 'x-amz-checksum-type': u.checksumType! } : {};

export function createMultipartUpload(req: S3Request): Reply {
  const bucket = requireBucket(req);
  const k = key(req);
  const { call } = req;
  authorizeS3(call, req.policies, { action: 's3:PutObject', resource: objectArn(bucket.name, k), bucket, context: writeContext(call.headers) });
  const upload: UploadRecord = {
    // Never a leading '-': the AWS CLI would read `--upload-id -X...` as another option.
    id: req.world.newId('', 1, 'upper') + req.world.newId('', UPLOAD_ID_LENGTH - 1, 'base64url'),
    key: k,
    initiated: call.now.toISOString(),
    initiator: call.caller.principal.arn,
    owner: call.caller.accountId,
    contentType: call.headers['content-type'] || DEFAULT_CONTENT_TYPE,
    metadata: userMetadata(call.headers),
    headers: storedHeaders(call.headers),
    ...checksumSettings(call.headers),
    parts: {},
  };
  uploadsOf(bucket)[upload.id] = upload;
  req.world.changed();
  const reply = xmlReply(call.requestId, 'InitiateMultipartUploadResult', { Bucket: bucket.name, Key: k, UploadId: upload.id });
  Object.assign(reply.headers, { 'x-amz-server-side-encryption': 'AES256' }, checksumHeaders(upload));
  return reply;
}

export function partNumber(req: S3Request): number {
  const raw = req.call.query.get('partNumber') ?? '';
  const n = /^\d{1,5}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= 1 && n <= MAX_PART_NUMBER)) {
    throw new AwsError('InvalidArgument', `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`, 400, {
      ArgumentName: 'partNumber',
      ArgumentValue: raw,
    });
  }
  return n;
}

export function uploadPart(req: S3Request): Reply {
  const { upload } = authorizedUpload(req, 's3:PutObject');
  const part = addPart(req, upload, partNumber(req), req.body, req.checksums);
  return emptyReply(req.call.requestId, 200, { etag: part.etag, 'x-amz-server-side-encryption': 'AES256', ...part.checksums });
}

/** Stores `body` as part `number` of the upload (UploadPart, UploadPartCopy), replacing a part
 * uploaded under that number before; EntityTooLarge past the mock's bound for one upload. */
export function addPart(req: S3Request, upload: UploadRecord, number: number, body: Buffer, sent: Record<string, string>): PartRecord {
  const others = Object.values(upload.parts).reduce((n, p) => (p.number === number ? n : n + p.size), 0);
  if (others + body.length > MAX_UPLOAD_BYTES) {
    throw new AwsError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
      ProposedSize: String(others + body.length),
      MaxSizeAllowed: String(MAX_UPLOAD_BYTES),
    });
  }
  // A part sent without the upload's checksum gets it here, so that Complete can check and
  // combine it like a sent one.
  const checksums = { ...sent };
  const name = checksumName(upload);
  if (name && checksums[name] === undefined) checksums[name] = checksumOf(upload.checksumAlgorithm!.toLowerCase(), body);
  const part: PartRecord = {
    number,
    data: body.toString('base64'),
    size: body.length,
    etag: `"${createHash('md5').update(body).digest('hex')}"`,
    lastModified: req.call.now.toISOString(),
    checksums,
  };
  upload.parts[String(number)] = part;
  req.world.changed();
  return part;
}

interface ListedPart {
  number: number;
  etag: string;
  /** x-amz-checksum-ALG → base64, from the Part's ChecksumALG elements. */
  checksums: Record<string, string>;
}

/** The Part list of a CompleteMultipartUpload body; a part without a number or ETag, or no
 * parts at all, is MalformedXML. */
function listedParts(body: Buffer): ListedPart[] {
  const doc = parseXmlBody(body)['CompleteMultipartUpload'];
  if (typeof doc !== 'object' || doc === null) throw malformedXml();
  const raw = (doc as Record<string, unknown>)['Part'];
  const parts = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  if (!parts.length) throw malformedXml();
  return parts.map((p) => {
    if (typeof p !== 'object' || p === null) throw malformedXml();
    const fields = p as Record<string, unknown>;
    const number = String(fields['PartNumber'] ?? '').trim();
    const etag = fields['ETag'];
    if (!/^\d{1,10}$/.test(number) || typeof etag !== 'string' || !etag.trim()) throw malformedXml();
    const checksums: Record<string, string> = {};
    for (const [name, value] of Object.entries(fields)) {
      const m = /^Checksum([A-Z0-9]+)$/.exec(name);
      if (m && m[1] !== 'Type' && typeof value === 'string') checksums[`x-amz-checksum-${m[1]!.toLowerCase()}`] = value.trim();
    }
    return { number: Number(number), etag, checksums };
  });
}

/** The parts Complete names, checked against the upload: ascending numbers, each uploaded with
 * the ETag and checksums given, all but the last at least MIN_PART_BYTES. */
function checkedParts(upload: UploadRecord, listed: ListedPart[]): PartRecord[] {
  const detail = (p: ListedPart) => ({ UploadId: upload.id, PartNumber: String(p.number), ETag: p.etag });
  const out: PartRecord[] = [];
  let previous = 0;
  for (const p of listed) {
    if (p.number <= previous) {
      throw new AwsError('InvalidPartOrder', 'The list of parts was not in ascending order. The parts list must be specified in order by part number.', 400, detail(p));
    }
    previous = p.number;
    const part = Object.hasOwn(upload.parts, String(p.number)) ? upload.parts[String(p.number)] : undefined;
    const differs = (name: string) => part!.checksums[name] !== undefined && part!.checksums[name] !== p.checksums[name];
    if (!part || unquote(part.etag) !== unquote(p.etag) || Object.keys(p.checksums).some(differs)) {
      throw new AwsError(
        'InvalidPart',
        "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
        400,
        detail(p),
      );
    }
    // A COMPOSITE checksum is the checksum of the part checksums the request lists, so S3 wants
    // every one (S3's answers in aws/aws-sdk-php#2648, sha1, and apache/opendal#4580, crc32c).
    // Which of this and InvalidPart S3 checks first is UNCERTAIN.
    const name = checksumName(upload);
    if (name && upload.checksumType === 'COMPOSITE' && p.checksums[name] === undefined) {
      throw new AwsError(
        'InvalidRequest',
        `The upload was created using a ${upload.checksumAlgorithm!.toLowerCase()} checksum. The complete request must include the checksum for each part. It was missing for part ${p.number} in the request.`,
      );
    }
    out.push(part);
  }
  for (const part of out.slice(0, -1)) {
    if (part.size < MIN_PART_BYTES) {
      throw new AwsError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', 400, {
        ProposedSize: String(part.size),
        MinSizeAllowed: String(MIN_PART_BYTES),
        PartNumber: String(part.number),
        ETag: unquote(part.etag),
      });
    }
  }
  return out;
}

/** The object's checksum: of the whole body (FULL_OBJECT), or the checksum of the parts'
 * checksums with "-N" (COMPOSITE); none when a part lacks one. */
function objectChecksum(upload: UploadRecord, parts: PartRecord[], body: Buffer): Record<string, string> {
  const name = checksumName(upload);
  if (!name) return {};
  const algorithm = upload.checksumAlgorithm!.toLowerCase();
  if (upload.checksumType === 'FULL_OBJECT') return { [name]: checksumOf(algorithm, body) };
  const each = parts.map((p) => p.checksums[name]);
  if (each.some((c) => c === undefined)) return {};
  const combined = checksumOf(algorithm, Buffer.concat(each.map((c) => Buffer.from(c!, 'base64'))));
  return { [name]: `${combined}-${parts.length}` };
}

/** Complete may restate the upload's checksum type as a check; a different one is BadDigest
 * (S3 API, CompleteMultipartUpload: x-amz-checksum-type). The message is UNCERTAIN (not
 * documented); an upload created without a checksum has no type to match. */
function checkCompleteType(upload: UploadRecord, sent: string | undefined): void {
  if (sent === undefined) return;
  const type = sent.trim().toUpperCase();
  if (type === upload.checksumType) return;
  throw new AwsError('BadDigest', `The checksum type ${type} you specified did not match the upload's checksum type, ${upload.checksumType ?? 'none'}.`);
}

/** Where the object is, as S3 gives it: the URL of the request's own addressing style. */
function location(req: S3Request, bucket: string, k: string): string {
  const host = req.call.headers['host'] ?? 'localhost';
  const path = encodeURIComponent(k).replace(/%2F/g, '/');
  return resolveTarget(req.call.rawPath, host).style === 'virtual' ? `http://${host}/${path}` : `http://${host}/${bucket}/${path}`;
}

export function completeMultipartUpload(req: S3Request): Reply {
  const { bucket, key: k, upload } = authorizedUpload(req, 's3:PutObject');
  const { call } = req;
  checkCompleteType(upload, call.headers['x-amz-checksum-type']);
  const parts = checkedParts(upload, listedParts(req.body));
  const body = Buffer.concat(parts.map((p) => Buffer.from(p.data, 'base64')));
  const checksum = objectChecksum(upload, parts, body);
  // An object checksum the client sent in a header must match: a COMPOSITE one with or without
  // its "-N" (S3's behaviour as minio/minio#19670 reports it; the BadDigest is FULL_OBJECT's).
  for (const [name, value] of Object.entries(checksum)) {
    const sent = call.headers[name]?.trim();
    if (sent !== undefined && sent !== value && `${sent}-${parts.length}` !== value) {
      // The upload's algorithm is stored as S3 names it (askedAlgorithm): 'CRC32', 'SHA256', ...
      throw new AwsError('BadDigest', `The ${upload.checksumAlgorithm!} you specified did not match the calculated checksum.`);
    }
  }
  // S3's multipart ETag: the MD5 of the parts' binary MD5s, then "-" and the number of parts.
  const digests = Buffer.concat(parts.map((p) => Buffer.from(unquote(p.etag), 'hex')));
  const etag = `"${createHash('md5').update(digests).digest('hex')}-${parts.length}"`;
  objectsOf(bucket)[k] = {
    key: k,
    data: body.toString('base64'),
    size: body.length,
    etag,
    lastModified: call.now.toISOString(),
    contentType: upload.contentType,
    metadata: upload.metadata,
    headers: upload.headers,
    ...(Object.keys(checksum).length ? { checksums: checksum, checksumType: upload.checksumType } : {}),
  };
  delete uploadsOf(bucket)[upload.id];
  req.world.changed();
  const reply = xmlReply(call.requestId, 'CompleteMultipartUploadResult', {
    Location: location(req, bucket.name, k),
    Bucket: bucket.name,
    Key: k,
    ETag: etag,
    ...checksumElements(checksum),
    ChecksumType: upload.checksumType,
  });
  reply.headers['x-amz-server-side-encryption'] = 'AES256';
  return reply;
}

export function abortMultipartUpload(req: S3Request): Reply {
  const { bucket, upload } = authorizedUpload(req, 's3:AbortMultipartUpload');
  delete uploadsOf(bucket)[upload.id];
  req.world.changed();
  return emptyReply(req.call.requestId, 204);
}
