// S3 objects through the real SDK client: put/get/head/delete, ranges and conditions,
// metadata, integrity headers, ListObjectsV2/ListObjects paging and URL encoding, DeleteObjects.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { startMock, type RunningMock } from '../../src/mock/index.js';

let mock: RunningMock;
let s3: S3Client;
const BUCKET = 'objects-bucket';
const LIST = 'listing-bucket';
const KEYS = ['a/1.txt', 'a/2.txt', 'a/deep/3.txt', 'b/x', 'c', 'd e+f%g', '__proto__', 'z/ünï'];

/** `name` undefined: the answer has no body (HEAD, 304), so the SDK cannot know the code. */
async function rejects(p: Promise<unknown>, name: string | undefined, status: number): Promise<void> {
  try {
    await p;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    if (name !== undefined) assert.equal(e.name, name, e.message);
    assert.equal(e.$metadata?.httpStatusCode, status);
    return;
  }
  assert.fail(`expected ${name}`);
}

before(async () => {
  mock = await startMock({ accounts: 1 });
  const { accessKeyId, secretAccessKey } = mock.accounts[0]!.admin;
  s3 = new S3Client({ endpoint: mock.endpoint, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey }, forcePathStyle: true, maxAttempts: 1 });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await s3.send(new CreateBucketCommand({ Bucket: LIST }));
  for (const Key of KEYS) await s3.send(new PutObjectCommand({ Bucket: LIST, Key, Body: Key }));
});
after(() => mock.close());

describe('PutObject and GetObject', () => {
  it('stores bytes, type and metadata; ETag is the quoted MD5', async () => {
    const put = await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'docs/hello.txt', Body: 'hello world', ContentType: 'text/plain', Metadata: { owner: 'ana' } }),
    );
    assert.equal(put.ETag, '"5eb63bbbe01eeed093cb22bb8f5acdc3"');
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'docs/hello.txt' }));
    assert.equal(await got.Body!.transformToString(), 'hello world');
    assert.equal(got.ContentType, 'text/plain');
    assert.equal(got.ContentLength, 11);
    assert.equal(got.ETag, put.ETag);
    assert.deepEqual(got.Metadata, { owner: 'ana' });
    assert.ok(got.LastModified instanceof Date);
  });

  it('serves byte ranges with 206 and refuses unsatisfiable ones with 416', async () => {
    const part = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'docs/hello.txt', Range: 'bytes=6-' }));
    assert.equal(part.$metadata.httpStatusCode, 206);
    assert.equal(part.ContentRange, 'bytes 6-10/11');
    assert.equal(await part.Body!.transformToString(), 'world');
    const tail = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'docs/hello.txt', Range: 'bytes=-3' }));
    assert.equal(await tail.Body!.transformToString(), 'rld');
    await rejects(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'docs/hello.txt', Range: 'bytes=50-60' })), 'InvalidRange', 416);
  });

  it('honours If-Match and If-None-Match', async () => {
    await rejects(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'docs/hello.txt', IfMatch: '"nope"' })), 'PreconditionFailed', 412);
    await rejects(
      s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'docs/hello.txt', IfNoneMatch: '"5eb63bbbe01eeed093cb22bb8f5acdc3"' })),
      undefined,
      304,
    );
  });

  it('answers NoSuchKey for a missing key, and HEAD without a body', async () => {
    await rejects(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'missing' })), 'NoSuchKey', 404);
    await rejects(s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'missing' })), 'NotFound', 404);
    await rejects(s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket-x', Key: 'k' })), 'NoSuchBucket', 404);
  });

  it('checks Content-MD5 and flexible checksums', async () => {
    await rejects(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'bad', Body: 'abc', ContentMD5: 'AAAAAAAAAAAAAAAAAAAAAA==' })), 'BadDigest', 400);
    await rejects(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'bad', Body: 'abc', ChecksumCRC32: 'AAAAAA==' })), 'BadDigest', 400);
    const ok = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'good', Body: 'abc', ContentMD5: 'kAFQmDzST7DWlj99KOF/cg==' }));
    assert.equal(ok.ETag, '"900150983cd24fb0d6963f7d28e17f72"');
    assert.ok(!mock.inventory().accounts[0]!.services['s3']!['objects']!.includes(`${BUCKET}/bad`));
  });

  it('deletes with 204, also for a key that does not exist', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'temp', Body: 'x' }));
    assert.equal((await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'temp' }))).$metadata.httpStatusCode, 204);
    assert.equal((await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: 'temp' }))).$metadata.httpStatusCode, 204);
    await rejects(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'temp' })), 'NoSuchKey', 404);
  });
});

