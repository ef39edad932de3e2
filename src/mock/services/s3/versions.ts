// Versioning as it is on a bucket where it was never enabled (the mock cannot enable it):
// GetBucketVersioning answers with no status, and ListObjectVersions lists each object once,
// with the version id "null". Enough for clients that empty a bucket through its versions.
import { xmlDocument, s3Headers } from '../../protocols/rest-xml.js';
import type { Reply } from '../../types.js';
import { authorizeS3, bucketArn } from './authz.js';
import { requireBucket, type S3Request } from './request.js';
import { canonicalUserId, compareKeys, objectsOf } from './state.js';

export function getBucketVersioning(req: S3Request): Reply {
  const bucket = requireBucket(req);
  authorizeS3(req.call, req.policies, { action: 's3:GetBucketVersioning', resource: bucketArn(bucket.name), bucket });
  return {
    status: 200,
    headers: { ...s3Headers(req.call.requestId), 'content-type': 'application/xml' },
    body: xmlDocument('VersioningConfiguration', {}),
  };
}

export function listObjectVersions(req: S3Request): Reply {
  const bucket = requireBucket(req);
  const q = req.call.query;
  const prefix = q.get('prefix') ?? '';
  authorizeS3(req.call, req.policies, {
    action: 's3:ListBucketVersions',
    resource: bucketArn(bucket.name),
    bucket,
    context: q.has('prefix') ? { 's3:prefix': prefix } : {},
  });
  const objects = objectsOf(bucket);
  const keys = Object.keys(objects).filter((k) => k.startsWith(prefix)).sort(compareKeys);
  const encode = q.get('encoding-type') === 'url' ? (s: string) => encodeURIComponent(s).replace(/%2F/g, '/') : (s: string) => s;
  return {
    status: 200,
    headers: { ...s3Headers(req.call.requestId), 'content-type': 'application/xml' },
    body: xmlDocument('ListVersionsResult', {
      Name: bucket.name,
      Prefix: encode(prefix),
      KeyMarker: '',
      VersionIdMarker: '',
      MaxKeys: 1000,
      IsTruncated: false,
      EncodingType: q.get('encoding-type') === 'url' ? 'url' : undefined,
      Version: keys.map((k) => ({
        Key: encode(k),
        VersionId: 'null',
        IsLatest: true,
        LastModified: objects[k]!.lastModified,
        ETag: objects[k]!.etag,
        Size: objects[k]!.size,
        StorageClass: 'STANDARD',
        Owner: { ID: canonicalUserId(bucket.owner) },
      })),
    }),
  };
}
