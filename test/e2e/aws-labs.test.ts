// `lab run --target aws` as an operator uses it, against `lab mock --propagation-delay 2000`
// posing as two sandbox accounts: the safety gate refuses before changing anything, every
// shipped lab passes (settling through the delay), and a --keep run is removed by
// `lab cleanup RUN-ID`.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { accountFlags, journalFiles, lab, pool, shippedLabs, startSandbox, type Sandbox } from '../targets/sandbox.js';

describe('lab run --target aws (lab mock posing as AWS, 2 s propagation delay)', () => {
  let sb: Sandbox;
  let before0: unknown;
  // A lab that only reads: enough to reach the gate, and harmless if the gate let it through.
  const readOnly = join(mkdtempSync(join(tmpdir(), 'lab-ro-')), 'who.md');
  writeFileSync(
    readOnly,
    ['---', 'title: Who am I', 'summary: Reads only.', 'accounts: [source, target]', '---', '', '## Ask', '', '```yaml lab', 'as: source', 'call: sts:GetCallerIdentity', '```', ''].join('\n'),
  );

  before(async () => {
    sb = await startSandbox({ propagationDelayMs: 2000 });
    before0 = await sb.snapshot();
  });
  after(async () => {
    await sb?.close();
  });

  it('refuses non-interactively without --yes and --allow-account, exit 2, naming the flags, before changing anything', async () => {
    const { env, runsDir } = sb.stateEnv();
    const [a, b] = sb.accounts.map((x) => x.id);
    const profiles = ['--account', `source=${sb.accounts[0]!.profile}`, '--account', `target=${sb.accounts[1]!.profile}`];
    const none = await lab(['run', 'cross-account', '--target', 'aws', ...profiles], env);
    assert.equal(none.code, 2, none.stdout + none.stderr);
    assert.match(none.stderr, new RegExp(`To go ahead, add: --yes --allow-account ${a} --allow-account ${b}`));
    assert.match(none.stderr, new RegExp(`source: account ${a} as arn:aws:iam::${a}:user/sandbox-operator \\[profile ${sb.accounts[0]!.profile}\\]`));
    const one = await lab(['run', 'cross-account', '--target', 'aws', ...profiles, '--yes', '--allow-account', a!], env);
    assert.equal(one.code, 2);
    assert.match(one.stderr, new RegExp(`add: --allow-account ${b} \\(or set LAB_ALLOW_ACCOUNTS=${b}`));
    // LAB_ALLOW_ACCOUNTS is as good as the flags.
    const viaEnv = await lab(['run', readOnly, '--target', 'aws', ...profiles, '--yes'], { ...env, LAB_ALLOW_ACCOUNTS: `${a},${b}` });
    assert.equal(viaEnv.code, 0, viaEnv.stdout + viaEnv.stderr);
    assert.equal(none.stdout, '', 'no step started');
    assert.deepEqual(journalFiles(runsDir), []);
    assert.deepEqual(await sb.snapshot(), before0);
  });

  it('refuses a two-account lab on one account, exit 2', async () => {
    const { env } = sb.stateEnv();
    const r = await lab(['run', readOnly, '--target', 'aws', '--profile', sb.accounts[0]!.profile, '--yes', '--allow-account', sb.accounts[0]!.id], env);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /needs 2 different AWS accounts \(source, target\).*--account source=PROFILE --account target=PROFILE/s);
  });

  it('lab cleanup: says which run, skips live runs, and refuses accounts it has no credentials for (exit 2)', async () => {
    const { env, runsDir } = sb.stateEnv();
    mkdirSync(runsDir, { recursive: true });
    const journal = (runId: string, extra: Record<string, unknown>) =>
      writeFileSync(
        join(runsDir, `${runId}.json`),
        JSON.stringify({ runId, lab: 'cross-account', target: 'aws', prefix: runId.slice(0, 9), accounts: { source: sb.accounts[0]!.id }, startedAt: new Date().toISOString(), entries: [{ seq: 1, account: 'source', call: 'iam:CreateUser', input: { UserName: `${runId.slice(0, 9)}-u` }, state: 'pending' }], ...extra }),
      );
    journal('lab-live1-m1', { pid: process.pid, host: hostname() });
    const flags = ['--profile', sb.accounts[0]!.profile, '--yes', '--allow-account', sb.accounts[0]!.id];
    const which = await lab(['cleanup', ...flags], env);
    assert.equal(which.code, 2);
    assert.match(which.stderr, /lab cleanup RUN-ID, or lab cleanup --all[\s\S]*lab-live1-m1 +\(lab cross-account, aws/);
    const live = await lab(['cleanup', '--all', ...flags], env);
    assert.equal(live.code, 0, live.stdout + live.stderr);
    assert.match(live.stderr, /skipping run lab-live1-m1: it is still running/);
    journal('lab-other-m1', { accounts: { source: '999999999999' } });
    const foreign = await lab(['cleanup', '--all', ...flags], env);
    assert.equal(foreign.code, 2, foreign.stdout + foreign.stderr);
    assert.match(foreign.stderr, /account 999999999999 \(lab-other-m1\/source\): add --account source=PROFILE/);
    assert.equal((await lab(['cleanup', 'lab-nosuch-m1', ...flags], env)).code, 2);
    assert.equal((await lab(['cleanup', '../../etc/passwd', ...flags], env)).code, 2);
  });

  it('every shipped lab passes and leaves both accounts as they were; a --keep run is removed by lab cleanup RUN-ID', async () => {
    const labs = await shippedLabs(sb.env);
    assert.ok(labs.some((l) => l.id === 'cross-account'));
    const kept = labs[labs.length - 1]!;
    const results = await pool(labs, 3, async (l) => {
      const { env, runsDir } = sb.stateEnv();
      const keep = l === kept ? ['--keep'] : [];
      const r = await lab(['run', l.id, '--target', 'aws', ...accountFlags(sb, l.accounts), '-q', ...keep], env);
      return { lab: l, r, env, runsDir, journals: journalFiles(runsDir) };
    });
    for (const { lab: l, r, journals } of results) {
      assert.equal(r.code, 0, `${l.id}: ${r.stdout}${r.stderr}`);
      if (l !== kept) assert.deepEqual(journals, [], `${l.id} leaves no journal`);
    }
    // The kept run's journal names its run; cleaning it by id restores the accounts.
    const k = results.find((x) => x.lab === kept)!;
    assert.equal(k.journals.length, 1, `${kept.id} --keep keeps its journal`);
    const runId = k.journals[0]!.replace(/\.json$/, '');
    assert.notDeepEqual(await sb.snapshot(), before0, 'the kept run left its resources');
    const c = await lab(['cleanup', runId, ...accountFlags(sb, kept.accounts)], k.env);
    assert.equal(c.code, 0, c.stdout + c.stderr);
    assert.match(c.stdout, new RegExp(`clean: nothing of run ${runId} is left`));
    assert.deepEqual(journalFiles(k.runsDir), []);
    assert.deepEqual(await sb.snapshot(), before0);
  });
});
