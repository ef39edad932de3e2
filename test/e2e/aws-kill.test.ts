// Crash safety on real accounts: `lab run cross-account --target aws` SIGKILLed at each step
// of the lab in turn (and once during its own cleanup), each followed by `lab cleanup --all`,
// leaves both accounts exactly as they were. The mock poses as AWS with a 2 s propagation
// delay, so kills land mid-settle as well as mid-create.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { accountFlags, journalFiles, lab, pool, root, shippedLabs, startSandbox, type Sandbox } from '../targets/sandbox.js';

/** Step count of a lab: its `## ` headings (what the runner numbers as steps). */
function stepCount(id: string): number {
  return readFileSync(`${root}/labs/${id}.md`, 'utf8')
    .replace(/^(```|~~~)[\s\S]*?^\1/gm, '')
    .split('\n')
    .filter((l) => /^## /.test(l)).length;
}

describe('SIGKILL at every step of cross-account, then lab cleanup --all (2 s propagation delay)', () => {
  let sb: Sandbox;
  let before0: unknown;
  before(async () => {
    sb = await startSandbox({ propagationDelayMs: 2000 });
    before0 = await sb.snapshot();
  });
  after(async () => {
    await sb?.close();
  });

  it('leaves both accounts exactly as before, whatever step the run died in', async () => {
    const xacct = (await shippedLabs(sb.env)).find((l) => l.id === 'cross-account')!;
    const total = stepCount('cross-account');
    assert.ok(total >= 5, `cross-account has ${total} steps`);
    // "3/13 Title" starts step 3; "Cleaning up" starts the run's own cleanup.
    const kills = [...Array.from({ length: total }, (_, i) => ({ at: `step ${i + 1}`, when: new RegExp(`^${i + 1}/${total} `, 'm') })), { at: 'cleanup', when: /^Cleaning up/m }];
    const outcomes = await pool(kills, 7, async (k) => {
      const { env, runsDir } = sb.stateEnv();
      const run = await lab(['run', 'cross-account', '--target', 'aws', ...accountFlags(sb, xacct.accounts)], env, { killWhen: k.when });
      const left = journalFiles(runsDir).length;
      const clean = await lab(['cleanup', '--all', ...accountFlags(sb, xacct.accounts)], env);
      return { k, run, left, clean, after: journalFiles(runsDir) };
    });
    for (const { k, run, left, clean, after } of outcomes) {
      assert.equal(run.signal, 'SIGKILL', `killed at ${k.at} (the run ended with ${run.code}: ${run.stdout.slice(-300)})`);
      assert.equal(left, 1, `killed at ${k.at}: the run's journal survives it`);
      assert.equal(clean.code, 0, `cleanup after a kill at ${k.at}:\n${clean.stdout}${clean.stderr}`);
      assert.deepEqual(after, [], `killed at ${k.at}: the finished journal is removed`);
    }
    // Some kills must have caught the run with resources in place, or the test proves little.
    // (A line ending in the account id is a delete that found its resource: not "already gone".)
    const deleted = outcomes.filter((o) => /✓ (iam|s3):Delete[^\n]* \d{12}$/m.test(o.clean.stdout));
    assert.ok(deleted.length >= total - 2, `only ${deleted.length} of ${outcomes.length} cleanups deleted something`);
    assert.deepEqual(await sb.snapshot(), before0);
  });

  it('SIGINT and SIGTERM, even mid-settle, clean up and exit 130', async () => {
    const xacct = (await shippedLabs(sb.env)).find((l) => l.id === 'cross-account')!;
    const total = stepCount('cross-account');
    const runs = await pool(['SIGINT', 'SIGTERM'] as const, 2, async (signal) => {
      const { env, runsDir } = sb.stateEnv();
      // The first wait for IAM: the learner's new key is not valid everywhere yet.
      const r = await lab(['run', 'cross-account', '--target', 'aws', ...accountFlags(sb, xacct.accounts)], env, { killWhen: /waiting for IAM to settle/, signal });
      return { signal, r, journals: journalFiles(runsDir) };
    });
    for (const { signal, r, journals } of runs) {
      assert.equal(r.code, 130, `${signal}: ${r.stdout}${r.stderr}`);
      assert.match(r.stdout, /Cleaning up/);
      assert.doesNotMatch(r.stdout, new RegExp(`^${total}/${total} `, 'm'), 'the run stopped early');
      assert.deepEqual(journals, [], `${signal}: finished journal removed`);
    }
    assert.deepEqual(await sb.snapshot(), before0);
  });
});
