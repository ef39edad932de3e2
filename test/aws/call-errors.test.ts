// callAws error normalisation against canned AWS error envelopes (query, ec2, rest-xml).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callAws, closeClients, normaliseError } from '../../src/aws/index.js';
import { ec2Error, IAM_NS, queryError, s3Error, startCanned, STS_NS, xml, type CannedServer, type CannedResponse } from './canned-server.js';

const creds = { accessKeyId: 'AKIAEXAMPLEEXAMPLE01', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY' };

interface Case {
  name: string;
  spec: string;
  input: Record<string, unknown>;
  response: CannedResponse;
  expected: { code: string; message: string; status: number; requestId?: string };
}

const CASES: Case[] = [
  {
    name: 'IAM modeled error: wire code, not the class name NoSuchEntityException',
    spec: 'iam:GetRole',
    input: { RoleName: 'R' },
    response: { status: 404, headers: { ...xml, 'x-amzn-requestid': 'req-hdr-1' }, body: queryError(IAM_NS, 'NoSuchEntity', 'The role with name R cannot be found.') },
    expected: { code: 'NoSuchEntity', message: 'The role with name R cannot be found.', status: 404, requestId: 'req-hdr-1' },
  },
  {
    name: 'IAM modeled error without a request-id header: the id from the body',
    spec: 'iam:DeleteRole',
    input: { RoleName: 'R' },
    response: { status: 404, headers: xml, body: queryError(IAM_NS, 'NoSuchEntity', 'The role with name R cannot be found.', 'req-body-2') },
    expected: { code: 'NoSuchEntity', message: 'The role with name R cannot be found.', status: 404, requestId: 'req-body-2' },
  },
  {
    name: 'IAM unmodeled AccessDenied',
    spec: 'iam:CreateUser',
    input: { UserName: 'alice' },
    response: { status: 403, headers: { ...xml, 'x-amzn-requestid': 'req-hdr-7' }, body: queryError(IAM_NS, 'AccessDenied', 'User: arn:aws:iam::111111111111:user/bob is not authorized to perform: iam:CreateUser') },
    expected: { code: 'AccessDenied', message: 'User: arn:aws:iam::111111111111:user/bob is not authorized to perform: iam:CreateUser', status: 403, requestId: 'req-hdr-7' },
  },
  {
    name: 'IAM LimitExceeded (409, class LimitExceededException)',
    spec: 'iam:CreateAccessKey',
    input: { UserName: 'alice' },
    response: { status: 409, headers: xml, body: queryError(IAM_NS, 'LimitExceeded', 'Cannot exceed quota for AccessKeysPerUser: 2') },
    expected: { code: 'LimitExceeded', message: 'Cannot exceed quota for AccessKeysPerUser: 2', status: 409 },
  },
  {
    name: 'STS AccessDenied on AssumeRole',
    spec: 'sts:AssumeRole',
    input: { RoleArn: 'arn:aws:iam::222222222222:role/R', RoleSessionName: 's1' },
    response: { status: 403, headers: xml, body: queryError(STS_NS, 'AccessDenied', 'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/R') },
    expected: { code: 'AccessDenied', message: 'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/R', status: 403 },
  },
  {
    name: 'STS modeled MalformedPolicyDocument',
    spec: 'sts:AssumeRole',
    input: { RoleArn: 'arn:aws:iam::222222222222:role/R', RoleSessionName: 's1', Policy: { Version: '2012-10-17' } },
    response: { status: 400, headers: xml, body: queryError(STS_NS, 'MalformedPolicyDocument', 'Policy statement must contain actions.') },
    expected: { code: 'MalformedPolicyDocument', message: 'Policy statement must contain actions.', status: 400 },
  },
  {
    name: 'EC2 dotted code',
    spec: 'ec2:TerminateInstances',
    input: { InstanceIds: ['i-0123456789abcdef0'] },
    response: { status: 400, headers: xml, body: ec2Error('InvalidInstanceID.NotFound', "The instance ID 'i-0123456789abcdef0' does not exist") },
    expected: { code: 'InvalidInstanceID.NotFound', message: "The instance ID 'i-0123456789abcdef0' does not exist", status: 400 },
  },
  {
    name: 'EC2 DryRunOperation is an error with status 412',
    spec: 'ec2:RunInstances',
    input: { ImageId: 'ami-1', MinCount: 1, MaxCount: 1, DryRun: true },
    response: { status: 412, headers: xml, body: ec2Error('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.') },
    expected: { code: 'DryRunOperation', message: 'Request would have succeeded, but DryRun flag is set.', status: 412 },
  },
  {
    name: 'EC2 UnauthorizedOperation',
    spec: 'ec2:DescribeInstances',
    input: {},
    response: { status: 403, headers: xml, body: ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.') },
    expected: { code: 'UnauthorizedOperation', message: 'You are not authorized to perform this operation.', status: 403 },
  },
  {
    name: 'S3 modeled NoSuchBucket',
    spec: 's3:ListObjectsV2',
    input: { Bucket: 'nope' },
    response: { status: 404, headers: { 'content-type': 'application/xml', 'x-amz-request-id': 'S3REQ1' }, body: s3Error('NoSuchBucket', 'The specified bucket does not exist', '<BucketName>nope</BucketName>') },
    expected: { code: 'NoSuchBucket', message: 'The specified bucket does not exist', status: 404, requestId: 'S3REQ1' },
  },
  {
    name: 'S3 unmodeled NoSuchBucketPolicy',
    spec: 's3:GetBucketPolicy',
    input: { Bucket: 'b' },
    response: { status: 404, headers: { 'content-type': 'application/xml' }, body: s3Error('NoSuchBucketPolicy', 'The bucket policy does not exist') },
    expected: { code: 'NoSuchBucketPolicy', message: 'The bucket policy does not exist', status: 404 },
  },
  {
    name: 'S3 AccessDenied',
    spec: 's3:GetObject',
    input: { Bucket: 'b', Key: 'k' },
    response: { status: 403, headers: { 'content-type': 'application/xml' }, body: s3Error('AccessDenied', 'Access Denied') },
    expected: { code: 'AccessDenied', message: 'Access Denied', status: 403 },
  },
  {
    name: 'S3 HEAD errors have no body: status code and reason, as the AWS CLI reports them',
    spec: 's3:HeadObject',
    input: { Bucket: 'b', Key: 'k' },
    response: { status: 403 },
    expected: { code: '403', message: 'Forbidden', status: 403 },
  },
  {
    name: 'S3 HEAD 404 without body',
    spec: 's3:HeadBucket',
    input: { Bucket: 'b' },
    response: { status: 404 },
    expected: { code: '404', message: 'Not Found', status: 404 },
  },
];

describe('callAws error normalisation', () => {
  let server: CannedServer;
  before(async () => {
    server = await startCanned();
  });
  after(async () => {
    await closeClients();
    await server.close();
  });

  for (const c of CASES) {
    it(c.name, async () => {
      server.respond(() => c.response);
      const result = await callAws(c.spec, c.input, creds, { region: 'us-east-1', endpoint: server.endpoint }, { maxAttempts: 1 });
      assert.equal(result.ok, false);
      if (result.ok) return;
      const { code, message, status } = result.error;
      assert.deepEqual({ code, message, status }, { code: c.expected.code, message: c.expected.message, status: c.expected.status });
      if (c.expected.requestId) assert.equal(result.error.requestId, c.expected.requestId);
      assert.ok(result.durationMs >= 0);
    });
  }

  it('retries up to maxAttempts on a 500 and then reports it', async () => {
    const start = server.requests.length;
    server.respond(() => ({ status: 500, headers: xml, body: queryError(IAM_NS, 'ServiceFailure', 'boom') }));
    const result = await callAws('iam:ListRoles', {}, creds, { region: 'us-east-1', endpoint: server.endpoint }, { maxAttempts: 2 });
    assert.equal(server.requests.length - start, 2);
    assert.equal(result.ok, false);
    if (!result.ok) assert.deepEqual([result.error.code, result.error.status], ['ServiceFailure', 500]);
  });

  it('reports a refused connection with its node error code and no status', async () => {
    const closed = await startCanned();
    const endpoint = closed.endpoint;
    await closed.close();
    const result = await callAws('sts:GetCallerIdentity', {}, creds, { region: 'us-east-1', endpoint }, { maxAttempts: 1 });
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.equal(result.error.code, 'ECONNREFUSED');
      assert.equal(result.error.status, undefined);
    }
  });

  it('stops on an aborted signal', async () => {
    server.respond(() => ({ status: 200, headers: xml, body: '<x/>' }));
    const controller = new AbortController();
    controller.abort();
    const result = await callAws('sts:GetCallerIdentity', {}, creds, { region: 'us-east-1', endpoint: server.endpoint }, { signal: controller.signal });
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.code, 'AbortError');
  });

  it('throws on a call that is not service:Operation or not an operation', async () => {
    await assert.rejects(callAws('iam-CreateRole', {}, creds, { region: 'us-east-1' }), TypeError);
    await assert.rejects(callAws('iam:CreateRoles', {}, creds, { region: 'us-east-1', endpoint: server.endpoint }), /unknown operation/);
  });
});

describe('normaliseError on values that are not SDK errors', () => {
  const cases: Array<[string, unknown, { code: string; message: string }]> = [
    ['a string', 'boom', { code: 'Error', message: 'boom' }],
    ['a plain Error', new Error('bad'), { code: 'Error', message: 'bad' }],
    ['a node system error', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }],
    ['a TimeoutError', Object.assign(new Error('timed out'), { name: 'TimeoutError' }), { code: 'TimeoutError', message: 'timed out' }],
  ];
  for (const [name, err, expected] of cases) {
    it(name, () => assert.deepEqual(normaliseError(err), expected));
  }
});
