// STS beyond the basic assume: durations, chaining, session names, external ids, session
// policies and tags, source identity, GetSessionToken, expiry, root, decoding messages.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreatePolicyCommand, CreateRoleCommand, GetRoleCommand, ListRolesCommand, ListUsersCommand, PutRolePolicyCommand, PutUserPolicyCommand, TagRoleCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, DecodeAuthorizationMessageCommand, GetCallerIdentityCommand, GetSessionTokenCommand, type Credentials } from '@aws-sdk/client-sts';
import { evaluate } from '../../src/policy/index.js';
import { encodeAuthorizationMessage } from '../../src/mock/auth/authorization-message.js';
import type { RunningMock } from '../../src/mock/index.js';
import { adminCreds, iamClient, policyDoc, rejectsWith, stsClient, trustDoc, userWithKey, withMock, type Creds } from './helpers.js';

const A = '111111111111';
const B = '222222222222';

const asCreds = (c: Credentials): Creds => ({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });

describe('STS', () => {
  let now = Date.now();
  let mock: RunningMock;
  let user: Creds;
  before(async () => {
    // A clock the tests can move, so that expiry can be observed without waiting.
    mock = await withMock({ clock: () => now });
    const iamA = iamClient(mock, adminCreds(mock.accounts[0]!));
    user = await userWithKey(iamA, 'u');
    await iamA.send(new PutUserPolicyCommand({ UserName: 'u', PolicyName: 'assume-all', PolicyDocument: policyDoc([{ Effect: 'Allow', Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'], Resource: '*' }]) }));
    const iamB = iamClient(mock, adminCreds(mock.accounts[1]!));
    const trust = policyDoc([{ Effect: 'Allow', Principal: { AWS: A }, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'] }]);
    await iamB.send(new CreateRoleCommand({ RoleName: 'long', AssumeRolePolicyDocument: trust, MaxSessionDuration: 7200 }));
    await iamB.send(new PutRolePolicyCommand({ RoleName: 'long', PolicyName: 'chain', PolicyDocument: policyDoc([{ Effect: 'Allow', Action: ['sts:AssumeRole', 'iam:List*', 'iam:Get*'], Resource: '*' }]) }));
    await iamB.send(new CreateRoleCommand({
      RoleName: 'partner',
      AssumeRolePolicyDocument: trustDoc({ AWS: A }, { Condition: { StringEquals: { 'sts:ExternalId': 'secret-42' } } }),
    }));
    await iamB.send(new CreateRoleCommand({ RoleName: 'same-account-chain', AssumeRolePolicyDocument: trustDoc({ AWS: `arn:aws:iam::${B}:role/long` }) }));
  });
  after(() => mock.close());
  const sts = (c: Creds = user) => stsClient(mock, c);
  const role = (name: string) => `arn:aws:iam::${B}:role/${name}`;

  it('issues sessions up to the role MaxSessionDuration and no further', async () => {
    const out = await sts().send(new AssumeRoleCommand({ RoleArn: role('long'), RoleSessionName: 'two-hours', DurationSeconds: 7200 }));
    assert.equal(out.Credentials!.Expiration!.getTime(), Math.floor(now / 1000) * 1000 + 7200_000);
    await rejectsWith(sts().send(new AssumeRoleCommand({ RoleArn: role('long'), RoleSessionName: 'too-long', DurationSeconds: 7201 })), 'ValidationError', {
      status: 400,
      message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    });
    await rejectsWith(sts().send(new AssumeRoleCommand({ RoleArn: role('long'), RoleSessionName: 'short', DurationSeconds: 899 })), 'ValidationError', {
      message: "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    });
  });

  it('validates RoleSessionName with AWS words', async () => {
    await rejectsWith(sts().send(new AssumeRoleCommand({ RoleArn: role('long'), RoleSessionName: 'has space' })), 'ValidationError', {
      message: "1 validation error detected: Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    });
    await rejectsWith(sts().send(new AssumeRoleCommand({ RoleArn: role('long'), RoleSessionName: 'x' })), 'ValidationError', {
      message: /at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2$/,
    });
  });

  it('caps role chaining at one hour', async () => {
    const first = await sts().send(new AssumeRoleCommand({ RoleArn: role('long'), RoleSessionName: 'hop1' }));
    const session = asCreds(first.Credentials!);
    await rejectsWith(
      sts(session).send(new AssumeRoleCommand({ RoleArn: role('same-account-chain'), RoleSessionName: 'hop2', DurationSeconds: 3601 })),
      'ValidationError',
      { message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.' },
    );
    const second = await sts(session).send(new AssumeRoleCommand({ RoleArn: role('same-account-chain'), RoleSessionName: 'hop2' }));
    assert.equal(second.AssumedRoleUser!.Arn, `arn:aws:sts::${B}:assumed-role/same-account-chain/hop2`);
  });

  it('passes ExternalId to the trust policy as sts:ExternalId', async () => {
    await rejectsWith(sts().send(new AssumeRoleCommand({ RoleArn: role('partner'), RoleSessionName: 'pp' })), 'AccessDenied');
    await rejectsWith(sts().send(new AssumeRoleCommand({ RoleArn: role('partner'), RoleSessionName: 'pp', ExternalId: 'wrong-id' })), 'AccessDenied');
    const ok = await sts().send(new AssumeRoleCommand({ RoleArn: role('partner'), RoleSessionName: 'pp', ExternalId: 'secret-42' }));
    assert.ok(ok.Credentials!.AccessKeyId);
  });

  it('caps the session with session policies (Policy and PolicyArns)', async () => {
    const onlyGetRole = policyDoc([{ Effect: 'Allow', Action: 'iam:GetRole', Resource: '*' }]);
    const out = await sts().send(new AssumeRoleCommand({ RoleArn: role('long'), RoleSessionName: 'capped', Policy: onlyGetRole }));
    assert.ok(out.PackedPolicySize! > 0 && out.PackedPolicySize! <= 100);
    const iam = iamClient(mock, asCreds(out.Credentials!));
    await iam.send(new GetRoleCommand({ RoleName: 'long' }));
    await rejectsWith(iam.send(new ListRolesCommand({})), 'AccessDenied', {
      message: `User: arn:aws:sts::${B}:assumed-role/long/capped is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::${B}:role/ because no session policy allows the iam:ListRoles action`,
    });
    const byArn = await sts().send(new AssumeRoleCommand({ RoleArn: role('long'), RoleSessionName: 'by-arn', PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }] }));
    await iamClient(mock, asCreds(byArn.Credentials!)).send(new ListRolesCommand({}));
    await rejectsWith(
      sts().send(new AssumeRoleCommand({ RoleArn: role('long'), RoleSessionName: 'bad', Policy: '{"Statement":' })),
      'MalformedPolicyDocument',
      { status: 400 },
    );
  });

  it('refuses session policies and tags that do not fit the packed budget', async () => {
    const big = policyDoc(Array.from({ length: 20 }, (_, i) => ({ Effect: 'Allow', Action: `iam:GetRole`, Resource: `arn:aws:iam::${B}:role/r${'x'.repeat(40)}${i}` })));
    await rejectsWith(sts().send(new AssumeRoleCommand({ RoleArn: role('long'), RoleSessionName: 'big', Policy: big.slice(0, 2048) })), 'MalformedPolicyDocument');
    const tags = Array.from({ length: 20 }, (_, i) => ({ Key: `k${i}`, Value: 'v'.repeat(120) }));
    await rejectsWith(sts().send(new AssumeRoleCommand({ RoleArn: role('long'), RoleSessionName: 'tags', Tags: tags })), 'PackedPolicyTooLarge', {
      status: 400,
      message: /^Packed policy consumes \d+% of allotted space, please use smaller policy for the assumed role\.$/,
    });
  });

  it('makes session tags principal tags and source identity visible to conditions', async () => {
    const iamB = iamClient(mock, adminCreds(mock.accounts[1]!));
    await iamB.send(new CreateRoleCommand({
      RoleName: 'tagged',
      AssumeRolePolicyDocument: policyDoc([{ Effect: 'Allow', Principal: { AWS: A }, Action: ['sts:AssumeRole', 'sts:TagSession'] }]),
    }));
    await iamB.send(new TagRoleCommand({ RoleName: 'tagged', Tags: [{ Key: 'team', Value: 'blue' }] }));
    await iamB.send(new PutRolePolicyCommand({
      RoleName: 'tagged',
      PolicyName: 'by-tag',
      PolicyDocument: policyDoc([{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'red' } } }]),
    }));
    const plain = await sts().send(new AssumeRoleCommand({ RoleArn: role('tagged'), RoleSessionName: 'plain' }));
    await rejectsWith(iamClient(mock, asCreds(plain.Credentials!)).send(new ListUsersCommand({})), 'AccessDenied');
    const red = await sts().send(new AssumeRoleCommand({ RoleArn: role('tagged'), RoleSessionName: 'red', Tags: [{ Key: 'team', Value: 'red' }] }));
    await iamClient(mock, asCreds(red.Credentials!)).send(new ListUsersCommand({}));
    const withSource = await sts().send(new AssumeRoleCommand({ RoleArn: role('long'), RoleSessionName: 'src', SourceIdentity: 'alice' }));
    assert.equal(withSource.SourceIdentity, 'alice');
  });

  it('issues GetSessionToken credentials for users, not for sessions', async () => {
    const out = await sts().send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const c = asCreds(out.Credentials!);
    assert.match(c.accessKeyId, /^ASIA/);
    const me = await sts(c).send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, `arn:aws:iam::${A}:user/u`);
    await rejectsWith(sts(c).send(new GetSessionTokenCommand({})), 'AccessDenied');
  });

  it('expires temporary credentials with ExpiredToken and rejects a forged token', async () => {
    const out = await sts().send(new AssumeRoleCommand({ RoleArn: role('long'), RoleSessionName: 'brief', DurationSeconds: 900 }));
    const c = asCreds(out.Credentials!);
    await rejectsWith(sts({ ...c, sessionToken: `${c.sessionToken}x` }).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', { status: 403 });
    await rejectsWith(sts({ ...c, sessionToken: undefined }).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId');
    await sts(c).send(new GetCallerIdentityCommand({}));
    now += 901_000;
    try {
      await rejectsWith(sts(c).send(new GetCallerIdentityCommand({})), 'ExpiredToken', {
        status: 403,
        message: 'The security token included in the request is expired',
      });
    } finally {
      now = Date.now();
    }
  });

  it('does not let the account root assume roles', async () => {
    const root = { accessKeyId: mock.accounts[0]!.root.accessKeyId, secretAccessKey: mock.accounts[0]!.root.secretAccessKey };
    const me = await sts(root).send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, `arn:aws:iam::${A}:root`);
    assert.equal(me.UserId, A);
    await rejectsWith(sts(root).send(new AssumeRoleCommand({ RoleArn: role('long'), RoleSessionName: 'root' })), 'AccessDenied', {
      message: 'Roles may not be assumed by root accounts.',
    });
  });

  it('decodes the authorization messages the mock encodes, for callers allowed to', async () => {
    const principal = { arn: `arn:aws:iam::${A}:user/u`, accountId: A, type: 'User' as const, userId: 'AIDAEXAMPLE', userName: 'u' };
    const request = { principal, action: 'ec2:RunInstances', resource: `arn:aws:ec2:us-east-1:${A}:instance/*`, resourceAccount: A, context: { 'aws:RequestedRegion': 'us-east-1' } };
    const decision = evaluate(request, { identity: [] });
    const encoded = encodeAuthorizationMessage(decision, request);
    const admin = stsClient(mock, adminCreds(mock.accounts[0]!));
    const { DecodedMessage } = await admin.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }));
    const decoded = JSON.parse(DecodedMessage!);
    assert.equal(decoded.allowed, false);
    assert.equal(decoded.explicitDeny, false);
    assert.equal(decoded.context.action, 'ec2:RunInstances');
    assert.equal(decoded.context.principal.arn, principal.arn);
    assert.deepEqual(decoded.context.conditions.items, [{ key: 'aws:RequestedRegion', values: { items: [{ value: 'us-east-1' }] } }]);
    await rejectsWith(admin.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: `${encoded.slice(0, -4)}AAAA` })), 'InvalidAuthorizationMessageException', { status: 400 });
    await rejectsWith(sts().send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded })), 'AccessDenied', {
      message: `User: arn:aws:iam::${A}:user/u is not authorized to perform: sts:DecodeAuthorizationMessage because no identity-based policy allows the sts:DecodeAuthorizationMessage action`,
    });
  });

  it('keeps customer managed PolicyArns working as session policies', async () => {
    const iamB = iamClient(mock, adminCreds(mock.accounts[1]!));
    const { Policy } = await iamB.send(new CreatePolicyCommand({ PolicyName: 'only-get-role', PolicyDocument: policyDoc([{ Effect: 'Allow', Action: 'iam:GetRole', Resource: '*' }]) }));
    const out = await sts().send(new AssumeRoleCommand({ RoleArn: role('long'), RoleSessionName: 'managed-cap', PolicyArns: [{ arn: Policy!.Arn! }] }));
    const iam = iamClient(mock, asCreds(out.Credentials!));
    await iam.send(new GetRoleCommand({ RoleName: 'long' }));
    await rejectsWith(iam.send(new ListRolesCommand({})), 'AccessDenied');
  });
});
