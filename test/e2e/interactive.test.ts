// A guided run in a real terminal: `lab run` inside tmux, driven by key presses, read back
// from the screen. Proves what a unit test cannot: enquirer on a TTY, raw-mode keys, Ctrl-C
// as a key press, and that the process ends once the run does.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = join(root, 'test/e2e/fixtures/guided.md');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const skip = hasTmux ? false : 'tmux is not installed (apt-get install -y tmux): the guided run needs a real terminal to test';
// A server of our own, so nothing else running tmux on this machine is touched.
const socket = `lab-test-${process.pid}`;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
}

class Terminal {
  constructor(readonly name: string) {}

  /** Starts `lab <args>` in a 120x40 terminal; the exit code is printed after it. */
  static start(name: string, args: string[]): Terminal {
    const cmd = ['node', join(root, 'bin/lab.js'), ...args].map((a) => `'${a}'`).join(' ');
    // run.ts is guided only outside CI; the terminal is real, so the run must be guided.
    tmux('new-session', '-d', '-s', name, '-x', '120', '-y', '40', `cd '${root}' && unset CI && ${cmd}; echo "LAB-EXIT=$?"; sleep 120`);
    return new Terminal(name);
  }

  /** The whole screen including what scrolled off, wrapped lines joined. */
  screen(): string {
    return tmux('capture-pane', '-p', '-J', '-S', '-', '-t', this.name);
  }

  keys(...keys: string[]): void {
    tmux('send-keys', '-t', this.name, ...keys);
  }

  /** Waits until `pattern` is on screen; fails with the screen after a bound. */
  async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const s = this.screen();
      if (pattern.test(s)) return s;
      if (Date.now() > deadline) assert.fail(`timed out waiting for ${pattern}; the screen:\n${s}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async exitCode(): Promise<number> {
    const s = await this.waitFor(/LAB-EXIT=\d+/);
    return Number(/LAB-EXIT=(\d+)/.exec(s)![1]);
  }
}

describe('lab run in a terminal (tmux)', { skip }, () => {
  after(() => {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
  });

  const dir = mkdtempSync(join(tmpdir(), 'lab-guided-'));
  const report = join(dir, 'report.json');
  let screen = '';

  it('shows the prose, explains, shows each call with its AWS CLI command, asks the quiz, exits 0', async () => {
    const t = Terminal.start('guided', ['run', fixture, '--prefix', 'lab-tmux', '--report', report]);
    // Enquirer redraws a question in place: once answered it becomes "✔ question · answer".
    await t.waitFor(/Run this step \(r\)/);
    t.keys('e');
    await t.waitFor(/as written \([\s\S]*Run this step \(r\)/);
    t.keys('r');
    await t.waitFor(/Alice lists the users[\s\S]*Run this step \(r\)/);
    t.keys('r');
    await t.waitFor(/Your answer/);
    t.keys('1');
    await t.waitFor(/Try again \(t\)/);
    t.keys('t');
    await t.waitFor(/Your answer \(try again\)/);
    t.keys('2');
    assert.equal(await t.exitCode(), 0, t.screen());
    screen = t.screen();

    // The prose, rendered: the intro's table and the step's list.
    assert.match(screen, /Resource {7}Why it exists/);
    assert.match(screen, /• the secret never leaves this run\./);
    // What will run, then the same with the command a learner can replay.
    assert.match(screen, /This step runs 2 actions:\n {2}▶ iam:CreateUser\n {2}▶ iam:CreateAccessKey/);
    assert.match(screen, /▶ iam:CreateUser as main\n {2}\$ aws iam create-user --user-name lab-tmux-alice\n {2}✓ ok/);
    assert.match(screen, /▶ iam:ListUsers as alice\n {2}\$ aws iam list-users\n {2}✓ AccessDenied, as expected/);
    // The prompts, answered.
    assert.match(screen, /Step 1 of 2 · Explain what it will do/);
    assert.match(screen, /Step 2 of 2 · Run this step/);
    // The quiz: a wrong answer shows the explanation and allows another try.
    assert.match(screen, /Your answer · It succeeds, because every user may list users\n✗ Not quite\.\nAn IAM user starts with no permissions\./);
    assert.match(screen, /Your answer \(try again\) · It is denied, because nothing allows it\n✓ Right\./);
    // The summary.
    assert.match(screen, /✓ done · 2\/2 steps met · quiz 0\/1 right first time · cleaned up/);
  });

  it('shows the explanation of every denial the report records', () => {
    assert.ok(screen, 'the guided run above ran');
    const json = JSON.parse(readFileSync(report, 'utf8'));
    assert.equal(json.ok, true);
    const explained = json.steps.flatMap((s: { actions: Array<{ explanation?: string }> }) => s.actions.map((a) => a.explanation).filter(Boolean));
    assert.ok(explained.length >= 1, 'the denial came with an explanation');
    for (const e of explained as string[]) assert.ok(screen.replace(/\s+/g, ' ').includes(`why: ${e}`.replace(/\s+/g, ' ')), `"why: ${e}" is not on screen`);
  });

  it('records the quiz answers in --report', () => {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    assert.deepEqual(json.quiz, { asked: 1, correctFirstTry: 0, solved: 1 });
    assert.deepEqual(json.steps[1].quizzes[0].answers, ['It succeeds, because every user may list users', 'It is denied, because nothing allows it']);
  });

  it('Ctrl-C at a question offers to stop, and stopping cleans up', async () => {
    const t = Terminal.start('stop', ['run', fixture, '--prefix', 'lab-stop']);
    await t.waitFor(/Run this step \(r\)/);
    t.keys('r');
    await t.waitFor(/Alice lists the users[\s\S]*Run this step \(r\)/);
    t.keys('C-c');
    await t.waitFor(/Stop the lab here\? What it created is cleaned up\./);
    t.keys('Enter');
    const code = await t.exitCode();
    const s = t.screen();
    assert.notEqual(code, 0, s);
    assert.match(s, /Cleaning up \(2 calls\)\n {2}✓ iam:DeleteAccessKey in main .*\n {2}✓ iam:DeleteUser in main/);
    assert.match(s, /2 {2}Alice lists the users +not reached/);
    assert.match(s, /stopped · 1\/2 steps met · cleaned up/);
  });
});
