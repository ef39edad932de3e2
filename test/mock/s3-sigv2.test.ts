// S3's Signature Version 2, which the AWS CLI v1 and boto3 still use for presigned URLs in
// us-east-1 (S3 UG, "Authenticating requests (AWS signature version 2)"): presigned URLs and
// `Authorization: AWS key:signature` headers, signed here by hand from the guide's recipe, and
// each failure in S3's words. Requests still go through the policy engine, and regions newer
// than SigV2 refuse it.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import type { RunningMock } from '../../src/mock/index.js';
import { adminCreds, iamClient, policyDoc, stsClient, trustDoc, userWithKey, withMock, type Creds } from './helpers.js';

let mock: RunningMock;
let admin: Creds;
const BUCKET = 'sigv2-bucket';

const sign = (secret: string, text: string) => createHmac('sha1', secret).update(text).digest('base64');

/** A presigned GET of /bucket/key (the key already URL-encoded), valid until `expires`. */
function presigned(c: Creds, path: string, expires: number, extra: Record<string, string> = {}): string {
  const amz = Object.entries(extra).filter(([k]) => k.startsWith('x-amz-')).map(([k, v]) => `${k}:${v}\n`).join('');
  const signature = sign(c.secretAccessKey, `GET\n\n\n${expires}\n${amz}${path}`);
  const q = new URLSearchParams({ AWSAccessKeyId: c.accessKeyId, Signature: signature, Expires: String(expires), ...extra });
  return `${mock.endpoint}${path}?${q}`;
}

interface Answer {
  status: number;
  body: string;
}

function send(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject).end();
  });
}

const code = (a: Answer) => /<Code>([^<]+)<\/Code>/.exec(a.body)?.[1];
const element = (a: Answer, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(a.body)?.[1];
const later = () => Math.floor(Date.now() / 1000) + 600;

before(async () => {
  mock = await withMock();
  admin = adminCreds(mock.accounts[0]!);
  const s3 = new S3Client({ endpoint: mock.endpoint, region: 'us-east-1', credentials: admin, forcePathStyle: true, maxAttempts: 1 });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'dir/a b.txt', Body: 'signed the old way' }));
  await s3.send(new CreateBucketCommand({ Bucket: 'sigv2-seoul', CreateBucketConfiguration: { LocationConstraint: 'ap-northeast-2' } }));
});
after(() => mock.close());

