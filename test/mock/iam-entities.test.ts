// IAM users, access keys, roles, inline and managed policies and attachments over HTTP with
// the SDK: shapes, AWS's errors, authorisation of every action, and the inventory.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeletePolicyCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  GetAccessKeyLastUsedCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  ListAccessKeysCommand,
  ListAttachedRolePoliciesCommand,
  ListPoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  ListUserPoliciesCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import type { RunningMock } from '../../src/mock/index.js';
import { adminCreds, iamClient, policyDoc, rejectsWith, trustDoc, userWithKey, withMock } from './helpers.js';

const ACCT = '111111111111';

describe('IAM entities', () => {
  let mock: RunningMock;
  before(async () => {
    mock = await withMock();
  });
  after(() => mock.close());
  const iam = () => iamClient(mock, adminCreds(mock.accounts[0]!));

  it('creates, reads, lists and deletes users with AWS shapes', async () => {
    const { User } = await iam().send(new CreateUserCommand({ UserName: 'alice', Path: '/team/', Tags: [{ Key: 'team', Value: 'core' }] }));
    assert.equal(User!.Arn, `arn:aws:iam::${ACCT}:user/team/alice`);
    assert.match(User!.UserId!, /^AIDA[A-Z2-7]{17}$/);
    assert.deepEqual(User!.Tags, [{ Key: 'team', Value: 'core' }]);
    assert.ok(User!.CreateDate instanceof Date);
    const got = await iam().send(new GetUserCommand({ UserName: 'ALICE' }));
    assert.equal(got.User!.UserName, 'alice');
    const list = await iam().send(new ListUsersCommand({ PathPrefix: '/team/' }));
    assert.deepEqual(list.Users!.map((u) => u.UserName), ['alice']);
    assert.equal(list.IsTruncated, false);
    await rejectsWith(iam().send(new CreateUserCommand({ UserName: 'Alice' })), 'EntityAlreadyExists', {
      status: 409,
      message: 'User with name Alice already exists.',
    });
    await iam().send(new DeleteUserCommand({ UserName: 'alice' }));
    await rejectsWith(iam().send(new GetUserCommand({ UserName: 'alice' })), 'NoSuchEntity', {
      status: 404,
      message: 'The user with name alice cannot be found.',
    });
  });

  it('answers GetUser without a name with the calling user', async () => {
    const { User } = await iam().send(new GetUserCommand({}));
    assert.equal(User!.Arn, `arn:aws:iam::${ACCT}:user/admin`);
  });

  it('validates names with AWS messages', async () => {
    await rejectsWith(iam().send(new CreateUserCommand({ UserName: 'bad name!' })), 'ValidationError', {
      status: 400,
      message: "1 validation error detected: Value 'bad name!' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    });
    await rejectsWith(iam().send(new CreateUserCommand({ UserName: 'x'.repeat(65) })), 'ValidationError', {
      message: /at 'userName' failed to satisfy constraint: Member must have length less than or equal to 64$/,
    });
  });

  it('keeps at most two access keys per user', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'keys' }));
    const a = await iam().send(new CreateAccessKeyCommand({ UserName: 'keys' }));
    await iam().send(new CreateAccessKeyCommand({ UserName: 'keys' }));
    assert.match(a.AccessKey!.AccessKeyId!, /^AKIA[A-Z2-7]{16}$/);
    assert.equal(a.AccessKey!.Status, 'Active');
    await rejectsWith(iam().send(new CreateAccessKeyCommand({ UserName: 'keys' })), 'LimitExceeded', {
      status: 409,
      message: 'Cannot exceed quota for AccessKeysPerUser: 2',
    });
    const { AccessKeyMetadata } = await iam().send(new ListAccessKeysCommand({ UserName: 'keys' }));
    assert.equal(AccessKeyMetadata!.length, 2);
    await rejectsWith(iam().send(new DeleteUserCommand({ UserName: 'keys' })), 'DeleteConflict', {
      status: 409,
      message: 'Cannot delete entity, must delete access keys first.',
    });
    for (const k of AccessKeyMetadata!) await iam().send(new DeleteAccessKeyCommand({ UserName: 'keys', AccessKeyId: k.AccessKeyId }));
    await rejectsWith(
      iam().send(new DeleteAccessKeyCommand({ UserName: 'keys', AccessKeyId: a.AccessKey!.AccessKeyId })),
      'NoSuchEntity',
      { message: `The Access Key with id ${a.AccessKey!.AccessKeyId} cannot be found.` },
    );
    await iam().send(new DeleteUserCommand({ UserName: 'keys' }));
  });

  it('manages roles, their trust policy and inline policies', async () => {
    const trust = trustDoc({ AWS: `arn:aws:iam::${ACCT}:root` });
    const { Role } = await iam().send(new CreateRoleCommand({ RoleName: 'app', AssumeRolePolicyDocument: trust, MaxSessionDuration: 7200, Description: 'an app' }));
    assert.equal(Role!.Arn, `arn:aws:iam::${ACCT}:role/app`);
    assert.match(Role!.RoleId!, /^AROA[A-Z2-7]{17}$/);
    assert.equal(Role!.MaxSessionDuration, 7200);
    const newTrust = trustDoc({ Service: 'ec2.amazonaws.com' });
    await iam().send(new UpdateAssumeRolePolicyCommand({ RoleName: 'app', PolicyDocument: newTrust }));
    const got = await iam().send(new GetRoleCommand({ RoleName: 'app' }));
    assert.deepEqual(JSON.parse(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!)), JSON.parse(newTrust));
    assert.equal(got.Role!.Description, 'an app');

    const inline = policyDoc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }]);
    await iam().send(new PutRolePolicyCommand({ RoleName: 'app', PolicyName: 'read', PolicyDocument: inline }));
    const rp = await iam().send(new GetRolePolicyCommand({ RoleName: 'app', PolicyName: 'read' }));
    assert.equal(rp.RoleName, 'app');
    assert.deepEqual(JSON.parse(decodeURIComponent(rp.PolicyDocument!)), JSON.parse(inline));
    assert.deepEqual((await iam().send(new ListRolePoliciesCommand({ RoleName: 'app' }))).PolicyNames, ['read']);
    await rejectsWith(iam().send(new DeleteRoleCommand({ RoleName: 'app' })), 'DeleteConflict', {
      message: 'Cannot delete entity, must delete policies first.',
    });
    await iam().send(new DeleteRolePolicyCommand({ RoleName: 'app', PolicyName: 'read' }));
    await rejectsWith(iam().send(new GetRolePolicyCommand({ RoleName: 'app', PolicyName: 'read' })), 'NoSuchEntity', {
      message: 'The role policy with name read cannot be found.',
    });
    const roles = await iam().send(new ListRolesCommand({}));
    assert.ok(roles.Roles!.some((r) => r.RoleName === 'app'));
    await iam().send(new DeleteRoleCommand({ RoleName: 'app' }));
    await rejectsWith(iam().send(new GetRoleCommand({ RoleName: 'app' })), 'NoSuchEntity', {
      message: 'The role with name app cannot be found.',
    });
  });

  it('puts, lists and deletes user inline policies', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'carol' }));
    const doc = policyDoc([{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }]);
    await iam().send(new PutUserPolicyCommand({ UserName: 'carol', PolicyName: 'p1', PolicyDocument: doc }));
    const got = await iam().send(new GetUserPolicyCommand({ UserName: 'carol', PolicyName: 'p1' }));
    assert.equal(decodeURIComponent(got.PolicyDocument!), doc);
    assert.deepEqual((await iam().send(new ListUserPoliciesCommand({ UserName: 'carol' }))).PolicyNames, ['p1']);
    await rejectsWith(
      iam().send(new PutUserPolicyCommand({ UserName: 'carol', PolicyName: 'p2', PolicyDocument: '{"Statement":[{"Effect":"Allow","Resource":"*"}]}' })),
      'MalformedPolicyDocument',
      { status: 400 },
    );
    await iam().send(new DeleteUserPolicyCommand({ UserName: 'carol', PolicyName: 'p1' }));
    await iam().send(new DeleteUserCommand({ UserName: 'carol' }));
  });

  it('serves AWS managed policies with their real documents', async () => {
    const arn = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
    const { Policy } = await iam().send(new GetPolicyCommand({ PolicyArn: arn }));
    assert.equal(Policy!.PolicyId, 'ANPAIZTJ4DXE7G6AGAE6M');
    assert.equal(Policy!.DefaultVersionId, 'v3');
    const { PolicyVersion } = await iam().send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v3' }));
    const doc = JSON.parse(decodeURIComponent(PolicyVersion!.Document!));
    assert.deepEqual(doc.Statement[0].Action, ['s3:Get*', 's3:List*', 's3:Describe*', 's3-object-lambda:Get*', 's3-object-lambda:List*']);
    const aws = await iam().send(new ListPoliciesCommand({ Scope: 'AWS' }));
    for (const name of ['AdministratorAccess', 'ReadOnlyAccess', 'IAMReadOnlyAccess', 'IAMFullAccess', 'AmazonEC2FullAccess', 'AmazonEC2ReadOnlyAccess', 'AmazonS3FullAccess', 'AmazonS3ReadOnlyAccess']) {
      assert.ok(aws.Policies!.some((p) => p.PolicyName === name), name);
    }
  });

  it('creates customer managed policies and attaches them, with counts and conflicts', async () => {
    const doc = policyDoc([{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }]);
    const { Policy } = await iam().send(new CreatePolicyCommand({ PolicyName: 'describe', PolicyDocument: doc, Path: '/lab/' }));
    assert.equal(Policy!.Arn, `arn:aws:iam::${ACCT}:policy/lab/describe`);
    assert.match(Policy!.PolicyId!, /^ANPA[A-Z2-7]{17}$/);
    assert.equal(Policy!.DefaultVersionId, 'v1');
    await rejectsWith(iam().send(new CreatePolicyCommand({ PolicyName: 'DESCRIBE', PolicyDocument: doc })), 'EntityAlreadyExists', {
      message: 'A policy called DESCRIBE already exists. Duplicate names are not allowed.',
    });
    await iam().send(new CreateRoleCommand({ RoleName: 'worker', AssumeRolePolicyDocument: trustDoc({ AWS: ACCT }) }));
    await iam().send(new AttachRolePolicyCommand({ RoleName: 'worker', PolicyArn: Policy!.Arn }));
    await iam().send(new AttachRolePolicyCommand({ RoleName: 'worker', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    const attached = await iam().send(new ListAttachedRolePoliciesCommand({ RoleName: 'worker' }));
    assert.deepEqual(attached.AttachedPolicies, [
      { PolicyName: 'describe', PolicyArn: Policy!.Arn },
      { PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
    ]);
    assert.equal((await iam().send(new GetPolicyCommand({ PolicyArn: Policy!.Arn }))).Policy!.AttachmentCount, 1);
    await rejectsWith(iam().send(new DeletePolicyCommand({ PolicyArn: Policy!.Arn })), 'DeleteConflict', {
      message: 'Cannot delete a policy attached to entities.',
    });
    await rejectsWith(
      iam().send(new AttachRolePolicyCommand({ RoleName: 'worker', PolicyArn: 'arn:aws:iam::aws:policy/NoSuchPolicy' })),
      'NoSuchEntity',
      { message: 'Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable.' },
    );
    await iam().send(new DetachRolePolicyCommand({ RoleName: 'worker', PolicyArn: Policy!.Arn }));
    await rejectsWith(iam().send(new DetachRolePolicyCommand({ RoleName: 'worker', PolicyArn: Policy!.Arn })), 'NoSuchEntity', {
      message: `Policy ${Policy!.Arn} was not found.`,
    });
    await iam().send(new DetachRolePolicyCommand({ RoleName: 'worker', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await iam().send(new DeleteRoleCommand({ RoleName: 'worker' }));
    await iam().send(new DeletePolicyCommand({ PolicyArn: Policy!.Arn }));
    await rejectsWith(iam().send(new GetPolicyCommand({ PolicyArn: Policy!.Arn })), 'NoSuchEntity');
  });

  it('authorises every IAM call with the caller policies, naming the resource ARN', async () => {
    const dave = await userWithKey(iam(), 'dave');
    const asDave = iamClient(mock, dave);
    await rejectsWith(asDave.send(new CreateUserCommand({ UserName: 'eve' })), 'AccessDenied', {
      status: 403,
      message: `User: arn:aws:iam::${ACCT}:user/dave is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::${ACCT}:user/eve because no identity-based policy allows the iam:CreateUser action`,
    });
    await iam().send(new AttachUserPolicyCommand({ UserName: 'dave', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    await asDave.send(new ListUsersCommand({}));
    const used = await iam().send(new GetAccessKeyLastUsedCommand({ AccessKeyId: dave.accessKeyId }));
    assert.equal(used.UserName, 'dave');
    assert.equal(used.AccessKeyLastUsed!.ServiceName, 'iam');
    assert.equal(used.AccessKeyLastUsed!.Region, 'us-east-1');
    assert.ok(used.AccessKeyLastUsed!.LastUsedDate instanceof Date);
    await rejectsWith(asDave.send(new CreateUserCommand({ UserName: 'eve' })), 'AccessDenied');
    await iam().send(new DetachUserPolicyCommand({ UserName: 'dave', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    await rejectsWith(asDave.send(new ListUsersCommand({})), 'AccessDenied');
  });

  it('paginates lists with Marker and MaxItems', async () => {
    for (const n of ['p-a', 'p-b', 'p-c']) await iam().send(new CreateUserCommand({ UserName: n, Path: '/page/' }));
    const first = await iam().send(new ListUsersCommand({ PathPrefix: '/page/', MaxItems: 2 }));
    assert.deepEqual(first.Users!.map((u) => u.UserName), ['p-a', 'p-b']);
    assert.equal(first.IsTruncated, true);
    const second = await iam().send(new ListUsersCommand({ PathPrefix: '/page/', MaxItems: 2, Marker: first.Marker }));
    assert.deepEqual(second.Users!.map((u) => u.UserName), ['p-c']);
    assert.equal(second.IsTruncated, false);
    assert.equal(second.Marker, undefined);
    for (const n of ['p-a', 'p-b', 'p-c']) await iam().send(new DeleteUserCommand({ UserName: n }));
  });

  it('reports every entity in the inventory', async () => {
    const inv = mock.inventory();
    const source = inv.accounts.find((a) => a.id === ACCT)!;
    assert.equal(source.name, 'source');
    assert.deepEqual(source.iam.users.sort(), ['admin', 'dave']);
    assert.deepEqual(source.iam.roles, []);
    assert.deepEqual(source.iam.policies, []);
    assert.deepEqual(source.iam.attachedPolicies, ['user/admin -> arn:aws:iam::aws:policy/AdministratorAccess']);
    assert.equal(source.iam.accessKeys.length, 2);
  });
});
