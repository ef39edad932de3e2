// Replays the hands-on part of "AWS IAM 역할(Role)은 정확히 무엇인가요?" (shared/seeds/003) with
// the AWS CLI against `lab mock`: a user with no policies of its own gets AccessDenied from
// `aws s3 ls` and from `aws sts assume-role` until the role's trust policy names the user's
// ARN; then the role's temporary credentials list the buckets.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tutorialWithEachCli } from './variants.js';
import { exported } from './run-aws.js';

const role = 'S3BucketListReadOnlyRole';

tutorialWithEachCli('tutorial: a trust policy that names the user lets it assume the role', async ({ aws, account, admin, dir }) => {
  // Before the hands-on: a bucket to list, the user, and the role with 'List' rights, trusted
  // (as the console creates an EC2 role) only by ec2.amazonaws.com. Bucket names are global.
  const bucket = `jonnung-sample-bucket-${account.id}`;
  await aws.ok(admin, ['s3api', 'create-bucket', '--bucket', bucket]);
  const { User } = await aws.ok(admin, ['iam', 'create-user', '--user-name', 'jonnung']);
  const { AccessKey } = await aws.ok(admin, ['iam', 'create-access-key', '--user-name', 'jonnung']);
  const user = { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey };

  const trust = (principal: object) =>
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });
  writeFileSync(join(dir, 'ec2-trust.json'), trust({ Service: 'ec2.amazonaws.com' }));
  const { Role } = await aws.ok(admin, ['iam', 'create-role', '--role-name', role, '--assume-role-policy-document', 'file://ec2-trust.json']);
  writeFileSync(
    join(dir, 's3-list.json'),
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:List*', Resource: '*' }] }),
  );
  const { Policy } = await aws.ok(admin, ['iam', 'create-policy', '--policy-name', 'S3ListOnly', '--policy-document', 'file://s3-list.json']);
  await aws.ok(admin, ['iam', 'attach-role-policy', '--role-name', role, '--policy-arn', Policy.Arn]);

  // (2) the user lists buckets: it has no permission
  const s3Denied = await aws.fails(user, ['s3', 'ls'], 'AccessDenied');
  assert.match(s3Denied, /when calling the ListBuckets operation/);

  // (3) the role's trust policy does not name the user
  const stsDenied = await aws.fails(
    user,
    ['sts', 'assume-role', '--role-arn', Role.Arn, '--role-session-name', 'jonnung-s3-role'],
    'AccessDenied',
  );
  assert.ok(
    stsDenied.includes(`User: ${User.Arn} is not authorized to perform: sts:AssumeRole on resource: ${Role.Arn}`),
    stsDenied,
  );

  // (4) add the user's ARN as a principal next to the service
  writeFileSync(join(dir, 'trust.json'), trust({ AWS: User.Arn, Service: 'ec2.amazonaws.com' }));
  await aws.ok(admin, ['iam', 'update-assume-role-policy', '--role-name', role, '--policy-document', 'file://trust.json']);
  const { Role: updated } = await aws.ok(admin, ['iam', 'get-role', '--role-name', role]);
  assert.deepEqual(updated.AssumeRolePolicyDocument.Statement[0].Principal, { AWS: User.Arn, Service: 'ec2.amazonaws.com' });

  // (5) assume the role again and use the temporary credentials. Same account and the user
  // named in the trust policy: no identity policy of the user's is needed.
  const assumed = await aws.ok(user, ['sts', 'assume-role', '--role-arn', Role.Arn, '--role-session-name', 'jonnung-s3-role']);
  assert.equal(assumed.AssumedRoleUser.Arn, `arn:aws:sts::${account.id}:assumed-role/${role}/jonnung-s3-role`);
  const listed = await aws.as(exported(assumed), ['s3', 'ls']);
  assert.equal(listed.code, 0, listed.stderr);
  // `aws s3 ls` prints "<date> <time> <bucket>" per bucket, in local time.
  assert.match(listed.stdout, new RegExp(`^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} ${bucket}$`, 'm'));
});
