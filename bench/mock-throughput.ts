// Part 1 of `npm run bench:mock`: signed STS requests per second (GetCallerIdentity,
// AssumeRole; sequential and 32 in flight) against the embedded mock and, in the same run and
// process, the same client against a static server that answers canned valid XML without
// reading the signature: the floor of what the SDK and node:http cost. Short blocks rotate
// between the servers, many times over, so that the machine's drifting speed (other work on
// the host) hits all alike; a cost is the median over the rounds' adjacent blocks.
// BENCH_BASELINE=DIR adds the mock of another built checkout (DIR/dist) to the rotation, for
// a change's effect measured against the same noise: "this build / baseline" per round.
// Each sequential row also says how much of a call is the server's own time, on each side.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as iam from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, type AssumeRoleCommandOutput } from '@aws-sdk/client-sts';
import { LatencyHistogram } from '../src/mock/latency.js';
import { summarizeLatency, type MockAccount, type RunningMock, type startMock as StartMock } from '../src/mock/index.js';
import { config, keyOf, median, pct, policy, type Summary } from './mock-common.js';

/** Calls per block: sequential, and with 32 in flight. */
const SEQ_BLOCK = Number(process.env.BENCH_SEQ ?? 60);
const CONC_BLOCK = Number(process.env.BENCH_CONC ?? 192);
/** Rounds per row: each runs one block on every server. */
const PAIRS = Number(process.env.BENCH_PAIRS ?? 31);
/** Calls on each server before a sequential row is measured: enough for steady state. The
 * mock's per-request functions run once per request, so V8 tiers them up late: --trace-opt
 * shows assumeRole, authenticate, issueSession and the session-input readers reaching
 * TurboFan between the 750th and the 4,500th AssumeRole, where the SDK's functions (many
 * calls per request) get there within the first few hundred. With 300 warm-up calls a row
 * measured the mock half in its baseline tiers: AssumeRole sequential, three paired runs,
 * 1.33/1.31/1.35x after 300 against 1.26/1.29/1.26x after 5,000 (the server's own part
 * 190-270 against 120-134 µs; the floor's 36-64 µs either way). */
const WARM = Number(process.env.BENCH_WARM ?? 5000);
/** The 32-in-flight row follows the same operation's sequential row on the same servers,
 * so its code is warm already: its warm-up only opens the 32 connections. */
const CONC_WARM = Math.min(WARM, 300);
const COST_BUDGET = 1.2;

/** A node:http server that answers every STS action with a canned body: no parsing beyond
 * the Action, no signature check, no state. */
async function startStatic(
  bodies: Record<string, string>,
): Promise<{ endpoint: string; latency: LatencyHistogram; close(): Promise<void> }> {
  // Timed like the mock's own (RunningMock.stats): request head handed over to res.end.
  const latency = new LatencyHistogram();
  const server = createServer((req, res) => {
    const t0 = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const action = /(?:^|&)Action=(\w+)/.exec(Buffer.concat(chunks).toString('latin1'))?.[1] ?? '';
      const body = bodies[action] ?? '<ErrorResponse/>';
      // Content-Length as the mock sends it (chunked encoding would cost the floor more).
      res.writeHead(bodies[action] ? 200 : 400, {
        'content-type': 'text/xml',
        'x-amzn-requestid': 'c0ffee00-0000-4000-8000-000000000000',
        'content-length': String(Buffer.byteLength(body)),
      });
      res.end(body);
      latency.record(performance.now() - t0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    latency,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const meta = '<ResponseMetadata><RequestId>c0ffee00-0000-4000-8000-000000000000</RequestId></ResponseMetadata>';
const callerXml = (c: { Arn?: string; UserId?: string; Account?: string }) =>
  `<GetCallerIdentityResponse xmlns="${STS_NS}"><GetCallerIdentityResult><Arn>${c.Arn}</Arn><UserId>${c.UserId}</UserId>` +
  `<Account>${c.Account}</Account></GetCallerIdentityResult>${meta}</GetCallerIdentityResponse>`;
/** Built from a real answer of the mock, so that both servers send bodies of the same size. */
const assumeXml = (o: AssumeRoleCommandOutput) =>
  `<AssumeRoleResponse xmlns="${STS_NS}"><AssumeRoleResult><Credentials><AccessKeyId>${o.Credentials!.AccessKeyId}</AccessKeyId>` +
  `<SecretAccessKey>${o.Credentials!.SecretAccessKey}</SecretAccessKey><SessionToken>${o.Credentials!.SessionToken}</SessionToken>` +
  `<Expiration>${o.Credentials!.Expiration!.toISOString()}</Expiration></Credentials><AssumedRoleUser>` +
  `<AssumedRoleId>${o.AssumedRoleUser!.AssumedRoleId}</AssumedRoleId><Arn>${o.AssumedRoleUser!.Arn}</Arn></AssumedRoleUser>` +
  `</AssumeRoleResult>${meta}</AssumeRoleResponse>`;

/** Requests per second of `n` calls with `inFlight` of them outstanding at any time. */
async function rate(call: () => Promise<unknown>, n: number, inFlight: number): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < n) await call();
    }),
  );
  return n / ((performance.now() - t0) / 1000);
}

