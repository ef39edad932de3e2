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
