// The aws target against the embedded mock posing as AWS: profiles from temporary shared
// config files, the endpoint only through AWS_ENDPOINT_URL (the target sets none itself, so
// this also proves that SDK clients made without an endpoint honour it).
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { callAws, closeClients, type Credentials } from '../../src/aws/index.js';
import { parseLabFile } from '../../src/lab/index.js';
import { startMock, type RunningMock } from '../../src/mock/index.js';
import { runLab } from '../../src/runner/run-lab.js';
import { CredentialSource } from '../../src/targets/aws-credentials.js';
import { startAwsTarget, type AwsTargetOptions } from '../../src/targets/aws.js';
import { TargetRefusal } from '../../src/targets/safety.js';

const quiet = () => undefined;

describe('aws target (mock posing as AWS)', () => {
  let mock: RunningMock;
  let ids: string[];
  let extraKey: Credentials;
  const saved = { ...process.env };
  const dir = mkdtempSync(join(tmpdir(), 'lab-awscfg-'));

  before(async () => {
    mock = await startMock({ accounts: 2 });
    ids = mock.accounts.map((a) => a.id);
    const admin0 = { accessKeyId: mock.accounts[0]!.admin.accessKeyId, secretAccessKey: mock.accounts[0]!.admin.secretAccessKey };
    // A second key of the first admin, which the credential process hands out on refresh.
    const k = await callAws('iam:CreateAccessKey', { UserName: 'admin' }, admin0, { region: mock.region, endpoint: mock.endpoint });
    assert.ok(k.ok);
    const key = k.output['AccessKey'] as { AccessKeyId: string; SecretAccessKey: string };
    extraKey = { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey };
    // credential_process: the first call gives the admin's key, later ones the second key.
    const counter = join(dir, 'calls');
    const script = join(dir, 'creds.sh');
    const json = (c: Credentials) => JSON.stringify({ Version: 1, AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey, Expiration: new Date(Date.now() + 3600_000).toISOString() });
    writeFileSync(script, `#!/bin/sh\nif [ -e ${counter} ]; then echo '${json(extraKey)}'; else touch ${counter}; echo '${json(admin0)}'; fi\n`);
    chmodSync(script, 0o755);
    writeFileSync(join(dir, 'config'), mock.accounts.map((_, i) => `[profile p${i + 1}]\nregion = us-east-1\n`).join('\n') + `\n[profile rotating]\ncredential_process = ${script}\n`);
    writeFileSync(join(dir, 'credentials'), mock.accounts.map((a, i) => `[p${i + 1}]\naws_access_key_id = ${a.admin.accessKeyId}\naws_secret_access_key = ${a.admin.secretAccessKey}\n`).join('\n'));
    Object.assign(process.env, { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_ENDPOINT_URL: mock.endpoint });
    for (const k of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'LAB_ALLOW_ACCOUNTS']) delete process.env[k];
  });
  after(async () => {
    process.env = saved;
    await closeClients();
    await mock.close();
  });

  const opts = (o: Partial<AwsTargetOptions>): AwsTargetOptions => ({
    accounts: ['source', 'target'],
    region: 'us-east-1',
    account: ['source=p1', 'target=p2'],
    yes: true,
    allowAccount: ids,
    interactive: false,
    write: quiet,
    ...o,
  });

  it('maps each logical account to its profile and runs cross-account with nothing left behind', async () => {
    const target = await startAwsTarget(opts({ settleTimeout: 5 }));
    try {
      assert.equal(target.kind, 'aws');
      assert.equal(target.endpoint, undefined, 'the SDK finds the endpoint itself');
      assert.deepEqual(target.accounts.map((a) => [a.name, a.id, a.adminArn]), [
        ['source', ids[0], mock.accounts[0]!.admin.arn],
        ['target', ids[1], mock.accounts[1]!.admin.arn],
      ]);
      assert.equal(target.settleTimeoutMs, 5000);
      const { lab } = parseLabFile(fileURLToPath(new URL('../../../labs/cross-account.md', import.meta.url)));
      const before = mock.inventory();
      const r = await runLab(lab!, target, { prefix: 'lab-awst', runId: 'lab-awst-1' });
      assert.deepEqual(r.steps.flatMap((s) => s.actions.flatMap((a) => a.problems)), []);
      assert.equal(r.ok, true);
      assert.deepEqual(mock.inventory(), before);
    } finally {
      await target.close();
    }
  });

  it('refuses one account for a lab that needs two, before changing anything', async () => {
    const before = mock.inventory();
    await assert.rejects(
      startAwsTarget(opts({ account: [], profile: 'p1' })),
      (e: unknown) => e instanceof TargetRefusal && /needs 2 different AWS accounts \(source, target\)/.test(e.message),
    );
    await assert.rejects(startAwsTarget(opts({ yes: false })), (e: unknown) => e instanceof TargetRefusal && /add: --yes$/m.test(e.message));
    assert.deepEqual(mock.inventory(), before);
  });

  it('explains denials with the policy simulator, and decodes EC2 encoded messages', async () => {
    const target = await startAwsTarget(opts({}));
    const src = target.accounts[0]!;
    const at = { region: 'us-east-1' };
    try {
      assert.ok((await callAws('iam:CreateUser', { UserName: 'lab-why-u' }, src.admin, at)).ok);
      const key = await callAws('iam:CreateAccessKey', { UserName: 'lab-why-u' }, src.admin, at);
      assert.ok(key.ok);
      const k = key.output['AccessKey'] as { AccessKeyId: string; SecretAccessKey: string };
      const user = { accessKeyId: k.AccessKeyId, secretAccessKey: k.SecretAccessKey };
      const explain = target.explainDenial as unknown as (q: object) => ReturnType<typeof target.explainDenial>;

      const s3 = await callAws('s3:ListBuckets', {}, user, at);
      assert.ok(!s3.ok && s3.error.code === 'AccessDenied');
      const why = await explain({ error: s3.error, call: 's3:ListBuckets', input: {} });
      assert.match(why!.explanation, /No policy of user\/lab-why-u allows s3:ListAllMyBuckets/);
      assert.match(why!.details!.join('\n'), /policy simulator: implicitDeny/);

      const ec2 = await callAws('ec2:RunInstances', { ImageId: 'ami-12345678', InstanceType: 't3.micro', MinCount: 1, MaxCount: 1 }, user, at);
      assert.ok(!ec2.ok && ec2.error.code === 'UnauthorizedOperation', !ec2.ok ? ec2.error.code : 'ok');
      assert.match(ec2.error.message, /Encoded authorization failure message/);
      const why2 = await explain({ error: ec2.error, call: 'ec2:RunInstances' });
      assert.match(why2!.explanation, /No policy of user\/lab-why-u allows ec2:RunInstances/);

      assert.equal(
        await target.explainDenial({ requestId: 'a-request-id', error: { code: 'AccessDenied', message: 'Access Denied' } }),
        undefined,
        'a request id and a bare Access Denied tell AWS nothing',
      );
      for (const c of ['iam:DeleteAccessKey', 'iam:DeleteUser'] as const) {
        assert.ok((await callAws(c, c === 'iam:DeleteUser' ? { UserName: 'lab-why-u' } : { UserName: 'lab-why-u', AccessKeyId: k.AccessKeyId }, src.admin, at)).ok);
      }
    } finally {
      await target.close();
    }
  });

  it('keeps the credential provider and re-resolves it, updating the credentials in place', async () => {
    const source = await CredentialSource.open({ profile: 'rotating' });
    try {
      const held = source.current;
      assert.equal(held.accessKeyId, mock.accounts[0]!.admin.accessKeyId);
      assert.ok(held.expiration instanceof Date);
      await source.refresh();
      assert.equal(source.current, held, 'the same object the runner holds');
      assert.equal(held.accessKeyId, extraKey.accessKeyId);
      const who = await callAws('sts:GetCallerIdentity', {}, held, { region: 'us-east-1' });
      assert.ok(who.ok);
      assert.equal(who.output['Arn'], mock.accounts[0]!.admin.arn);
    } finally {
      source.close();
    }
  });
});
