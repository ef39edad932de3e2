// What every S3 handler gets: the call, the world, the addressed bucket and key, and the body
// after aws-chunked unwrapping and integrity checks.
import { AwsError, type Call, type Reply, type ServiceWorld } from '../../types.js';
import type { PolicyCache } from './authz.js';
import { getBucket, type BucketRecord } from './state.js';

export interface S3Request {
  call: Call;
  world: ServiceWorld;
  policies: PolicyCache;
  bucketName?: string;
  key?: string;
  /** The payload (aws-chunked already unwrapped and verified). */
  body: Buffer;
  /** Flexible checksums the client sent (x-amz-checksum-ALG → base64), verified. */
  checksums: Record<string, string>;
}

export type S3Handler = (req: S3Request) => Reply;

export function noSuchBucket(name: string): AwsError {
  return new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: name });
}

/** The addressed bucket; NoSuchBucket (404) whoever asks, as S3 does. */
export function requireBucket(req: S3Request): BucketRecord {
  const name = req.bucketName ?? '';
  const bucket = getBucket(req.world, name);
  if (!bucket) throw noSuchBucket(name);
  return bucket;
}

/** A query parameter as an integer in [min, max]; InvalidArgument otherwise. */
export function intParam(req: S3Request, name: string, min: number, max: number, message: string): number | undefined {
  const v = req.call.query.get(name);
  if (v === null) return undefined;
  if (!/^-?\d{1,10}$/.test(v) || Number(v) < min || Number(v) > max) {
    throw new AwsError('InvalidArgument', message, 400, { ArgumentName: name, ArgumentValue: v });
  }
  return Number(v);
}
