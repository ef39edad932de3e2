// Fault injection: IAM propagation delay (new keys and grants take effect late, like AWS's
// eventual consistency) and throttling, seen through real SDK clients.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { AttachUserPolicyCommand, CreateAccessKeyCommand, CreateUserCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { adminCreds, clientConfig, iamClient, rejectsWith, stsClient, withMock } from './helpers.js';

describe('faults', () => {
  it('delays new keys and new grants by propagationDelayMs', async () => {
    const delay = 400;
    const mock = await withMock({ propagationDelayMs: delay });
    try {
      // The accounts' admins exist from the start, delay or not.
      const admin = iamClient(mock, adminCreds(mock.accounts[0]!));
      await admin.send(new CreateUserCommand({ UserName: 'late' }));
      const { AccessKey } = await admin.send(new CreateAccessKeyCommand({ UserName: 'late' }));
      const creds = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
      const created = Date.now();
      await rejectsWith(stsClient(mock, creds).send(new GetCallerIdentityCommand({})), 'InvalidClientTokenId');
      await sleep(delay + 50 - (Date.now() - created));
      await stsClient(mock, creds).send(new GetCallerIdentityCommand({}));

      await admin.send(new AttachUserPolicyCommand({ UserName: 'late', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
      const granted = Date.now();
      await rejectsWith(iamClient(mock, creds).send(new ListRolesCommand({})), 'AccessDenied');
      await sleep(delay + 50 - (Date.now() - granted));
      await iamClient(mock, creds).send(new ListRolesCommand({}));
    } finally {
      await mock.close();
    }
  });

  it('throttles the given fraction of requests with each service its own error', async () => {
    const mock = await withMock({ throttle: 1 });
    try {
      const c = adminCreds(mock.accounts[0]!);
      await rejectsWith(stsClient(mock, c).send(new GetCallerIdentityCommand({})), 'Throttling', { status: 400, message: 'Rate exceeded' });
      await rejectsWith(iamClient(mock, c).send(new ListRolesCommand({})), 'Throttling', { status: 400 });
      const cfg = clientConfig(mock, c, { forcePathStyle: true });
      await rejectsWith(new EC2Client(cfg).send(new DescribeRegionsCommand({})), 'RequestLimitExceeded', { status: 503 });
      await rejectsWith(new S3Client(cfg).send(new ListBucketsCommand({})), 'SlowDown', { status: 503 });
    } finally {
      await mock.close();
    }
    const calm = await withMock({ throttle: 0.5 });
    try {
      const sts = stsClient(calm, adminCreds(calm.accounts[0]!));
      let throttled = 0;
      for (let i = 0; i < 60; i++) {
        try {
          await sts.send(new GetCallerIdentityCommand({}));
        } catch (e) {
          assert.equal((e as Error).name, 'Throttling');
          throttled++;
        }
      }
      assert.ok(throttled > 10 && throttled < 50, `throttled ${throttled} of 60`);
    } finally {
      await calm.close();
    }
  });
});
