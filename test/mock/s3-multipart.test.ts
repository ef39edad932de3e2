// S3 multipart upload through the real SDK client: CreateMultipartUpload, UploadPart,
// ListParts, CompleteMultipartUpload (the joined object, its multipart ETag, COMPOSITE CRC32,
// and every refusal), AbortMultipartUpload, ListMultipartUploads (order, prefix, delimiter,
// paging), and authorisation of each operation's own IAM action.
import assert from 'node:assert/strict';
import { createCipheriv, createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { PutUserPolicyCommand } from '@aws-sdk/client-iam';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  S3Client,
  UploadPartCommand,
  type CompletedPart,
  type CreateMultipartUploadCommandInput,
  type ListPartsCommandInput,
  type UploadPartCommandInput,
} from '@aws-sdk/client-s3';
import { startMock, type RunningMock } from '../../src/mock/index.js';
import { adminCreds, iamClient, policyDoc, rejectsWith, userWithKey, type Creds } from './helpers.js';

let mock: RunningMock;
let s3: S3Client;
/** Added to the mock's clock, so that uploads of one key have distinct initiation times
 * without sleeping (a few seconds ahead stays well inside SigV4's 15-minute skew). */
let skew = 0;
const BUCKET = 'mpu-bucket';
const MIB = 1024 * 1024;
const NO_UPLOAD = 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.';
const INVALID_PART =
  "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.";

/** Deterministic pseudo-random bytes (AES-CTR keystream), so that a failure reproduces. */
const bytes = (n: number, seed: number): Buffer => createCipheriv('aes-128-ctr', Buffer.alloc(16, seed), Buffer.alloc(16)).update(Buffer.alloc(n));
const md5 = (b: Buffer) => createHash('md5').update(b).digest();
/** S3's multipart ETag: MD5 of the parts' binary MD5s, then "-<number of parts>". */
const multipartEtag = (parts: Buffer[]) => `"${md5(Buffer.concat(parts.map(md5))).toString('hex')}-${parts.length}"`;
const crc32 = (b: Buffer) => Buffer.from(zlib.crc32(b).toString(16).padStart(8, '0'), 'hex'); // 4 bytes, big-endian
const hasCrc32 = typeof (zlib as { crc32?: unknown }).crc32 === 'function';

// The smallest part allowed before the last one, and a small last part.
const BIG = bytes(5 * MIB, 1);
const SMALL = bytes(1000, 2);

const client = (credentials: Creds) =>
  new S3Client({ endpoint: mock.endpoint, region: 'us-east-1', credentials, forcePathStyle: true, maxAttempts: 1 });

type In<T extends { Bucket: string | undefined }> = Omit<T, 'Bucket'> & { Bucket?: string };
const create = async (Key: string, extra: Partial<CreateMultipartUploadCommandInput> = {}, Bucket = BUCKET) =>
  (await s3.send(new CreateMultipartUploadCommand({ Bucket, Key, ...extra }))).UploadId!;
const upload = (input: In<UploadPartCommandInput>) => s3.send(new UploadPartCommand({ Bucket: BUCKET, ...input }));
const listParts = (input: In<ListPartsCommandInput>) => s3.send(new ListPartsCommand({ Bucket: BUCKET, ...input }));
const read = async (Key: string) =>
  Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }))).Body!.transformToByteArray());

/** Uploads `parts` as parts 1..n of a new upload; returns its id and the parts to complete. */
async function started(Key: string, parts: Buffer[], extra: Partial<CreateMultipartUploadCommandInput> = {}, Bucket = BUCKET) {
  const UploadId = await create(Key, extra, Bucket);
  const done: CompletedPart[] = [];
  for (const [i, Body] of parts.entries()) {
    const out = await upload({ Bucket, Key, UploadId, PartNumber: i + 1, Body, ChecksumAlgorithm: extra.ChecksumAlgorithm });
    // The SDK sends a CRC32 of every part; it is part of the upload only if the upload has one.
    done.push({ PartNumber: i + 1, ETag: out.ETag!, ...(extra.ChecksumAlgorithm === 'CRC32' && { ChecksumCRC32: out.ChecksumCRC32 }) });
  }
  return { UploadId, parts: done };
}

