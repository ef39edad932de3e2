// --report (DESIGN §6) and --junit as an instructor or a CI server reads them: from the real
// command, and from a guided run where the learner skipped a step.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { InteractiveReporter } from '../../src/cli/reporters/interactive.js';
import { buildReport } from '../../src/cli/reporters/json.js';
import { buildJUnit } from '../../src/cli/reporters/junit.js';
import { parseLabFile } from '../../src/lab/index.js';
import { startMock } from '../../src/mock/index.js';
import { runLab } from '../../src/runner/run-lab.js';
import { mockSession } from '../../src/targets/mock.js';
import { ScriptedPrompter } from '../ui/scripted-prompter.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = (rel: string) => join(root, 'test', rel);

function labRun(file: string) {
  const dir = mkdtempSync(join(tmpdir(), 'lab-reports-'));
  const report = join(dir, 'report.json');
  const junit = join(dir, 'junit.xml');
  const r = spawnSync(process.execPath, [join(root, 'bin/lab.js'), 'run', file, '--prefix', 'lab-rep', '--report', report, '--junit', junit], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout + r.stderr, json: JSON.parse(readFileSync(report, 'utf8')), xml: readFileSync(junit, 'utf8') };
}

const testcases = (xml: string) => [...xml.matchAll(/<testcase classname="([^"]+)" name="([^"]+)" time="([\d.]+)"(\/>|>\s*<(failure|skipped) message="([^"]*)")/g)].map((m) => [m[2], m[5] ?? 'passed', m[6] ?? '']);

describe('reports of lab run', () => {
  it('--report holds the lab, target, times, and per step its actions with expected and actual outcome', () => {
    const { code, out, json } = labRun(fixture('e2e/fixtures/guided.md'));
    assert.equal(code, 0, out);
    assert.equal(json.lab, 'guided');
    assert.equal(json.target, 'mock');
    assert.equal(json.ok, true);
    assert.ok(Date.parse(json.startedAt) <= Date.parse(json.endedAt));
    assert.deepEqual(json.steps.map((s: { title: string; met: boolean }) => [s.title, s.met]), [
      ['Create a user with an access key', true],
      ['Alice lists the users', true],
    ]);
    const denial = json.steps[1].actions[0];
    assert.equal(denial.call, 'iam:ListUsers');
    assert.equal(denial.as, 'alice');
    assert.equal(denial.cli, 'aws iam list-users');
    assert.deepEqual(denial.expected, { success: false, error: ['AccessDenied'], message: 'iam:ListUsers' });
    assert.equal(denial.actual.ok, false);
    assert.equal(denial.actual.error.code, 'AccessDenied');
    assert.equal(typeof denial.durationMs, 'number');
    assert.match(denial.explanation, /\S/, "the engine's explanation of the denial");
    const key = json.steps[0].actions[1].actual.output.AccessKey;
    assert.match(key.SecretAccessKey, /^\w{4}…$/, 'the secret key is masked');
    assert.deepEqual(json.cleanup.map((c: { call: string; ok: boolean }) => [c.call, c.ok]), [
      ['iam:DeleteAccessKey', true],
      ['iam:DeleteUser', true],
    ]);
  });

  it('--junit has a testcase per step and one for cleanup; a failed claim is a failure, later steps skipped', () => {
    const { code, xml, json } = labRun(fixture('ui/fixtures/unmet.md'));
    assert.equal(code, 1);
    assert.equal(json.ok, false);
    const cases = testcases(xml);
    assert.deepEqual(cases.map(([name, kind]) => [name, kind]), [
      ['1. Make a user without permissions', 'passed'],
      ['2. Bob lists the users', 'failure'],
      ['3. Afterwards', 'skipped'],
      ['cleanup', 'passed'],
    ]);
    assert.match(cases[1]![2]!, /^iam:ListUsers \(.*unmet\.md:24\): expected success, got AccessDenied: User: arn:aws:iam::\d{12}:user\/lab-rep-bob is not authorized/);
    assert.equal(cases[2]![2], 'not reached');
    assert.match(xml, /<testsuites name="lab" tests="4" failures="1" skipped="1"/);
  });

  it('a step the learner skipped is "skipped by the learner" in JUnit and skipped in the report', async () => {
    const mock = await startMock({ accounts: ['main'] });
    try {
      const { lab } = parseLabFile(fixture('e2e/fixtures/guided.md'));
      const target = mockSession(mock, { closeMock: false });
      const out = new (class extends Writable {
        override _write(_c: Buffer, _e: string, done: () => void) {
          done();
        }
      })();
      const reporter = new InteractiveReporter({ out, prompter: new ScriptedPrompter(['run', 'skip']), target, signal: new AbortController().signal });
      const result = await runLab(lab!, target, { prefix: 'lab-skip', runId: 'lab-skip-run', events: reporter, control: reporter });
      assert.deepEqual(testcases(buildJUnit(result)), [
        ['1. Create a user with an access key', 'passed', ''],
        ['2. Alice lists the users', 'skipped', 'skipped by the learner'],
        ['cleanup', 'passed', ''],
      ]);
      const report = buildReport(result, { quizzes: reporter.quizAnswers() });
      assert.deepEqual(report.steps.map((s) => [s.met, s.skipped]), [[true, false], [false, true]]);
      assert.deepEqual(report.steps[1]!.quizzes!.map((q) => [q.asked, q.answers]), [[false, []]], 'the quiz of a skipped step is listed as not asked');
      assert.equal(report.ok, false);
    } finally {
      await mock.close();
    }
  });
});
