// S3's flexible checksums beyond CRC32, SHA1 and SHA256: CRC32C, CRC64NVME, MD5, SHA512 and the
// XXHASH family. The mock's own CRCs and xxHashes against published test vectors and against
// the SDK's implementations (@aws-sdk/checksums), then through the SDK, which computes what it
// sends with those implementations and checks what the mock answers.
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
  type S3ClientConfig,
  UploadPartCommand,
  type ChecksumAlgorithm,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { Crc32c, Crc64Nvme } from '@aws-sdk/checksums/crc';
import { Sha512 } from '@aws-sdk/checksums/sha';
import { Xxh3_128, Xxh3_64, Xxh64 } from '@aws-sdk/checksums/xxh';
import { createHash } from 'node:crypto';
import { startMock, type RunningMock } from '../../src/mock/index.js';
import { crc32c, crc64nvme } from '../../src/mock/services/s3/crc.js';
import { xxh128, xxh3, xxh64 } from '../../src/mock/services/s3/xxhash.js';
import { adminCreds, rejectsWith } from './helpers.js';

const bytesOf = (n: number, f: (i: number) => number) => Buffer.from(Array.from({ length: n }, (_, i) => f(i) & 0xff));

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

/** The SDK's implementation of an algorithm: what it sends, computed independently of the mock. */
type SdkChecksum = new () => { update(data: Uint8Array): void; digest(): Promise<Uint8Array> };
const SDK: Record<string, SdkChecksum> = { CRC32C: Crc32c, CRC64NVME: Crc64Nvme, SHA512: Sha512, XXHASH64: Xxh64, XXHASH3: Xxh3_64, XXHASH128: Xxh3_128 };
async function sdkChecksum(algorithm: string, data: Buffer): Promise<string> {
  if (algorithm === 'MD5') return createHash('md5').update(data).digest('base64');
  const h = new SDK[algorithm]!();
  h.update(data);
  return Buffer.from(await h.digest()).toString('base64');
}

describe('XXH64, XXH3-64 and XXH3-128', () => {
  const hex64 = (v: bigint) => v.toString(16).padStart(16, '0');
  // The xxHash reference implementation's values (Cyan4973/xxHash; XXH64 "abc" and "xxhash"
  // as python-xxhash's documentation shows them).
  const cases: Array<[string, string, string, string]> = [
    ['', 'ef46db3751d8e999', '2d06800538d394c2', '99aa06d3014798d86001c324468d497f'],
    ['abc', '44bc2cf5ad770999', '78af5f94892f3950', '06b05ab6733a618578af5f94892f3950'],
  ];
  for (const [input, x64, x3, x128] of cases) {
    it(`"${input}"`, () => {
      const b = Buffer.from(input);
      assert.deepEqual([hex64(xxh64(b)), hex64(xxh3(b)), xxh128(b).map(hex64).join('')], [x64, x3, x128]);
    });
  }
  it('"xxhash" (XXH64)', () => assert.equal(hex64(xxh64(Buffer.from('xxhash'))), '32dd38952c4bc720'));

  it("agrees with the SDK's implementations in every length class of the specification", async () => {
    // 0, 1-3, 4-8, 9-16, 17-128, 129-240, then stripes, blocks (1,024 bytes) and their edges.
    const lengths = [...Array.from({ length: 260 }, (_, i) => i), 1023, 1024, 1025, 2048, 2049, 4159, 70001];
    for (const n of lengths) {
      const data = bytesOf(n, (i) => (i * 2654435761) >>> 13);
      const ours = [xxh64(data), xxh3(data), ...xxh128(data)].map(hex64);
      const theirs = await Promise.all(['XXHASH64', 'XXHASH3', 'XXHASH128'].map((a) => sdkChecksum(a, data)));
      assert.deepEqual(ours.slice(0, 2).concat(ours[2]! + ours[3]!), theirs.map((t) => Buffer.from(t, 'base64').toString('hex')), `${n} bytes`);
    }
  });
});

