// The runner against a mock the test starts itself, so that the mock's inventory can be
// compared before and after a run. The runner only talks to it over HTTP with the SDK.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseLabFile } from '../../src/lab/index.js';
import type { Lab } from '../../src/lab/types.js';
import { startMock, type RunningMock } from '../../src/mock/index.js';
import { runLab } from '../../src/runner/run-lab.js';
import type { RunResult } from '../../src/runner/types.js';
import { mockSession } from '../../src/targets/mock.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../test/runner/fixtures/${name}`, import.meta.url));
const shipped = (name: string) => fileURLToPath(new URL(`../../../labs/${name}`, import.meta.url));

function load(file: string): Lab {
  const { lab, errors } = parseLabFile(file);
  assert.deepEqual(errors.map(String), []);
  assert.ok(lab);
  return lab;
}

describe('runLab on the embedded mock', () => {
  let mock: RunningMock;
  before(async () => {
    mock = await startMock({ accounts: ['source', 'target'] });
  });
  after(async () => {
    await mock.close();
  });

  async function run(lab: Lab, prefix: string): Promise<{ result: RunResult; before: unknown; after: unknown }> {
    const before = mock.inventory();
    const result = await runLab(lab, mockSession(mock, { closeMock: false }), { prefix, runId: `${prefix}-run` });
    return { result, before, after: mock.inventory() };
  }

  const unmet = (r: RunResult) =>
    r.steps.flatMap((s) => s.actions.filter((a) => !a.met).map((a) => `${s.step.title}: ${a.problems.join('; ')}`));

  it('runs labs/cross-account.md: the first AssumeRole is denied, the second succeeds, all is cleaned up', async () => {
    const { result, before, after } = await run(load(shipped('cross-account.md')), 'lab-xacct');
    assert.deepEqual(unmet(result), []);
    assert.equal(result.ok, true);
    const actions = result.steps.flatMap((s) => s.actions);
    const assumes = actions.filter((a) => a.action.call === 'sts:AssumeRole');
    assert.ok(assumes.length >= 2);
    assert.equal(assumes[0]!.outcome.error?.code, 'AccessDenied');
    assert.match(assumes[0]!.outcome.error!.message, /user\/lab-xacct-learner is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::\d{12}:role\/lab-xacct-reader/);
    assert.ok(assumes.slice(1).some((a) => a.outcome.ok), 'a later AssumeRole succeeds');
    assert.ok(result.cleanup.length >= 6, `cleanup ran ${result.cleanup.length} calls`);
    assert.ok(result.cleanup.every((c) => c.ok));
    assert.deepEqual(after, before, 'the mock holds nothing the run created');
  });

  it('cleanup empties a bucket the run created of objects it did not journal, then deletes it', async () => {
    const { result, before, after } = await run(load(fixture('bucket-with-extras.md')), 'lab-extras');
    assert.deepEqual(unmet(result), []);
    const deletes = result.cleanup.filter((c) => c.item.call === 's3:DeleteBucket');
    assert.equal(deletes.length, 1);
    assert.deepEqual([deletes[0]!.ok, deletes[0]!.error], [true, undefined]);
    assert.equal(result.ok, true);
    assert.deepEqual(after, before, 'the bucket and every object in it are gone');
  });

  it('the same AssumeRole succeeds at once when the identity policy exists from the start', async () => {
    const { result, before, after } = await run(load(fixture('policy-first.md')), 'lab-first');
    assert.deepEqual(unmet(result), []);
    const assume = result.steps.at(-1)!.actions[0]!;
    assert.equal(assume.outcome.ok, true);
    assert.deepEqual(after, before);
  });

  it('fails when the trust policy names another account, even with the identity policy', async () => {
    const { result, before, after } = await run(load(fixture('wrong-account.md')), 'lab-wrong');
    assert.deepEqual(unmet(result), []);
    const assume = result.steps.at(-1)!.actions[0]!;
    assert.equal(assume.outcome.error?.code, 'AccessDenied');
    assert.deepEqual(after, before);
  });

  it('a step whose claim does not hold stops the run, fails it, and cleanup still empties the mock', async () => {
    const { result, before, after } = await run(load(fixture('fails-midway.md')), 'lab-midway');
    assert.equal(result.ok, false);
    const failed = result.steps.find((s) => !s.met)!;
    assert.equal(failed.actions[0]!.outcome.error?.code, 'AccessDenied');
    assert.match(failed.actions[0]!.problems[0]!, /expected success, got AccessDenied/);
    assert.ok(!result.steps.some((s) => s.step.title === 'Never reached'), 'later steps are not run');
    assert.ok(result.cleanup.length > 0 && result.cleanup.every((c) => c.ok));
    assert.deepEqual(after, before);
  });

  it('--keep leaves what the run created', async () => {
    const lab = load(fixture('policy-first.md'));
    const before = mock.inventory();
    const result = await runLab(lab, mockSession(mock, { closeMock: false }), { prefix: 'lab-keep', runId: 'k', keep: true });
    assert.equal(result.ok, true);
    assert.equal(result.cleanup.length, 0);
    assert.notDeepEqual(mock.inventory(), before);
    assert.match(JSON.stringify(mock.inventory()), /lab-keep-reader/);
  });
});
