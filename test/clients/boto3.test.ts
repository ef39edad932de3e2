// boto3 against `lab mock`: the session in boto3-session.py, run by Debian's /usr/bin/python3
// (python3-boto3) and by every other python3 on PATH that imports boto3 (the image's pyenv).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { pythonsWithBoto3 } from './binaries.js';
import { startLabMock, type LabMock } from './lab-mock-process.js';
import { runBoto3Script } from './run-python.js';

const { found, missing } = pythonsWithBoto3();

describe('boto3 session across STS, IAM, EC2 and S3', { concurrency: 2 }, () => {
  let mock: LabMock;
  before(async () => {
    mock = await startLabMock();
  });
  after(async () => {
    assert.equal(await mock?.stop(), 0);
  });

  for (const path of missing) it(`with ${path}`, { skip: `${path} cannot import boto3` }, () => {});

  found.forEach((py, i) => {
    it(`with ${py.path} (${py.boto3})`, async () => {
      const r = await runBoto3Script(py.path, 'boto3-session.py', mock, [`py${i}`]);
      assert.equal(r.code, 0, r.stderr);
      const seen = JSON.parse(r.stdout);
      const account = mock.accounts[0]!;

      assert.deepEqual(seen.caller, { Arn: account.admin.arn, Account: account.id });
      assert.equal(seen.user_arn, `arn:aws:iam::${account.id}:user/boto3-py${i}`);
      assert.equal(seen.key_id_prefix, 'AKIA');
      assert.equal(seen.as_user_arn, seen.user_arn, 'the new key signs as the new user');
      assert.equal(seen.user_describe_instances, 'UnauthorizedOperation', 'a user without policies may not describe');
      assert.deepEqual(seen.keys_listed, [true]);
      assert.equal(seen.get_deleted_user, 'NoSuchEntity');

      assert.ok(seen.ec2.owners.every((o: string) => o === account.id), `only the account's instances: ${seen.ec2.owners}`);

      const body = 'héllo from boto3\n';
      const etag = `"${createHash('md5').update(body, 'utf8').digest('hex')}"`;
      const size = Buffer.byteLength(body);
      assert.equal(seen.s3.put_etag, etag);
      assert.deepEqual(seen.s3.listed, [{ Key: 'notes/hello world+1.txt', Size: size, ETag: etag }]);
      assert.equal(seen.s3.key_count, 1);
      assert.equal(seen.s3.body, body);
      assert.equal(seen.s3.content_type, 'text/plain');
      assert.deepEqual(seen.s3.metadata, { lesson: 'one' });
      assert.equal(seen.s3.in_list_buckets, true);
      assert.equal(seen.s3.get_deleted_object, 'NoSuchKey');
      assert.equal(seen.s3.after_delete_in_list_buckets, false);
      // HEAD carries no body: botocore names the error by its status.
      assert.equal(seen.s3.head_deleted_bucket, '404');
    });
  });
});
