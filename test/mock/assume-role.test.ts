// sts:AssumeRole across accounts and within one, with real SDK clients over HTTP: the trust
// policy is the role's resource policy, so cross-account access needs both sides.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateRoleCommand, DeleteRoleCommand, ListUsersCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { RunningMock } from '../../src/mock/index.js';
import { adminCreds, iamClient, policyDoc, rejectsWith, stsClient, trustDoc, userWithKey, withMock, type Creds } from './helpers.js';

describe('AssumeRole', () => {
  let mock: RunningMock;
  let source: string;
  let target: string;
  let learner: Creds;

  before(async () => {
    mock = await withMock();
    [source, target] = mock.accounts.map((a) => a.id) as [string, string];
    learner = await userWithKey(iamClient(mock, adminCreds(mock.accounts[0]!)), 'learner');
  });
  after(() => mock.close());

  const targetIam = () => iamClient(mock, adminCreds(mock.accounts[1]!));
  const sourceIam = () => iamClient(mock, adminCreds(mock.accounts[0]!));

  async function role(name: string, trust: string): Promise<string> {
    const { Role } = await targetIam().send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trust }));
    return Role!.Arn!;
  }

  it('stores the trust policy canonically and returns it URL-encoded', async () => {
    const { Role } = await targetIam().send(
      new CreateRoleCommand({ RoleName: 'bare-account', AssumeRolePolicyDocument: trustDoc({ AWS: source }) }),
    );
    const doc = JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!));
    assert.equal(doc.Statement[0].Principal.AWS, `arn:aws:iam::${source}:root`);
    assert.match(Role!.AssumeRolePolicyDocument!, /%22/);
    await targetIam().send(new DeleteRoleCommand({ RoleName: 'bare-account' }));
  });

  it('refuses a trust policy the engine finds malformed', async () => {
    await rejectsWith(
      targetIam().send(new CreateRoleCommand({ RoleName: 'bad', AssumeRolePolicyDocument: '{"Version":' })),
      'MalformedPolicyDocument',
      { status: 400 },
    );
  });

  it('denies a cross-account assume without an identity policy, in STS words', async () => {
    const arn = await role('reader', trustDoc({ AWS: `arn:aws:iam::${source}:root` }));
    const err = await rejectsWith(stsClient(mock, learner).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 's1' })), 'AccessDenied', {
      status: 403,
      message: `User: arn:aws:iam::${source}:user/learner is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
    });
    // The mock remembers why, by request id, for the lab runner's explanation.
    const why = mock.explain(err.$metadata!.requestId!);
    assert.ok(why, 'no explanation kept for the denial');
    assert.match(why.message, /because no identity-based policy allows the sts:AssumeRole action$/);
    assert.match(why.explanation, /identity-based/);
    assert.ok(why.details.some((d) => d.startsWith('resource policy trust policy of role/reader') && d.includes('matched')), why.details.join('\n'));
    assert.equal(mock.explain('no-such-request'), undefined);
  });

  it('allows it once an identity policy allows sts:AssumeRole, with working credentials', async () => {
    const arn = `arn:aws:iam::${target}:role/reader`;
    await sourceIam().send(
      new PutUserPolicyCommand({
        UserName: 'learner',
        PolicyName: 'assume-reader',
        PolicyDocument: policyDoc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: arn }]),
      }),
    );
    const out = await stsClient(mock, learner).send(
      new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 's1', DurationSeconds: 1800 }),
    );
    const c = out.Credentials!;
    assert.match(c.AccessKeyId!, /^ASIA[A-Z2-7]{16}$/);
    assert.equal(c.SecretAccessKey!.length, 40);
    assert.ok(c.SessionToken!.length > 100);
    const expiresIn = c.Expiration!.getTime() - Date.now();
    assert.ok(expiresIn >= 1790_000 && expiresIn <= 1801_000, `expires in ${expiresIn} ms`);
    assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${target}:assumed-role/reader/s1`);
    assert.match(out.AssumedRoleUser!.AssumedRoleId!, /^AROA[A-Z2-7]{17}:s1$/);

    const session = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    const me = await stsClient(mock, session).send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, `arn:aws:sts::${target}:assumed-role/reader/s1`);
    assert.equal(me.Account, target);
    assert.equal(me.UserId, out.AssumedRoleUser!.AssumedRoleId);
    // The role has no permissions policies: the session may do nothing else.
    await rejectsWith(iamClient(mock, session).send(new ListUsersCommand({})), 'AccessDenied', {
      status: 403,
      message: `User: arn:aws:sts::${target}:assumed-role/reader/s1 is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${target}:user/ because no identity-based policy allows the iam:ListUsers action`,
    });
  });

  it('denies when the trust policy names another account, even with an identity allow', async () => {
    const arn = await role('elsewhere', trustDoc({ AWS: 'arn:aws:iam::333333333333:root' }));
    await sourceIam().send(
      new PutUserPolicyCommand({
        UserName: 'learner',
        PolicyName: 'assume-any',
        PolicyDocument: policyDoc([{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }]),
      }),
    );
    await rejectsWith(stsClient(mock, learner).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 's2' })), 'AccessDenied', {
      status: 403,
      message: /is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role\/elsewhere$/,
    });
  });

  it('allows a same-account user named in the trust policy without any identity policy', async () => {
    const sourceAdmin = sourceIam();
    const bob = await userWithKey(sourceAdmin, 'bob');
    const { Role } = await sourceAdmin.send(
      new CreateRoleCommand({ RoleName: 'for-bob', AssumeRolePolicyDocument: trustDoc({ AWS: `arn:aws:iam::${source}:user/bob` }) }),
    );
    const out = await stsClient(mock, bob).send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: 'bob-session' }));
    assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${source}:assumed-role/for-bob/bob-session`);
  });

  it('denies a role that does not exist like any other denial', async () => {
    const arn = `arn:aws:iam::${target}:role/no-such-role`;
    await rejectsWith(stsClient(mock, learner).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 's3' })), 'AccessDenied', {
      message: `User: arn:aws:iam::${source}:user/learner is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
    });
  });
});
