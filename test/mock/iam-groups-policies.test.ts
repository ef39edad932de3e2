// IAM groups, login profiles, tags, policy versions, boundaries, quotas and the account
// authorization details, over HTTP with the SDK.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddUserToGroupCommand, AttachGroupPolicyCommand, AttachUserPolicyCommand, CreateGroupCommand, CreateLoginProfileCommand,
  CreatePolicyCommand, CreatePolicyVersionCommand, CreateRoleCommand, CreateUserCommand, DeleteGroupCommand,
  DeleteLoginProfileCommand, DeletePolicyCommand, DeletePolicyVersionCommand, DeleteUserCommand, DeleteUserPermissionsBoundaryCommand,
  DetachGroupPolicyCommand, GetAccountAuthorizationDetailsCommand, GetGroupCommand, GetLoginProfileCommand, GetPolicyVersionCommand,
  ListGroupsForUserCommand, ListPolicyVersionsCommand, ListRoleTagsCommand, ListUserTagsCommand, ListPolicyTagsCommand, PutGroupPolicyCommand,
  PutRolePolicyCommand, PutUserPermissionsBoundaryCommand, PutUserPolicyCommand, RemoveUserFromGroupCommand, SetDefaultPolicyVersionCommand, TagPolicyCommand,
  TagRoleCommand, TagUserCommand, UntagUserCommand, UpdateUserCommand, GetUserCommand, ListRolesCommand,
} from '@aws-sdk/client-iam';
import type { RunningMock } from '../../src/mock/index.js';
import { adminCreds, iamClient, policyDoc, rejectsWith, trustDoc, userWithKey, withMock } from './helpers.js';

const ACCT = '111111111111';

