// Settling cost: how much longer than necessary a lab takes when IAM changes need time to
// propagate. For each propagation delay (0, 2 and 5 s) the lab runs on the aws target against
// the embedded mock posing as AWS (profiles in temporary config files, AWS_ENDPOINT_URL), and
// for every action the runner had to retry ("a wait"), the time it had to wait is known: the
// change it waited for became visible `delay` after the last IAM change before it. What the
// action took beyond that is the settling overhead (backoff granularity, retry round trips).
// Target: under 1.5 s per wait. Usage: node dist/bench/settle.js [lab-id] (default
// cross-account); BENCH_DELAYS=0,2000,5000 to choose delays in ms.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeClients } from '../src/aws/index.js';
import { parseLabFile } from '../src/lab/index.js';
import { startMock } from '../src/mock/index.js';
import { runLab } from '../src/runner/run-lab.js';
import type { ActionResult, RunEvents } from '../src/runner/types.js';
import { startAwsTarget } from '../src/targets/aws.js';

const labId = process.argv[2] ?? 'cross-account';
const delays = (process.env.BENCH_DELAYS ?? '0,2000,5000').split(',').map(Number);
const TARGET_MS = 1500;
const file = fileURLToPath(new URL(`../../labs/${labId}.md`, import.meta.url));
const { lab, errors } = parseLabFile(file);
if (!lab) throw new Error(`${file}: ${errors.map(String).join('\n')}`);

/** Calls after which IAM state differs (what propagation delays). */
const IAM_CHANGE = /^iam:(Create|Delete|Put|Attach|Detach|Update|Add|Remove|Tag|Untag)/;

interface Wait {
  label: string;
  attempts: number;
  tookMs: number;
  neededMs: number;
}

async function measure(delayMs: number): Promise<{ totalMs: number; waits: Wait[]; ok: boolean }> {
  const mock = await startMock({ accounts: lab!.meta.accounts, propagationDelayMs: delayMs });
  const dir = mkdtempSync(join(tmpdir(), 'lab-bench-settle-'));
  writeFileSync(join(dir, 'config'), mock.accounts.map((a) => `[profile ${a.name}]\nregion = ${mock.region}\n`).join('\n'));
  writeFileSync(
    join(dir, 'credentials'),
    mock.accounts.map((a) => `[${a.name}]\naws_access_key_id = ${a.admin.accessKeyId}\naws_secret_access_key = ${a.admin.secretAccessKey}\n`).join('\n'),
  );
  Object.assign(process.env, { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_ENDPOINT_URL: mock.endpoint });
  const target = await startAwsTarget({
    accounts: lab!.meta.accounts,
    region: mock.region,
    account: mock.accounts.map((a) => `${a.name}=${a.name}`),
    yes: true,
    allowAccount: mock.accounts.map((a) => a.id),
    interactive: false,
    write: () => undefined,
  });
  const waits: Wait[] = [];
  let lastChange = 0;
  let started = 0;
  const events: RunEvents = {
    actionStart: () => {
      started = performance.now();
    },
    actionEnd: (r: ActionResult) => {
      const now = performance.now();
      if ((r.attempts ?? 1) > 1) {
        // Visible at lastChange + delay; the first attempt went out at `started`.
        waits.push({ label: r.label, attempts: r.attempts!, tookMs: now - started, neededMs: Math.max(0, lastChange + delayMs - started) });
      }
      if (r.outcome.ok && r.action.call && IAM_CHANGE.test(r.action.call)) lastChange = now;
    },
  };
  const t0 = performance.now();
  try {
    const result = await runLab(lab!, target, { prefix: 'lab-bench', runId: `lab-bench-${delayMs}`, events, keep: false });
    return { totalMs: performance.now() - t0, waits, ok: result.ok };
  } finally {
    await target.close();
    await closeClients();
    await mock.close();
  }
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log(`settle bench: lab ${labId} on the aws target (embedded mock posing as AWS), one run per delay`);
console.log('delay   run time   waits   needed     beyond needed   overhead per wait (mean / max)');
let base: number | undefined;
let worst = 0;
for (const d of delays) {
  const r = await measure(d);
  if (!r.ok) throw new Error(`the lab failed with a ${d} ms propagation delay`);
  base ??= r.totalMs;
  const needed = r.waits.reduce((n, w) => n + w.neededMs, 0);
  const over = r.waits.map((w) => w.tookMs - w.neededMs);
  const mean = over.length ? over.reduce((a, b) => a + b, 0) / over.length : 0;
  const max = over.length ? Math.max(...over) : 0;
  worst = Math.max(worst, max);
  console.log(
    `${`${d / 1000} s`.padEnd(8)}${s(r.totalMs).padEnd(11)}${String(r.waits.length).padEnd(8)}${s(needed).padEnd(11)}` +
      `${s(r.totalMs - base - needed).padEnd(16)}${r.waits.length ? `${s(mean)} / ${s(max)}` : '-'}`,
  );
  for (const w of r.waits) console.log(`          ${w.label}: ${w.attempts} attempts, ${s(w.tookMs)} for ${s(w.neededMs)} needed`);
}
console.log(`("beyond needed" is the run time minus the 0 s run's and minus the waits it could not avoid)`);
console.log(`worst overhead per wait: ${s(worst)} (target under ${s(TARGET_MS)}): ${worst < TARGET_MS ? 'met' : 'NOT met'}`);