const complete = (Key: string, UploadId: string, Parts: CompletedPart[], Bucket = BUCKET, as = s3) =>
  as.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts } }));
const denied = (p: Promise<unknown>) => rejectsWith(p, 'AccessDenied', { status: 403 });

before(async () => {
  mock = await startMock({ accounts: 1, clock: () => Date.now() + skew });
  s3 = client(adminCreds(mock.accounts[0]!));
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
after(() => mock.close());

describe('CreateMultipartUpload and UploadPart', () => {
  it('returns the bucket, key and a 64-character upload id, new for every upload', async () => {
    const out = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'dir/new.bin' }));
    assert.deepEqual([out.Bucket, out.Key], [BUCKET, 'dir/new.bin']);
    // Never a leading "-", which the AWS CLI would read as an option.
    assert.match(out.UploadId ?? '', /^[A-Za-z0-9][A-Za-z0-9_-]{63}$/);
    assert.notEqual(await create('dir/new.bin'), out.UploadId);
  });

  it('answers the checksum algorithm and type: COMPOSITE by default, FULL_OBJECT when asked and for CRC64NVME', async () => {
    const kinds = [
      [{ ChecksumAlgorithm: 'CRC32' }, 'CRC32', 'COMPOSITE'],
      [{ ChecksumAlgorithm: 'SHA256' }, 'SHA256', 'COMPOSITE'],
      [{ ChecksumAlgorithm: 'CRC32', ChecksumType: 'FULL_OBJECT' }, 'CRC32', 'FULL_OBJECT'],
      [{ ChecksumAlgorithm: 'CRC64NVME' }, 'CRC64NVME', 'FULL_OBJECT'],
    ] as const;
    for (const [input, algorithm, type] of kinds) {
      const out = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: 'sums', ...input }));
      assert.deepEqual([out.ChecksumAlgorithm, out.ChecksumType], [algorithm, type], JSON.stringify(input));
    }
  });

  it('refuses part numbers outside 1..10000 with InvalidArgument', async () => {
    const UploadId = await create('numbers');
    for (const PartNumber of [0, 10001, -1, 'two' as unknown as number]) {
      const message = 'Part number must be an integer between 1 and 10000, inclusive';
      await rejectsWith(upload({ Key: 'numbers', UploadId, PartNumber, Body: 'x' }), 'InvalidArgument', { status: 400, message });
    }
    // The bounds themselves are parts.
    for (const PartNumber of [1, 10000]) await upload({ Key: 'numbers', UploadId, PartNumber, Body: 'x' });
  });

  it("answers NoSuchUpload for an unknown upload id and for another key's upload id", async () => {
    const UploadId = await create('mine');
    for (const [Key, id] of [['mine', 'A'.repeat(64)], ['theirs', UploadId]]) {
      await rejectsWith(upload({ Key, UploadId: id, PartNumber: 1, Body: 'x' }), 'NoSuchUpload', { status: 404, message: NO_UPLOAD });
    }
  });

  it("answers the part's quoted MD5 and verifies and echoes its checksum", async () => {
    const UploadId = await create('etag', { ChecksumAlgorithm: 'CRC32' });
    const out = await upload({ Key: 'etag', UploadId, PartNumber: 1, Body: SMALL, ChecksumAlgorithm: 'CRC32' });
    assert.equal(out.ETag, `"${md5(SMALL).toString('hex')}"`);
    if (hasCrc32) assert.equal(out.ChecksumCRC32, crc32(SMALL).toString('base64'));
    await rejectsWith(upload({ Key: 'etag', UploadId, PartNumber: 2, Body: SMALL, ChecksumCRC32: 'AAAAAA==' }), 'BadDigest', { status: 400 });
    // The refused part was not stored.
    assert.deepEqual((await listParts({ Key: 'etag', UploadId })).Parts?.map((p) => p.PartNumber), [1]);
  });
});

