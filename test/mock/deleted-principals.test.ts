// A policy names users and roles by ARN, but IAM saves the unique id the ARN resolved to (IAM
// User Guide, "AWS JSON policy elements: Principal", "IAM roles" and "IAM users"; S3 User Guide,
// "Principals"): once the entity is deleted the policy shows that id, a user or role created
// again under the same name is not trusted, and the id itself cannot be saved back ("Invalid
// principal in policy"). Saving the policy again with the ARN trusts the new entity.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateRoleCommand,
  DeleteAccessKeyCommand,
  DeleteRoleCommand,
  DeleteUserCommand,
  GetAccountAuthorizationDetailsCommand,
  GetRoleCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
  UpdateAssumeRolePolicyCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { CreateBucketCommand, GetBucketPolicyCommand, GetObjectCommand, PutBucketPolicyCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { RunningMock } from '../../src/mock/index.js';
import { adminCreds, clientConfig, iamClient, policyDoc, rejectsWith, stsClient, trustDoc, userWithKey, type Creds } from './helpers.js';
import { startMock } from '../../src/mock/index.js';

/** The trust policy GetRole returns, decoded. */
async function shownTrust(iam: IAMClient, role: string): Promise<{ Statement: Array<{ Principal: { AWS: string | string[] } }> }> {
  const { Role } = await iam.send(new GetRoleCommand({ RoleName: role }));
  return JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!));
}

/** Deletes a user that has one access key and nothing else. */
async function deleteUser(iam: IAMClient, name: string, key: Creds): Promise<void> {
  await iam.send(new DeleteAccessKeyCommand({ UserName: name, AccessKeyId: key.accessKeyId }));
  await iam.send(new DeleteUserCommand({ UserName: name }));
}

