// Trust policies name users and roles that must exist when the policy is saved: IAM turns
// their ARNs into unique ids then (IAM User Guide, "AWS JSON policy elements: Principal"), so
// CreateRole and UpdateAssumeRolePolicy refuse a missing one with MalformedPolicyDocument
// "Invalid principal in policy". Accounts, services and sessions are not looked up.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateRoleCommand, CreateUserCommand, GetRoleCommand, UpdateAssumeRolePolicyCommand } from '@aws-sdk/client-iam';
import type { RunningMock } from '../../src/mock/index.js';
import { adminCreds, iamClient, rejectsWith, trustDoc, withMock } from './helpers.js';

describe('trust policy principals', () => {
  let mock: RunningMock;
  let source: string;
  let target: string;
  /** An account id no mock account has. */
  const outside = '999999999999';

  before(async () => {
    mock = await withMock();
    [source, target] = mock.accounts.map((a) => a.id) as [string, string];
    await sourceIam().send(new CreateUserCommand({ UserName: 'alice', Path: '/team/' }));
    await targetIam().send(new CreateRoleCommand({ RoleName: 'operator', AssumeRolePolicyDocument: trustDoc({ AWS: source }) }));
  });
  after(() => mock.close());

  const sourceIam = () => iamClient(mock, adminCreds(mock.accounts[0]!));
  const targetIam = () => iamClient(mock, adminCreds(mock.accounts[1]!));
  const create = (name: string, principal: object) =>
    targetIam().send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustDoc(principal) }));
  const invalid = (value: string) => ({ status: 400, message: `Invalid principal in policy: "AWS":"${value}"` });

  it('accepts users and roles that exist, in this account or another the mock holds', async () => {
    await create('trusts-alice', { AWS: `arn:aws:iam::${source}:user/team/alice` });
    await create('trusts-operator', { AWS: [`arn:aws:iam::${target}:role/operator`, `arn:aws:iam::${source}:root`] });
  });

  it('refuses a user or role that does not exist', async () => {
    for (const value of [`arn:aws:iam::${source}:user/nobody`, `arn:aws:iam::${target}:role/nosuch`]) {
      await rejectsWith(create('r-missing', { AWS: value }), 'MalformedPolicyDocument', invalid(value));
    }
  });

  it('refuses an existing name under another path (the ARN names another entity)', async () => {
    const value = `arn:aws:iam::${source}:user/alice`;
    await rejectsWith(create('r-path', { AWS: value }), 'MalformedPolicyDocument', invalid(value));
  });

  it('refuses a user of an account outside the mock, but not the account itself', async () => {
    const value = `arn:aws:iam::${outside}:user/alice`;
    await rejectsWith(create('r-outside', { AWS: value }), 'MalformedPolicyDocument', invalid(value));
    await create('trusts-outside-account', { AWS: outside });
    await create('trusts-service', { Service: 'ec2.amazonaws.com' });
    await create('trusts-session', { AWS: `arn:aws:sts::${target}:assumed-role/operator/any-session` });
  });

  it('names the first missing principal among several', async () => {
    const value = `arn:aws:iam::${target}:role/gone`;
    await rejectsWith(
      create('r-several', { AWS: [`arn:aws:iam::${source}:user/team/alice`, value, `arn:aws:iam::${source}:user/other`] }),
      'MalformedPolicyDocument',
      invalid(value),
    );
  });

  it('UpdateAssumeRolePolicy refuses a missing principal and keeps the old policy', async () => {
    const value = `arn:aws:iam::${source}:user/bob`;
    await rejectsWith(
      targetIam().send(new UpdateAssumeRolePolicyCommand({ RoleName: 'trusts-alice', PolicyDocument: trustDoc({ AWS: value }) })),
      'MalformedPolicyDocument',
      invalid(value),
    );
    const { Role } = await targetIam().send(new GetRoleCommand({ RoleName: 'trusts-alice' }));
    const doc = JSON.parse(decodeURIComponent(Role!.AssumeRolePolicyDocument!));
    assert.equal(doc.Statement[0].Principal.AWS, `arn:aws:iam::${source}:user/team/alice`);
    await sourceIam().send(new CreateUserCommand({ UserName: 'bob' }));
    await targetIam().send(new UpdateAssumeRolePolicyCommand({ RoleName: 'trusts-alice', PolicyDocument: trustDoc({ AWS: value }) }));
  });
});
