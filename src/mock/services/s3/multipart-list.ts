// Listing multipart uploads: ListParts (the parts of one upload) and ListMultipartUploads (the
// uploads in progress in a bucket), each paged as the S3 API Reference describes.
import { xmlReply } from '../../protocols/rest-xml.js';
import type { Reply } from '../../types.js';
import { authorizeS3, bucketArn } from './authz.js';
import { checksumElements } from './integrity.js';
import { encodingParam } from './list-objects.js';
import { authorizedUpload } from './multipart.js';
import { intParam, requireBucket, type S3Request } from './request.js';
import { canonicalUserId, compareKeys, uploadsOf, type PartRecord, type UploadRecord } from './state.js';

const MAX_PAGE = 1000;
const INT_MAX = 2147483647;

const partXml = (p: PartRecord) => ({
  PartNumber: p.number,
  LastModified: p.lastModified,
  ETag: p.etag,
  Size: p.size,
  ...checksumElements(p.checksums),
});

const whoXml = (u: UploadRecord) => ({
  Initiator: { ID: u.initiator },
  Owner: { ID: canonicalUserId(u.owner) },
});

export function listParts(req: S3Request): Reply {
  const { bucket, key: k, upload } = authorizedUpload(req, 's3:ListMultipartUploadParts');
  // The texts of these two refusals follow S3's max-keys one (UNCERTAIN for max-parts).
  const max = intParam(req, 'max-parts', 0, INT_MAX, 'Provided max-parts not an integer or within integer range') ?? MAX_PAGE;
  const marker = intParam(req, 'part-number-marker', 0, INT_MAX, 'Provided part-number-marker not an integer or within integer range') ?? 0;
  const after = Object.values(upload.parts)
    .filter((p) => p.number > marker)
    .sort((a, b) => a.number - b.number);
  const page = after.slice(0, Math.min(max, MAX_PAGE));
  return xmlReply(req.call.requestId, 'ListPartsResult', {
    Bucket: bucket.name,
    Key: k,
    UploadId: upload.id,
    PartNumberMarker: marker,
    NextPartNumberMarker: page.length ? page[page.length - 1]!.number : marker,
    MaxParts: max,
    IsTruncated: after.length > page.length,
    Part: page.map(partXml),
    ...whoXml(upload),
    StorageClass: 'STANDARD',
    ChecksumAlgorithm: upload.checksumAlgorithm,
    ChecksumType: upload.checksumType,
  });
}

/** Uploads in S3's listing order: by key (UTF-8 order), then by initiation (then by id, so
 * that uploads started in the same millisecond keep one order from page to page). */
function inOrder(uploads: UploadRecord[]): UploadRecord[] {
  const by = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return uploads.sort((a, b) => compareKeys(a.key, b.key) || by(a.initiated, b.initiated) || by(a.id, b.id));
}

/** Whether `u` comes after the markers. Without key-marker, upload-id-marker is ignored; with
 * it, uploads of that very key come only after the marker's upload (the API Reference words
 * it as ids "lexicographically greater", which is the fallback for an id no longer listed). */
function afterMarkers(all: UploadRecord[], keyMarker: string, idMarker: string): (u: UploadRecord) => boolean {
  if (!keyMarker) return () => true;
  const same = all.filter((u) => u.key === keyMarker);
  const at = same.findIndex((u) => u.id === idMarker);
  return (u) => {
    const order = compareKeys(u.key, keyMarker);
    if (order !== 0) return order > 0;
    if (!idMarker) return false;
    return at >= 0 ? same.indexOf(u) > at : u.id > idMarker;
  };
}

export function listMultipartUploads(req: S3Request): Reply {
  const q = req.call.query;
  const { encode, encodingType } = encodingParam(req);
  const max = intParam(req, 'max-uploads', 0, INT_MAX, 'Provided max-uploads not an integer or within integer range') ?? MAX_PAGE;
  const bucket = requireBucket(req);
  authorizeS3(req.call, req.policies, { action: 's3:ListBucketMultipartUploads', resource: bucketArn(bucket.name), bucket });
  const prefix = q.get('prefix') ?? '';
  const delimiter = q.get('delimiter') ?? '';
  const keyMarker = q.get('key-marker') ?? '';
  const idMarker = keyMarker ? (q.get('upload-id-marker') ?? '') : '';
  const all = inOrder(Object.values(uploadsOf(bucket)));
  const after = afterMarkers(all, keyMarker, idMarker);
  const candidates = all.filter((u) => u.key.startsWith(prefix) && after(u));
  const uploads: UploadRecord[] = [];
  const prefixes: string[] = [];
  let truncated = false;
  let last: { key: string; id: string } | undefined;
  for (const u of candidates) {
    const at = delimiter ? u.key.indexOf(delimiter, prefix.length) : -1;
    const common = at >= 0 ? u.key.slice(0, at + delimiter.length) : undefined;
    if (common !== undefined && (common === prefixes[prefixes.length - 1] || common === keyMarker)) continue;
    if (uploads.length + prefixes.length >= Math.min(max, MAX_PAGE)) {
      truncated = true;
      break;
    }
    if (common !== undefined) prefixes.push(common);
    else uploads.push(u);
    last = common !== undefined ? { key: common, id: '' } : { key: u.key, id: u.id };
  }
  return xmlReply(req.call.requestId, 'ListMultipartUploadsResult', {
    Bucket: bucket.name,
    KeyMarker: encode(keyMarker),
    UploadIdMarker: idMarker,
    NextKeyMarker: truncated && last ? encode(last.key) : undefined,
    NextUploadIdMarker: truncated && last ? last.id : undefined,
    Delimiter: delimiter ? encode(delimiter) : undefined,
    Prefix: q.has('prefix') ? encode(prefix) : undefined,
    MaxUploads: max,
    IsTruncated: truncated,
    EncodingType: encodingType,
    Upload: uploads.map((u) => ({
      Key: encode(u.key),
      UploadId: u.id,
      ...whoXml(u),
      StorageClass: 'STANDARD',
      Initiated: u.initiated,
      ChecksumAlgorithm: u.checksumAlgorithm,
      ChecksumType: u.checksumType,
    })),
    CommonPrefixes: prefixes.map((p) => ({ Prefix: encode(p) })),
  });
}
