// S3's flexible checksums that node does not compute itself: CRC32C and CRC64NVME. The CRCs
// against the published test vectors, then through the SDK, whose own implementations compute
// what it sends and check what the mock answers (GetObject with ChecksumMode ENABLED).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type ChecksumAlgorithm,
} from '@aws-sdk/client-s3';
import { startMock, type RunningMock } from '../../src/mock/index.js';
import { crc32c, crc64nvme } from '../../src/mock/services/s3/crc.js';
import { adminCreds, rejectsWith } from './helpers.js';

const bytesOf = (n: number, f: (i: number) => number) => Buffer.from(Array.from({ length: n }, (_, i) => f(i) & 0xff));
/** A CRC32C as S3 carries it: four big-endian bytes. */
const crc32cBytes = (b: Buffer) => Buffer.from(crc32c(b).toString(16).padStart(8, '0'), 'hex');

describe('CRC32C and CRC64NVME against published test vectors', () => {
  // [input, CRC32C, CRC64NVME]. CRC32C: RFC 3720 Appendix B.4 (32-byte vectors) and the
  // CRC-32C "check" value of "123456789". CRC64NVME: NVM Express NVM Command Set
  // Specification §5.2.1.3.4, "64b CRC Test Cases" (4 KiB vectors), and its check value.
  const cases: Array<[string, Buffer, string, string]> = [
    ['"123456789"', Buffer.from('123456789'), 'e3069283', 'ae8b14860a799888'],
    ['empty', Buffer.alloc(0), '00000000', '0000000000000000'],
    ['32 bytes of 00h', Buffer.alloc(32, 0), '8a9136aa', 'cf3473434d4ecf3b'],
    ['32 bytes of FFh', Buffer.alloc(32, 0xff), '62a8ab43', 'a0a06974c34d63c4'],
    ['32 bytes 00h..1Fh', bytesOf(32, (i) => i), '46dd794e', 'b9d9d4a8492cbd7f'],
    ['32 bytes 1Fh..00h', bytesOf(32, (i) => 31 - i), '113fdb5c', '17115a712025f5af'],
    ['4 KiB of 00h', Buffer.alloc(4096, 0), '98f94189', '6482d367eb22b64e'],
    ['4 KiB of FFh', Buffer.alloc(4096, 0xff), '25c1fe13', 'c0ddba7302eca3ac'],
    ['4 KiB incrementing', bytesOf(4096, (i) => i), '9c71fe32', '3e729f5f6750449c'],
    ['4 KiB decrementing', bytesOf(4096, (i) => 255 - i), '214941a8', '9a2df64b8e9e517e'],
  ];
  for (const [name, input, c32, c64] of cases) {
    it(name, () => {
      assert.equal(crc32c(input).toString(16).padStart(8, '0'), c32);
      assert.equal(crc64nvme(input).toString('hex'), c64);
    });
  }
});

describe('S3 verifies CRC32C and CRC64NVME checksums', () => {
  let mock: RunningMock;
  let s3: S3Client;
  const BUCKET = 'checksum-bucket';
  // Bodies that cross the tables' byte boundaries in every way: odd lengths, all byte values.
  const BODIES = [Buffer.from('hello, checksums'), bytesOf(1, () => 0xa5), bytesOf(70001, (i) => (i * 131) ^ (i >> 7))];

  before(async () => {
    mock = await startMock({ accounts: 1 });
    s3 = new S3Client({ endpoint: mock.endpoint, region: 'us-east-1', credentials: adminCreds(mock.accounts[0]!), forcePathStyle: true, maxAttempts: 1 });
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });
  after(async () => {
    s3.destroy();
    await mock.close();
  });

  for (const algorithm of ['CRC32C', 'CRC64NVME'] as const) {
    const field = `Checksum${algorithm}` as 'ChecksumCRC32C' | 'ChecksumCRC64NVME';
    const compute = (b: Buffer) => (algorithm === 'CRC32C' ? crc32cBytes(b) : crc64nvme(b)).toString('base64');

    it(`${algorithm}: accepts what the SDK computes, keeps it, and answers it for the SDK to check`, async () => {
      for (const [i, body] of BODIES.entries()) {
        const Key = `${algorithm}-${i}`;
        const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: body, ChecksumAlgorithm: algorithm as ChecksumAlgorithm }));
        assert.equal(put[field], compute(body), `${Key}: the SDK's checksum, echoed`);
        const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key, ChecksumMode: 'ENABLED' }));
        assert.equal(got[field], compute(body));
        // The SDK validates the streamed body against the answered checksum as it reads it.
        assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), body);
      }
    });

    it(`${algorithm}: a wrong value is BadDigest and stores nothing`, async () => {
      const Key = `${algorithm}-wrong`;
      const wrong = compute(Buffer.from('something else'));
      await rejectsWith(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: BODIES[0], [field]: wrong })), 'BadDigest', {
        status: 400,
        message: `The ${algorithm} you specified did not match the calculated checksum.`,
      });
      await rejectsWith(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key })), 'NoSuchKey', { status: 404 });
    });
  }

  it('CopyObject computes the checksum asked for; an algorithm S3 does not have is InvalidRequest', async () => {
    const body = BODIES[2]!;
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'copy-source', Body: body }));
    const copy = (Key: string, ChecksumAlgorithm: string) =>
      s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key, CopySource: `${BUCKET}/copy-source`, ChecksumAlgorithm: ChecksumAlgorithm as ChecksumAlgorithm }));
    const out = await copy('copy-crc32c', 'CRC32C');
    assert.equal(out.CopyObjectResult?.ChecksumCRC32C, crc32cBytes(body).toString('base64'));
    const head = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'copy-crc32c', ChecksumMode: 'ENABLED' }));
    assert.equal(head.ChecksumCRC32C, crc32cBytes(body).toString('base64'));
    await head.Body!.transformToByteArray();
    const valid = 'Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]';
    await rejectsWith(copy('copy-md5', 'MD5'), 'InvalidRequest', { status: 400, message: `Checksum algorithm provided is unsupported. ${valid}` });
    await rejectsWith(s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'mpu-md5', ChecksumAlgorithm: 'MD5' as ChecksumAlgorithm })), 'InvalidRequest', {
      status: 400,
      message: `Checksum algorithm provided is unsupported. ${valid}`,
    });
  });

  it('CRC32C multipart: each part verified, the object a COMPOSITE checksum of the parts', async () => {
    const Key = 'crc32c-multipart';
    const parts = [bytesOf(5 * 1024 * 1024, (i) => i * 7), bytesOf(999, (i) => i * 3)];
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key, ChecksumAlgorithm: 'CRC32C' }));
    const sums = parts.map(crc32cBytes);
    await rejectsWith(
      s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: 1, Body: parts[0], ChecksumCRC32C: sums[1]!.toString('base64') })),
      'BadDigest',
      { status: 400 },
    );
    const done = [];
    for (const [i, Body] of parts.entries()) {
      const out = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: i + 1, Body, ChecksumAlgorithm: 'CRC32C' }));
      assert.equal(out.ChecksumCRC32C, sums[i]!.toString('base64'));
      done.push({ PartNumber: i + 1, ETag: out.ETag, ChecksumCRC32C: out.ChecksumCRC32C });
    }
    const out = await s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId, MultipartUpload: { Parts: done } }));
    const composite = crc32cBytes(Buffer.concat(sums)).toString('base64');
    assert.equal(out.ChecksumCRC32C, `${composite}-2`);
    assert.equal(out.ChecksumType, 'COMPOSITE');
  });
});
