// The guided run, driven by a scripted learner against a mock the test starts: the runner
// asks the reporter before each step and after each unexpected outcome, exactly as on a
// terminal; only the keyboard is replaced.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { InteractiveReporter } from '../../src/cli/reporters/interactive.js';
import { buildReport } from '../../src/cli/reporters/json.js';
import { parseLabFile, type Lab } from '../../src/lab/index.js';
import { startMock, type RunningMock } from '../../src/mock/index.js';
import { runLab } from '../../src/runner/run-lab.js';
import { mockSession } from '../../src/targets/mock.js';
import { setColor } from '../../src/ui/colors.js';
import { CANCEL, ScriptedPrompter, type Answer } from './scripted-prompter.js';

const file = (rel: string) => fileURLToPath(new URL(`../../../test/${rel}`, import.meta.url));

function load(rel: string): Lab {
  const { lab, errors } = parseLabFile(file(rel));
  assert.deepEqual(errors.map(String), []);
  return lab!;
}

class Capture extends Writable {
  text = '';
  columns = 100;
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('the guided run', () => {
  let mock: RunningMock;
  before(async () => {
    setColor(false);
    mock = await startMock({ accounts: ['main'] });
  });
  after(() => mock.close());

  async function guided(rel: string, script: Answer[], prefix: string) {
    const out = new Capture();
    const prompter = new ScriptedPrompter(script);
    const target = mockSession(mock, { closeMock: false });
    const reporter = new InteractiveReporter({ out, prompter, target, signal: new AbortController().signal });
    const before = mock.inventory();
    const result = await runLab(load(rel), target, { prefix, runId: `${prefix}-run`, events: reporter, control: reporter });
    assert.equal(prompter.remaining, 0, 'every scripted answer was asked for');
    assert.deepEqual(mock.inventory(), before, 'the run cleaned up');
    return { out: out.text, prompter, reporter, result };
  }

  it('shows prose, explains on request, shows each call with its AWS CLI command, asks the quiz', async () => {
    const { out, prompter, reporter, result } = await guided(
      'e2e/fixtures/guided.md',
      ['explain', 'run', 'run', '0', 'again', '1'],
      'lab-gt1',
    );
    assert.equal(result.ok, true);
    assert.match(out, /A guided tour of a denial/);
    assert.match(out, /Resource {7}Why it exists/, 'the intro table is rendered');
    assert.match(out, /── Step 1 of 2 · /);
    assert.match(out, /• the key id is public,/);
    assert.match(out, /as written \(.*guided\.md:25\):\n {5}call: iam:CreateUser/, 'explain shows the block as written');
    assert.match(out, /▶ iam:CreateUser as main\n {2}\$ aws iam create-user --user-name lab-gt1-alice\n {2}✓ ok/);
    assert.match(out, /\? Quiz\nAlice has no policies\. What happens when she calls `iam:ListUsers`\?/);
    assert.match(out, /✗ Not quite\.\nAn IAM user starts with no permissions\./);
    assert.match(out, /✓ Right\./);
    assert.match(out, /✓ AccessDenied, as expected \(\d+ ms\)\n {4}User: arn:aws:iam::\d{12}:user\/lab-gt1-alice is not authorized/);
    assert.match(out, /\n {4}why: \S/, "the engine's explanation under the denial");
    assert.match(out, /Summary\n#\s+Step\s+Result\s+Time\s+Quiz/);
    assert.match(out, /✓ done · 2\/2 steps met · quiz 0\/1 right first time · cleaned up/);
    // The quiz comes after "run" was chosen and before the step's action.
    assert.ok(out.indexOf('? Quiz') < out.indexOf('▶ iam:ListUsers as alice\n  $ aws iam list-users'));
    assert.deepEqual(prompter.asked[0]!.choices, ['run', 'skip', 'explain', 'hint', 'quit'].filter((c) => c !== 'hint'));
    assert.deepEqual(prompter.asked[2]!.choices, ['run', 'skip', 'explain', 'hint', 'quit'], 'step 2 has a hint to offer');

    const answers = reporter.quizAnswers();
    assert.deepEqual(answers, [
      {
        step: 1,
        line: 40,
        question: 'Alice has no policies. What happens when she calls `iam:ListUsers`?',
        answers: ['It succeeds, because every user may list users', 'It is denied, because nothing allows it'],
        correctFirstTry: false,
        solved: true,
      },
    ]);
    const report = buildReport(result, { quizzes: answers });
    assert.equal(report.steps[0]!.quizzes, undefined);
    assert.deepEqual(report.steps[1]!.quizzes, [
      { line: 40, question: answers[0]!.question, asked: true, answers: answers[0]!.answers, correctFirstTry: false, solved: true },
    ]);
    assert.deepEqual(report.quiz, { asked: 1, correctFirstTry: 0, solved: 1 });
    assert.equal(report.ok, true, 'a wrong quiz answer never fails the run');
  });

  it('after an unexpected outcome: the hint once, details on request, retry sends again, skip goes on', async () => {
    const { out, result } = await guided('ui/fixtures/unmet.md', ['run', 'run', 'retry', 'details', 'skip', 'run'], 'lab-gt2');
    assert.equal(result.ok, false);
    assert.equal(out.split('hint:').length - 1, 1, 'the hint is shown once, not again on retry');
    assert.match(out, /hint:\n {4}Bob has no identity policy\. Which policy would allow `iam:ListUsers`\?/);
    assert.equal(out.split('▶ iam:ListUsers as bob\n  $ aws iam list-users').length - 1, 2, 'retry sent the call again');
    assert.match(out, /Details\n {2}action: .*unmet\.md:24\n {2}call: iam:ListUsers\n {2}as: bob\n {2}AWS CLI: aws iam list-users\n {2}expected: succeeds\n {2}error: AccessDenied/);
    assert.match(out, /request id: \S+/);
    assert.match(out, /unexpected: expected success, got AccessDenied/);
    const steps = result.steps.map((s) => [s.index, s.met, s.skipped ?? false]);
    assert.deepEqual(steps, [[0, true, false], [1, false, true], [2, true, false]]);
    assert.match(out, /2 {2}Bob lists the users +skipped/);
    assert.match(out, /✗ not done · 2\/3 steps met · cleaned up/);
  });

  it('Ctrl-C at a question offers to stop; "no" goes on, "yes" stops and cleans up', async () => {
    const { out, prompter, result } = await guided('e2e/fixtures/guided.md', [CANCEL, false, 'run', CANCEL, true], 'lab-gt3');
    assert.equal(prompter.asked[1]!.message, 'Stop the lab here? What it created is cleaned up.');
    assert.equal(result.quit, true);
    assert.equal(result.steps.length, 1);
    assert.ok(result.cleanup.length === 2 && result.cleanup.every((c) => c.ok));
    assert.match(out, /2 {2}Alice lists the users +not reached/);
    assert.match(out, /stopped · 1\/2 steps met · cleaned up/);
  });

  it('Ctrl-C during a quiz also offers to stop; the quiz counts as not answered', async () => {
    const { reporter, result } = await guided('e2e/fixtures/guided.md', ['run', 'run', CANCEL, false], 'lab-gt4');
    assert.equal(result.ok, true);
    assert.deepEqual(
      reporter.quizAnswers().map((q) => [q.answers, q.solved, q.cancelled]),
      [[[], false, true]],
    );
  });

  it('a skipped step asks no quiz', async () => {
    const { reporter, result } = await guided('e2e/fixtures/guided.md', ['run', 'skip'], 'lab-gt5');
    assert.deepEqual(reporter.quizAnswers(), []);
    assert.equal(result.steps[1]!.skipped, true);
  });

  it('offers to keep what an interrupted run created; Ctrl-C on that question means clean up', async () => {
    const ask = async (answer: boolean | typeof CANCEL, interrupted: boolean) => {
      const prompter = new ScriptedPrompter(interrupted ? [answer] : []);
      const reporter = new InteractiveReporter({ out: new Capture(), prompter, target: { accounts: [] }, signal: new AbortController().signal });
      return [await reporter.beforeCleanup({ count: 3, interrupted }), prompter.asked.map((a) => a.message)];
    };
    assert.deepEqual(await ask(false, true), ['keep', ['Clean up the 3 thing(s) this run created?']]);
    assert.deepEqual(await ask(true, true), ['clean', ['Clean up the 3 thing(s) this run created?']]);
    assert.deepEqual(await ask(CANCEL, true), ['clean', ['Clean up the 3 thing(s) this run created?']]);
    assert.deepEqual(await ask(false, false), ['clean', []], 'a run that was not interrupted just cleans up');
  });

  it('asks nothing after an unexpected outcome once the run is being interrupted', async () => {
    const abort = new AbortController();
    const prompter = new ScriptedPrompter([]);
    const reporter = new InteractiveReporter({ out: new Capture(), prompter, target: { accounts: [] }, signal: abort.signal });
    abort.abort();
    const lab = load('ui/fixtures/unmet.md');
    const action = lab.steps[1]!.actions[0]!;
    const result = { action, label: 'iam:ListUsers', as: 'bob', outcome: { ok: false, durationMs: 1 }, met: false, problems: ['x'] };
    assert.equal(await reporter.afterUnmet(result), 'quit');
    assert.deepEqual(prompter.asked, []);
  });
});