describe('IAM groups, versions, boundaries and quotas', () => {
  let mock: RunningMock;
  before(async () => {
    mock = await withMock();
  });
  after(() => mock.close());
  const iam = () => iamClient(mock, adminCreds(mock.accounts[0]!));

  it('grants group policies to members and refuses to delete a non-empty group', async () => {
    const member = await userWithKey(iam(), 'member');
    await iam().send(new CreateGroupCommand({ GroupName: 'readers' }));
    await rejectsWith(iamClient(mock, member).send(new ListRolesCommand({})), 'AccessDenied');
    await iam().send(new AttachGroupPolicyCommand({ GroupName: 'readers', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    await iam().send(new AddUserToGroupCommand({ GroupName: 'readers', UserName: 'member' }));
    await iamClient(mock, member).send(new ListRolesCommand({}));
    const group = await iam().send(new GetGroupCommand({ GroupName: 'readers' }));
    assert.match(group.Group!.GroupId!, /^AGPA[A-Z2-7]{17}$/);
    assert.deepEqual(group.Users!.map((u) => u.UserName), ['member']);
    assert.deepEqual((await iam().send(new ListGroupsForUserCommand({ UserName: 'member' }))).Groups!.map((g) => g.GroupName), ['readers']);
    await rejectsWith(iam().send(new DeleteGroupCommand({ GroupName: 'readers' })), 'DeleteConflict', {
      message: 'Cannot delete entity, must remove users from group first.',
    });
    await iam().send(new RemoveUserFromGroupCommand({ GroupName: 'readers', UserName: 'member' }));
    await rejectsWith(iamClient(mock, member).send(new ListRolesCommand({})), 'AccessDenied');
    await iam().send(new DetachGroupPolicyCommand({ GroupName: 'readers', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    await iam().send(new DeleteGroupCommand({ GroupName: 'readers' }));
    await rejectsWith(iam().send(new GetGroupCommand({ GroupName: 'readers' })), 'NoSuchEntity', {
      message: 'The group with name readers cannot be found.',
    });
  });

  it('keeps login profiles without ever returning the password', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'console' }));
    await rejectsWith(iam().send(new CreateLoginProfileCommand({ UserName: 'console', Password: 'short' })), 'PasswordPolicyViolation');
    const created = await iam().send(new CreateLoginProfileCommand({ UserName: 'console', Password: 'a-long-password', PasswordResetRequired: true }));
    assert.equal(created.LoginProfile!.PasswordResetRequired, true);
    assert.equal(JSON.stringify(created).includes('a-long-password'), false);
    await rejectsWith(iam().send(new DeleteUserCommand({ UserName: 'console' })), 'DeleteConflict', {
      message: 'Cannot delete entity, must delete login profile first.',
    });
    await iam().send(new DeleteLoginProfileCommand({ UserName: 'console' }));
    await rejectsWith(iam().send(new GetLoginProfileCommand({ UserName: 'console' })), 'NoSuchEntity', {
      message: 'Login Profile for User console cannot be found.',
    });
    await iam().send(new DeleteUserCommand({ UserName: 'console' }));
  });

  it('tags and untags users, roles and policies', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'tagged' }));
    await iam().send(new TagUserCommand({ UserName: 'tagged', Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
    await iam().send(new TagUserCommand({ UserName: 'tagged', Tags: [{ Key: 'A', Value: '3' }] }));
    await iam().send(new UntagUserCommand({ UserName: 'tagged', TagKeys: ['b'] }));
    assert.deepEqual((await iam().send(new ListUserTagsCommand({ UserName: 'tagged' }))).Tags, [{ Key: 'A', Value: '3' }]);
    await rejectsWith(iam().send(new TagUserCommand({ UserName: 'tagged', Tags: [{ Key: 'x', Value: '1' }, { Key: 'X', Value: '2' }] })), 'InvalidInput');
    await iam().send(new CreateRoleCommand({ RoleName: 'tagged-role', AssumeRolePolicyDocument: trustDoc({ AWS: ACCT }) }));
    await iam().send(new TagRoleCommand({ RoleName: 'tagged-role', Tags: [{ Key: 'env', Value: 'lab' }] }));
    assert.deepEqual((await iam().send(new ListRoleTagsCommand({ RoleName: 'tagged-role' }))).Tags, [{ Key: 'env', Value: 'lab' }]);
    const { Policy } = await iam().send(new CreatePolicyCommand({ PolicyName: 'tagged-policy', PolicyDocument: policyDoc([{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }]) }));
    await iam().send(new TagPolicyCommand({ PolicyArn: Policy!.Arn, Tags: [{ Key: 'owner', Value: 'me' }] }));
    assert.deepEqual((await iam().send(new ListPolicyTagsCommand({ PolicyArn: Policy!.Arn }))).Tags, [{ Key: 'owner', Value: 'me' }]);
  });

  it('keeps at most five policy versions and protects the default one', async () => {
    const v = (n: number) => policyDoc([{ Effect: 'Allow', Action: 'iam:GetUser', Resource: `arn:aws:iam::${ACCT}:user/u${n}` }]);
    const { Policy } = await iam().send(new CreatePolicyCommand({ PolicyName: 'versioned', PolicyDocument: v(1) }));
    const arn = Policy!.Arn!;
    for (let n = 2; n <= 5; n++) await iam().send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: v(n), SetAsDefault: n === 3 }));
    await rejectsWith(iam().send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: v(6) })), 'LimitExceeded', {
      status: 409,
      message: 'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
    });
    const versions = await iam().send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
    assert.deepEqual(versions.Versions!.map((x) => [x.VersionId, x.IsDefaultVersion]), [['v5', false], ['v4', false], ['v3', true], ['v2', false], ['v1', false]]);
    await rejectsWith(iam().send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v3' })), 'DeleteConflict', {
      message: 'Cannot delete the default version of a policy.',
    });
    await iam().send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' }));
    const got = await iam().send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' }));
    assert.equal(decodeURIComponent(got.PolicyVersion!.Document!), v(5));
    await rejectsWith(iam().send(new DeletePolicyCommand({ PolicyArn: arn })), 'DeleteConflict');
    for (const id of ['v1', 'v2', 'v3', 'v4']) await iam().send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: id }));
    const next = await iam().send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: v(7) }));
    assert.equal(next.PolicyVersion!.VersionId, 'v6');
  });

  it('caps a user with a permissions boundary', async () => {
    const capped = await userWithKey(iam(), 'capped');
    await iam().send(new AttachUserPolicyCommand({ UserName: 'capped', PolicyArn: 'arn:aws:iam::aws:policy/IAMFullAccess' }));
    const asCapped = iamClient(mock, capped);
    await asCapped.send(new ListRolesCommand({}));
    await rejectsWith(
      iam().send(new PutUserPermissionsBoundaryCommand({ UserName: 'capped', PermissionsBoundary: `arn:aws:iam::${ACCT}:policy/nope` })),
      'NoSuchEntity',
      { message: `Scope ARN: arn:aws:iam::${ACCT}:policy/nope does not exist or is not attachable.` },
    );
    await iam().send(new PutUserPermissionsBoundaryCommand({ UserName: 'capped', PermissionsBoundary: 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess' }));
    const user = await iam().send(new GetUserCommand({ UserName: 'capped' }));
    assert.equal(user.User!.PermissionsBoundary!.PermissionsBoundaryArn, 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess');
    await rejectsWith(asCapped.send(new ListRolesCommand({})), 'AccessDenied', {
      message: `User: arn:aws:iam::${ACCT}:user/capped is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::${ACCT}:role/ because no permissions boundary allows the iam:ListRoles action`,
    });
    await iam().send(new DeleteUserPermissionsBoundaryCommand({ UserName: 'capped' }));
    await asCapped.send(new ListRolesCommand({}));
  });

  it('enforces inline size and attachment quotas', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'quota' }));
    const filler = (n: number) => policyDoc([{ Effect: 'Allow', Action: 'iam:GetUser', Resource: `arn:aws:iam::${ACCT}:user/${'x'.repeat(n)}` }]);
    await iam().send(new CreateRoleCommand({ RoleName: 'quota-role', AssumeRolePolicyDocument: trustDoc({ AWS: ACCT }) }));
    await iam().send(new PutRolePolicyCommand({ RoleName: 'quota-role', PolicyName: 'big', PolicyDocument: filler(1900) }));
    await rejectsWith(iam().send(new CreateUserCommand({ UserName: 'quota' })), 'EntityAlreadyExists');
    await iam().send(new PutUserPolicyCommand({ UserName: 'quota', PolicyName: 'one', PolicyDocument: filler(1000) }));
    await rejectsWith(iam().send(new PutUserPolicyCommand({ UserName: 'quota', PolicyName: 'two', PolicyDocument: filler(1000) })), 'LimitExceeded', {
      status: 409,
      message: 'Maximum policy size of 2048 bytes exceeded for user quota',
    });
    for (let i = 0; i < 10; i++) {
      const { Policy } = await iam().send(new CreatePolicyCommand({ PolicyName: `q${i}`, PolicyDocument: filler(5) }));
      await iam().send(new AttachUserPolicyCommand({ UserName: 'quota', PolicyArn: Policy!.Arn }));
    }
    await rejectsWith(iam().send(new AttachUserPolicyCommand({ UserName: 'quota', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' })), 'LimitExceeded', {
      message: 'Cannot exceed quota for PoliciesPerUser: 10',
    });
  });

  it('renames users, keeping their group memberships', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'old-name' }));
    await iam().send(new CreateGroupCommand({ GroupName: 'team' }));
    await iam().send(new AddUserToGroupCommand({ GroupName: 'team', UserName: 'old-name' }));
    await iam().send(new UpdateUserCommand({ UserName: 'old-name', NewUserName: 'new-name', NewPath: '/moved/' }));
    const { User } = await iam().send(new GetUserCommand({ UserName: 'new-name' }));
    assert.equal(User!.Arn, `arn:aws:iam::${ACCT}:user/moved/new-name`);
    assert.deepEqual((await iam().send(new GetGroupCommand({ GroupName: 'team' }))).Users!.map((u) => u.UserName), ['new-name']);
  });

  it('reports the account authorization details', async () => {
    await iam().send(new PutGroupPolicyCommand({ GroupName: 'team', PolicyName: 'g', PolicyDocument: policyDoc([{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }]) }));
    const all = await iam().send(new GetAccountAuthorizationDetailsCommand({}));
    const team = all.GroupDetailList!.find((g) => g.GroupName === 'team')!;
    assert.equal(team.GroupPolicyList![0]!.PolicyName, 'g');
    const quotaRole = all.RoleDetailList!.find((r) => r.RoleName === 'quota-role')!;
    assert.equal(JSON.parse(decodeURIComponent(quotaRole.AssumeRolePolicyDocument!)).Statement[0].Principal.AWS, `arn:aws:iam::${ACCT}:root`);
    const admin = all.UserDetailList!.find((u) => u.UserName === 'admin')!;
    assert.deepEqual(admin.AttachedManagedPolicies, [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }]);
    assert.ok(all.Policies!.some((p) => p.PolicyName === 'AdministratorAccess' && p.PolicyVersionList!.length === 1));
    const rolesOnly = await iam().send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'] }));
    assert.deepEqual(rolesOnly.UserDetailList ?? [], []);
    assert.ok(rolesOnly.RoleDetailList!.length >= 2);
  });
});