describe('ListObjectsV2', () => {
  it('lists every key in UTF-8 order', async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: LIST }));
    assert.deepEqual(out.Contents?.map((c) => c.Key), ['__proto__', 'a/1.txt', 'a/2.txt', 'a/deep/3.txt', 'b/x', 'c', 'd e+f%g', 'z/ünï']);
    assert.equal(out.KeyCount, KEYS.length);
    assert.equal(out.IsTruncated, false);
    assert.equal(out.Contents?.[1]?.Size, 'a/1.txt'.length);
  });

  it('rolls keys up into CommonPrefixes with a delimiter, under a prefix', async () => {
    const top = await s3.send(new ListObjectsV2Command({ Bucket: LIST, Delimiter: '/' }));
    assert.deepEqual(top.CommonPrefixes?.map((p) => p.Prefix), ['a/', 'b/', 'z/']);
    assert.deepEqual(top.Contents?.map((c) => c.Key), ['__proto__', 'c', 'd e+f%g']);
    const underA = await s3.send(new ListObjectsV2Command({ Bucket: LIST, Delimiter: '/', Prefix: 'a/' }));
    assert.deepEqual(underA.Contents?.map((c) => c.Key), ['a/1.txt', 'a/2.txt']);
    assert.deepEqual(underA.CommonPrefixes?.map((p) => p.Prefix), ['a/deep/']);
  });

  it('pages with MaxKeys and ContinuationToken, counting prefixes once', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await s3.send(new ListObjectsV2Command({ Bucket: LIST, Delimiter: '/', MaxKeys: 2, ContinuationToken: token }));
      assert.ok((out.KeyCount ?? 0) <= 2);
      seen.push(...(out.Contents ?? []).map((c) => c.Key!), ...(out.CommonPrefixes ?? []).map((p) => p.Prefix!));
      token = out.NextContinuationToken;
      assert.equal(out.IsTruncated, token !== undefined);
      pages++;
    } while (token);
    assert.equal(pages, 3);
    assert.deepEqual(seen.sort(), ['__proto__', 'a/', 'b/', 'c', 'd e+f%g', 'z/'].sort());
    const after = await s3.send(new ListObjectsV2Command({ Bucket: LIST, StartAfter: 'c' }));
    assert.deepEqual(after.Contents?.map((c) => c.Key), ['d e+f%g', 'z/ünï']);
    await rejects(s3.send(new ListObjectsV2Command({ Bucket: LIST, ContinuationToken: 'bogus' })), 'InvalidArgument', 400);
  });

  it('URL-encodes keys and prefixes when asked with encoding-type=url', async () => {
    const out = await s3.send(new ListObjectsV2Command({ Bucket: LIST, EncodingType: 'url', Prefix: 'd ' }));
    assert.equal(out.EncodingType, 'url');
    assert.equal(out.Prefix, 'd%20');
    assert.deepEqual(out.Contents?.map((c) => c.Key), ['d%20e%2Bf%25g']);
  });
});

describe('ListObjects (v1) and DeleteObjects', () => {
  it('pages with Marker and NextMarker', async () => {
    const first = await s3.send(new ListObjectsCommand({ Bucket: LIST, Delimiter: '/', MaxKeys: 3 }));
    assert.equal(first.IsTruncated, true);
    assert.deepEqual(first.Contents?.map((c) => c.Key), ['__proto__']);
    assert.deepEqual(first.CommonPrefixes?.map((p) => p.Prefix), ['a/', 'b/']);
    assert.equal(first.NextMarker, 'b/');
    const rest = await s3.send(new ListObjectsCommand({ Bucket: LIST, Delimiter: '/', Marker: first.NextMarker }));
    assert.equal(rest.IsTruncated, false);
    assert.deepEqual(rest.CommonPrefixes?.map((p) => p.Prefix), ['z/']);
    assert.deepEqual(rest.Contents?.map((c) => c.Key), ['c', 'd e+f%g']);
    assert.match(rest.Contents?.[0]?.Owner?.ID ?? '', /^[0-9a-f]{64}$/);
  });

  it('deletes many keys in one request', async () => {
    const out = await s3.send(new DeleteObjectsCommand({ Bucket: LIST, Delete: { Objects: [{ Key: 'a/1.txt' }, { Key: 'a/2.txt' }, { Key: 'never-was' }] } }));
    assert.deepEqual(out.Deleted?.map((d) => d.Key).sort(), ['a/1.txt', 'a/2.txt', 'never-was']);
    const left = await s3.send(new ListObjectsV2Command({ Bucket: LIST, Prefix: 'a/' }));
    assert.deepEqual(left.Contents?.map((c) => c.Key), ['a/deep/3.txt']);
  });
});
