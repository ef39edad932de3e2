// A pretend pair of sandbox accounts for the e2e tests of --target aws: `lab mock` in a child
// process (as an operator could start it), a profile per account in temporary shared config
// files, AWS_ENDPOINT_URL pointing at it, and a private XDG state directory for journals.
// Tests then use `lab` exactly as an operator would, and compare the accounts through the
// admin credentials with List* calls.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { callAws, type Credentials } from '../../src/aws/index.js';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'bin/lab.js');

export interface SandboxAccount {
  id: string;
  profile: string;
  admin: Credentials & { arn: string };
  /** The operator the profile holds: a user with only docs/operator-policy.json. */
  operator: Credentials;
}

export interface Sandbox {
  endpoint: string;
  accounts: SandboxAccount[];
  /** Environment for `lab` child processes (give each its own XDG_STATE_HOME via stateEnv). */
  env: Record<string, string>;
  /** A fresh state directory (journals) and the environment that uses it. */
  stateEnv(): { env: Record<string, string>; runsDir: string };
  /** What the accounts hold, by the admin's List* calls. */
  snapshot(): Promise<unknown>;
  close(): Promise<void>;
}

export async function startSandbox(opts: { propagationDelayMs: number; throttle?: number }): Promise<Sandbox> {
  const args = [bin, 'mock', '--json', '--accounts', '2', '--propagation-delay', String(opts.propagationDelayMs)];
  if (opts.throttle) args.push('--throttle', String(opts.throttle));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (l) => {
      rl.close();
      resolve(l);
    });
    child.once('exit', (code) => reject(new Error(`lab mock exited with ${code}`)));
  });
  const info = JSON.parse(first) as { endpoint: string; accounts: Array<{ id: string; admin: { accessKeyId: string; secretAccessKey: string; arn: string } }> };
  const dir = mkdtempSync(join(tmpdir(), 'lab-sandbox-'));
  const accounts: SandboxAccount[] = [];
  try {
    for (const [i, a] of info.accounts.entries()) {
      accounts.push({ id: a.id, profile: `sandbox${i + 1}`, admin: a.admin, operator: await makeOperator(info.endpoint, a.admin) });
    }
  } catch (e) {
    await stop(child);
    throw e;
  }
  writeFileSync(join(dir, 'config'), accounts.map((a) => `[profile ${a.profile}]\nregion = us-east-1\n`).join('\n'));
  writeFileSync(
    join(dir, 'credentials'),
    accounts.map((a) => `[${a.profile}]\naws_access_key_id = ${a.operator.accessKeyId}\naws_secret_access_key = ${a.operator.secretAccessKey}\n`).join('\n'),
  );
  const env: Record<string, string> = {
    ...cleanEnv(),
    NO_COLOR: '1',
    AWS_CONFIG_FILE: join(dir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
    AWS_ENDPOINT_URL: info.endpoint,
    XDG_STATE_HOME: join(dir, 'state'),
  };
  let n = 0;
  return {
    endpoint: info.endpoint,
    accounts,
    env,
    stateEnv() {
      const state = join(dir, `state-${++n}`);
      return { env: { ...env, XDG_STATE_HOME: state }, runsDir: join(state, 'lab', 'runs') };
    },
    snapshot: () => snapshot(info.endpoint, accounts),
    close: () => stop(child),
  };
}

/**
 * The operator of a sandbox account, as docs/sandbox-accounts.md sets it up: an IAM user with
 * the operator policy and nothing else, so every run proves the policy is enough. Waits until
 * its key and policy are visible (the mock may delay IAM changes like AWS does).
 */
