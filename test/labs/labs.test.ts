// Every lab that ships (each language) runs on a fresh embedded mock: every step meets its
// expectation, cleanup succeeds, and the mock holds exactly what it held before. The runner
// talks to the mock with the SDK over HTTP; the test only reads the mock's inventory.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { isKnownOperation, knownOperations, SERVICES } from '../../src/aws/index.js';
import { checkLab, labNameParts, listLabs, parseLabFile } from '../../src/lab/index.js';
import type { Lab } from '../../src/lab/types.js';
import { startMock, type RunningMock } from '../../src/mock/index.js';
import { runLab } from '../../src/runner/run-lab.js';
import type { RunResult } from '../../src/runner/types.js';
import { mockSession } from '../../src/targets/mock.js';
import { which } from '../../src/targets/shell-env.js';

const LABS = fileURLToPath(new URL('../../../labs/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../../test/labs/fixtures/', import.meta.url));

/** Parsed and checked exactly as `lab check` does it. */
function load(file: string): Lab {
  const { lab, errors } = parseLabFile(file);
  assert.ok(lab, `${file} parses`);
  const all = [...errors, ...checkLab(lab, { isKnownOperation, knownOperations, knownServices: () => SERVICES })];
  assert.deepEqual(all.map(String), [], `${file} has no lab errors`);
  return lab;
}

const unmet = (r: RunResult) =>
  r.steps.flatMap((s) =>
    s.actions.filter((a) => !a.met).map((a) => `${s.step.title}: ${a.label}: ${a.problems.join('; ')} ${a.outcome.stderr ?? ''}`),
  );

/** Runs a lab on a mock of its own, as `lab check --run` does, and checks the whole run. */
async function runOnFreshMock(lab: Lab): Promise<RunResult> {
  const mock: RunningMock = await startMock({ accounts: lab.meta.accounts });
  const session = mockSession(mock, { closeMock: false });
  try {
    const before = mock.inventory();
    const prefix = `lab-${lab.id.replace(/[^a-z0-9]/g, '').slice(0, 8)}${lab.lang ?? ''}`;
    const result = await runLab(lab, session, { prefix, runId: `${prefix}-run` });
    assert.deepEqual(unmet(result), [], 'every action meets its expectation');
    assert.equal(result.steps.length, lab.steps.length, 'every step ran');
    assert.ok(result.steps.every((s) => s.met), 'every step met');
    const failed = result.cleanup.filter((c) => !c.ok).map((c) => `${c.item.call}: ${c.error?.code} ${c.error?.message}`);
    assert.deepEqual(failed, [], 'cleanup succeeded');
    assert.equal(result.ok, true);
    assert.deepEqual(mock.inventory(), before, 'the mock holds nothing the run created');
    return result;
  } finally {
    await session.close();
    await mock.close();
  }
}

const files = listLabs(LABS).flatMap((e) => Object.values(e.files));
const hasAwsCli = which('aws') !== undefined || process.env.LAB_AWS_CLI !== undefined;

// Two at a time: a lab spends most of its time waiting on HTTP or on the AWS CLI.
describe('the shipped labs', { concurrency: 2 }, () => {
  it('are the six labs of the issue, with Korean cross-account and s3-trust-policy', () => {
    const ids = listLabs(LABS).map((e) => e.id);
    for (const id of ['cross-account', 'role-to-role', 'assume-role-cli', 's3-trust-policy', 'iam-basics', 'external-id']) {
      assert.ok(ids.includes(id), `labs/${id}.md exists`);
    }
    const ko = readdirSync(LABS).filter((n) => labNameParts(n).lang === 'ko');
    assert.ok(ko.includes('cross-account.ko.md') && ko.includes('s3-trust-policy.ko.md'), ko.join(', '));
  });

  for (const file of files) {
    const lab = load(file);
    const needsCli = lab.meta.requires?.includes('aws-cli') ?? false;
    const name = `${lab.id}${lab.lang ? ` (${lab.lang})` : ''}: every step met, cleaned up, mock unchanged`;
    it(name, { skip: needsCli && !hasAwsCli ? 'the AWS CLI is not installed' : false }, async () => {
      const result = await runOnFreshMock(lab);
      // A lab that claims nothing proves nothing: each one shows a denial and a success.
      const outcomes = result.steps.flatMap((s) => s.actions.map((a) => a.outcome));
      assert.ok(outcomes.some((o) => !o.ok), 'the lab shows at least one expected failure');
      assert.ok(
        result.steps.flatMap((s) => s.actions).some((a) => a.outcome.ok && a.action.expect.output),
        'the lab checks the output of at least one success',
      );
    });
  }
});

describe('translations', () => {
  // Positions and source text differ between languages; what runs must not.
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v)
          .filter(([k]) => !['pos', 'keyPos', 'source'].includes(k))
          .map(([k, x]) => [k, strip(x)]),
      );
    }
    return v;
  };
  for (const entry of listLabs(LABS)) {
    for (const [lang, file] of Object.entries(entry.files)) {
      if (lang === 'en') continue;
      it(`${entry.id}.${lang}.md has the same actions, accounts and steps as ${entry.id}.md, in its own words`, () => {
        assert.ok(entry.files.en, `${entry.id}.md exists`);
        const en = load(entry.files.en);
        const tr = load(file);
        assert.equal(tr.lang, lang);
        assert.deepEqual(tr.meta.accounts, en.meta.accounts);
        assert.equal(tr.steps.length, en.steps.length);
        tr.steps.forEach((s, i) => {
          assert.deepEqual(strip(s.actions), strip(en.steps[i]!.actions), `step ${i + 1} runs the same actions`);
          assert.notEqual(s.title, en.steps[i]!.title, `step ${i + 1} has a translated title`);
        });
        assert.notEqual(tr.meta.title, en.meta.title);
      });
    }
  }
});

describe('a lab written by someone else from labs/README.md', () => {
  let result: RunResult;
  before(async () => {
    result = await runOnFreshMock(load(`${FIXTURES}someone-else.md`));
  });
  after(() => undefined);

  it('runs without changes: denials, the session, the shell step and the explicit cleanup', () => {
    const actions = result.steps.flatMap((s) => s.actions);
    const byLabel = (label: string) => actions.filter((a) => a.label === label);
    assert.deepEqual(
      byLabel('sts:AssumeRole').map((a) => a.outcome.error?.code ?? 'ok'),
      ['AccessDenied', 'ok'],
    );
    const shell = actions.find((a) => a.action.run?.includes('printf'));
    assert.ok(shell, 'the run: step ran');
    assert.match(JSON.parse(shell.outcome.stdout!).key, /^ASIA/, 'a run: step gets the session credentials');
    const calls = result.cleanup.map((c) => c.item.call);
    assert.ok(calls.includes('iam:DeleteRole'), 'the explicit cleanup ran');
    assert.ok(calls.includes('iam:DeleteUser') && calls.includes('iam:DeleteUserPolicy'), 'the automatic cleanup ran');
  });
});
