// S3 multipart uploads as a bucket lists them (ListMultipartUploads: order, prefix, delimiter,
// paging) and as IAM authorises them (each operation's own action), through the real SDK
// client; and a bucket deleted with uploads in progress.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { PutUserPolicyCommand } from '@aws-sdk/client-iam';
import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { adminCreds, iamClient, policyDoc, userWithKey } from './helpers.js';
import { client, complete, create, denied, mpu, multipartEtag, SMALL, started, useMultipartMock } from './s3-multipart-fixture.js';

useMultipartMock();

describe('ListMultipartUploads', () => {
  const LIST = 'mpu-listing';
  const ids: Record<string, string[]> = {};
  const ALL = ['a/1', 'a/1', 'b/1', 'b/2', 'c'];
  const keysOf = (out: { Uploads?: { Key?: string }[] }) => (out.Uploads ?? []).map((u) => u.Key);
  const list = (extra: object = {}) => mpu.s3.send(new ListMultipartUploadsCommand({ Bucket: LIST, ...extra }));

  before(async () => {
    await mpu.s3.send(new CreateBucketCommand({ Bucket: LIST }));
    // Created out of key order, a second apart by the mock's clock.
    const keys = ['b/2', 'a/1', 'c', 'a/1', 'b/1'];
    for (let i = 0, retries = 0; i < keys.length; ) {
      const key = keys[i]!;
      mpu.skew += 1000;
      const id = await create(key, {}, LIST);
      // The second a/1 must have an id sorting before the first's, so that order by
      // initiation and order by id differ. Ids are random: a later one that sorts after the
      // first becomes the first instead (the old first is aborted, which keeps it out of the
      // listing), so the first only rises and one sorting before it soon comes. Forty new
      // highs in a row would take odds of 1 in 40!.
      if (key === 'a/1' && ids[key] && id > ids[key][0]!) {
        await mpu.s3.send(new AbortMultipartUploadCommand({ Bucket: LIST, Key: key, UploadId: ids[key][0]! }));
        ids[key][0] = id;
        assert.ok(++retries < 40, 'forty upload ids in a row sorted after the first');
        continue;
      }
      (ids[key] ??= []).push(id);
      i++;
    }
    const done = await started('done', [SMALL], {}, LIST);
    await complete('done', done.UploadId, done.parts, LIST);
    await mpu.s3.send(new AbortMultipartUploadCommand({ Bucket: LIST, Key: 'gone', UploadId: await create('gone', {}, LIST) }));
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
    await mpu.s3.send(new CreateBucketCommand({ Bucket: AUTHZ }));
    const iam = iamClient(mpu.mock, adminCreds(mpu.mock.accounts[0]!));
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
    await mpu.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await started('pending.bin', [SMALL], {}, bucket);
    await mpu.s3.send(new DeleteBucketCommand({ Bucket: bucket }));
    await mpu.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    assert.deepEqual((await mpu.s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? [], []);
  });
});