describe('ListParts', () => {
  it('lists parts in part-number order, a re-uploaded part replacing the first', async () => {
    const UploadId = await create('listed');
    for (const [PartNumber, Body] of [[3, 'three'], [1, 'one'], [2, 'two'], [3, 'three again']] as const) await upload({ Key: 'listed', UploadId, PartNumber, Body });
    const out = await listParts({ Key: 'listed', UploadId });
    assert.deepEqual([out.Bucket, out.Key, out.UploadId], [BUCKET, 'listed', UploadId]);
    const expected = ['one', 'two', 'three again'].map((s, i) => ({ PartNumber: i + 1, Size: s.length, ETag: `"${md5(Buffer.from(s)).toString('hex')}"` }));
    assert.deepEqual(out.Parts?.map(({ PartNumber, Size, ETag }) => ({ PartNumber, Size, ETag })), expected);
    assert.ok(out.Parts!.every((p) => p.LastModified instanceof Date));
    assert.deepEqual([out.MaxParts, out.IsTruncated, out.StorageClass], [1000, false, 'STANDARD']);
    assert.ok(out.Initiator?.ID && out.Owner?.ID, 'Initiator and Owner are given');
  });

  it('pages with MaxParts and PartNumberMarker', async () => {
    const UploadId = await create('paged');
    for (const PartNumber of [1, 2, 5]) await upload({ Key: 'paged', UploadId, PartNumber, Body: 'p' });
    const first = await listParts({ Key: 'paged', UploadId, MaxParts: 2 });
    assert.deepEqual(first.Parts?.map((p) => p.PartNumber), [1, 2]);
    assert.deepEqual([first.MaxParts, first.IsTruncated, first.NextPartNumberMarker], [2, true, '2']);
    const rest = await listParts({ Key: 'paged', UploadId, MaxParts: 2, PartNumberMarker: first.NextPartNumberMarker });
    assert.deepEqual(rest.Parts?.map((p) => p.PartNumber), [5]);
    assert.deepEqual([rest.PartNumberMarker, rest.IsTruncated], ['2', false]);
  });
});