describe('SigV2 presigned URLs', () => {
  it('serve the object until Expires, then answer "Request has expired"', async () => {
    const ok = await send(presigned(admin, `/${BUCKET}/dir/a%20b.txt`, later()));
    assert.deepEqual([ok.status, ok.body], [200, 'signed the old way']);
    const old = await send(presigned(admin, `/${BUCKET}/dir/a%20b.txt`, Math.floor(Date.now() / 1000) - 5));
    assert.deepEqual([old.status, code(old), element(old, 'Message')], [403, 'AccessDenied', 'Request has expired']);
    assert.match(element(old, 'Expires') ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(element(old, 'X-Amz-Expires'), undefined, 'a SigV2 URL has no X-Amz-Expires');
  });

  it('answer a wrong signature with what S3 signed, and unknown keys and missing parameters as S3 does', async () => {
    const url = new URL(presigned(admin, `/${BUCKET}/dir/a%20b.txt`, later()));
    url.searchParams.set('Signature', sign('not-the-secret', 'x'));
    const bad = await send(url.href);
    assert.deepEqual([bad.status, code(bad)], [403, 'SignatureDoesNotMatch']);
    assert.equal(element(bad, 'StringToSign'), `GET\n\n\n${url.searchParams.get('Expires')}\n/${BUCKET}/dir/a%20b.txt`);
    assert.equal(element(bad, 'CanonicalRequest'), undefined, 'SigV2 has no canonical request');
    const unknown = await send(presigned({ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'x' }, `/${BUCKET}/k`, later()));
    assert.deepEqual([unknown.status, code(unknown), element(unknown, 'AWSAccessKeyId')], [403, 'InvalidAccessKeyId', 'AKIAIOSFODNN7EXAMPLE']);
    const partial = await send(`${mock.endpoint}/${BUCKET}/k?AWSAccessKeyId=${admin.accessKeyId}&Signature=abc`);
    assert.deepEqual(
      [partial.status, code(partial), element(partial, 'Message')],
      [403, 'AccessDenied', 'Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters'],
    );
  });

  it('carry a session token as x-amz-security-token, signed among the x-amz- values', async () => {
    const iam = iamClient(mock, admin);
    const id = mock.accounts[0]!.id;
    await iam.send(new CreateRoleCommand({ RoleName: 'reader', AssumeRolePolicyDocument: trustDoc({ AWS: id }) }));
    await iam.send(
      new PutRolePolicyCommand({ RoleName: 'reader', PolicyName: 'read', PolicyDocument: policyDoc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/dir/*` }]) }),
    );
    const { Credentials } = await stsClient(mock, admin).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${id}:role/reader`, RoleSessionName: 'v2' }));
    const session = { accessKeyId: Credentials!.AccessKeyId!, secretAccessKey: Credentials!.SecretAccessKey! };
    const token = { 'x-amz-security-token': Credentials!.SessionToken! };
    assert.equal((await send(presigned(session, `/${BUCKET}/dir/a%20b.txt`, later(), token))).status, 200);
    // The role may read under dir/ only: the engine still decides.
    const outside = await send(presigned(session, `/${BUCKET}/other`, later(), token));
    assert.deepEqual([outside.status, code(outside)], [403, 'AccessDenied']);
    const tokenless = await send(presigned(session, `/${BUCKET}/dir/a%20b.txt`, later()));
    assert.deepEqual([tokenless.status, code(tokenless)], [400, 'InvalidToken']);
  });
});

describe('SigV2 Authorization headers', () => {
  const signed = (c: Creds, path: string, resource: string, date: Date, host?: string) =>
    send(`${mock.endpoint}${path}`, {
      Date: date.toUTCString(),
      Authorization: `AWS ${c.accessKeyId}:${sign(c.secretAccessKey, `GET\n\n\n${date.toUTCString()}\n${resource}`)}`,
      ...(host ? { Host: host } : {}),
    });

  it('sign the bucket as /bucket/, path-style or virtual-hosted, with its sub-resources', async () => {
    const listed = await signed(admin, `/${BUCKET}?list-type=2`, `/${BUCKET}/`, new Date());
    assert.equal(listed.status, 200, listed.body);
    assert.match(listed.body, /<Key>dir\/a b\.txt<\/Key>/);
    const port = new URL(mock.endpoint).port;
    const hosted = await signed(admin, '/?location', `/${BUCKET}/?location`, new Date(), `${BUCKET}.localhost:${port}`);
    assert.equal(hosted.status, 200, hosted.body);
    assert.match(hosted.body, /LocationConstraint/);
    const user = await userWithKey(iamClient(mock, admin), 'no-s3');
    assert.equal(code(await signed(user, `/${BUCKET}/dir/a%20b.txt`, `/${BUCKET}/dir/a%20b.txt`, new Date())), 'AccessDenied');
  });

  it('refuse a Date more than 15 minutes off, and regions newer than SigV2', async () => {
    const skewed = await signed(admin, `/${BUCKET}/dir/a%20b.txt`, `/${BUCKET}/dir/a%20b.txt`, new Date(Date.now() - 20 * 60_000));
    assert.deepEqual([skewed.status, code(skewed)], [403, 'RequestTimeTooSkewed']);
    const seoul = await signed(admin, '/sigv2-seoul?list-type=2', '/sigv2-seoul/', new Date());
    assert.deepEqual(
      [seoul.status, code(seoul), element(seoul, 'Message')],
      [400, 'InvalidRequest', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.'],
    );
  });
});
