import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { shellQuote, toCliCommand, xformName } from '../../src/aws/index.js';

const cwd = mkdtempSync(join(tmpdir(), 'lab-cli-'));
after(() => rmSync(cwd, { recursive: true, force: true }));

/** Runs a rendered command in a real POSIX shell with `aws` replaced by a function that
 * prints its arguments NUL-separated: what the AWS CLI would receive. */
function argvOf(command: string): string[] {
  const script = `aws() { for a in "$@"; do printf '%s\\0' "$a"; done; }\n${command}`;
  const out = execFileSync('sh', ['-c', script], { cwd, encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

describe('xformName (botocore xform_name, as the AWS CLI names things)', () => {
  const cases: Array<[string, string]> = [
    ['CreateRole', 'create-role'],
    ['AssumeRolePolicyDocument', 'assume-role-policy-document'],
    ['GetCallerIdentity', 'get-caller-identity'],
    ['ListMFADevices', 'list-mfa-devices'],
    ['GetOpenIDConnectProvider', 'get-open-id-connect-provider'],
    ['CreateSAMLProvider', 'create-saml-provider'],
    ['ListObjectsV2', 'list-objects-v2'],
    ['Ipv6CidrBlock', 'ipv6-cidr-block'],
    ['ContentMD5', 'content-md5'],
    ['SSEKMSKeyId', 'ssekms-key-id'],
    ['GatewayARNs', 'gateway-arns'],
    ['ACL', 'acl'],
    ['DryRun', 'dry-run'],
    ['InstanceIds', 'instance-ids'],
    ['already-kebab', 'already-kebab'],
  ];
  for (const [name, expected] of cases) it(`${name} -> ${expected}`, () => assert.equal(xformName(name), expected));
});

describe('shellQuote', () => {
  const words = ['plain', 'arn:aws:iam::111111111111:role/lab-x', '', 'two words', "it's", '$HOME', '`id`', 'a"b', 'back\\slash', 'line\nbreak', '*', '~user', '-dash', 'ünïcode', "''"];
  for (const w of words) {
    it(`${JSON.stringify(w)} survives a real shell`, () => assert.deepEqual(argvOf(`aws ${shellQuote(w)}`), [w]));
  }
  it('leaves safe words bare', () => {
    assert.equal(shellQuote('arn:aws:iam::111111111111:role/lab-x'), 'arn:aws:iam::111111111111:role/lab-x');
    assert.equal(shellQuote('two words'), "'two words'");
  });
});

const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' }] };

describe('toCliCommand', () => {
  const cases: Array<[string, string, Record<string, unknown>, string[]]> = [
    [
      'policy object as JSON',
      'iam:CreateRole',
      { RoleName: 'lab-x-reader', AssumeRolePolicyDocument: trust },
      ['iam', 'create-role', '--role-name', 'lab-x-reader', '--assume-role-policy-document', JSON.stringify(trust)],
    ],
    ['no input', 'sts:GetCallerIdentity', {}, ['sts', 'get-caller-identity']],
    [
      'numbers, and quotes inside values',
      'sts:AssumeRole',
      { RoleArn: 'arn:aws:iam::222222222222:role/R', RoleSessionName: 'learner', DurationSeconds: 900, ExternalId: "it's $x" },
      ['sts', 'assume-role', '--role-arn', 'arn:aws:iam::222222222222:role/R', '--role-session-name', 'learner', '--duration-seconds', '900', '--external-id', "it's $x"],
    ],
    [
      'list of structures as JSON',
      'iam:TagRole',
      { RoleName: 'r', Tags: [{ Key: 'team', Value: "o'brien" }] },
      ['iam', 'tag-role', '--role-name', 'r', '--tags', `[{"Key":"team","Value":"o'brien"}]`],
    ],
    ['list of strings as separate values', 'ec2:TerminateInstances', { InstanceIds: ['i-1', 'i-2'] }, ['ec2', 'terminate-instances', '--instance-ids', 'i-1', 'i-2']],
    ['booleans as flags', 'ec2:DescribeInstances', { DryRun: true }, ['ec2', 'describe-instances', '--dry-run']],
    ['false boolean', 'iam:CreatePolicyVersion', { PolicyArn: 'arn:p', PolicyDocument: '{}', SetAsDefault: false }, ['iam', 'create-policy-version', '--policy-arn', 'arn:p', '--policy-document', '{}', '--no-set-as-default']],
    [
      'nested structures and filters',
      'ec2:DescribeInstances',
      { Filters: [{ Name: 'tag:Env', Values: ['dev', 'prod'] }], MaxResults: 5 },
      ['ec2', 'describe-instances', '--filters', '[{"Name":"tag:Env","Values":["dev","prod"]}]', '--max-results', '5'],
    ],
    ['S3 under s3api', 's3:CreateBucket', { Bucket: 'lab-b' }, ['s3api', 'create-bucket', '--bucket', 'lab-b']],
    ['S3 bucket policy object', 's3:PutBucketPolicy', { Bucket: 'b', Policy: trust }, ['s3api', 'put-bucket-policy', '--bucket', 'b', '--policy', JSON.stringify(trust)]],
    ['EC2 counts as --count', 'ec2:RunInstances', { ImageId: 'ami-1', MinCount: 1, MaxCount: 1 }, ['ec2', 'run-instances', '--image-id', 'ami-1', '--count', '1']],
    ['EC2 count range', 'ec2:RunInstances', { ImageId: 'ami-1', MinCount: 1, MaxCount: 3 }, ['ec2', 'run-instances', '--image-id', 'ami-1', '--count', '1:3']],
    [
      'EC2 user data as text (the CLI base64-encodes it)',
      'ec2:RunInstances',
      { ImageId: 'ami-1', UserData: Buffer.from('#!/bin/sh\necho hi').toString('base64') },
      ['ec2', 'run-instances', '--image-id', 'ami-1', '--user-data', '#!/bin/sh\necho hi'],
    ],
    ['undefined members are left out', 'iam:CreateUser', { UserName: 'u', Path: undefined }, ['iam', 'create-user', '--user-name', 'u']],
    ['dates as ISO strings', 'ec2:DescribeSpotPriceHistory', { StartTime: new Date('2025-01-01T00:00:00Z') }, ['ec2', 'describe-spot-price-history', '--start-time', '2025-01-01T00:00:00.000Z']],
  ];
  for (const [name, spec, input, expected] of cases) {
    it(name, () => {
      const command = toCliCommand(spec, input);
      assert.ok(command.startsWith('aws '), command);
      assert.deepEqual(argvOf(command), expected);
    });
  }

  it('the example from the design renders as one readable line', () => {
    assert.equal(
      toCliCommand('iam:CreateRole', { RoleName: 'lab-x-reader', AssumeRolePolicyDocument: { Version: '2012-10-17' } }),
      `aws iam create-role --role-name lab-x-reader --assume-role-policy-document '{"Version":"2012-10-17"}'`,
    );
  });

  it('S3 bodies are written to a file first, named after the key', () => {
    const command = toCliCommand('s3:PutObject', { Bucket: 'b', Key: 'notes/hello.txt', Body: "it's\nhere" });
    assert.deepEqual(argvOf(command), ['s3api', 'put-object', '--bucket', 'b', '--key', 'notes/hello.txt', '--body', 'hello.txt']);
    assert.equal(readFileSync(join(cwd, 'hello.txt'), 'utf8'), "it's\nhere");
  });

  it('an S3 key with no usable file name writes to "body"', () => {
    const command = toCliCommand('s3:PutObject', { Bucket: 'b', Key: 'dir/', Body: 'x' });
    assert.deepEqual(argvOf(command).slice(-2), ['--body', 'body']);
  });

  it('refuses a malformed call', () => assert.throws(() => toCliCommand('CreateRole', {}), TypeError));
});