describe('CompleteMultipartUpload', () => {
  it("joins the listed parts into the object, with the multipart ETag and the create call's type and metadata", async () => {
    const stored = { ContentType: 'application/x-test', Metadata: { lesson: 'mpu' }, CacheControl: 'max-age=60' };
    const { UploadId, parts } = await started('joined.bin', [BIG, SMALL], stored);
    const out = await complete('joined.bin', UploadId, parts);
    assert.deepEqual([out.Bucket, out.Key, out.ETag], [BUCKET, 'joined.bin', multipartEtag([BIG, SMALL])]);
    assert.ok(out.Location?.endsWith(`/${BUCKET}/joined.bin`), out.Location);
    assert.ok((await read('joined.bin')).equals(Buffer.concat([BIG, SMALL])), 'the bytes are the parts in order');
    const got = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'joined.bin' }));
    assert.deepEqual(
      [got.ContentLength, got.ETag, got.ContentType, got.Metadata, got.CacheControl],
      [BIG.length + SMALL.length, out.ETag, stored.ContentType, stored.Metadata, stored.CacheControl],
    );
    // The upload is gone, and the object deletes as any other.
    await rejectsWith(listParts({ Key: 'joined.bin', UploadId }), 'NoSuchUpload', { status: 404 });
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'joined.bin' }));
    await rejectsWith(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'joined.bin' })), 'NoSuchKey', { status: 404 });
  });

  it('discards parts uploaded but not listed, and accepts ETags without quotes', async () => {
    const third = bytes(300, 3);
    const { UploadId, parts } = await started('subset', [BIG, SMALL, third]);
    const out = await complete('subset', UploadId, [parts[0]!, { PartNumber: 3, ETag: parts[2]!.ETag!.replaceAll('"', '') }]);
    assert.equal(out.ETag, multipartEtag([BIG, third]));
    assert.ok((await read('subset')).equals(Buffer.concat([BIG, third])));
  });

  it('refuses a part list without parts, or a part without number or ETag, with MalformedXML', async () => {
    const { UploadId, parts } = await started('malformed', [SMALL]);
    for (const Parts of [[], [{ ETag: parts[0]!.ETag }], [{ PartNumber: 1 }]]) {
      await rejectsWith(complete('malformed', UploadId, Parts), 'MalformedXML', { status: 400 });
    }
  });

  it('refuses parts out of order, missing or mismatched, and keeps the upload', async () => {
    const { UploadId, parts } = await started('refused', [BIG, SMALL]);
    const [one, two] = parts as [CompletedPart, CompletedPart];
    const order = 'The list of parts was not in ascending order. The parts list must be specified in order by part number.';
    for (const list of [[two, one], [one, one]]) await rejectsWith(complete('refused', UploadId, list), 'InvalidPartOrder', { status: 400, message: order });
    for (const list of [[one, { PartNumber: 3, ETag: two.ETag }], [one, { PartNumber: 2, ETag: `"${'0'.repeat(32)}"` }]]) await rejectsWith(complete('refused', UploadId, list), 'InvalidPart', { status: 400, message: INVALID_PART });
    assert.equal((await complete('refused', UploadId, parts)).ETag, multipartEtag([BIG, SMALL]));
  });

  it('refuses a part smaller than 5 MiB unless it is the last', async () => {
    const { UploadId, parts } = await started('tiny', [SMALL, SMALL]);
    const message = 'Your proposed upload is smaller than the minimum allowed size';
    await rejectsWith(complete('tiny', UploadId, parts), 'EntityTooSmall', { status: 400, message });
    assert.equal((await complete('tiny', UploadId, [parts[1]!])).ETag, multipartEtag([SMALL]));
  });

  it('answers a COMPOSITE CRC32 over the part checksums', async () => {
    const { UploadId, parts } = await started('composite', [BIG, SMALL], { ChecksumAlgorithm: 'CRC32' });
    if (hasCrc32) assert.deepEqual(parts.map((p) => p.ChecksumCRC32), [BIG, SMALL].map((b) => crc32(b).toString('base64')));
    const wrong = [parts[0]!, { ...parts[1]!, ChecksumCRC32: 'AAAAAA==' }];
    await rejectsWith(complete('composite', UploadId, wrong), 'InvalidPart', { status: 400, message: INVALID_PART });
    const out = await complete('composite', UploadId, parts);
    assert.equal(out.ChecksumType, 'COMPOSITE');
    if (hasCrc32) assert.equal(out.ChecksumCRC32, `${crc32(Buffer.concat([crc32(BIG), crc32(SMALL)])).toString('base64')}-2`);
  });
});

describe('AbortMultipartUpload', () => {
  it('aborts with 204; then the upload is gone for every operation, a second abort included', async () => {
    const { UploadId, parts } = await started('aborted', [SMALL]);
    const out = await s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'aborted', UploadId }));
    assert.equal(out.$metadata.httpStatusCode, 204);
    // Thunks, so that each call is sent (and awaited) in turn, the second abort last.
    const calls = [
      () => upload({ Key: 'aborted', UploadId, PartNumber: 2, Body: 'x' }),
      () => listParts({ Key: 'aborted', UploadId }),
      () => complete('aborted', UploadId, parts),
      () => s3.send(new AbortMultipartUploadCommand({ Bucket: BUCKET, Key: 'aborted', UploadId })),
    ];
    for (const call of calls) await rejectsWith(call(), 'NoSuchUpload', { status: 404, message: NO_UPLOAD });
  });
});

