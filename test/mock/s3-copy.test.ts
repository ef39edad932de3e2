// Server-side copies through the real SDK: CopyObject (metadata directives, the self-copy
// refusal, copy-source conditions, a bad or missing source) and UploadPartCopy (byte ranges),
// each authorised on both sides: s3:GetObject on the source, s3:PutObject on the target, so
// a copy from another account's bucket needs that bucket's policy (S3 API Reference,
// CopyObject: "Permissions").
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeletePublicAccessBlockCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import type { RunningMock } from '../../src/mock/index.js';
import { adminCreds, policyDoc, rejectsWith, withMock, type Creds } from './helpers.js';

let mock: RunningMock;
let source: S3Client;
let target: S3Client;
const SRC = 'copy-source-bucket';
const DST = 'copy-target-bucket';
const MiB = 1024 * 1024;

const client = (credentials: Creds) =>
  new S3Client({ endpoint: mock.endpoint, region: 'us-east-1', credentials, forcePathStyle: true, maxAttempts: 1 });
const text = async (c: S3Client, Bucket: string, Key: string) => (await c.send(new GetObjectCommand({ Bucket, Key }))).Body!.transformToString();
const md5 = (b: Buffer | string) => createHash('md5').update(b).digest('hex');

before(async () => {
  mock = await withMock();
  source = client(adminCreds(mock.accounts[0]!));
  target = client(adminCreds(mock.accounts[1]!));
  await source.send(new CreateBucketCommand({ Bucket: SRC }));
  await target.send(new CreateBucketCommand({ Bucket: DST }));
  await source.send(
    new PutObjectCommand({ Bucket: SRC, Key: 'notes/a.txt', Body: 'alpha', ContentType: 'text/plain', Metadata: { team: 'red' }, CacheControl: 'max-age=60' }),
  );
});
after(() => mock.close());

