// The mock, bucket and helpers the S3 multipart tests share (s3-multipart.test.ts,
// s3-multipart-access.test.ts): a one-account mock whose clock tests may move ahead, an admin
// S3 client, deterministic part bodies, and the expected ETags and checksums.
import { createCipheriv, createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { after, before } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListPartsCommand,
  S3Client,
  UploadPartCommand,
  type CompletedPart,
  type CreateMultipartUploadCommandInput,
  type ListPartsCommandInput,
  type UploadPartCommandInput,
} from '@aws-sdk/client-s3';
import { startMock, type RunningMock } from '../../src/mock/index.js';
import { adminCreds, rejectsWith, type Creds } from './helpers.js';

/** The running mock and its admin client, set by `useMultipartMock`'s before hook. `skew` is
 * added to the mock's clock, so that uploads of one key have distinct initiation times without
 * sleeping (a few seconds ahead stays well inside SigV4's 15-minute skew). */
export const mpu = { mock: undefined as unknown as RunningMock, s3: undefined as unknown as S3Client, skew: 0 };

export const BUCKET = 'mpu-bucket';
const MIB = 1024 * 1024;
export const NO_UPLOAD = 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.';
export const INVALID_PART =
  "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.";

/** Deterministic pseudo-random bytes (AES-CTR keystream), so that a failure reproduces. */
export const bytes = (n: number, seed: number): Buffer => createCipheriv('aes-128-ctr', Buffer.alloc(16, seed), Buffer.alloc(16)).update(Buffer.alloc(n));
export const md5 = (b: Buffer) => createHash('md5').update(b).digest();
/** S3's multipart ETag: MD5 of the parts' binary MD5s, then "-<number of parts>". */
export const multipartEtag = (parts: Buffer[]) => `"${md5(Buffer.concat(parts.map(md5))).toString('hex')}-${parts.length}"`;
export const crc32 = (b: Buffer) => Buffer.from(zlib.crc32(b).toString(16).padStart(8, '0'), 'hex'); // 4 bytes, big-endian
export const hasCrc32 = typeof (zlib as { crc32?: unknown }).crc32 === 'function';

// The smallest part allowed before the last one, and a small last part.
export const BIG = bytes(5 * MIB, 1);
export const SMALL = bytes(1000, 2);

export const client = (credentials: Creds) =>
  new S3Client({ endpoint: mpu.mock.endpoint, region: 'us-east-1', credentials, forcePathStyle: true, maxAttempts: 1 });

export type In<T extends { Bucket: string | undefined }> = Omit<T, 'Bucket'> & { Bucket?: string };
export const create = async (Key: string, extra: Partial<CreateMultipartUploadCommandInput> = {}, Bucket = BUCKET) =>
  (await mpu.s3.send(new CreateMultipartUploadCommand({ Bucket, Key, ...extra }))).UploadId!;
export const upload = (input: In<UploadPartCommandInput>) => mpu.s3.send(new UploadPartCommand({ Bucket: BUCKET, ...input }));
export const listParts = (input: In<ListPartsCommandInput>) => mpu.s3.send(new ListPartsCommand({ Bucket: BUCKET, ...input }));
export const read = async (Key: string) =>
  Buffer.from(await (await mpu.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }))).Body!.transformToByteArray());

/** Uploads `parts` as parts 1..n of a new upload; returns its id and the parts to complete. */
export async function started(Key: string, parts: Buffer[], extra: Partial<CreateMultipartUploadCommandInput> = {}, Bucket = BUCKET) {
  const UploadId = await create(Key, extra, Bucket);
  const done: CompletedPart[] = [];
  for (const [i, Body] of parts.entries()) {
    const out = await upload({ Bucket, Key, UploadId, PartNumber: i + 1, Body, ChecksumAlgorithm: extra.ChecksumAlgorithm });
    // The SDK sends a CRC32 of every part; it is part of the upload only if the upload has one.
    done.push({ PartNumber: i + 1, ETag: out.ETag!, ...(extra.ChecksumAlgorithm === 'CRC32' && { ChecksumCRC32: out.ChecksumCRC32 }) });
  }
  return { UploadId, parts: done };
}

export const complete = (Key: string, UploadId: string, Parts: CompletedPart[], Bucket = BUCKET, as = mpu.s3) =>
  as.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts } }));
export const denied = (p: Promise<unknown>) => rejectsWith(p, 'AccessDenied', { status: 403 });

/** Starts the mock and the bucket before a test file's tests, and stops it after. */
export function useMultipartMock(): void {
  before(async () => {
    mpu.mock = await startMock({ accounts: 1, clock: () => Date.now() + mpu.skew });
    mpu.s3 = client(adminCreds(mpu.mock.accounts[0]!));
    await mpu.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });
  after(() => mpu.mock.close());
}
