// `run:` steps: a shell command with the current identity's credentials (and, on the mock,
// its endpoint) in the environment, so `aws ...` commands from a tutorial work as written.
import type { Outcome } from './types.js';

export async function runShell(command: string, vars: Record<string, string | undefined>): Promise<Outcome> {
  const { execa } = await import('execa');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...vars })) if (v !== undefined) env[k] = v;
  const t0 = performance.now();
  const r = await execa(command, {
    shell: true,
    env,
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    timeout: 120_000,
    maxBuffer: 10 * 1024 * 1024,
  });
  return {
    ok: r.exitCode === 0,
    exitCode: r.exitCode ?? (r.timedOut ? 124 : 1),
    stdout: String(r.stdout ?? ''),
    stderr: String(r.stderr ?? ''),
    durationMs: performance.now() - t0,
  };
}
