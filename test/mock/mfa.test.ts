// Virtual MFA devices and MFA in STS: create, enable with two consecutive codes, and the
// codes that make aws:MultiFactorAuthPresent true in AssumeRole and GetSessionToken.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateRoleCommand, CreateVirtualMFADeviceCommand, DeactivateMFADeviceCommand, DeleteUserCommand, DeleteVirtualMFADeviceCommand,
  DeleteUserPolicyCommand, EnableMFADeviceCommand, ListMFADevicesCommand, ListVirtualMFADevicesCommand, PutUserPolicyCommand, ListRolesCommand, DeleteAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { stepOf, totp } from '../../src/mock/identity/mfa.js';
import type { RunningMock } from '../../src/mock/index.js';
import { adminCreds, iamClient, policyDoc, rejectsWith, stsClient, trustDoc, userWithKey, withMock, type Creds } from './helpers.js';

const ACCT = '111111111111';
const NOT_ASSOCIATED = 'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.';

describe('virtual MFA', () => {
  let mock: RunningMock;
  let user: Creds;
  let serial: string;
  let seed: string;
  before(async () => {
    mock = await withMock();
    user = await userWithKey(iam(), 'mfa-user');
  });
  after(() => mock.close());
  function iam() {
    return iamClient(mock, adminCreds(mock.accounts[0]!));
  }
  const code = (offset = 0) => totp(seed, stepOf(Date.now()) + offset);

  it('computes RFC 6238 codes (SHA-1 vector at T=59, 6 digits)', () => {
    assert.equal(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1), '287082');
  });

  it('refuses a serial number that names no device of the caller', async () => {
    await iam().send(new CreateRoleCommand({ RoleName: 'needs-mfa', AssumeRolePolicyDocument: trustDoc({ AWS: `arn:aws:iam::${ACCT}:user/mfa-user` }, { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }) }));
    await rejectsWith(
      stsClient(mock, user).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCT}:role/needs-mfa`, RoleSessionName: 'x1', SerialNumber: `arn:aws:iam::${ACCT}:mfa/mfa-user`, TokenCode: '123456' })),
      'AccessDenied',
      { status: 403, message: NOT_ASSOCIATED },
    );
  });

  it('creates a device and enables it with two consecutive codes', async () => {
    const { VirtualMFADevice: d } = await iam().send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'mfa-user' }));
    serial = d!.SerialNumber!;
    assert.equal(serial, `arn:aws:iam::${ACCT}:mfa/mfa-user`);
    seed = Buffer.from(d!.Base32StringSeed!).toString('ascii');
    assert.match(seed, /^[A-Z2-7]{32}$/);
    await rejectsWith(iam().send(new EnableMFADeviceCommand({ UserName: 'mfa-user', SerialNumber: serial, AuthenticationCode1: code(), AuthenticationCode2: code() })), 'InvalidAuthenticationCode', {
      status: 403,
      message: 'Authentication code for device is not valid.',
    });
    await iam().send(new EnableMFADeviceCommand({ UserName: 'mfa-user', SerialNumber: serial, AuthenticationCode1: code(-1), AuthenticationCode2: code() }));
    const listed = await iam().send(new ListMFADevicesCommand({ UserName: 'mfa-user' }));
    assert.deepEqual(listed.MFADevices!.map((m) => m.SerialNumber), [serial]);
    const assigned = await iam().send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }));
    assert.equal(assigned.VirtualMFADevices![0]!.User!.UserName, 'mfa-user');
  });

  it('lets AssumeRole with a current code satisfy aws:MultiFactorAuthPresent, and refuses a wrong one', async () => {
    const role = `arn:aws:iam::${ACCT}:role/needs-mfa`;
    await rejectsWith(stsClient(mock, user).send(new AssumeRoleCommand({ RoleArn: role, RoleSessionName: 'no-mfa' })), 'AccessDenied');
    const wrong = String((Number(code()) + 1) % 1_000_000).padStart(6, '0');
    await rejectsWith(stsClient(mock, user).send(new AssumeRoleCommand({ RoleArn: role, RoleSessionName: 'wrong', SerialNumber: serial, TokenCode: wrong })), 'AccessDenied', {
      message: /^MultiFactorAuthentication failed with invalid MFA one time pass code\.\s*$/,
    });
    const out = await stsClient(mock, user).send(new AssumeRoleCommand({ RoleArn: role, RoleSessionName: 'with-mfa', SerialNumber: serial, TokenCode: code() }));
    assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCT}:assumed-role/needs-mfa/with-mfa`);
  });

  it('gives GetSessionToken sessions with MFA the aws:MultiFactorAuthPresent key', async () => {
    await iam().send(new PutUserPolicyCommand({
      UserName: 'mfa-user',
      PolicyName: 'require-mfa',
      PolicyDocument: policyDoc([
        { Effect: 'Allow', Action: 'iam:ListRoles', Resource: '*' },
        { Effect: 'Deny', Action: '*', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
      ]),
    }));
    await rejectsWith(iamClient(mock, user).send(new ListRolesCommand({})), 'AccessDenied', { message: /with an explicit deny in an identity-based policy$/ });
    const { Credentials: c } = await stsClient(mock, user).send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code() }));
    await iamClient(mock, { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! }).send(new ListRolesCommand({}));
  });

  it('keeps an enabled device from being deleted, or its user', async () => {
    await rejectsWith(iam().send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })), 'DeleteConflict');
    await iam().send(new DeleteAccessKeyCommand({ UserName: 'mfa-user', AccessKeyId: user.accessKeyId }));
    await iam().send(new DeleteUserPolicyCommand({ UserName: 'mfa-user', PolicyName: 'require-mfa' }));
    await rejectsWith(iam().send(new DeleteUserCommand({ UserName: 'mfa-user' })), 'DeleteConflict', {
      message: 'Cannot delete entity, must delete MFA device first.',
    });
    await iam().send(new DeactivateMFADeviceCommand({ UserName: 'mfa-user', SerialNumber: serial }));
    await iam().send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }));
    await iam().send(new DeleteUserCommand({ UserName: 'mfa-user' }));
    const acct = mock.inventory().accounts[0]!;
    assert.deepEqual(acct.iam.mfaDevices, []);
  });
});
