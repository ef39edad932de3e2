import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alreadyGoneCodes, hasInverse, inverseOf, invertibleOperations, isKnownOperation } from '../../src/aws/index.js';

type V = Record<string, unknown>;
const ARN = 'arn:aws:iam::111111111111:policy/lab-p';

/** [create spec, its input, its output, the expected inverse calls]: one row per registry entry. */
const CASES: Array<[string, V, V, Array<{ call: string; input: V }>]> = [
  ['iam:CreateUser', { UserName: 'u' }, { User: { UserName: 'u' } }, [{ call: 'iam:DeleteUser', input: { UserName: 'u' } }]],
  ['iam:CreateGroup', { GroupName: 'g' }, {}, [{ call: 'iam:DeleteGroup', input: { GroupName: 'g' } }]],
  ['iam:CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: {} }, {}, [{ call: 'iam:DeleteRole', input: { RoleName: 'r' } }]],
  ['iam:CreateLoginProfile', { UserName: 'u', Password: 'p' }, {}, [{ call: 'iam:DeleteLoginProfile', input: { UserName: 'u' } }]],
  ['iam:AddUserToGroup', { GroupName: 'g', UserName: 'u' }, {}, [{ call: 'iam:RemoveUserFromGroup', input: { GroupName: 'g', UserName: 'u' } }]],
  [
    'iam:CreateAccessKey',
    {},
    { AccessKey: { UserName: 'caller', AccessKeyId: 'AKIA1', SecretAccessKey: 's' } },
    [{ call: 'iam:DeleteAccessKey', input: { UserName: 'caller', AccessKeyId: 'AKIA1' } }],
  ],
  ['iam:CreatePolicy', { PolicyName: 'p', PolicyDocument: {} }, { Policy: { Arn: ARN } }, [{ call: 'iam:DeletePolicy', input: { PolicyArn: ARN } }]],
  ['iam:CreatePolicyVersion', { PolicyArn: ARN, PolicyDocument: {} }, { PolicyVersion: { VersionId: 'v2' } }, [{ call: 'iam:DeletePolicyVersion', input: { PolicyArn: ARN, VersionId: 'v2' } }]],
  ['iam:AttachUserPolicy', { UserName: 'u', PolicyArn: ARN }, {}, [{ call: 'iam:DetachUserPolicy', input: { UserName: 'u', PolicyArn: ARN } }]],
  ['iam:AttachRolePolicy', { RoleName: 'r', PolicyArn: ARN }, {}, [{ call: 'iam:DetachRolePolicy', input: { RoleName: 'r', PolicyArn: ARN } }]],
  ['iam:AttachGroupPolicy', { GroupName: 'g', PolicyArn: ARN }, {}, [{ call: 'iam:DetachGroupPolicy', input: { GroupName: 'g', PolicyArn: ARN } }]],
  ['iam:PutUserPolicy', { UserName: 'u', PolicyName: 'i', PolicyDocument: {} }, {}, [{ call: 'iam:DeleteUserPolicy', input: { UserName: 'u', PolicyName: 'i' } }]],
  ['iam:PutRolePolicy', { RoleName: 'r', PolicyName: 'i', PolicyDocument: {} }, {}, [{ call: 'iam:DeleteRolePolicy', input: { RoleName: 'r', PolicyName: 'i' } }]],
  ['iam:PutGroupPolicy', { GroupName: 'g', PolicyName: 'i', PolicyDocument: {} }, {}, [{ call: 'iam:DeleteGroupPolicy', input: { GroupName: 'g', PolicyName: 'i' } }]],
  ['iam:PutRolePermissionsBoundary', { RoleName: 'r', PermissionsBoundary: ARN }, {}, [{ call: 'iam:DeleteRolePermissionsBoundary', input: { RoleName: 'r' } }]],
  ['iam:PutUserPermissionsBoundary', { UserName: 'u', PermissionsBoundary: ARN }, {}, [{ call: 'iam:DeleteUserPermissionsBoundary', input: { UserName: 'u' } }]],
  ['iam:CreateInstanceProfile', { InstanceProfileName: 'ip' }, {}, [{ call: 'iam:DeleteInstanceProfile', input: { InstanceProfileName: 'ip' } }]],
  ['iam:AddRoleToInstanceProfile', { InstanceProfileName: 'ip', RoleName: 'r' }, {}, [{ call: 'iam:RemoveRoleFromInstanceProfile', input: { InstanceProfileName: 'ip', RoleName: 'r' } }]],
  ['iam:CreateOpenIDConnectProvider', { Url: 'https://x' }, { OpenIDConnectProviderArn: 'arn:oidc' }, [{ call: 'iam:DeleteOpenIDConnectProvider', input: { OpenIDConnectProviderArn: 'arn:oidc' } }]],
  ['iam:CreateSAMLProvider', { Name: 'x' }, { SAMLProviderArn: 'arn:saml' }, [{ call: 'iam:DeleteSAMLProvider', input: { SAMLProviderArn: 'arn:saml' } }]],
  ['iam:CreateAccountAlias', { AccountAlias: 'lab-a' }, {}, [{ call: 'iam:DeleteAccountAlias', input: { AccountAlias: 'lab-a' } }]],
  ['s3:CreateBucket', { Bucket: 'b' }, {}, [{ call: 's3:DeleteBucket', input: { Bucket: 'b' } }]],
  ['s3:PutObject', { Bucket: 'b', Key: 'k', Body: 'x' }, { ETag: '"e"' }, [{ call: 's3:DeleteObject', input: { Bucket: 'b', Key: 'k' } }]],
  ['s3:CopyObject', { Bucket: 'b', Key: 'k2', CopySource: 'b/k' }, { VersionId: 'v9' }, [{ call: 's3:DeleteObject', input: { Bucket: 'b', Key: 'k2', VersionId: 'v9' } }]],
  [
    's3:CreateMultipartUpload',
    { Bucket: 'b', Key: 'big' },
    { Bucket: 'b', Key: 'big', UploadId: 'up-1' },
    [{ call: 's3:AbortMultipartUpload', input: { Bucket: 'b', Key: 'big', UploadId: 'up-1' } }],
  ],
  ['s3:CompleteMultipartUpload', { Bucket: 'b', Key: 'big', UploadId: 'up-1' }, { ETag: '"e-2"' }, [{ call: 's3:DeleteObject', input: { Bucket: 'b', Key: 'big' } }]],
  ['s3:PutBucketPolicy', { Bucket: 'b', Policy: {} }, {}, [{ call: 's3:DeleteBucketPolicy', input: { Bucket: 'b' } }]],
  ['s3:PutBucketCors', { Bucket: 'b', CORSConfiguration: {} }, {}, [{ call: 's3:DeleteBucketCors', input: { Bucket: 'b' } }]],
  ['s3:PutBucketLifecycleConfiguration', { Bucket: 'b' }, {}, [{ call: 's3:DeleteBucketLifecycle', input: { Bucket: 'b' } }]],
  ['s3:PutBucketEncryption', { Bucket: 'b' }, {}, [{ call: 's3:DeleteBucketEncryption', input: { Bucket: 'b' } }]],
  ['s3:PutPublicAccessBlock', { Bucket: 'b' }, {}, [{ call: 's3:DeletePublicAccessBlock', input: { Bucket: 'b' } }]],
  ['s3:PutBucketWebsite', { Bucket: 'b' }, {}, [{ call: 's3:DeleteBucketWebsite', input: { Bucket: 'b' } }]],
  [
    'ec2:RunInstances',
    { ImageId: 'ami-1', MinCount: 2, MaxCount: 2 },
    { Instances: [{ InstanceId: 'i-1' }, { InstanceId: 'i-2' }] },
    [{ call: 'ec2:TerminateInstances', input: { InstanceIds: ['i-1', 'i-2'] } }],
  ],
  ['ec2:CreateSecurityGroup', { GroupName: 'sg', Description: 'd' }, { GroupId: 'sg-1' }, [{ call: 'ec2:DeleteSecurityGroup', input: { GroupId: 'sg-1' } }]],
  ['ec2:CreateKeyPair', { KeyName: 'k' }, { KeyName: 'k', KeyPairId: 'key-1', KeyMaterial: 'x' }, [{ call: 'ec2:DeleteKeyPair', input: { KeyPairId: 'key-1' } }]],
];

const strip = (calls: ReturnType<typeof inverseOf>) => calls?.map(({ call, input }) => ({ call, input }));

describe('inverseOf: every registry entry', () => {
  for (const [spec, input, output, expected] of CASES) {
    it(spec, () => {
      assert.deepEqual(strip(inverseOf(spec, input, output)), expected);
      assert.equal(hasInverse(spec), true);
    });
  }

  it('the table above covers the whole registry', () => {
    assert.deepEqual(CASES.map((c) => c[0]).sort(), invertibleOperations().sort());
  });

  it('every create and every inverse is a real operation, and every inverse has gone codes', () => {
    for (const [spec, input, output] of CASES) {
      assert.ok(isKnownOperation(spec), spec);
      for (const inv of inverseOf(spec, input, output)!) {
        assert.ok(isKnownOperation(inv.call), inv.call);
        assert.ok(inv.goneCodes.length > 0, inv.call);
        assert.deepEqual(inv.goneCodes, alreadyGoneCodes(inv.call));
      }
    }
  });
});

describe('inverseOf: special cases', () => {
  it('is undefined for calls that create nothing', () => {
    for (const spec of ['iam:GetRole', 'sts:AssumeRole', 'iam:TagRole', 's3:GetObject', 'ec2:DescribeInstances']) {
      assert.equal(inverseOf(spec, {}, {}), undefined, spec);
      assert.equal(hasInverse(spec), false, spec);
    }
  });

  it('leaves out calls that need output values not known yet (interrupted create)', () => {
    assert.deepEqual(inverseOf('iam:CreateAccessKey', { UserName: 'u' }, {}), []);
    assert.deepEqual(inverseOf('ec2:RunInstances', { ImageId: 'ami-1', MinCount: 1, MaxCount: 1 }, {}), []);
    assert.deepEqual(inverseOf('iam:CreatePolicy', { PolicyName: 'p' }, {}), []);
  });

  it('falls back to the key name for key pairs without an id', () => {
    assert.deepEqual(strip(inverseOf('ec2:CreateKeyPair', { KeyName: 'k' }, { KeyName: 'k' })), [{ call: 'ec2:DeleteKeyPair', input: { KeyName: 'k' } }]);
  });

  it('a new default policy version: deletes the versions it displaced, newest first', () => {
    const calls = strip(inverseOf('iam:CreatePolicyVersion', { PolicyArn: ARN, SetAsDefault: true }, { PolicyVersion: { VersionId: 'v3' } }));
    assert.deepEqual(calls, [
      { call: 'iam:DeletePolicyVersion', input: { PolicyArn: ARN, VersionId: 'v2' } },
      { call: 'iam:DeletePolicyVersion', input: { PolicyArn: ARN, VersionId: 'v1' } },
    ]);
  });

  it('a non-default policy version is deleted itself', () => {
    const calls = strip(inverseOf('iam:CreatePolicyVersion', { PolicyArn: ARN, SetAsDefault: false }, { PolicyVersion: { VersionId: 'v4' } }));
    assert.deepEqual(calls, [{ call: 'iam:DeletePolicyVersion', input: { PolicyArn: ARN, VersionId: 'v4' } }]);
  });
});

describe('alreadyGoneCodes', () => {
  const cases: Array<[string, string[]]> = [
    ['iam:DeleteRole', ['NoSuchEntity']],
    ['iam:DetachRolePolicy', ['NoSuchEntity']],
    ['s3:DeleteBucket', ['NoSuchBucket']],
    ['s3:DeleteObject', ['NoSuchBucket', 'NoSuchKey']],
    ['s3:DeleteBucketPolicy', ['NoSuchBucket', 'NoSuchBucketPolicy']],
    ['ec2:TerminateInstances', ['InvalidInstanceID.NotFound']],
    ['sts:AssumeRole', []],
  ];
  for (const [call, codes] of cases) it(call, () => assert.deepEqual(alreadyGoneCodes(call), codes));
  it('returns a copy', () => {
    alreadyGoneCodes('s3:DeleteBucket').push('x');
    assert.deepEqual(alreadyGoneCodes('s3:DeleteBucket'), ['NoSuchBucket']);
  });
});