describe('S3 verifies every checksum algorithm it has', () => {
  let mock: RunningMock;
  let s3: S3Client;
  const BUCKET = 'checksum-bucket';
  // Bodies that cross the tables' byte boundaries in every way: odd lengths, all byte values.
  const BODIES = [Buffer.from('hello, checksums'), bytesOf(1, () => 0xa5), bytesOf(70001, (i) => (i * 131) ^ (i >> 7))];

  before(async () => {
    mock = await startMock({ accounts: 1 });
    // The SDK computes SHA512 and the XXHASH family only with implementations given to it.
    const checksumAlgorithms = { SHA512: Sha512, XXHASH64: Xxh64, XXHASH3: Xxh3_64, XXHASH128: Xxh3_128 };
    s3 = new S3Client({
      endpoint: mock.endpoint,
      region: 'us-east-1',
      credentials: adminCreds(mock.accounts[0]!),
      forcePathStyle: true,
      maxAttempts: 1,
      checksumAlgorithms,
    } as S3ClientConfig);
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });
  after(async () => {
    s3.destroy();
    await mock.close();
  });

  for (const algorithm of ['CRC32C', 'CRC64NVME', 'MD5', 'SHA512', 'XXHASH64', 'XXHASH3', 'XXHASH128']) {
    const field = `Checksum${algorithm}` as 'ChecksumCRC32C';
    // The SDK sends MD5 as Content-MD5, not as the flexible checksum: that one is given here.
    const input = async (body: Buffer) =>
      algorithm === 'MD5' ? { ChecksumMD5: await sdkChecksum('MD5', body) } : { ChecksumAlgorithm: algorithm as ChecksumAlgorithm };

    it(`${algorithm}: accepts what the SDK computes, keeps it, and answers it`, async () => {
      for (const [i, body] of BODIES.entries()) {
        const Key = `${algorithm}-${i}`;
        const expected = await sdkChecksum(algorithm, body);
        const put = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: body, ...(await input(body)) }));
        assert.equal(put[field], expected, `${Key}: the checksum sent, echoed`);
        const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key, ChecksumMode: 'ENABLED' }));
        assert.equal(got[field], expected);
        // The SDK validates the streamed body against an answered CRC as it reads it.
        assert.deepEqual(Buffer.from(await got.Body!.transformToByteArray()), body);
      }
    });

    it(`${algorithm}: a wrong value is BadDigest and stores nothing`, async () => {
      const Key = `${algorithm}-wrong`;
      const wrong = await sdkChecksum(algorithm, Buffer.from('something else'));
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
    const expected = await sdkChecksum('CRC32C', body);
    assert.equal(out.CopyObjectResult?.ChecksumCRC32C, expected);
    const head = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'copy-crc32c', ChecksumMode: 'ENABLED' }));
    assert.equal(head.ChecksumCRC32C, expected);
    await head.Body!.transformToByteArray();
    const valid = 'Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, MD5, SHA1, SHA256, SHA512, XXHASH128, XXHASH3, XXHASH64]';
    await rejectsWith(copy('copy-crc16', 'CRC16'), 'InvalidRequest', { status: 400, message: `Checksum algorithm provided is unsupported. ${valid}` });
    await rejectsWith(s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'mpu-crc16', ChecksumAlgorithm: 'CRC16' as ChecksumAlgorithm })), 'InvalidRequest', {
      status: 400,
      message: `Checksum algorithm provided is unsupported. ${valid}`,
    });
  });

  for (const algorithm of ['CRC32C', 'XXHASH128'] as const) {
    it(`${algorithm} multipart: each part verified, the object a COMPOSITE checksum of the parts`, async () => {
      const Key = `${algorithm}-multipart`;
      const field = `Checksum${algorithm}` as 'ChecksumCRC32C';
      const parts = [bytesOf(5 * 1024 * 1024, (i) => i * 7), bytesOf(999, (i) => i * 3)];
      const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key, ChecksumAlgorithm: algorithm }));
      const sums = await Promise.all(parts.map((p) => sdkChecksum(algorithm, p)));
      await rejectsWith(s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: 1, Body: parts[0], [field]: sums[1] })), 'BadDigest', {
        status: 400,
      });
      const done = [];
      for (const [i, Body] of parts.entries()) {
        const out = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: i + 1, Body, ChecksumAlgorithm: algorithm }));
        assert.equal(out[field], sums[i]);
        done.push({ PartNumber: i + 1, ETag: out.ETag, [field]: out[field] });
      }
      const out = await s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId, MultipartUpload: { Parts: done } }));
      const composite = await sdkChecksum(algorithm, Buffer.concat(sums.map((c) => Buffer.from(c, 'base64'))));
      assert.equal(out[field], `${composite}-2`);
      assert.equal(out.ChecksumType, 'COMPOSITE');
    });
  }

  it('CRC64NVME multipart: the object checksum is of the full object, and a wrong one given to Complete is BadDigest', async () => {
    const Key = 'crc64nvme-full-object';
    const parts = [bytesOf(5 * 1024 * 1024, (i) => i * 5), bytesOf(777, (i) => i * 11)];
    const { UploadId, ChecksumType } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key, ChecksumAlgorithm: 'CRC64NVME' }));
    assert.equal(ChecksumType, 'FULL_OBJECT');
    const done: CompletedPart[] = [];
    for (const [i, Body] of parts.entries()) {
      const out = await s3.send(new UploadPartCommand({ Bucket: BUCKET, Key, UploadId, PartNumber: i + 1, Body, ChecksumAlgorithm: 'CRC64NVME' }));
      done.push({ PartNumber: i + 1, ETag: out.ETag, ChecksumCRC64NVME: out.ChecksumCRC64NVME });
    }
    const whole = await sdkChecksum('CRC64NVME', Buffer.concat(parts));
    const complete = (ChecksumCRC64NVME: string) =>
      s3.send(new CompleteMultipartUploadCommand({ Bucket: BUCKET, Key, UploadId, ChecksumCRC64NVME, MultipartUpload: { Parts: done } }));
    await rejectsWith(complete(await sdkChecksum('CRC64NVME', parts[0]!)), 'BadDigest', {
      status: 400,
      message: 'The CRC64NVME you specified did not match the calculated checksum.',
    });
    const out = await complete(whole);
    assert.equal(out.ChecksumCRC64NVME, whole);
    assert.equal(out.ChecksumType, 'FULL_OBJECT');
  });

  it('takes a FULL_OBJECT checksum of a multipart upload only of a CRC, and CRC64NVME only so', async () => {
    const create = (ChecksumAlgorithm: string, ChecksumType: 'FULL_OBJECT' | 'COMPOSITE') =>
      s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'types', ChecksumAlgorithm: ChecksumAlgorithm as ChecksumAlgorithm, ChecksumType }));
    for (const algorithm of ['CRC32', 'CRC32C', 'CRC64NVME']) assert.equal((await create(algorithm, 'FULL_OBJECT')).ChecksumType, 'FULL_OBJECT');
    for (const algorithm of ['MD5', 'SHA1', 'SHA256', 'SHA512', 'XXHASH64', 'XXHASH3', 'XXHASH128']) {
      assert.equal((await create(algorithm, 'COMPOSITE')).ChecksumType, 'COMPOSITE');
      await rejectsWith(create(algorithm, 'FULL_OBJECT'), 'InvalidRequest', {
        status: 400,
        message: `The FULL_OBJECT checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`,
      });
    }
    await rejectsWith(create('CRC64NVME', 'COMPOSITE'), 'InvalidRequest', {
      status: 400,
      message: 'The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.',
    });
  });
});