describe('ListMultipartUploads', () => {
  const LIST = 'mpu-listing';
  const ids: Record<string, string[]> = {};
  const ALL = ['a/1', 'a/1', 'b/1', 'b/2', 'c'];
  const keysOf = (out: { Uploads?: { Key?: string }[] }) => (out.Uploads ?? []).map((u) => u.Key);
  const list = (extra: object = {}) => s3.send(new ListMultipartUploadsCommand({ Bucket: LIST, ...extra }));

  before(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: LIST }));
    // Created out of key order, a second apart by the mock's clock.
    const keys = ['b/2', 'a/1', 'c', 'a/1', 'b/1'];
    for (let i = 0, retries = 0; i < keys.length; ) {
      const key = keys[i]!;
      skew += 1000;
      const id = await create(key, {}, LIST);
      // The second a/1 must have an id sorting before the first's, so that order by
      // initiation and order by id differ. Ids are random: a later one that sorts after the
      // first becomes the first instead (the old first is aborted, which keeps it out of the
      // listing), so the first only rises and one sorting before it soon comes. Forty new
      // highs in a row would take odds of 1 in 40!.
      if (key === 'a/1' && ids[key] && id > ids[key][0]!) {
        await s3.send(new AbortMultipartUploadCommand({ Bucket: LIST, Key: key, UploadId: ids[key][0]! }));
        ids[key][0] = id;
        assert.ok(++retries < 40, 'forty upload ids in a row sorted after the first');
        continue;
      }
      (ids[key] ??= []).push(id);
      i++;
    }
    const done = await started('done', [SMALL], {}, LIST);
    await complete('done', done.UploadId, done.parts, LIST);
    await s3.send(new AbortMultipartUploadCommand({ Bucket: LIST, Key: 'gone', UploadId: await create('gone', {}, LIST) }));
  });

  it('lists uploads in progress by key then initiation, not completed or aborted ones', async () => {
    const out = await list();
    assert.deepEqual(keysOf(out), ALL);
    assert.deepEqual(out.Uploads!.slice(0, 2).map((u) => u.UploadId), ids['a/1']);
    assert.equal(out.IsTruncated, false);
    for (const u of out.Uploads!) {
      assert.ok(u.Initiated instanceof Date && u.StorageClass === 'STANDARD' && u.Initiator?.ID && u.Owner?.ID, JSON.stringify(u));
    }
  });

  it('filters by prefix and rolls keys up by delimiter', async () => {
    assert.deepEqual(keysOf(await list({ Prefix: 'b/' })), ['b/1', 'b/2']);
    const top = await list({ Delimiter: '/' });
    assert.deepEqual(keysOf(top), ['c']);
    assert.deepEqual(top.CommonPrefixes?.map((p) => p.Prefix), ['a/', 'b/']);
  });

  it('pages with MaxUploads, KeyMarker and UploadIdMarker', async () => {
    const seen: string[] = [];
    let markers: { KeyMarker?: string; UploadIdMarker?: string } = {};
    let pages = 0;
    for (;;) {
      const out = await list({ MaxUploads: 2, ...markers });
      seen.push(...out.Uploads!.map((u) => `${u.Key} ${u.UploadId}`));
      pages++;
      if (!out.IsTruncated) break;
      markers = { KeyMarker: out.NextKeyMarker, UploadIdMarker: out.NextUploadIdMarker };
      assert.equal(out.NextUploadIdMarker, out.Uploads!.at(-1)!.UploadId);
    }
    // Every upload once, in the unpaged order.
    assert.equal(pages, 3);
    assert.deepEqual(seen, (await list()).Uploads!.map((u) => `${u.Key} ${u.UploadId}`));
    assert.deepEqual(seen.map((s) => s.split(' ')[0]), ALL);
    // Within one key, the upload-id marker resumes after that upload; a key marker alone skips the key.
    const mid = await list({ KeyMarker: 'a/1', UploadIdMarker: ids['a/1']![0] });
    assert.deepEqual(mid.Uploads?.map((u) => u.UploadId).slice(0, 1), [ids['a/1']![1]]);
    assert.deepEqual(keysOf(await list({ KeyMarker: 'a/1' })), ['b/1', 'b/2', 'c']);
  });
});

