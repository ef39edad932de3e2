import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepareInput } from '../../src/aws/index.js';

const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
const json = JSON.stringify(doc);

describe('prepareInput', () => {
  const cases: Array<[string, string, Record<string, unknown>, Record<string, unknown>]> = [
    ['trust policy object', 'iam:CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: doc }, { RoleName: 'r', AssumeRolePolicyDocument: json }],
    ['trust policy already a string', 'iam:UpdateAssumeRolePolicy', { RoleName: 'r', PolicyDocument: json }, { RoleName: 'r', PolicyDocument: json }],
    ['managed policy document', 'iam:CreatePolicy', { PolicyName: 'p', PolicyDocument: doc }, { PolicyName: 'p', PolicyDocument: json }],
    ['inline policy', 'iam:PutRolePolicy', { RoleName: 'r', PolicyName: 'p', PolicyDocument: doc }, { RoleName: 'r', PolicyName: 'p', PolicyDocument: json }],
    ['STS session policy', 'sts:AssumeRole', { RoleArn: 'arn', RoleSessionName: 's', Policy: doc }, { RoleArn: 'arn', RoleSessionName: 's', Policy: json }],
    ['S3 bucket policy', 's3:PutBucketPolicy', { Bucket: 'b', Policy: doc }, { Bucket: 'b', Policy: json }],
    ['simulator inputs', 'iam:SimulateCustomPolicy', { PolicyInputList: [doc, json], ActionNames: ['s3:GetObject'] }, { PolicyInputList: [json, json], ActionNames: ['s3:GetObject'] }],
    ['simulator resource policy', 'iam:SimulatePrincipalPolicy', { PolicySourceArn: 'arn', ResourcePolicy: doc }, { PolicySourceArn: 'arn', ResourcePolicy: json }],
    ['boundary is an ARN and stays', 'iam:CreateRole', { RoleName: 'r', PermissionsBoundary: 'arn:aws:iam::aws:policy/X' }, { RoleName: 'r', PermissionsBoundary: 'arn:aws:iam::aws:policy/X' }],
    ['nested objects stay objects', 'iam:CreateRole', { RoleName: 'r', Tags: [{ Key: 'Policy', Value: 'x' }] }, { RoleName: 'r', Tags: [{ Key: 'Policy', Value: 'x' }] }],
    ['EC2 input untouched', 'ec2:RunInstances', { ImageId: 'ami-1', MinCount: 1, MaxCount: 1 }, { ImageId: 'ami-1', MinCount: 1, MaxCount: 1 }],
    ['IAM Body is not special', 'iam:CreateUser', { UserName: 'u', Body: 'x' }, { UserName: 'u', Body: 'x' }],
  ];
  for (const [name, spec, input, expected] of cases) {
    it(name, () => assert.deepEqual(prepareInput(spec, input), expected));
  }

  it('turns an S3 Body string into UTF-8 bytes', () => {
    const out = prepareInput('s3:PutObject', { Bucket: 'b', Key: 'k', Body: 'héllo' });
    assert.ok(out['Body'] instanceof Uint8Array);
    assert.deepEqual(Buffer.from(out['Body'] as Uint8Array), Buffer.from('héllo', 'utf8'));
    assert.equal(out['Key'], 'k');
  });

  it('leaves S3 Body bytes as they are', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    assert.equal(prepareInput('s3:PutObject', { Bucket: 'b', Key: 'k', Body: bytes })['Body'], bytes);
  });

  it('is idempotent, so preparing twice sends the same thing', () => {
    for (const [, spec, input] of cases) {
      const once = prepareInput(spec, input);
      assert.deepEqual(prepareInput(spec, once), once);
    }
    const body = prepareInput('s3:PutObject', { Bucket: 'b', Key: 'k', Body: 'x' });
    assert.deepEqual(prepareInput('s3:PutObject', body), body);
  });

  it('never modifies its argument', () => {
    const input = { RoleName: 'r', AssumeRolePolicyDocument: doc };
    const copy = structuredClone(input);
    prepareInput('iam:CreateRole', input);
    assert.deepEqual(input, copy);
  });
});