describe('CopyObject in one account', () => {
  it('copies bytes, type and metadata by default (COPY), with the MD5 ETag', async () => {
    const out = await source.send(new CopyObjectCommand({ Bucket: SRC, Key: 'copies/a.txt', CopySource: `${SRC}/notes/a.txt` }));
    assert.equal(out.CopyObjectResult?.ETag, `"${md5('alpha')}"`);
    assert.ok(out.CopyObjectResult?.LastModified instanceof Date);
    const head = await source.send(new HeadObjectCommand({ Bucket: SRC, Key: 'copies/a.txt' }));
    assert.equal(head.ContentType, 'text/plain');
    assert.equal(head.CacheControl, 'max-age=60');
    assert.deepEqual(head.Metadata, { team: 'red' });
    assert.equal(await text(source, SRC, 'copies/a.txt'), 'alpha');
  });

  it('takes type and metadata from the request with REPLACE', async () => {
    await source.send(
      new CopyObjectCommand({
        Bucket: SRC,
        Key: 'copies/b.txt',
        CopySource: `/${SRC}/notes/a.txt`,
        MetadataDirective: 'REPLACE',
        ContentType: 'text/markdown',
        Metadata: { team: 'blue' },
      }),
    );
    const head = await source.send(new HeadObjectCommand({ Bucket: SRC, Key: 'copies/b.txt' }));
    assert.equal(head.ContentType, 'text/markdown');
    assert.deepEqual(head.Metadata, { team: 'blue' });
    assert.equal(head.CacheControl, undefined);
  });

  it('decodes a URL-encoded source key', async () => {
    await source.send(new PutObjectCommand({ Bucket: SRC, Key: 'odd key+1%.txt', Body: 'odd' }));
    await source.send(new CopyObjectCommand({ Bucket: SRC, Key: 'copies/odd', CopySource: `${SRC}/${encodeURIComponent('odd key+1%.txt')}` }));
    assert.equal(await text(source, SRC, 'copies/odd'), 'odd');
  });

  it('refuses a copy onto itself that changes nothing, and allows it with REPLACE', async () => {
    await rejectsWith(source.send(new CopyObjectCommand({ Bucket: SRC, Key: 'notes/a.txt', CopySource: `${SRC}/notes/a.txt` })), 'InvalidRequest', {
      status: 400,
      message: /trying to copy an object to itself without changing the object's metadata/,
    });
    await source.send(
      new CopyObjectCommand({ Bucket: SRC, Key: 'copies/self.txt', CopySource: `${SRC}/notes/a.txt` }),
    );
    await source.send(
      new CopyObjectCommand({ Bucket: SRC, Key: 'copies/self.txt', CopySource: `${SRC}/copies/self.txt`, MetadataDirective: 'REPLACE', Metadata: { v: '2' } }),
    );
    assert.deepEqual((await source.send(new HeadObjectCommand({ Bucket: SRC, Key: 'copies/self.txt' }))).Metadata, { v: '2' });
  });

  it('answers a missing source key, a missing source bucket and a source without a key', async () => {
    await rejectsWith(source.send(new CopyObjectCommand({ Bucket: SRC, Key: 'x', CopySource: `${SRC}/nope` })), 'NoSuchKey', { status: 404 });
    await rejectsWith(source.send(new CopyObjectCommand({ Bucket: SRC, Key: 'x', CopySource: 'no-such-bucket-here/k' })), 'NoSuchBucket', { status: 404 });
    await rejectsWith(source.send(new CopyObjectCommand({ Bucket: SRC, Key: 'x', CopySource: SRC })), 'InvalidArgument', {
      status: 400,
      message: 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
    });
  });

  it('honours the copy-source conditions, failing with 412 only', async () => {
    const etag = `"${md5('alpha')}"`;
    await source.send(new CopyObjectCommand({ Bucket: SRC, Key: 'c1', CopySource: `${SRC}/notes/a.txt`, CopySourceIfMatch: etag }));
    await rejectsWith(
      source.send(new CopyObjectCommand({ Bucket: SRC, Key: 'c2', CopySource: `${SRC}/notes/a.txt`, CopySourceIfMatch: '"other"' })),
      'PreconditionFailed',
      { status: 412 },
    );
    await rejectsWith(
      source.send(new CopyObjectCommand({ Bucket: SRC, Key: 'c3', CopySource: `${SRC}/notes/a.txt`, CopySourceIfNoneMatch: etag })),
      'PreconditionFailed',
      { status: 412 },
    );
    // If-Match holds, so a failed If-Unmodified-Since does not stop the copy.
    await source.send(
      new CopyObjectCommand({ Bucket: SRC, Key: 'c4', CopySource: `${SRC}/notes/a.txt`, CopySourceIfMatch: etag, CopySourceIfUnmodifiedSince: new Date(0) }),
    );
    assert.equal(await text(source, SRC, 'c4'), 'alpha');
  });
});

describe('CopyObject across accounts', () => {
  it('needs the source bucket policy to grant s3:GetObject, and the caller s3:PutObject on the target', async () => {
    const targetId = mock.accounts[1]!.id;
    const copy = () => target.send(new CopyObjectCommand({ Bucket: DST, Key: 'from-source.txt', CopySource: `${SRC}/notes/a.txt` }));
    // The source account's bucket does not trust the target account: S3's bare denial.
    await rejectsWith(copy(), 'AccessDenied', { status: 403, message: 'Access Denied' });
    await source.send(new DeletePublicAccessBlockCommand({ Bucket: SRC }));
    await source.send(
      new PutBucketPolicyCommand({
        Bucket: SRC,
        Policy: policyDoc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${targetId}:root` }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${SRC}/notes/*` }]),
      }),
    );
    await copy();
    assert.equal(await text(target, DST, 'from-source.txt'), 'alpha');
    // Reading is granted, writing into the source bucket is not.
    await rejectsWith(
      target.send(new CopyObjectCommand({ Bucket: SRC, Key: 'intruder.txt', CopySource: `${SRC}/notes/a.txt` })),
      'AccessDenied',
      { status: 403, message: 'Access Denied' },
    );
    // Outside the granted prefix the source is not readable either.
    await rejectsWith(
      target.send(new CopyObjectCommand({ Bucket: DST, Key: 'odd', CopySource: `${SRC}/copies/odd` })),
      'AccessDenied',
      { status: 403 },
    );
  });
});

