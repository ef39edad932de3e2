// SigV4 authentication against the stored secrets, with real clients (SDK v3, AWS CLI v1).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { DeleteAccessKeyCommand, ListUsersCommand, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { RunningMock } from '../../src/mock/index.js';
import { adminCreds, iamClient, rejectsWith, stsClient, userWithKey, withMock } from './helpers.js';

const run = promisify(execFile);

describe('SigV4 authentication', () => {
  let mock: RunningMock;
  before(async () => {
    mock = await withMock();
  });
  after(() => mock.close());
  const admin = () => adminCreds(mock.accounts[0]!);

  it('accepts the admin key and names the caller', async () => {
    const me = await stsClient(mock, admin()).send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, 'arn:aws:iam::111111111111:user/admin');
    assert.equal(me.Account, '111111111111');
    assert.match(me.UserId!, /^AIDA[A-Z2-7]{17}$/);
    assert.match(me.$metadata.requestId!, /^[0-9a-f-]{36}$/);
  });

  it('answers SignatureDoesNotMatch for a wrong secret', async () => {
    const creds = { ...admin(), secretAccessKey: 'x'.repeat(40) };
    await rejectsWith(stsClient(mock, creds).send(new GetCallerIdentityCommand({})), 'SignatureDoesNotMatch', {
      status: 403,
      message: /^The request signature we calculated does not match the signature you provided/,
    });
    await rejectsWith(iamClient(mock, creds).send(new ListUsersCommand({})), 'SignatureDoesNotMatch', { status: 403 });
  });

  it('answers InvalidClientTokenId for an unknown key', async () => {
    const creds = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
    await rejectsWith(stsClient(mock, creds).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId', {
      status: 403,
      message: 'The security token included in the request is invalid.',
    });
  });

  it('stops accepting a key once it is inactive, again once active, never once deleted', async () => {
    const iam = iamClient(mock, admin());
    const key = await userWithKey(iam, 'rotating');
    const sts = stsClient(mock, key);
    await sts.send(new GetCallerIdentityCommand({}));
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'rotating', AccessKeyId: key.accessKeyId, Status: 'Inactive' }));
    await rejectsWith(sts.send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId');
    await iam.send(new UpdateAccessKeyCommand({ UserName: 'rotating', AccessKeyId: key.accessKeyId, Status: 'Active' }));
    await sts.send(new GetCallerIdentityCommand({}));
    await iam.send(new DeleteAccessKeyCommand({ UserName: 'rotating', AccessKeyId: key.accessKeyId }));
    await rejectsWith(sts.send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId');
  });

  it('refuses a signature older than 15 minutes', async () => {
    const sts = stsClient(mock, admin(), { systemClockOffset: -20 * 60 * 1000 });
    await rejectsWith(sts.send(new GetCallerIdentityCommand({})), 'SignatureDoesNotMatch', {
      status: 403,
      message: /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/,
    });
  });

  it('serves the AWS CLI (v1) with credentials from the environment', async () => {
    const { stdout } = await run('aws', ['--endpoint-url', mock.endpoint, 'sts', 'get-caller-identity', '--output', 'json'], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        AWS_ACCESS_KEY_ID: admin().accessKeyId,
        AWS_SECRET_ACCESS_KEY: admin().secretAccessKey,
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      },
    });
    const out = JSON.parse(stdout);
    assert.equal(out.Arn, 'arn:aws:iam::111111111111:user/admin');
    assert.equal(out.Account, '111111111111');
  });
});
