// State persistence: a mock started on a state file comes back with the same accounts,
// credentials and entities.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CreateRoleCommand, GetRoleCommand } from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { adminCreds, iamClient, stsClient, trustDoc, withMock } from './helpers.js';

describe('state file', () => {
  it('saves on change and on close, and loads at start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lab-mock-'));
    const file = join(dir, 'state.json');
    try {
      const first = await withMock({ stateFile: file });
      const admin = adminCreds(first.accounts[1]!);
      await iamClient(first, admin).send(new CreateRoleCommand({ RoleName: 'kept', AssumeRolePolicyDocument: trustDoc({ AWS: '111111111111' }) }));
      await first.close();
      const saved = JSON.parse(await readFile(file, 'utf8'));
      assert.equal(saved.format, 'lab-mock-state/1');

      const second = await withMock({ stateFile: file });
      try {
        assert.deepEqual(second.accounts.map((a) => a.admin.accessKeyId), first.accounts.map((a) => a.admin.accessKeyId));
        const me = await stsClient(second, admin).send(new GetCallerIdentityCommand({}));
        assert.equal(me.Account, '222222222222');
        const { Role } = await iamClient(second, admin).send(new GetRoleCommand({ RoleName: 'kept' }));
        assert.equal(Role!.Arn, 'arn:aws:iam::222222222222:role/kept');
      } finally {
        await second.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
