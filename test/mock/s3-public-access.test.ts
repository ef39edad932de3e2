// S3 Block Public Access on buckets (S3 User Guide, "Blocking public access to your Amazon S3
// storage"): a new bucket blocks public policies; BlockPublicPolicy refuses to save one (even
// for the owner's root user); RestrictPublicBuckets keeps a saved public policy from reaching
// anonymous callers and other accounts; Put/Get/DeletePublicAccessBlock manage the settings.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  DeletePublicAccessBlockCommand,
  GetBucketPolicyStatusCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash } from 'node:crypto';
import { startMock, type RunningMock } from '../../src/mock/index.js';
import { adminCreds, clientConfig, policyDoc, rejectsWith, Sha256, type Creds } from './helpers.js';

const BUCKET = 'bpa-bucket';
const ALL_ON = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

describe('S3 Block Public Access', () => {
  let mock: RunningMock;
  let owner: S3Client;
  let other: S3Client;
  let ownerId: string;
  const s3 = (c: Creds) => new S3Client(clientConfig(mock, c, { forcePathStyle: true }));
  const statement = (extra: object) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${BUCKET}/*`, ...extra });
  const put = (...statements: object[]) => owner.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: policyDoc(statements) }));
  const blocked = () => ({
    status: 403,
    message: `User: arn:aws:iam::${ownerId}:user/admin is not authorized to perform: s3:PutBucketPolicy on resource: "arn:aws:s3:::${BUCKET}" because public policies are blocked by the BlockPublicPolicy block public access setting.`,
  });
  const anonymousGet = () =>
    new Promise<number>((resolve, reject) => {
      const req = request(`${mock.endpoint}/${BUCKET}/k`, (res) => (res.resume(), resolve(res.statusCode!)));
      req.on('error', reject).end();
    });

  before(async () => {
    mock = await startMock({ accounts: ['owner', 'other'] });
    ownerId = mock.accounts[0]!.id;
    owner = s3(adminCreds(mock.accounts[0]!));
    other = s3(adminCreds(mock.accounts[1]!));
    await owner.send(new CreateBucketCommand({ Bucket: BUCKET }));
    await owner.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'k', Body: 'v' }));
  });
  after(() => mock.close());

  it('a new bucket blocks everything public', async () => {
    const got = await owner.send(new GetPublicAccessBlockCommand({ Bucket: BUCKET }));
    assert.deepEqual(got.PublicAccessBlockConfiguration, ALL_ON);
  });

  it('BlockPublicPolicy refuses a policy granting to everyone, and accepts one held to fixed values', async () => {
    await rejectsWith(put(statement({ Principal: '*' })), 'AccessDenied', blocked());
    await rejectsWith(put(statement({ Principal: { AWS: '*' } })), 'AccessDenied', blocked());
    await rejectsWith(put(statement({ NotPrincipal: { AWS: `arn:aws:iam::${ownerId}:root` } })), 'AccessDenied', blocked());
    // A wildcard or a variable is no fixed value, nor is a condition that admits the key's absence.
    await rejectsWith(put(statement({ Principal: '*', Condition: { StringLike: { 'aws:SourceAccount': '1*' } } })), 'AccessDenied', blocked());
    await rejectsWith(put(statement({ Principal: '*', Condition: { StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-1a2b3c4d' } } })), 'AccessDenied', blocked());
    await rejectsWith(put(statement({ Principal: '*', Condition: { StringEquals: { 'aws:username': 'alice' } } })), 'AccessDenied', blocked());
    await rejectsWith(put(statement({ Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } })), 'AccessDenied', blocked());

    await put(statement({ Principal: { AWS: mock.accounts[1]!.id } }));
    await put(statement({ Principal: '*', Condition: { StringEquals: { 'aws:SourceAccount': mock.accounts[1]!.id } } }));
    await put(statement({ Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': '192.0.2.0/24' } } }));
    // A Deny to everyone only takes away.
    await put({ Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: `arn:aws:s3:::${BUCKET}/*` });
  });

  it('DeletePublicAccessBlock lifts the settings; GetPublicAccessBlock then finds none', async () => {
    await owner.send(new DeletePublicAccessBlockCommand({ Bucket: BUCKET }));
    const err = await rejectsWith(owner.send(new GetPublicAccessBlockCommand({ Bucket: BUCKET })), 'NoSuchPublicAccessBlockConfiguration', {
      status: 404,
      message: 'The public access block configuration was not found',
    });
    assert.ok(err);
    await put(statement({ Principal: '*' }));
    assert.equal(await anonymousGet(), 200);
    await other.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'k' }));
  });

  it('RestrictPublicBuckets keeps a saved public policy from anonymous callers and other accounts', async () => {
    const settings = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: true };
    await owner.send(new PutPublicAccessBlockCommand({ Bucket: BUCKET, PublicAccessBlockConfiguration: settings }));
    assert.deepEqual((await owner.send(new GetPublicAccessBlockCommand({ Bucket: BUCKET }))).PublicAccessBlockConfiguration, settings);
    assert.equal(await anonymousGet(), 403);
    await rejectsWith(other.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'k' })), 'AccessDenied', { status: 403, message: 'Access Denied' });
    // The owner's account is not held back.
    await owner.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'k' }));
    // A grant naming the other account is not public, so it still reaches it.
    await put(statement({ Principal: '*' }), statement({ Principal: { AWS: mock.accounts[1]!.id } }));
    await other.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'k' }));
    assert.equal(await anonymousGet(), 403);
  });

  it('GetBucketPolicyStatus tells whether the saved policy is public', async () => {
    const bucket = 'bpa-status';
    await owner.send(new CreateBucketCommand({ Bucket: bucket }));
    const status = async () => (await owner.send(new GetBucketPolicyStatusCommand({ Bucket: bucket }))).PolicyStatus?.IsPublic;
    await rejectsWith(owner.send(new GetBucketPolicyStatusCommand({ Bucket: bucket })), 'NoSuchBucketPolicy', {
      status: 404,
      message: 'The bucket policy does not exist',
    });
    const grant = (principal: object) =>
      owner.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policyDoc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket}/*`, ...principal }]) }));
    await grant({ Principal: { AWS: mock.accounts[1]!.id } });
    assert.equal(await status(), false);
    await owner.send(new DeletePublicAccessBlockCommand({ Bucket: bucket }));
    await grant({ Principal: '*' });
    assert.equal(await status(), true);
    // Another account may not read the status of a bucket it does not own.
    await rejectsWith(other.send(new GetBucketPolicyStatusCommand({ Bucket: bucket })), 'AccessDenied', { status: 403 });
  });

  it('a configuration is read as S3 reads it: absent settings are false, anything else is MalformedXML', async () => {
    await owner.send(new PutPublicAccessBlockCommand({ Bucket: BUCKET, PublicAccessBlockConfiguration: { BlockPublicPolicy: true } }));
    assert.deepEqual((await owner.send(new GetPublicAccessBlockCommand({ Bucket: BUCKET }))).PublicAccessBlockConfiguration, {
      BlockPublicAcls: false,
      IgnorePublicAcls: false,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: false,
    });
    await rejectsWith(put(statement({ Principal: '*' })), 'AccessDenied', blocked());
    // Signed by hand, since the SDK only sends well-formed configurations.
    const send = async (body: string) => {
      const url = new URL(mock.endpoint);
      const signer = new SignatureV4({ credentials: adminCreds(mock.accounts[0]!), region: 'us-east-1', service: 's3', sha256: Sha256, uriEscapePath: false });
      const headers = { host: url.host, 'content-md5': createHash('md5').update(body).digest('base64'), 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' };
      const req = await signer.sign({ method: 'PUT', protocol: 'http:', hostname: url.hostname, path: `/${BUCKET}`, query: { publicAccessBlock: '' }, headers });
      const res = await fetch(`${mock.endpoint}/${BUCKET}?publicAccessBlock`, { method: 'PUT', headers: req.headers as Record<string, string>, body });
      return { status: res.status, body: await res.text() };
    };
    for (const body of ['<PublicAccessBlockConfiguration><BlockPublicPolicy>yes</BlockPublicPolicy></PublicAccessBlockConfiguration>', '<Other/>', '<unclosed>']) {
      const answer = await send(body);
      assert.equal(answer.status, 400, body);
      assert.match(answer.body, /<Code>MalformedXML<\/Code>/);
    }
    assert.equal((await send('<PublicAccessBlockConfiguration><RestrictPublicBuckets>true</RestrictPublicBuckets></PublicAccessBlockConfiguration>')).status, 200);
    // Unsigned: anonymous callers may not change the settings.
    const raw = await fetch(`${mock.endpoint}/${BUCKET}?publicAccessBlock`, { method: 'PUT', body: '<PublicAccessBlockConfiguration/>' });
    assert.equal(raw.status, 403);
  });
});
