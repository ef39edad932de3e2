// S3 multipart upload against `lab mock` through clients no one here wrote: each installed AWS
// CLI major (`aws s3 cp` of a 12 MiB file, which the CLI sends in parts and fetches back by
// ranges; then the s3api calls by hand), and boto3 in every python3 that imports it
// (boto3-multipart.py: the transfer manager, then the client calls by hand).
import assert from 'node:assert/strict';
import { createCipheriv, createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pythonsWithBoto3 } from './binaries.js';
import { startLabMock, type LabMock } from './lab-mock-process.js';
import { runBoto3Script } from './run-python.js';
import { tutorialWithEachCli } from './variants.js';

const MIB = 1024 * 1024;
/** The CLI's and boto3's default multipart threshold and part size (TransferConfig). */
const CHUNK = 8 * MIB;
/** Deterministic pseudo-random bytes (AES-CTR keystream), so that a failure reproduces. */
const bytes = (n: number, seed: number): Buffer => createCipheriv('aes-128-ctr', Buffer.alloc(16, seed), Buffer.alloc(16)).update(Buffer.alloc(n));
const BIG = bytes(12 * MIB, 7);
const md5 = (b: Buffer) => createHash('md5').update(b).digest();
const quotedMd5 = (b: Buffer) => `"${md5(b).toString('hex')}"`;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** S3's multipart ETag: MD5 of the parts' binary MD5s, then "-<number of parts>". */
const multipartEtag = (parts: Buffer[]) => `"${md5(Buffer.concat(parts.map(md5))).toString('hex')}-${parts.length}"`;
/** BIG as the transfer managers cut it: 8 MiB, then the 4 MiB left. */
const BIG_ETAG = multipartEtag([BIG.subarray(0, CHUNK), BIG.subarray(CHUNK)]);