async function makeOperator(endpoint: string, admin: Credentials): Promise<Credentials> {
  const at = { region: 'us-east-1', endpoint };
  const doc = readFileSync(join(root, 'docs/operator-policy.json'), 'utf8');
  const steps: Array<[string, Record<string, unknown>]> = [
    ['iam:CreateUser', { UserName: 'sandbox-operator' }],
    ['iam:CreatePolicy', { PolicyName: 'sandbox-operator', PolicyDocument: doc }],
  ];
  const out: Record<string, Record<string, unknown>> = {};
  for (const [call, input] of steps) {
    const r = await callAws(call, input, admin, at, { maxAttempts: 10 });
    assert.ok(r.ok, `${call}: ${!r.ok && r.error.message}`);
    out[call] = r.output;
  }
  const policyArn = (out['iam:CreatePolicy']!['Policy'] as { Arn: string }).Arn;
  assert.ok((await callAws('iam:AttachUserPolicy', { UserName: 'sandbox-operator', PolicyArn: policyArn }, admin, at, { maxAttempts: 10 })).ok);
  const key = await callAws('iam:CreateAccessKey', { UserName: 'sandbox-operator' }, admin, at, { maxAttempts: 10 });
  assert.ok(key.ok);
  const k = key.output['AccessKey'] as { AccessKeyId: string; SecretAccessKey: string };
  const operator = { accessKeyId: k.AccessKeyId, secretAccessKey: k.SecretAccessKey };
  // Usable once its key authenticates and its policy lets it ask for a lab role (that
  // does not exist: authorised first, then NoSuchEntity).
  for (let i = 0; ; i++) {
    const r = await callAws('iam:GetRole', { RoleName: 'lab-sandbox-probe' }, operator, at, { maxAttempts: 10 });
    if (!r.ok && r.error.code === 'NoSuchEntity') return operator;
    assert.ok(i < 100, `the operator never became usable: ${!r.ok && r.error.code}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The test process's environment without anything that would pick other credentials. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^AWS_/.test(k) || k === 'LAB_ALLOW_ACCOUNTS' || k === 'CI') continue;
    env[k] = v;
  }
  return env;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const LISTS: Array<[string, Record<string, unknown>, string]> = [
  ['iam:ListUsers', {}, 'Users[].UserName'],
  ['iam:ListRoles', {}, 'Roles[].RoleName'],
  ['iam:ListGroups', {}, 'Groups[].GroupName'],
  ['iam:ListPolicies', { Scope: 'Local' }, 'Policies[].Arn'],
  ['iam:ListAccessKeys', { UserName: 'admin' }, 'AccessKeyMetadata[].AccessKeyId'],
  ['iam:ListAttachedUserPolicies', { UserName: 'admin' }, 'AttachedPolicies[].PolicyArn'],
  ['s3:ListBuckets', {}, 'Buckets[].Name'],
];

async function snapshot(endpoint: string, accounts: SandboxAccount[]): Promise<unknown> {
  const { default: jmespath } = await import('jmespath');
  const out: Record<string, Record<string, unknown>> = {};
  for (const a of accounts) {
    out[a.id] = {};
    for (const [call, input, path] of LISTS) {
      const r = await callAws(call, input, a.admin, { region: 'us-east-1', endpoint }, { maxAttempts: 10 });
      assert.ok(r.ok, `${call} in ${a.id}: ${!r.ok && r.error.code}`);
      out[a.id]![call] = ((jmespath.search(r.output, path) as string[] | null) ?? []).sort();
    }
  }
  return out;
}

export interface LabResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `lab ...`; `killWhen` is tested against stdout as it arrives and, on the first match,
 * the process gets `signal` (default SIGKILL). */
export function lab(args: string[], env: Record<string, string>, opts: { killWhen?: RegExp; signal?: NodeJS.Signals } = {}): Promise<LabResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (!sent && opts.killWhen?.test(stdout)) {
        sent = true;
        child.kill(opts.signal ?? 'SIGKILL');
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** The flags that give the lab's logical accounts the sandbox's accounts, and allow them. */
export function accountFlags(sb: Sandbox, names: string[]): string[] {
  return [
    ...names.flatMap((n, i) => ['--account', `${n}=${sb.accounts[i]!.profile}`]),
    '--yes',
    ...sb.accounts.flatMap((a) => ['--allow-account', a.id]),
  ];
}

/** Labs in labs/ with their logical accounts, as `lab list --json` gives them. */
export async function shippedLabs(env: Record<string, string>): Promise<Array<{ id: string; accounts: string[] }>> {
  const r = await lab(['list', '--json'], env);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Array<{ id: string; accounts: string[] }>;
}

export function journalFiles(runsDir: string): string[] {
  try {
    return readdirSync(runsDir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
}

/** Runs `fn` over `items`, at most `n` at a time (the runs mostly wait on IAM settling). */
export async function pool<T, R>(items: T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
}