describe('UploadPartCopy', () => {
  it('copies whole objects and byte ranges into parts, and checks the range', async () => {
    const big = Buffer.alloc(6 * MiB, 7);
    await source.send(new PutObjectCommand({ Bucket: SRC, Key: 'big.bin', Body: big }));
    const { UploadId } = await source.send(new CreateMultipartUploadCommand({ Bucket: SRC, Key: 'assembled.bin' }));
    const whole = await source.send(new UploadPartCopyCommand({ Bucket: SRC, Key: 'assembled.bin', UploadId, PartNumber: 1, CopySource: `${SRC}/big.bin` }));
    assert.equal(whole.CopyPartResult?.ETag, `"${md5(big)}"`);
    const tail = await source.send(
      new UploadPartCopyCommand({ Bucket: SRC, Key: 'assembled.bin', UploadId, PartNumber: 2, CopySource: `${SRC}/notes/a.txt`, CopySourceRange: 'bytes=1-3' }),
    );
    assert.equal(tail.CopyPartResult?.ETag, `"${md5('lph')}"`);
    await rejectsWith(
      source.send(new UploadPartCopyCommand({ Bucket: SRC, Key: 'assembled.bin', UploadId, PartNumber: 3, CopySource: `${SRC}/notes/a.txt`, CopySourceRange: 'bytes=2-9' })),
      'InvalidArgument',
      { status: 400, message: 'Range specified is not valid for source object of size: 5' },
    );
    await rejectsWith(
      source.send(new UploadPartCopyCommand({ Bucket: SRC, Key: 'assembled.bin', UploadId, PartNumber: 3, CopySource: `${SRC}/notes/a.txt`, CopySourceRange: '1-2' })),
      'InvalidArgument',
      { status: 400, message: /must be of the form bytes=first-last/ },
    );
    await source.send(
      new CompleteMultipartUploadCommand({
        Bucket: SRC,
        Key: 'assembled.bin',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: whole.CopyPartResult!.ETag! }, { PartNumber: 2, ETag: tail.CopyPartResult!.ETag! }] },
      }),
    );
    const got = Buffer.from(await (await source.send(new GetObjectCommand({ Bucket: SRC, Key: 'assembled.bin' }))).Body!.transformToByteArray());
    assert.ok(got.equals(Buffer.concat([big, Buffer.from('lph')])));
  });

  it("answers the part's checksum of the upload's algorithm, which completing a COMPOSITE upload needs", async () => {
    const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest();
    const { UploadId } = await source.send(new CreateMultipartUploadCommand({ Bucket: SRC, Key: 'summed.bin', ChecksumAlgorithm: 'SHA256' }));
    const copied = await source.send(new UploadPartCopyCommand({ Bucket: SRC, Key: 'summed.bin', UploadId, PartNumber: 1, CopySource: `${SRC}/notes/a.txt` }));
    const part = await text(source, SRC, 'notes/a.txt');
    assert.equal(copied.CopyPartResult?.ChecksumSHA256, sha256(part).toString('base64'));
    const out = await source.send(
      new CompleteMultipartUploadCommand({
        Bucket: SRC,
        Key: 'summed.bin',
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: copied.CopyPartResult!.ETag!, ChecksumSHA256: copied.CopyPartResult!.ChecksumSHA256! }] },
      }),
    );
    assert.equal(out.ChecksumSHA256, `${sha256(sha256(part)).toString('base64')}-1`);
  });
});
