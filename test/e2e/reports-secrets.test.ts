// No secret in any output of a run: stdout, stderr, --verbose, --report and --junit. The
// fixture makes secrets reach every place they could: commands print their credentials, an
// output holds a session, a failed expectation quotes a secret key.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildReport } from '../../src/cli/reporters/json.js';
import { buildJUnit } from '../../src/cli/reporters/junit.js';
import { TextReporter } from '../../src/cli/reporters/text.js';
import { parseLabFile } from '../../src/lab/index.js';
import { startMock, type RunningMock } from '../../src/mock/index.js';
import { runLab } from '../../src/runner/run-lab.js';
import type { RunResult } from '../../src/runner/types.js';
import { mockSession } from '../../src/targets/mock.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = join(root, 'test/e2e/fixtures/secrets.md');

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Every secret value in the raw (unmasked) outputs of a run. */
function secretsIn(result: RunResult): string[] {
  const found: string[] = [];
  const walk = (v: unknown, key = ''): void => {
    if (typeof v === 'string') {
      if (/^(SecretAccessKey|SessionToken)$/.test(key)) found.push(v);
    } else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  for (const s of result.steps) for (const a of s.actions) walk(a.outcome.output);
  return found;
}

function assertNoSecret(where: string, text: string, secrets: string[]): void {
  for (const s of secrets) assert.ok(!text.includes(s), `${where} holds the secret ${s.slice(0, 4)}… (${s.length} characters)`);
}

describe('secrets never reach output, reports or logs', () => {
  let mock: RunningMock;
  before(async () => {
    mock = await startMock({ accounts: ['main'] });
  });
  after(() => mock.close());

  it('a run on a mock the test started: verbose output, JSON report and JUnit hold none of its secrets', async () => {
    const { lab } = parseLabFile(fixture);
    const target = mockSession(mock, { closeMock: false });
    const out = new Capture();
    const reporter = new TextReporter(out, { verbose: true, target });
    const result = await runLab(lab!, target, { prefix: 'lab-sec', runId: 'lab-sec-run', events: reporter });

    const admin = mock.accounts.flatMap((a) => [a.admin.secretAccessKey, a.root.secretAccessKey]);
    const produced = secretsIn(result);
    const secrets = [...admin, ...produced];
    // The test means something only if secrets really went through the run.
    assert.ok(produced.length >= 5, `the run produced ${produced.length} secrets`);
    const stdout = result.steps.flatMap((s) => s.actions.map((a) => a.outcome.stdout ?? '')).join('\n');
    assert.ok(stdout.includes(mock.accounts[0]!.admin.secretAccessKey), 'a command printed the admin secret');
    assert.ok(produced.some((p) => stdout.includes(p)), 'a command printed a session secret');
    assert.ok(result.steps.at(-1)!.actions[0]!.problems.some((p) => produced.some((s) => p.includes(s))), 'a problem quotes a secret');

    assertNoSecret('verbose output', out.text, secrets);
    assertNoSecret('JSON report', JSON.stringify(buildReport(result, { target })), secrets);
    assertNoSecret('JUnit report', buildJUnit(result, { target }), secrets);
    // What stands in for them: the first four characters and an ellipsis.
    assert.match(out.text, /AWS_SESSION_TOKEN=IQoJ…/);
    assert.match(buildJUnit(result), /got &quot;\w{4}…&quot;/);
  });

  it('lab run --verbose --report --junit: stdout, stderr and both files hold no secret key or token', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-secrets-'));
    const report = join(dir, 'report.json');
    const junit = join(dir, 'junit.xml');
    const r = spawnSync(process.execPath, [join(root, 'bin/lab.js'), 'run', fixture, '--verbose', '--report', report, '--junit', junit], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    assert.equal(r.status, 1, `the last step fails on purpose\n${r.stdout}${r.stderr}`);
    const files = { stdout: r.stdout, stderr: r.stderr, report: readFileSync(report, 'utf8'), junit: readFileSync(junit, 'utf8') };
    assert.match(files.stdout, /AWS_SECRET_ACCESS_KEY=\w{4}…/, 'the command printed its credentials, masked');
    for (const [where, text] of Object.entries(files)) {
      // The mock's secret keys are 40 letters and digits; its session tokens start IQoJb3JpZ2lu.
      const key = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/.exec(text);
      assert.equal(key, null, `${where} holds what looks like a secret key: ${key?.[0].slice(0, 4)}…`);
      assert.doesNotMatch(text, /IQoJb3JpZ2lu/, `${where} holds a session token`);
    }
  });
});
