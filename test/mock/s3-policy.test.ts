// Bucket policies: validation and storage, cross-account access granted by a bucket policy,
// explicit denies in it, AWS's two AccessDenied forms, and anonymous access.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  DeleteBucketPolicyCommand,
  DeletePublicAccessBlockCommand,
  GetBucketPolicyCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AttachUserPolicyCommand, CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { startMock, type RunningMock } from '../../src/mock/index.js';

let mock: RunningMock;
let owner: S3Client;
let outsider: S3Client;
let alice: S3Client;
let bob: S3Client;
let ownerId: string;
let outsiderId: string;
const BUCKET = 'shared-bucket';

type Creds = { accessKeyId: string; secretAccessKey: string };

function client(credentials: Creds): S3Client {
  return new S3Client({ endpoint: mock.endpoint, region: 'us-east-1', credentials, forcePathStyle: true, maxAttempts: 1 });
}

async function failure(p: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (err) {
    return err as Error & { $metadata: { httpStatusCode?: number } };
  }
  assert.fail('expected the call to fail');
}

const text = async (p: Promise<{ Body?: { transformToString(): Promise<string> } }>) => (await p).Body!.transformToString();

function policy(...statements: object[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** An unsigned request, as an anonymous client sends it. */
function anonymous(method: string, path: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(`${mock.endpoint}${path}`, { method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

before(async () => {
  mock = await startMock({ accounts: ['owner', 'outsider'] });
  ownerId = mock.accounts[0]!.id;
  outsiderId = mock.accounts[1]!.id;
  owner = client(mock.accounts[0]!.admin);
  outsider = client(mock.accounts[1]!.admin);
  const iam = new IAMClient({ endpoint: mock.endpoint, region: 'us-east-1', credentials: mock.accounts[0]!.admin });
  await iam.send(new CreateUserCommand({ UserName: 'alice' }));
  await iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }))).AccessKey!;
  alice = client({ accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! });
  // bob may list only under home/bob/ (the s3:prefix condition key).
  await iam.send(new CreateUserCommand({ UserName: 'bob' }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName: 'bob',
      PolicyName: 'home',
      PolicyDocument: policy({
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: `arn:aws:s3:::${BUCKET}`,
        Condition: { StringLike: { 's3:prefix': 'home/bob/*' } },
      }),
    }),
  );
  const bobKey = (await iam.send(new CreateAccessKeyCommand({ UserName: 'bob' }))).AccessKey!;
  bob = client({ accessKeyId: bobKey.AccessKeyId!, secretAccessKey: bobKey.SecretAccessKey! });
  await owner.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await owner.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'public/readme.txt', Body: 'shared' }));
  await owner.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'secret/plan.txt', Body: 'secret' }));
});
after(() => mock.close());