tutorialWithEachCli('aws s3 cp sends a 12 MiB file in two parts and gets it back whole', async ({ aws, account, admin, dir }) => {
  const bucket = `mpu-cp-${account.id}`;
  await aws.ok(admin, ['s3api', 'create-bucket', '--bucket', bucket]);
  writeFileSync(join(dir, 'big.bin'), BIG);
  // `aws s3 cp` prints progress, not JSON: run it plainly and judge by its exit code.
  const up = await aws.as(admin, ['s3', 'cp', 'big.bin', `s3://${bucket}/big.bin`, '--only-show-errors']);
  assert.equal(up.code, 0, up.stderr);

  const head = await aws.ok(admin, ['s3api', 'head-object', '--bucket', bucket, '--key', 'big.bin']);
  assert.match(head.ETag, /-2"$/, 'uploaded in two parts');
  assert.equal(head.ETag, BIG_ETAG);
  assert.equal(head.ContentLength, BIG.length);

  const down = await aws.as(admin, ['s3', 'cp', `s3://${bucket}/big.bin`, 'back.bin', '--only-show-errors']);
  assert.equal(down.code, 0, down.stderr);
  assert.equal(sha256(readFileSync(join(dir, 'back.bin'))), sha256(BIG));

  // The CLI completed its upload: none is left in progress.
  const listed = await aws.ok(admin, ['s3api', 'list-multipart-uploads', '--bucket', bucket]);
  assert.deepEqual(listed.Uploads ?? [], []);
});

tutorialWithEachCli('aws s3api multipart calls by hand: a small first part refused, aborted; then completed', async ({ aws, account, admin, dir }) => {
  const bucket = `mpu-api-${account.id}`;
  const key = 'by-hand.bin';
  await aws.ok(admin, ['s3api', 'create-bucket', '--bucket', bucket]);
  const api = (op: string, ...args: string[]) => aws.ok(admin, ['s3api', op, '--bucket', bucket, '--key', key, ...args]);
  const small = bytes(1000, 8);
  const five = bytes(5 * MIB, 9);
  writeFileSync(join(dir, 'small.bin'), small);
  writeFileSync(join(dir, 'five.bin'), five);
  const partsFile = (etags: string[]) =>
    writeFileSync(join(dir, 'parts.json'), JSON.stringify({ Parts: etags.map((ETag, i) => ({ PartNumber: i + 1, ETag })) }));
  // `--upload-id ID` as a tutorial writes it: the mock's ids never begin with '-', which the
  // CLI's argument parser would take for an option.
  const uploadParts = async (UploadId: string, files: string[]) => {
    const etags: string[] = [];
    for (const [i, f] of files.entries()) etags.push((await api('upload-part', '--upload-id', UploadId, '--part-number', String(i + 1), '--body', f)).ETag);
    return etags;
  };

  // Two small parts: completing them is refused (the first is under 5 MiB); then aborted. The
  // listing below shows the abort took: each CLI call is a Python start-up (about a second).
  const refused = await api('create-multipart-upload');
  assert.deepEqual([refused.Bucket, refused.Key], [bucket, key]);
  const etags = await uploadParts(refused.UploadId, ['small.bin', 'small.bin']);
  assert.deepEqual(etags, [quotedMd5(small), quotedMd5(small)]);
  partsFile(etags);
  const completing = ['s3api', 'complete-multipart-upload', '--bucket', bucket, '--key', key, '--multipart-upload', 'file://parts.json'];
  await aws.fails(admin, [...completing, '--upload-id', refused.UploadId], 'EntityTooSmall');
  await api('abort-multipart-upload', '--upload-id', refused.UploadId);

  // 5 MiB and then a small last part: listed, the only upload in progress, then completed
  // into one object of both.
  const kept = await api('create-multipart-upload', '--content-type', 'application/x-parts');
  partsFile(await uploadParts(kept.UploadId, ['five.bin', 'small.bin']));
  const parts = await api('list-parts', '--upload-id', kept.UploadId);
  assert.deepEqual(parts.Parts.map((p: any) => [p.PartNumber, p.Size, p.ETag]), [[1, five.length, quotedMd5(five)], [2, small.length, quotedMd5(small)]]);
  const inProgress = await aws.ok(admin, ['s3api', 'list-multipart-uploads', '--bucket', bucket]);
  assert.deepEqual(inProgress.Uploads.map((u: any) => [u.Key, u.UploadId]), [[key, kept.UploadId]], 'the aborted upload is gone');
  const done = await aws.ok(admin, [...completing, '--upload-id', kept.UploadId]);
  assert.equal(done.ETag, multipartEtag([five, small]));
  assert.ok(done.Location.endsWith(`/${bucket}/${key}`), done.Location);
  const got = await api('get-object', 'got.bin');
  assert.deepEqual([got.ETag, got.ContentLength, got.ContentType], [done.ETag, five.length + small.length, 'application/x-parts']);
  assert.ok(readFileSync(join(dir, 'got.bin')).equals(Buffer.concat([five, small])));
});

const { found, missing } = pythonsWithBoto3();

describe('boto3 multipart upload: the transfer manager and the client calls', { concurrency: 2 }, () => {
  let mock: LabMock;
  let dir: string;
  before(async () => {
    mock = await startLabMock();
    dir = mkdtempSync(join(tmpdir(), 'lab-boto3-mpu-'));
    writeFileSync(join(dir, 'big.bin'), BIG);
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    assert.equal(await mock?.stop(), 0);
  });

  for (const path of missing) it(`with ${path}`, { skip: `${path} cannot import boto3` }, () => {});

  found.forEach((py, i) => {
    it(`with ${py.path} (${py.boto3})`, async () => {
      const r = await runBoto3Script(py.path, 'boto3-multipart.py', mock, [`py${i}`, join(dir, 'big.bin')]);
      assert.equal(r.code, 0, r.stderr);
      const { transfer, client } = JSON.parse(r.stdout);

      assert.deepEqual([transfer.threshold, transfer.chunk], [CHUNK, CHUNK], 'the defaults this test is written for');
      assert.equal(transfer.etag, BIG_ETAG);
      assert.equal(transfer.size, BIG.length);
      assert.equal(transfer.sha256, sha256(BIG));
      assert.equal(transfer.uploads_left, 0);

      const bodies = [Buffer.alloc(1000, '1'), Buffer.alloc(2000, '2')];
      assert.equal(client.key, 'by-hand.bin');
      assert.equal(client.upload_id_length, 64);
      assert.deepEqual(client.etags, bodies.map(quotedMd5));
      assert.deepEqual(client.parts, bodies.map((b, n) => ({ PartNumber: n + 1, Size: b.length, ETag: quotedMd5(b) })));
      assert.deepEqual(client.uploads, [['by-hand.bin', true]]);
      assert.equal(client.complete_small_parts, 'EntityTooSmall');
      assert.equal(client.abort_status, 204);
      assert.equal(client.list_parts_after_abort, 'NoSuchUpload');
      assert.equal(client.abort_again, 'NoSuchUpload');
    });
  });
});
