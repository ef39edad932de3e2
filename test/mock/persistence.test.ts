// State persistence: a mock started on a state file comes back with the same accounts,
// credentials, entities and role sessions.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CreateRoleCommand, GetRoleCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { adminCreds, iamClient, stsClient, trustDoc, withMock } from './helpers.js';

describe('state file', () => {
  it('saves on change and on close, and loads at start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lab-mock-'));
    const file = join(dir, 'state.json');
    try {
      const first = await withMock({ stateFile: file });
      const admin = adminCreds(first.accounts[1]!);
      await iamClient(first, admin).send(new CreateRoleCommand({ RoleName: 'kept', AssumeRolePolicyDocument: trustDoc({ AWS: '111111111111' }) }));
      const assumed = await stsClient(first, adminCreds(first.accounts[0]!)).send(
        new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::222222222222:role/kept', RoleSessionName: 'survivor' }),
      );
      await first.close();
      const saved = JSON.parse(await readFile(file, 'utf8'));
      assert.equal(saved.format, 'lab-mock-state/1');
      // Sessions are saved as a plain object of records by access key id.
      assert.equal(saved.globalStates.sts.sessions[assumed.Credentials!.AccessKeyId!].sessionName, 'survivor');

      const second = await withMock({ stateFile: file });
      try {
        assert.deepEqual(second.accounts.map((a) => a.admin.accessKeyId), first.accounts.map((a) => a.admin.accessKeyId));
        const me = await stsClient(second, admin).send(new GetCallerIdentityCommand({}));
        assert.equal(me.Account, '222222222222');
        const { Role } = await iamClient(second, admin).send(new GetRoleCommand({ RoleName: 'kept' }));
        assert.equal(Role!.Arn, 'arn:aws:iam::222222222222:role/kept');
        // The role session issued before the restart still signs requests.
        const c = assumed.Credentials!;
        const session = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
        const who = await stsClient(second, session).send(new GetCallerIdentityCommand({}));
        assert.equal(who.Arn, 'arn:aws:sts::222222222222:assumed-role/kept/survivor');
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