describe('deleted principals in trust and bucket policies', () => {
  let mock: RunningMock;
  let acct: string;
  let iam: IAMClient;
  /** The key of the second user named alice. */
  let alice: Creds;
  const assume = (creds: Creds, role: string, session = 'lab-session') =>
    stsClient(mock, creds).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct}:role/${role}`, RoleSessionName: session }));
  const userId = async (name: string) => (await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['User'] })))
    .UserDetailList!.find((u) => u.UserName === name)!.UserId!;

  before(async () => {
    mock = await startMock({ accounts: ['only'] });
    acct = mock.accounts[0]!.id;
    iam = iamClient(mock, adminCreds(mock.accounts[0]!));
  });
  after(() => mock.close());

  it('a deleted user shows as its unique id, and the user created again is not trusted', async () => {
    const first = await userWithKey(iam, 'alice');
    const firstId = await userId('alice');
    const aliceArn = `arn:aws:iam::${acct}:user/alice`;
    await iam.send(new CreateRoleCommand({ RoleName: 'trusts-alice', AssumeRolePolicyDocument: trustDoc({ AWS: aliceArn }) }));
    // Within one account a trust policy naming the user grants without an identity policy.
    await assume(first, 'trusts-alice');
    assert.deepEqual((await shownTrust(iam, 'trusts-alice')).Statement[0]!.Principal, { AWS: aliceArn });

    await deleteUser(iam, 'alice', first);
    assert.deepEqual((await shownTrust(iam, 'trusts-alice')).Statement[0]!.Principal, { AWS: firstId });
    const listed = (await iam.send(new ListRolesCommand({}))).Roles!.find((r) => r.RoleName === 'trusts-alice')!;
    assert.match(decodeURIComponent(listed.AssumeRolePolicyDocument!), new RegExp(`"AWS":"${firstId}"`));
    const details = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'] }));
    const detail = details.RoleDetailList!.find((r) => r.RoleName === 'trusts-alice')!;
    assert.match(decodeURIComponent(detail.AssumeRolePolicyDocument!), new RegExp(`"AWS":"${firstId}"`));

    alice = await userWithKey(iam, 'alice');
    assert.notEqual(await userId('alice'), firstId, 'IAM never reuses a unique id');
    const err = await rejectsWith(assume(alice, 'trusts-alice'), 'AccessDenied', {
      status: 403,
      message: `User: ${aliceArn} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${acct}:role/trusts-alice`,
    });
    const why = mock.explain(err.$metadata!.requestId!);
    assert.match(why!.explanation, new RegExp(`${firstId} is the unique id of a user or role deleted since the policy was saved`));
    // The policy still shows the old id: the new user does not take its place.
    assert.deepEqual((await shownTrust(iam, 'trusts-alice')).Statement[0]!.Principal, { AWS: firstId });
  });

  it('the unique id cannot be saved back; the ARN saved again trusts the new user', async () => {
    const shown = await shownTrust(iam, 'trusts-alice');
    const id = shown.Statement[0]!.Principal.AWS as string;
    await rejectsWith(
      iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'trusts-alice', PolicyDocument: JSON.stringify(shown) })),
      'MalformedPolicyDocument',
      { status: 400, message: `Invalid principal in policy: "AWS":"${id}"` },
    );
    await rejectsWith(
      iam.send(new CreateRoleCommand({ RoleName: 'copy', AssumeRolePolicyDocument: JSON.stringify(shown) })),
      'MalformedPolicyDocument',
      { status: 400, message: `Invalid principal in policy: "AWS":"${id}"` },
    );
    // The failed update kept the policy as it was.
    assert.deepEqual(await shownTrust(iam, 'trusts-alice'), shown);

    const aliceArn = `arn:aws:iam::${acct}:user/alice`;
    await iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'trusts-alice', PolicyDocument: trustDoc({ AWS: aliceArn }) }));
    assert.deepEqual((await shownTrust(iam, 'trusts-alice')).Statement[0]!.Principal, { AWS: aliceArn });
    await assume(alice, 'trusts-alice');
  });

  it('a role deleted and created again: its sessions are not trusted, the other ARNs are kept', async () => {
    const user = await userWithKey(iam, 'operator');
    const opArn = `arn:aws:iam::${acct}:user/operator`;
    const hopArn = `arn:aws:iam::${acct}:role/hop`;
    await iam.send(new CreateRoleCommand({ RoleName: 'hop', AssumeRolePolicyDocument: trustDoc({ AWS: opArn }) }));
    const hopId = (await iam.send(new GetRoleCommand({ RoleName: 'hop' }))).Role!.RoleId!;
    await iam.send(new CreateRoleCommand({ RoleName: 'target', AssumeRolePolicyDocument: trustDoc({ AWS: [hopArn, opArn] }) }));
    // Role chaining: a session of "hop" assumes "target", which trusts the role by ARN.
    const hop = (await assume(user, 'hop')).Credentials!;
    const hopCreds = { accessKeyId: hop.AccessKeyId!, secretAccessKey: hop.SecretAccessKey!, sessionToken: hop.SessionToken! };
    await assume(hopCreds, 'target');

    await iam.send(new DeleteRoleCommand({ RoleName: 'hop' }));
    assert.deepEqual((await shownTrust(iam, 'target')).Statement[0]!.Principal, { AWS: [hopId, opArn] });
    await iam.send(new CreateRoleCommand({ RoleName: 'hop', AssumeRolePolicyDocument: trustDoc({ AWS: opArn }) }));
    // The new "hop" may act (an identity policy of its own), but "target" does not trust it.
    await iam.send(new PutRolePolicyCommand({ RoleName: 'hop', PolicyName: 'chain', PolicyDocument: policyDoc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]) }));
    const again = (await assume(user, 'hop')).Credentials!;
    const againCreds = { accessKeyId: again.AccessKeyId!, secretAccessKey: again.SecretAccessKey!, sessionToken: again.SessionToken! };
    await rejectsWith(assume(againCreds, 'target'), 'AccessDenied', { status: 403 });
    // The user it also names is still there and still trusted.
    await assume(user, 'target');
  });

  it('S3 resolves bucket policy principals: a missing user is refused, a deleted one shows as its id', async () => {
    const admin = new S3Client(clientConfig(mock, adminCreds(mock.accounts[0]!), { forcePathStyle: true }));
    await admin.send(new CreateBucketCommand({ Bucket: 'ids-bucket' }));
    await admin.send(new PutObjectCommand({ Bucket: 'ids-bucket', Key: 'k', Body: 'v' }));
    const policyFor = (who: string) =>
      policyDoc([{ Effect: 'Allow', Principal: { AWS: who }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::ids-bucket/*' }]);
    const readerArn = `arn:aws:iam::${acct}:user/reader`;
    await rejectsWith(admin.send(new PutBucketPolicyCommand({ Bucket: 'ids-bucket', Policy: policyFor(readerArn) })), 'MalformedPolicy', {
      status: 400,
      message: 'Invalid principal in policy',
    });

    // Malformed principals get the same words: S3 quotes none of them.
    for (const bad of ['arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E1', '12345']) {
      await rejectsWith(admin.send(new PutBucketPolicyCommand({ Bucket: 'ids-bucket', Policy: policyFor(bad) })), 'MalformedPolicy', {
        status: 400,
        message: 'Invalid principal in policy',
      });
    }

    const first = await userWithKey(iam, 'reader');
    const firstId = await userId('reader');
    await admin.send(new PutBucketPolicyCommand({ Bucket: 'ids-bucket', Policy: policyFor(readerArn) }));
    const read = (c: Creds) => new S3Client(clientConfig(mock, c, { forcePathStyle: true })).send(new GetObjectCommand({ Bucket: 'ids-bucket', Key: 'k' }));
    await read(first);
    assert.equal((await admin.send(new GetBucketPolicyCommand({ Bucket: 'ids-bucket' }))).Policy, policyFor(readerArn));

    await deleteUser(iam, 'reader', first);
    const shown = (await admin.send(new GetBucketPolicyCommand({ Bucket: 'ids-bucket' }))).Policy!;
    assert.equal(JSON.parse(shown).Statement[0].Principal.AWS, firstId);
    const again = await userWithKey(iam, 'reader');
    await rejectsWith(read(again), 'AccessDenied', { status: 403 });
    await rejectsWith(admin.send(new PutBucketPolicyCommand({ Bucket: 'ids-bucket', Policy: shown })), 'MalformedPolicy', {
      status: 400,
      message: 'Invalid principal in policy',
    });
    await admin.send(new PutBucketPolicyCommand({ Bucket: 'ids-bucket', Policy: policyFor(readerArn) }));
    await read(again);
  });
});
