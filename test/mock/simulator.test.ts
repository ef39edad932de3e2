// The policy simulator over HTTP: SimulatePrincipalPolicy and SimulateCustomPolicy in AWS's
// shapes (EvalDecision, MatchedStatements, MissingContextValues).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AttachUserPolicyCommand, CreateAccessKeyCommand, CreateUserCommand, PutUserPolicyCommand, SimulateCustomPolicyCommand, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import type { RunningMock } from '../../src/mock/index.js';
import { adminCreds, iamClient, policyDoc, rejectsWith, withMock } from './helpers.js';

const ACCT = '111111111111';

describe('policy simulator', () => {
  let mock: RunningMock;
  before(async () => {
    mock = await withMock();
    const iam = iamClient(mock, adminCreds(mock.accounts[0]!));
    await iam.send(new CreateUserCommand({ UserName: 'sim' }));
    await iam.send(new AttachUserPolicyCommand({ UserName: 'sim', PolicyArn: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    await iam.send(new PutUserPolicyCommand({
      UserName: 'sim',
      PolicyName: 'no-secrets',
      PolicyDocument: policyDoc([{ Sid: 'DenySecrets', Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::secrets/*' }]),
    }));
  });
  after(() => mock.close());
  const iam = () => iamClient(mock, adminCreds(mock.accounts[0]!));

  it('simulates a user with its attached and inline policies', async () => {
    const out = await iam().send(new SimulatePrincipalPolicyCommand({
      PolicySourceArn: `arn:aws:iam::${ACCT}:user/sim`,
      ActionNames: ['s3:GetObject', 's3:PutObject'],
      ResourceArns: ['arn:aws:s3:::public/a.txt', 'arn:aws:s3:::secrets/key'],
    }));
    const byKey = new Map(out.EvaluationResults!.map((r) => [`${r.EvalActionName} ${r.EvalResourceName}`, r]));
    const get = byKey.get('s3:GetObject arn:aws:s3:::public/a.txt')!;
    assert.equal(get.EvalDecision, 'allowed');
    assert.deepEqual(get.MatchedStatements!.map((m) => [m.SourcePolicyId, m.SourcePolicyType]), [['AmazonS3ReadOnlyAccess', 'aws-managed']]);
    const secret = byKey.get('s3:GetObject arn:aws:s3:::secrets/key')!;
    assert.equal(secret.EvalDecision, 'explicitDeny');
    assert.ok(secret.MatchedStatements!.some((m) => m.SourcePolicyId === 'no-secrets' && m.SourcePolicyType === 'user'));
    assert.equal(byKey.get('s3:PutObject arn:aws:s3:::public/a.txt')!.EvalDecision, 'implicitDeny');
    assert.equal(out.IsTruncated, false);
  });

  it('simulates custom policies with context entries and reports missing context keys', async () => {
    const policy = policyDoc([{ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }]);
    const missing = await iam().send(new SimulateCustomPolicyCommand({ PolicyInputList: [policy], ActionNames: ['ec2:RunInstances'] }));
    assert.equal(missing.EvaluationResults![0]!.EvalDecision, 'implicitDeny');
    assert.deepEqual(missing.EvaluationResults![0]!.MissingContextValues, ['aws:RequestedRegion']);
    const given = await iam().send(new SimulateCustomPolicyCommand({
      PolicyInputList: [policy],
      ActionNames: ['ec2:RunInstances'],
      ContextEntries: [{ ContextKeyName: 'aws:RequestedRegion', ContextKeyType: 'string', ContextKeyValues: ['eu-west-1'] }],
    }));
    const r = given.EvaluationResults![0]!;
    assert.equal(r.EvalDecision, 'allowed');
    assert.deepEqual(r.MatchedStatements!.map((m) => m.SourcePolicyId), ['PolicyInputList.1']);
  });

  it('checks its input and its own permission', async () => {
    await rejectsWith(iam().send(new SimulateCustomPolicyCommand({ PolicyInputList: ['{"Statement":'], ActionNames: ['s3:GetObject'] })), 'MalformedPolicyDocument');
    await rejectsWith(
      iam().send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCT}:user/nobody`, ActionNames: ['s3:GetObject'] })),
      'NoSuchEntity',
      { message: 'The user with name nobody cannot be found.' },
    );
    const { AccessKey } = await iam().send(new CreateAccessKeyCommand({ UserName: 'sim' }));
    const asSim = iamClient(mock, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    await rejectsWith(
      asSim.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCT}:user/sim`, ActionNames: ['s3:GetObject'] })),
      'AccessDenied',
      { message: `User: arn:aws:iam::${ACCT}:user/sim is not authorized to perform: iam:SimulatePrincipalPolicy on resource: arn:aws:iam::${ACCT}:user/sim because no identity-based policy allows the iam:SimulatePrincipalPolicy action` },
    );
  });
});
