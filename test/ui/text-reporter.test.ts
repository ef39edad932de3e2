// The non-interactive output (no TTY, CI, --yes) of real runs on a mock the test starts,
// against committed snapshots; durations, ids, dates and ports normalised.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { TextReporter, type TextReporterOptions } from '../../src/cli/reporters/text.js';
import { parseLabFile } from '../../src/lab/index.js';
import { startMock, type RunningMock } from '../../src/mock/index.js';
import { runLab } from '../../src/runner/run-lab.js';
import { mockSession } from '../../src/targets/mock.js';
import { setColor } from '../../src/ui/colors.js';
import { matchSnapshot, normalise } from './snapshot.js';

const file = (rel: string) => fileURLToPath(new URL(`../../../test/${rel}`, import.meta.url));

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('plain output', () => {
  let mock: RunningMock;
  before(async () => {
    setColor(false);
    mock = await startMock({ accounts: ['main'] });
  });
  after(() => mock.close());

  async function run(rel: string, prefix: string, opts: Omit<TextReporterOptions, 'target'> = {}) {
    const { lab } = parseLabFile(file(rel));
    const target = mockSession(mock, { closeMock: false });
    const out = new Capture();
    const result = await runLab(lab!, target, { prefix, runId: `${prefix}-run`, events: new TextReporter(out, { ...opts, target }) });
    // Paths of the fixtures depend on the checkout.
    return { text: normalise(out.text).replaceAll(file(''), 'test/'), result };
  }

  it('a run whose claims hold: one line per action, the denial and its explanation, a summary', async () => {
    const { text, result } = await run('e2e/fixtures/guided.md', 'lab-snap');
    assert.equal(result.ok, true);
    assert.match(text, /✓ iam:ListUsers as alice → AccessDenied, as expected/);
    matchSnapshot('text-guided', text);
  });

  it('--verbose adds each request as its AWS CLI command and each response, secrets masked', async () => {
    const { text } = await run('e2e/fixtures/guided.md', 'lab-snap', { verbose: true });
    assert.match(text, /request: aws iam create-access-key --user-name lab-snap-alice/);
    assert.match(text, /"SecretAccessKey": "\w{4}…"/);
    matchSnapshot('text-guided-verbose', text);
  });

  it('a claim that does not hold: the problem, the summary, nothing after it runs', async () => {
    const { text, result } = await run('ui/fixtures/unmet.md', 'lab-snap');
    assert.equal(result.ok, false);
    assert.doesNotMatch(text, /Afterwards/);
    matchSnapshot('text-unmet', text);
  });

  it('--quiet: only what went wrong, under its step, and the summary', async () => {
    const { text } = await run('ui/fixtures/unmet.md', 'lab-snap', { quiet: true });
    assert.doesNotMatch(text, /iam:CreateUser/);
    assert.match(text, /^2\/3 Bob lists the users\n {2}✗ iam:ListUsers as bob → AccessDenied/m);
    matchSnapshot('text-unmet-quiet', text);
  });
});
