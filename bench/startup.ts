// Startup cost of the CLI, as a ratio to a bare `node` start measured in the same run. The
// SDK is heavy, so `lab --help`, `lab list` and `lab check` must not load it; `lab run` pays
// for it once.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${root}bin/lab.js`;
const runs = Number(process.env.BENCH_RUNS ?? 10);

function median(cmd: string[]): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, cmd, { cwd: root, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    if (r.status !== 0) throw new Error(`${cmd.join(' ')} exited ${r.status}`);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const baseline = median(['-e', '0']);
const cases: Array<[string, string[]]> = [
  ['lab --version', [bin, '--version']],
  ['lab --help', [bin, '--help']],
  ['lab list', [bin, 'list']],
  ['lab check', [bin, 'check']],
  ['lab run cross-account -q', [bin, 'run', 'cross-account', '-q']],
];
console.log(`node -e 0 (baseline)          ${baseline.toFixed(0).padStart(6)} ms`);
for (const [name, cmd] of cases) {
  const t = median(cmd);
  console.log(`${name.padEnd(30)}${t.toFixed(0).padStart(6)} ms  ${(t / baseline).toFixed(2)}x baseline`);
}
