// Part 2 of `npm run bench:mock`: 30 simulated learners running the cross-account lab's calls
// against one mock in a child process (what `lab mock` runs: startMock), after one unmeasured
// learner has warmed the SDK: once started staggered over a few seconds, as a class starts,
// and once in lock-step. Two figures each, kept apart: the mock's own time per request (its
// stats(), measured inside the mock process) and the latency the learners' clients observe,
// which here includes 30 learners' SDK work queued on this one process (a class has 30
// laptops).
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as iam from '@aws-sdk/client-iam';
import * as s3 from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { summarizeLatency, type LatencySnapshot, type LatencySummary } from '../src/mock/index.js';
import { config, keyOf, pct, policy, type Account, type Creds, type Mock, type Summary } from './mock-common.js';

const LEARNERS = 30;
/** Learner i of the staggered class starts i * STAGGER_MS / LEARNERS after the first. */
const STAGGER_MS = Number(process.env.BENCH_STAGGER_MS ?? 3000);
const P99_TARGET_MS = 50;

/** One learner's run of the cross-account lab (labs/cross-account.md), then its clean-up;
 * every call's latency in `out`. */
async function learner(mock: Mock, p: string, out: Array<[string, number]>): Promise<void> {
  const [source, target] = mock.accounts as [Account, Account];
  // Timed per operation, named after the command, so that a slow one stands out.
  const timed = async (client: { send(command: any): Promise<any> }, command: object): Promise<any> => {
    const t0 = performance.now();
    try {
      return await client.send(command);
    } finally {
      out.push([command.constructor.name.replace(/Command$/, ''), performance.now() - t0]);
    }
  };
  const s3Config = (c: Creds) => ({ ...config(mock.endpoint, c), forcePathStyle: true });
  const tIam = new iam.IAMClient(config(mock.endpoint, keyOf(target)));
  const sIam = new iam.IAMClient(config(mock.endpoint, keyOf(source)));
  const tS3 = new s3.S3Client(s3Config(keyOf(target)));

  const user = `${p}-learner`;
  const trust = policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${source.id}:root` }, Action: 'sts:AssumeRole' });
  const { Role } = await timed(tIam, new iam.CreateRoleCommand({ RoleName: `${p}-reader`, AssumeRolePolicyDocument: trust }));
  const readOnly = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
  await timed(tIam, new iam.AttachRolePolicyCommand({ RoleName: `${p}-reader`, PolicyArn: readOnly }));
  await timed(tS3, new s3.CreateBucketCommand({ Bucket: `${p}-reports` }));
  await timed(sIam, new iam.CreateUserCommand({ UserName: user }));
  const { AccessKey } = await timed(sIam, new iam.CreateAccessKeyCommand({ UserName: user }));
  const learnerSts = new STSClient(config(mock.endpoint, { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey }));
  const assume = new AssumeRoleCommand({ RoleArn: Role.Arn, RoleSessionName: 'learner' });
  await assert.rejects(timed(learnerSts, assume), { name: 'AccessDenied' });
  const grant = policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: Role.Arn });
  const { Policy } = await timed(sIam, new iam.CreatePolicyCommand({ PolicyName: `${p}-assume-reader`, PolicyDocument: grant }));
  await timed(sIam, new iam.AttachUserPolicyCommand({ UserName: user, PolicyArn: Policy.Arn }));
  const { Credentials: c } = await timed(learnerSts, assume);
  const session = { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
  const sessionSts = new STSClient(config(mock.endpoint, session));
  const me = await timed(sessionSts, new GetCallerIdentityCommand({}));
  assert.equal(me.Arn, `arn:aws:sts::${target.id}:assumed-role/${p}-reader/learner`);
  const sessionS3 = new s3.S3Client(s3Config(session));
  const { Buckets } = await timed(sessionS3, new s3.ListBucketsCommand({}));
  assert.ok(Buckets.some((b: { Name: string }) => b.Name === `${p}-reports`));

  await timed(sIam, new iam.DetachUserPolicyCommand({ UserName: user, PolicyArn: Policy.Arn }));
  await timed(sIam, new iam.DeletePolicyCommand({ PolicyArn: Policy.Arn }));
  await timed(sIam, new iam.DeleteAccessKeyCommand({ UserName: user, AccessKeyId: AccessKey.AccessKeyId }));
  await timed(sIam, new iam.DeleteUserCommand({ UserName: user }));
  await timed(tS3, new s3.DeleteBucketCommand({ Bucket: `${p}-reports` }));
  await timed(tIam, new iam.DetachRolePolicyCommand({ RoleName: `${p}-reader`, PolicyArn: readOnly }));
  await timed(tIam, new iam.DeleteRoleCommand({ RoleName: `${p}-reader` }));
  for (const client of [tIam, sIam, tS3, learnerSts, sessionSts, sessionS3]) client.destroy();
}

/** A mock in a child process of its own (as `lab mock` runs one for a class): mock-host.ts,
 * answering over IPC with the mock's latency stats. */
interface Host extends Mock {
  pid: number;
  stats(): Promise<LatencySnapshot>;
  stop(): Promise<number | null>;
}

async function startHost(): Promise<Host> {
  const host = fileURLToPath(new URL('./mock-host.js', import.meta.url));
  const child = fork(host, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [ready] = (await once(child, 'message')) as [Mock];
  return {
    ...ready,
    pid: child.pid!,
    stats: () =>
      new Promise((resolve) => {
        child.once('message', (m: { latency: LatencySnapshot }) => resolve(m.latency));
        child.send('stats');
      }),
    stop: async () => {
      child.send('stop');
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
  };
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

/** The class runs the lab; learner i starts i * staggerMs / LEARNERS after the first. */
async function session(host: Host, tag: string, staggerMs: number): Promise<{ mock: LatencySummary; client: number[] }> {
  const calls: Array<[string, number]> = [];
  const [before, mockCpu0, ownCpu0, t0] = [await host.stats(), cpuMsOf(host.pid), process.cpuUsage(), performance.now()];
  await Promise.all(
    Array.from({ length: LEARNERS }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, (i * staggerMs) / LEARNERS));
      await learner(host, `${tag}${i}`, calls);
    }),
  );
  const wall = performance.now() - t0;
  const [ownCpu, mockCpu, after] = [process.cpuUsage(ownCpu0), cpuMsOf(host.pid) - mockCpu0, await host.stats()];
  const mock = summarizeLatency(after, before);
  const client = calls.map(([, t]) => t).sort((a, b) => a - b);
  const n = client.length;
  console.log(`  the mock's own time per request (in the mock process, parsed request head to last byte written; ${mock.count} requests):`);
  console.log(`      p50 ${ms(mock.p50Ms)}, p99 ${ms(mock.p99Ms)}, max ${ms(mock.maxMs)}   (histogram bucket bounds: up to 10 % high)`);
  console.log(`  latency the learners' clients observe (${n} calls; includes waiting for the 30 learners' SDK work, all on this one process):`);
  console.log(`      p50 ${ms(pct(client, 50))}, p99 ${ms(pct(client, 99))}, max ${ms(client.at(-1)!)}`);
  console.log(
    `  CPU per call: mock ${(mockCpu / n).toFixed(2)} ms, learners' SDK clients ${((ownCpu.user + ownCpu.system) / 1000 / n).toFixed(2)} ms; ` +
      `${n} calls in ${wall.toFixed(0)} ms (${((n / wall) * 1000).toFixed(0)} calls/s)`,
  );
  const byOp = new Map<string, number[]>();
  for (const [op, t] of calls) byOp.set(op, [...(byOp.get(op) ?? []), t]);
  const rows = [...byOp].map(([op, t]) => [op, t.sort((a, b) => a - b)] as const).sort((a, b) => pct(b[1], 99) - pct(a[1], 99));
  console.log(`  slowest calls as clients observe them (p50/p99): ${rows.slice(0, 4).map(([op, t]) => `${op} ${pct(t, 50).toFixed(1)}/${pct(t, 99).toFixed(1)}`).join(', ')}`);
  return { mock, client };
}