describe('PutBucketPolicy validation and storage', () => {
  it('refuses documents that are not JSON, with S3 wording', async () => {
    const err = await failure(owner.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: 'Version: 2012' })));
    assert.equal(err.name, 'MalformedPolicy');
    assert.equal(err.$metadata.httpStatusCode, 400);
    assert.equal(err.message, "Policies must be valid JSON and the first byte must be '{'");
  });

  it('refuses resources outside the bucket and documents the engine rejects', async () => {
    const other = policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::another-bucket/*' });
    const err = await failure(owner.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: other })));
    assert.equal(err.name, 'MalformedPolicy');
    assert.equal(err.message, 'Policy has invalid resource');
    const noPrincipal = policy({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` });
    const err2 = await failure(owner.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: noPrincipal })));
    assert.equal(err2.name, 'MalformedPolicy');
    assert.ok(err2.message.length > 0);
  });

  it('stores, returns and deletes a policy; NoSuchBucketPolicy when there is none', async () => {
    const err = await failure(owner.send(new GetBucketPolicyCommand({ Bucket: BUCKET })));
    assert.equal(err.name, 'NoSuchBucketPolicy');
    assert.equal(err.$metadata.httpStatusCode, 404);
    const doc = policy({ Sid: 'Read', Effect: 'Allow', Principal: { AWS: outsiderId }, Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*` });
    const put = await owner.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: doc }));
    assert.equal(put.$metadata.httpStatusCode, 204);
    const stored = JSON.parse((await owner.send(new GetBucketPolicyCommand({ Bucket: BUCKET }))).Policy!);
    assert.equal(stored.Statement[0].Sid, 'Read');
    await owner.send(new DeleteBucketPolicyCommand({ Bucket: BUCKET }));
    assert.equal((await failure(owner.send(new GetBucketPolicyCommand({ Bucket: BUCKET })))).name, 'NoSuchBucketPolicy');
  });
});

describe('access across accounts', () => {
  it('another account is refused with a bare "Access Denied" until the bucket policy allows it', async () => {
    const denied = await failure(outsider.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'public/readme.txt' })));
    assert.equal(denied.name, 'AccessDenied');
    assert.equal(denied.$metadata.httpStatusCode, 403);
    assert.equal(denied.message, 'Access Denied');

    await owner.send(
      new PutBucketPolicyCommand({
        Bucket: BUCKET,
        Policy: policy(
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${outsiderId}:root` }, Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`] },
          { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/secret/*` },
        ),
      }),
    );
    assert.equal(await text(outsider.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'public/readme.txt' }))), 'shared');
    const listed = await outsider.send(new ListObjectsV2Command({ Bucket: BUCKET }));
    assert.deepEqual(listed.Contents?.map((c) => c.Key), ['public/readme.txt', 'secret/plan.txt']);
    // The explicit deny wins over the allow.
    const secret = await failure(outsider.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'secret/plan.txt' })));
    assert.equal(secret.name, 'AccessDenied');
    assert.equal(secret.message, 'Access Denied');
    // Only the owner's account manages the policy.
    assert.equal((await failure(outsider.send(new GetBucketPolicyCommand({ Bucket: BUCKET })))).name, 'AccessDenied');
  });

  it('same-account callers get the IAM form with the resource in double quotes', async () => {
    assert.equal(await text(alice.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'public/readme.txt' }))), 'shared');
    const denied = await failure(alice.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'secret/plan.txt' })));
    assert.equal(denied.name, 'AccessDenied');
    assert.equal(
      denied.message,
      `User: arn:aws:iam::${ownerId}:user/alice is not authorized to perform: s3:GetObject on resource: ` +
        `"arn:aws:s3:::${BUCKET}/secret/plan.txt" with an explicit deny in a resource-based policy`,
    );
    const put = await failure(alice.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'x', Body: 'x' })));
    assert.equal(
      put.message,
      `User: arn:aws:iam::${ownerId}:user/alice is not authorized to perform: s3:PutObject on resource: ` +
        `"arn:aws:s3:::${BUCKET}/x" because no identity-based policy allows the s3:PutObject action`,
    );
  });
});

describe('condition keys', () => {
  it('s3:prefix carries the ListObjectsV2 prefix', async () => {
    const mine = await bob.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'home/bob/' }));
    assert.equal(mine.KeyCount, 0);
    const all = await failure(bob.send(new ListObjectsV2Command({ Bucket: BUCKET })));
    assert.equal(all.name, 'AccessDenied');
    assert.match(all.message, /s3:ListBucket on resource: "arn:aws:s3:::shared-bucket" because no identity-based policy allows/);
    assert.equal((await failure(bob.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'home/alice/' })))).name, 'AccessDenied');
  });
});

describe('anonymous requests', () => {
  it('are denied with "Access Denied", and HEAD errors carry no body', async () => {
    const get = await anonymous('GET', `/${BUCKET}/public/readme.txt`);
    assert.equal(get.status, 403);
    assert.match(get.body, /<Code>AccessDenied<\/Code><Message>Access Denied<\/Message>/);
    assert.ok(get.headers['x-amz-request-id'] && get.headers['x-amz-id-2']);
    const head = await anonymous('HEAD', `/${BUCKET}/public/readme.txt`);
    assert.equal(head.status, 403);
    assert.equal(head.body, '');
    const missing = await anonymous('GET', '/no-such-bucket-anywhere/k');
    assert.equal(missing.status, 404);
    assert.match(missing.body, /<Code>NoSuchBucket<\/Code>.*<BucketName>no-such-bucket-anywhere<\/BucketName>/s);
  });

  it('may read what a bucket policy grants to "*"', async () => {
    // A new bucket blocks public policies (s3-public-access.test.ts); its owner lifts that.
    await owner.send(new DeletePublicAccessBlockCommand({ Bucket: BUCKET }));
    await owner.send(
      new PutBucketPolicyCommand({
        Bucket: BUCKET,
        Policy: policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/public/*` }),
      }),
    );
    const get = await anonymous('GET', `/${BUCKET}/public/readme.txt`);
    assert.equal(get.status, 200);
    assert.equal(get.body, 'shared');
    assert.equal((await anonymous('GET', `/${BUCKET}/secret/plan.txt`)).status, 403);
  });
});
