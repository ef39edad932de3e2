// Throttling on real accounts: with `lab mock --throttle 0.2` posing as AWS (a fifth of all
// requests refused with each service's throttling error) and a 2 s propagation delay, every
// shipped lab still passes with --target aws and leaves both accounts as they were: the SDK
// retries throttled calls, and settling still converges.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { accountFlags, journalFiles, lab, pool, shippedLabs, startSandbox, type Sandbox } from '../targets/sandbox.js';

describe('lab run --target aws under throttling (20% of requests, 2 s propagation delay)', () => {
  let sb: Sandbox;
  let before0: unknown;
  before(async () => {
    sb = await startSandbox({ propagationDelayMs: 2000, throttle: 0.2 });
    before0 = await sb.snapshot();
  });
  after(async () => {
    await sb?.close();
  });

  it('every shipped lab passes and cleans up', async () => {
    const labs = await shippedLabs(sb.env);
    const results = await pool(labs, 4, async (l) => {
      const { env, runsDir } = sb.stateEnv();
      const r = await lab(['run', l.id, '--target', 'aws', ...accountFlags(sb, l.accounts), '-q'], env);
      return { l, r, journals: journalFiles(runsDir) };
    });
    for (const { l, r, journals } of results) {
      assert.equal(r.code, 0, `${l.id}: ${r.stdout}${r.stderr}`);
      assert.deepEqual(journals, [], `${l.id} leaves no journal`);
    }
    assert.deepEqual(await sb.snapshot(), before0);
  });
});
