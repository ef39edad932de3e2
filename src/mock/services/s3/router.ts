// Which S3 operation a request is: method, whether a bucket and key are addressed, and the
// subresource in the query string (`?policy`, `?list-type=2`, `?delete`, ...). Query parameters
// S3 does not know are ignored, as S3 ignores them (the JS SDK adds `x-id=`); subresources S3
// has but the mock does not implement get NotImplemented.
import { AwsError } from '../../types.js';
import { createBucket, deleteBucket, getBucketLocation, headBucket, listBuckets } from './buckets.js';
import { deleteBucketPolicy, getBucketPolicy, getBucketPolicyStatus, putBucketPolicy } from './bucket-policy.js';
import { copyObject, uploadPartCopy } from './copy-object.js';
import { deleteObjects } from './delete-objects.js';
import { deletePublicAccessBlock, getPublicAccessBlock, putPublicAccessBlock } from './public-access.js';
import { getBucketVersioning, listObjectVersions } from './versions.js';
import { listObjectsV1, listObjectsV2 } from './list-objects.js';
import { abortMultipartUpload, completeMultipartUpload, createMultipartUpload, uploadPart } from './multipart.js';
import { listMultipartUploads, listParts } from './multipart-list.js';
import { deleteObject, getObjectHandler, headObject, putObject } from './objects.js';
import { requireBucket, type S3Handler } from './request.js';

const UNIMPLEMENTED_BUCKET = [
  'accelerate', 'acl', 'analytics', 'cors', 'encryption', 'intelligent-tiering', 'inventory', 'lifecycle', 'logging',
  'metadataTable', 'metrics', 'notification', 'object-lock', 'ownershipControls',
  'replication', 'requestPayment', 'session', 'tagging', 'versioning', 'versions', 'website',
];
const UNIMPLEMENTED_OBJECT = ['acl', 'attributes', 'legal-hold', 'restore', 'retention', 'select', 'tagging', 'torrent'];

/** A feature S3 has and the mock lacks: S3 still says NoSuchBucket for a missing bucket and
 * Access Denied to an anonymous caller before it gets as far as the feature, so only a real
 * request for the feature meets NotImplemented. */
const unsupported =
  (what: string): S3Handler =>
  (req) => {
    requireBucket(req);
    if (req.call.caller.kind === 'anonymous') throw new AwsError('AccessDenied', 'Access Denied', 403);
    throw new AwsError('NotImplemented', `A header or query you provided implies functionality that is not implemented (${what}).`, 501);
  };

const methodNotAllowed = (method: string, resourceType: string) =>
  new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
    Method: method,
    ResourceType: resourceType,
  });

function unimplemented(query: URLSearchParams, names: string[]): string | undefined {
  return names.find((n) => query.has(n));
}

export function route(method: string, bucket: string | undefined, key: string | undefined, query: URLSearchParams, headers: Record<string, string>): S3Handler {
  if (bucket === undefined) {
    if (method === 'GET') return listBuckets;
    throw methodNotAllowed(method, 'SERVICE');
  }
  if (key === undefined) return bucketRoute(method, query);
  const sub = unimplemented(query, UNIMPLEMENTED_OBJECT);
  if (sub) return unsupported(`?${sub}`);
  // Multipart upload: ?uploads starts one, ?uploadId names one (API Reference, each action).
  const upload = query.has('uploadId');
  switch (method) {
    case 'PUT':
      if (headers['x-amz-copy-source'] !== undefined) return upload ? uploadPartCopy : copyObject;
      return upload ? uploadPart : putObject;
    case 'GET':
      return upload ? listParts : getObjectHandler;
    case 'HEAD':
      return headObject;
    case 'DELETE':
      return upload ? abortMultipartUpload : deleteObject;
    case 'POST':
      if (query.has('uploads')) return createMultipartUpload;
      if (upload) return completeMultipartUpload;
      throw methodNotAllowed(method, 'OBJECT');
    default:
      throw methodNotAllowed(method, 'OBJECT');
  }
}

function bucketRoute(method: string, query: URLSearchParams): S3Handler {
  const policy = query.has('policy');
  const block = query.has('publicAccessBlock');
  switch (method) {
    case 'PUT':
      if (policy) return putBucketPolicy;
      if (block) return putPublicAccessBlock;
      break;
    case 'GET':
      if (policy) return getBucketPolicy;
      if (query.has('policyStatus')) return getBucketPolicyStatus;
      if (block) return getPublicAccessBlock;
      if (query.has('location')) return getBucketLocation;
      if (query.has('versioning')) return getBucketVersioning;
      if (query.has('versions')) return listObjectVersions;
      if (query.has('uploads')) return listMultipartUploads;
      break;
    case 'DELETE':
      if (policy) return deleteBucketPolicy;
      if (block) return deletePublicAccessBlock;
      break;
    case 'POST':
      if (query.has('delete')) return deleteObjects;
      break;
  }
  const sub = unimplemented(query, UNIMPLEMENTED_BUCKET);
  if (sub) return unsupported(`?${sub}`);
  switch (method) {
    case 'PUT':
      return createBucket;
    case 'GET':
      return query.get('list-type') === '2' ? listObjectsV2 : listObjectsV1;
    case 'HEAD':
      return headBucket;
    case 'DELETE':
      return deleteBucket;
    default:
      throw methodNotAllowed(method, 'BUCKET');
  }
}
