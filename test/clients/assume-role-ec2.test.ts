// Replays the tutorial "AWS IAM Assume Role / aws CLI" (shared/seeds/002) with the AWS CLI
// against `lab mock`: a user allowed only sts:AssumeRole cannot describe EC2 instances, assumes
// a role that trusts the bare account id and holds AmazonEC2FullAccess, and then can.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tutorialWithEachCli } from './variants.js';
import { exported } from './run-aws.js';

tutorialWithEachCli('tutorial: assume a role with EC2 rights from the AWS CLI', async ({ aws, account, admin, dir }) => {
  // [File 1] assume-role-policy.json
  writeFileSync(
    join(dir, 'assume-role-policy.json'),
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: '*' }] }, null, 2),
  );
  const { Policy } = await aws.ok(admin, [
    'iam', 'create-policy', '--policy-name', 'assume-role-policy', '--policy-document', 'file://assume-role-policy.json',
  ]);
  assert.equal(Policy.Arn, `arn:aws:iam::${account.id}:policy/assume-role-policy`);
  assert.equal(Policy.DefaultVersionId, 'v1');
  assert.equal(Policy.AttachmentCount, 0);

  // 3. the user, its access key, the policy attached
  const { User } = await aws.ok(admin, ['iam', 'create-user', '--user-name', 'assume-role-user']);
  assert.equal(User.Arn, `arn:aws:iam::${account.id}:user/assume-role-user`);
  assert.match(User.UserId, /^AIDA[A-Z0-9]{17}$/);
  const { AccessKey } = await aws.ok(admin, ['iam', 'create-access-key', '--user-name', 'assume-role-user']);
  assert.equal(AccessKey.UserName, 'assume-role-user');
  assert.equal(AccessKey.Status, 'Active');
  assert.match(AccessKey.AccessKeyId, /^AKIA[A-Z0-9]{16}$/);
  assert.equal(AccessKey.SecretAccessKey.length, 40);
  const user = { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey };
  assert.deepEqual(
    await aws.ok(admin, ['iam', 'attach-user-policy', '--user-name', 'assume-role-user', '--policy-arn', Policy.Arn]),
    {},
    'attach-user-policy prints nothing',
  );

  // 4. [File 2] the role's trust relationship names the account by its bare id
  const trust = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: account.id }, Condition: {} }],
  };
  writeFileSync(join(dir, 'assume-role-trust-relationship.json'), JSON.stringify(trust, null, '\t'));
  const { Role } = await aws.ok(admin, [
    'iam', 'create-role', '--role-name', 'assume-role-role',
    '--assume-role-policy-document', 'file://assume-role-trust-relationship.json',
  ]);
  assert.equal(Role.Arn, `arn:aws:iam::${account.id}:role/assume-role-role`);
  assert.match(Role.RoleId, /^AROA[A-Z0-9]{17}$/);
  // The CLI URL-decodes and parses the document: an object, whatever form IAM stores the principal in.
  assert.equal(typeof Role.AssumeRolePolicyDocument, 'object');
  assert.equal(Role.AssumeRolePolicyDocument.Statement[0].Action, 'sts:AssumeRole');
  await aws.ok(admin, [
    'iam', 'attach-role-policy', '--role-name', 'assume-role-role', '--policy-arn', 'arn:aws:iam::aws:policy/AmazonEC2FullAccess',
  ]);

  // 5. as the user: no EC2 rights of its own
  const denied = await aws.fails(user, ['ec2', 'describe-instances'], 'UnauthorizedOperation');
  assert.match(denied, /when calling the DescribeInstances operation: You are not authorized to perform this operation\./);

  const assumed = await aws.ok(user, [
    'sts', 'assume-role', '--role-arn', Role.Arn, '--role-session-name', 'assume-role-session',
  ]);
  assert.equal(assumed.AssumedRoleUser.Arn, `arn:aws:sts::${account.id}:assumed-role/assume-role-role/assume-role-session`);
  assert.equal(assumed.AssumedRoleUser.AssumedRoleId, `${Role.RoleId}:assume-role-session`);
  assert.match(assumed.Credentials.AccessKeyId, /^ASIA[A-Z0-9]{16}$/);
  assert.ok(assumed.Credentials.SessionToken.length > 0);
  const expires = Date.parse(assumed.Credentials.Expiration) - Date.now();
  assert.ok(expires > 55 * 60_000 && expires <= 60 * 60_000 + 5_000, `default session of one hour, got ${expires} ms`);

  // export AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, then describe again
  const described = await aws.ok(exported(assumed), ['ec2', 'describe-instances']);
  assert.ok(Array.isArray(described.Reservations), 'describe-instances answers with Reservations');
  for (const r of described.Reservations) {
    assert.equal(r.OwnerId, account.id, 'only the account’s own instances');
    for (const i of r.Instances) assert.match(i.InstanceId, /^i-[0-9a-f]{8,17}$/);
  }
});
