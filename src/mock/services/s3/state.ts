// S3 state: buckets are global (one namespace across accounts), each with its owner, region,
// policy and objects. Plain JSON data, persisted by the world; object bodies are base64.
import { createHash } from 'node:crypto';
import type { ServiceWorld } from '../../types.js';

export interface ObjectRecord {
  key: string;
  /** Body, base64. */
  data: string;
  size: number;
  /** Quoted MD5 hex, as S3 returns it. */
  etag: string;
  lastModified: string;
  contentType: string;
  /** User metadata (x-amz-meta-NAME), names lower-cased without the prefix. */
  metadata: [string, string][];
  /** Stored representation headers (cache-control, content-disposition, ...). */
  headers: [string, string][];
  /** The object's flexible checksum as its upload gave it (x-amz-checksum-ALG → base64, "-N"
   * for a composite one), returned on GET and HEAD with x-amz-checksum-mode: ENABLED. */
  checksums?: Record<string, string>;
  checksumType?: 'COMPOSITE' | 'FULL_OBJECT';
}

export interface PublicAccessBlock {
  BlockPublicAcls: boolean;
  IgnorePublicAcls: boolean;
  BlockPublicPolicy: boolean;
  RestrictPublicBuckets: boolean;
}

export interface BucketRecord {
  name: string;
  owner: string;
  region: string;
  creationDate: string;
  /** Bucket policy as stored (the policy engine's canonical JSON). */
  policy?: string;
  /** The unique ids the policy's user and role ARNs were resolved to when it was saved. */
  policyIds?: Record<string, string>;
  /** The bucket's Block Public Access settings (absent: none, as after DeletePublicAccessBlock). */
  publicAccessBlock?: PublicAccessBlock;
  /** Objects by key. Keys are arbitrary strings ("__proto__" included), so the map is kept
   * without a prototype (see `objectsOf`). */
  objects: Record<string, ObjectRecord>;
  /** Multipart uploads in progress, by upload id (absent: none yet). */
  uploads?: Record<string, UploadRecord>;
}

/** A part of a multipart upload, as UploadPart stored it. */
export interface PartRecord {
  number: number;
  /** Body, base64. */
  data: string;
  size: number;
  /** Quoted MD5 hex. */
  etag: string;
  lastModified: string;
  /** Flexible checksums of the part (x-amz-checksum-ALG → base64). */
  checksums: Record<string, string>;
}

/** A multipart upload in progress: what CreateMultipartUpload fixed for the object to be, and
 * the parts uploaded so far. */
export interface UploadRecord {
  id: string;
  key: string;
  initiated: string;
  /** The ARN of the caller who started it (the Initiator ID of ListParts and ListMultipartUploads). */
  initiator: string;
  /** The account of the caller, the owner of the object to be. */
  owner: string;
  contentType: string;
  metadata: [string, string][];
  headers: [string, string][];
  /** Upper-case algorithm name (CRC32, CRC32C, CRC64NVME, SHA1, SHA256) and checksum type. */
  checksumAlgorithm?: string;
  checksumType?: 'COMPOSITE' | 'FULL_OBJECT';
  /** Parts by part number (as a string: the record is JSON). */
  parts: Record<string, PartRecord>;
}

interface S3State {
  buckets: Record<string, BucketRecord>;
}

export function s3State(world: ServiceWorld): S3State {
  return world.globalState<S3State>('s3', () => ({ buckets: {} }));
}

export function getBucket(world: ServiceWorld, name: string): BucketRecord | undefined {
  const { buckets } = s3State(world);
  return Object.hasOwn(buckets, name) ? buckets[name] : undefined;
}

/** The bucket's objects as a prototype-less map, so that any key is an ordinary entry. State
 * loaded from a file comes back with ordinary objects; convert those once. */
export function objectsOf(bucket: BucketRecord): Record<string, ObjectRecord> {
  if (Object.getPrototypeOf(bucket.objects) !== null) {
    bucket.objects = Object.assign(Object.create(null) as Record<string, ObjectRecord>, bucket.objects);
  }
  return bucket.objects;
}

/** The bucket's uploads in progress (ids are the mock's own, so a plain object is safe). */
export function uploadsOf(bucket: BucketRecord): Record<string, UploadRecord> {
  return (bucket.uploads ??= {});
}

export function getObject(bucket: BucketRecord, key: string): ObjectRecord | undefined {
  const objects = objectsOf(bucket);
  return Object.hasOwn(objects, key) ? objects[key] : undefined;
}

export function newBucket(name: string, owner: string, region: string, now: Date): BucketRecord {
  return {
    name,
    owner,
    region,
    creationDate: now.toISOString(),
    // Since April 2023 every new bucket blocks public access until its owner turns that off
    // (S3 UG, "Blocking public access to your Amazon S3 storage").
    publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    objects: Object.create(null) as Record<string, ObjectRecord>,
  };
}

/** The canonical user id S3 shows as an account's Owner ID (64 hex characters). */
export function canonicalUserId(accountId: string): string {
  return createHash('sha256').update(`canonical-user:${accountId}`).digest('hex');
}

/** Keys in S3's listing order: UTF-8 byte order (not UTF-16 code unit order). */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