export async function classroom(summary: Summary): Promise<void> {
  const host = await startHost();
  try {
    await learner(host, 'warm', []);
    console.log(`\n${LEARNERS} learners run the cross-account lab + clean-up against one mock (child process), each call after the last as \`lab run\` does`);
    console.log(`A) starts staggered over ${(STAGGER_MS / 1000).toFixed(1)} s, as a class starts (the target's load)`);
    const staggered = await session(host, 'stag', STAGGER_MS);
    console.log(`B) all ${LEARNERS} start at the same instant (lock-step; a stress case)`);
    const lockstep = await session(host, 'lock', 0);
    await assertCleanedUp(host);
    summary.push(
      [staggered.mock.p99Ms < P99_TARGET_MS, `mock's own p99 latency, ${LEARNERS} learners staggered over ${(STAGGER_MS / 1000).toFixed(1)} s: ${ms(staggered.mock.p99Ms)} (target < ${P99_TARGET_MS} ms)`],
      [undefined, `mock's own p99 latency, ${LEARNERS} learners in lock-step: ${ms(lockstep.mock.p99Ms)}`],
      [undefined, `client-observed p99 (30 learners' SDKs sharing this process): staggered ${ms(pct(staggered.client, 99))}, lock-step ${ms(pct(lockstep.client, 99))}`],
    );
  } finally {
    const code = await host.stop();
    assert.equal(code, 0, 'the mock host stops cleanly');
  }
}

/** CPU time (user + system) of a process in ms, from /proc; NaN where there is no /proc. */
function cpuMsOf(pid: number): number {
  try {
    // Fields 14 and 15 of /proc/PID/stat, after the parenthesised command name.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
/** USER_HZ: 100 on every Linux build node runs on here (getconf CLK_TCK). */
const CLOCK_TICKS = 100;

/** Asked through the API, as a user would: nothing of the learners is left. */
async function assertCleanedUp(mock: Mock): Promise<void> {
  const [source, target] = mock.accounts as [Account, Account];
  const sIam = new iam.IAMClient(config(mock.endpoint, keyOf(source)));
  const tIam = new iam.IAMClient(config(mock.endpoint, keyOf(target)));
  const tS3 = new s3.S3Client({ ...config(mock.endpoint, keyOf(target)), forcePathStyle: true });
  const names = [
    ...((await sIam.send(new iam.ListUsersCommand({}))).Users ?? []).map((u) => u.UserName),
    ...((await sIam.send(new iam.ListPoliciesCommand({ Scope: 'Local' }))).Policies ?? []).map((x) => x.PolicyName),
    ...((await tIam.send(new iam.ListRolesCommand({}))).Roles ?? []).map((r) => r.RoleName),
    ...((await tS3.send(new s3.ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name),
  ];
  assert.deepEqual(names.filter((n) => /^(stag\d+|lock\d+|warm)-/.test(n ?? '')), [], 'every learner cleaned up');
  for (const c of [sIam, tIam, tS3]) c.destroy();
}