/** A mock with a role the source account may assume, and an STS client of the source. */
interface Target {
  sts: STSClient;
  assumeInput: { RoleArn: string; RoleSessionName: string };
  close(): Promise<void>;
}

async function prepare(mock: RunningMock, close: () => Promise<void>): Promise<Target> {
  const [source, target] = mock.accounts as [MockAccount, MockAccount];
  const targetIam = new iam.IAMClient(config(mock.endpoint, keyOf(target)));
  const { Role } = await targetIam.send(
    new iam.CreateRoleCommand({
      RoleName: 'bench-reader',
      AssumeRolePolicyDocument: policy({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${source.id}:root` }, Action: 'sts:AssumeRole' }),
    }),
  );
  targetIam.destroy();
  const sts = new STSClient(config(mock.endpoint, keyOf(source)));
  return { sts, assumeInput: { RoleArn: Role!.Arn!, RoleSessionName: 'bench' }, close: async () => (sts.destroy(), await close()) };
}

/** The mock of another built checkout, started in this process. */
async function baselineMock(dir: string): Promise<Target> {
  const url = pathToFileURL(join(resolve(dir), 'dist/src/mock/index.js')).href;
  const { startMock } = (await import(url)) as { startMock: typeof StartMock };
  const mock = await startMock({ accounts: ['source', 'target'] });
  return prepare(mock, () => mock.close());
}

export async function throughput(mock: RunningMock, summary: Summary): Promise<void> {
  const [source, target] = mock.accounts as [MockAccount, MockAccount];
  const onMock = await prepare(mock, async () => {});
  const caller = await onMock.sts.send(new GetCallerIdentityCommand({}));
  const assumed = await onMock.sts.send(new AssumeRoleCommand(onMock.assumeInput));
  assert.equal(assumed.AssumedRoleUser?.Arn, `arn:aws:sts::${target.id}:assumed-role/bench-reader/bench`);

  const floor = await startStatic({ GetCallerIdentity: callerXml(caller), AssumeRole: assumeXml(assumed) });
  const floorSts = new STSClient(config(floor.endpoint, keyOf(source)));
  const onFloor: Target = { sts: floorSts, assumeInput: onMock.assumeInput, close: async () => (floorSts.destroy(), await floor.close()) };
  const check = await floorSts.send(new AssumeRoleCommand(onMock.assumeInput));
  assert.equal(check.Credentials?.SessionToken, assumed.Credentials?.SessionToken, 'the floor answers a valid AssumeRole');
  const baselineDir = process.env.BENCH_BASELINE;
  const baseline = baselineDir ? await baselineMock(baselineDir) : undefined;

  const servers = baseline ? 'floor/mock/baseline' : 'floor/mock';
  console.log(
    `Signed STS requests per second, SDK v3 client and server in this process ` +
      `(${PAIRS} rounds of alternating ${servers} blocks of ${SEQ_BLOCK} sequential or ${CONC_BLOCK} concurrent calls, after ${WARM} (sequential) or ${CONC_WARM} (concurrent) warm-up calls each)`,
  );
  if (baseline) console.log(`baseline: the mock of ${baselineDir}`);
  const head = `${'operation'.padEnd(34)}${'floor'.padStart(9)}${'mock'.padStart(9)}${baseline ? 'baseline'.padStart(10) : ''}`;
  console.log(`${head}   cost (median of floor/mock over the rounds; quartiles)${baseline ? '   mock/baseline' : ''}`);
  const ops: Array<[string, (t: Target) => Promise<unknown>]> = [
    ['GetCallerIdentity', (t) => t.sts.send(new GetCallerIdentityCommand({}))],
    ['AssumeRole', (t) => t.sts.send(new AssumeRoleCommand(t.assumeInput))],
  ];
  const sides: Target[] = [onFloor, onMock, ...(baseline ? [baseline] : [])];
  // BENCH_OPS=AssumeRole: only the operations whose name contains it (for A/B runs).
  for (const [name, op] of ops.filter(([n]) => n.includes(process.env.BENCH_OPS ?? ''))) {
    for (const [mode, n, inFlight] of [['sequential', SEQ_BLOCK, 1], ['32 in flight', CONC_BLOCK, 32]] as const) {
      // Warm up every path (JIT, sockets).
      for (const side of sides) await rate(() => op(side), inFlight === 1 ? WARM : CONC_WARM, inFlight);
      // Short blocks, rotating, many of them: this machine's speed drifts by tens of per
      // cent within seconds (other work on the host), and adjacent blocks a few tens of
      // milliseconds apart see nearly the same machine; the median round ignores bursts.
      const rates: number[][] = sides.map(() => []);
      const before = { floor: floor.latency.snapshot(), mock: mock.stats().latency };
      for (let r = 0; r < PAIRS; r++) {
        // Each round starts with another server, so that none always runs right after another.
        for (let k = 0; k < sides.length; k++) {
          const i = (k + r) % sides.length;
          rates[i]!.push(await rate(() => op(sides[i]!), n, inFlight));
        }
      }
      // Cost per request relative to the floor's (1.20: the mock adds 20 %).
      const per = (a: number, b: number) => rates[a]!.map((x, r) => x / rates[b]![r]!).sort((x, y) => x - y);
      const ratios = per(0, 1);
      const cost = median(ratios);
      const quartiles = `${pct(ratios, 25).toFixed(2)}..${pct(ratios, 75).toFixed(2)}`;
      const cols = rates.map((xs, i) => median(xs).toFixed(0).padStart(i === 2 ? 10 : 9)).join('');
      // This build's cost over the baseline's (0.97: 3 % cheaper per request).
      const vs = baseline ? per(2, 1) : undefined;
      const versus = vs ? `   ${median(vs).toFixed(3)} (${pct(vs, 25).toFixed(2)}..${pct(vs, 75).toFixed(2)})` : '';
      console.log(`${`${name}, ${mode}`.padEnd(34)}${cols}   ${cost.toFixed(2)}x   (${quartiles})${versus}`);
      // Where a sequential call's time goes: the servers' own part (request head to res.end)
      // against the whole call. Client and server share one thread, and the client runs
      // slower after the mock's work than after the floor's (CPU caches): the whole calls
      // differ by more than the servers' parts do.
      if (inFlight === 1) {
        const inFloor = summarizeLatency(floor.latency.snapshot(), before.floor).meanMs * 1000;
        const inMock = summarizeLatency(mock.stats().latency, before.mock).meanMs * 1000;
        const perCall = (i: number) => (1e6 / median(rates[i]!)).toFixed(0);
        console.log(
          `${''.padEnd(4)}a call takes ${perCall(0)} µs on the floor, ${perCall(1)} µs on the mock; ` +
            `of that, the server's own (mean): floor ${inFloor.toFixed(0)} µs, mock ${inMock.toFixed(0)} µs`,
        );
      }
      summary.push([cost <= COST_BUDGET, `${name}, ${mode}: mock costs ${cost.toFixed(3)}x the floor per request (budget ${COST_BUDGET.toFixed(2)}x)`]);
    }
  }
  // The mock keeps every session it issued (for ExpiredToken answers), so AssumeRole rows see
  // a growing store (the rounds show whether it slows down); say how large it grew.
  console.log(`(sessions issued by the mock by the end: ${1 + WARM + CONC_WARM + PAIRS * (SEQ_BLOCK + CONC_BLOCK)})`);
  for (const side of sides) await side.close();
}