describe('authorisation by IAM policy', () => {
  const AUTHZ = 'mpu-authz';
  let writer: S3Client;
  let keeper: S3Client;
  let nobody: S3Client;

  before(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: AUTHZ }));
    const iam = iamClient(mock, adminCreds(mock.accounts[0]!));
    const withPolicy = async (name: string, statements: object[]) => {
      const creds = await userWithKey(iam, name);
      if (statements.length) await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policyDoc(statements) }));
      return client(creds);
    };
    writer = await withPolicy('writer', [{ Effect: 'Allow', Action: 's3:PutObject', Resource: `arn:aws:s3:::${AUTHZ}/*` }]);
    // The three multipart-only actions, each on the resource it is authorised against.
    keeper = await withPolicy('keeper', [
      { Effect: 'Allow', Action: ['s3:AbortMultipartUpload', 's3:ListMultipartUploadParts'], Resource: `arn:aws:s3:::${AUTHZ}/*` },
      { Effect: 'Allow', Action: 's3:ListBucketMultipartUploads', Resource: `arn:aws:s3:::${AUTHZ}` },
    ]);
    nobody = await withPolicy('nobody', []);
  });

  it('s3:PutObject alone creates, uploads and completes, but may not abort or list', async () => {
    const Key = 'by-writer';
    const { UploadId } = await writer.send(new CreateMultipartUploadCommand({ Bucket: AUTHZ, Key }));
    const part = await writer.send(new UploadPartCommand({ Bucket: AUTHZ, Key, UploadId, PartNumber: 1, Body: SMALL }));
    await denied(writer.send(new AbortMultipartUploadCommand({ Bucket: AUTHZ, Key, UploadId })));
    await denied(writer.send(new ListPartsCommand({ Bucket: AUTHZ, Key, UploadId })));
    await denied(writer.send(new ListMultipartUploadsCommand({ Bucket: AUTHZ })));
    const out = await complete(Key, UploadId!, [{ PartNumber: 1, ETag: part.ETag }], AUTHZ, writer);
    assert.equal(out.ETag, multipartEtag([SMALL]));
  });

  it('the abort and list actions allow those operations only', async () => {
    const Key = 'by-admin';
    const { UploadId, parts } = await started(Key, [SMALL], {}, AUTHZ);
    const listed = await keeper.send(new ListMultipartUploadsCommand({ Bucket: AUTHZ }));
    assert.deepEqual(listed.Uploads?.map((u) => u.UploadId), [UploadId]);
    assert.equal((await keeper.send(new ListPartsCommand({ Bucket: AUTHZ, Key, UploadId }))).Parts?.length, 1);
    await denied(keeper.send(new CreateMultipartUploadCommand({ Bucket: AUTHZ, Key })));
    await denied(keeper.send(new UploadPartCommand({ Bucket: AUTHZ, Key, UploadId, PartNumber: 2, Body: 'x' })));
    await denied(complete(Key, UploadId, parts, AUTHZ, keeper));
    assert.equal((await keeper.send(new AbortMultipartUploadCommand({ Bucket: AUTHZ, Key, UploadId }))).$metadata.httpStatusCode, 204);
  });

  it('a user without S3 permissions may not create an upload', async () => {
    await denied(nobody.send(new CreateMultipartUploadCommand({ Bucket: AUTHZ, Key: 'no' })));
  });
});

describe('a bucket with uploads in progress', () => {
  it('may be deleted (S3 does not count them as contents), and comes back without them', async () => {
    const bucket = 'mpu-doomed';
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await started('pending.bin', [SMALL], {}, bucket);
    await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    assert.deepEqual((await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? [], []);
  });
});
