// The command line as a user meets it: the bin shim in a child process, no TTY.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'bin/lab.js');

function lab(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('lab CLI', () => {
  it('--version prints the package version and --help lists the commands', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const v = lab(['--version']);
    assert.equal(v.code, 0);
    assert.equal(v.stdout.trim(), pkg.version);
    const h = lab(['--help']);
    assert.equal(h.code, 0);
    for (const cmd of ['list', 'show', 'check', 'run', 'mock']) assert.match(h.stdout, new RegExp(`\\n  ${cmd}\\b`));
  });

  it('an unknown command or option is a usage error: exit 2', () => {
    assert.equal(lab(['frobnicate']).code, 2);
    assert.equal(lab(['run', 'cross-account', '--no-such-flag']).code, 2);
    const r = lab(['run', 'no-such-lab']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no lab named "no-such-lab"/);
  });

  it('lab list shows the shipped labs with title and accounts', () => {
    const r = lab(['list']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /cross-account\s+Cross-account access with sts:AssumeRole/);
    assert.match(r.stdout, /source, target/);
  });

  it('lab show renders the prose and the actions', () => {
    const r = lab(['show', 'cross-account']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Step 1\. Create a role in the target account/);
    assert.match(r.stdout, /▶ sts:AssumeRole as learner — expect AccessDenied/);
  });

  it('lab check passes the shipped labs and refuses a broken one with file:line, exit 2', () => {
    const ok = lab(['check']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /ok\s+.*cross-account\.md/);
    const dir = mkdtempSync(join(tmpdir(), 'lab-check-'));
    const file = join(dir, 'broken.md');
    writeFileSync(
      file,
      ['---', 'title: Broken', 'accounts: [main]', '---', '', '## A step', '', '```yaml lab', 'call: iam:CreateRoel', 'with: { RoleName: x }', '```', ''].join('\n'),
    );
    const bad = lab(['check', file]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:9: .*iam:CreateRoel`));
    assert.match(bad.stderr, /iam:CreateRole/, 'suggests the operation meant');
  });

  it('lab run cross-account exits 0, shows the expected denial and its explanation, and cleans up', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-run-'));
    const report = join(dir, 'report.json');
    const r = lab(['run', 'cross-account', '--prefix', 'lab-e2e', '--report', report]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /sts:AssumeRole as learner → AccessDenied, as expected/);
    assert.match(r.stdout, /why: /);
    const m = /(\d+)\/(\d+) steps met their expectations · cleaned up/.exec(r.stdout);
    assert.ok(m && m[1] === m[2], 'every step met, and cleaned up');
    const json = JSON.parse(readFileSync(report, 'utf8'));
    assert.equal(json.lab, 'cross-account');
    assert.equal(json.target, 'mock');
    assert.equal(json.ok, true);
    assert.equal(json.steps.length, Number(m![2]));
    // No secret in output or report: the session's secret never appears.
    const secrets = [...JSON.stringify(json).matchAll(/"(SecretAccessKey|SessionToken)":"([^"]*)"/g)].map((m) => m[2]!);
    for (const s of secrets) assert.match(s, /…$|^\*+$/, 'secrets in the report are masked');
  });

  it('lab mock --json prints the documented first line and serves the AWS CLI', async (t) => {
    const child = spawn(process.execPath, [bin, 'mock', '--json'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    t.after(() => child.kill('SIGTERM'));
    const first = await new Promise<string>((resolve, reject) => {
      const rl = createInterface({ input: child.stdout! });
      rl.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`lab mock exited ${code}`)));
    });
    const info = JSON.parse(first);
    assert.match(info.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(info.region, 'us-east-1');
    assert.equal(info.accounts.length, 2);
    assert.deepEqual(Object.keys(info.accounts[0]).sort(), ['admin', 'id', 'name']);
    assert.deepEqual(Object.keys(info.accounts[0].admin).sort(), ['accessKeyId', 'arn', 'secretAccessKey']);
    assert.equal(info.accounts[0].id, '111111111111');
    assert.equal(info.accounts[1].id, '222222222222');

    const aws = spawnSync('aws', ['--endpoint-url', info.endpoint, 'sts', 'get-caller-identity', '--output', 'json'], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH!,
        HOME: process.env.HOME!,
        AWS_ACCESS_KEY_ID: info.accounts[1].admin.accessKeyId,
        AWS_SECRET_ACCESS_KEY: info.accounts[1].admin.secretAccessKey,
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      },
      timeout: 60_000,
    });
    assert.equal(aws.status, 0, aws.stderr);
    const who = JSON.parse(aws.stdout);
    assert.equal(who.Account, '222222222222');
    assert.equal(who.Arn, info.accounts[1].admin.arn);

    const stopped = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    assert.equal(await stopped, 0, 'SIGTERM stops the mock cleanly');
  });
});
