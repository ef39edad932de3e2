// `lab mock --json` started the way a user starts it: the bin shim in a child process, the
// first stdout line read as the JSON announcement, SIGTERM to stop.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The repository root (this file runs from dist/test/clients). */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface AnnouncedAccount {
  name: string;
  id: string;
  admin: { accessKeyId: string; secretAccessKey: string; arn: string };
}

export interface LabMock {
  endpoint: string;
  region: string;
  accounts: AnnouncedAccount[];
  /** Process id of `lab mock` (the benchmark reads its CPU time from /proc). */
  pid: number;
  /** Sends SIGTERM and resolves with the exit code once the process has gone. */
  stop(): Promise<number | null>;
}

export async function startLabMock(args: string[] = []): Promise<LabMock> {
  const child = spawn(process.execPath, [join(repoRoot, 'bin/lab.js'), 'mock', '--json', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;

  const lines = createInterface({ input: child.stdout });
  const first = await Promise.race([
    once(lines, 'line').then(([l]) => l as string),
    exited.then(([code]) => {
      throw new Error(`lab mock exited (${code}) before announcing itself: ${stderr}`);
    }),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`lab mock did not announce within 20 s: ${stderr}`)), 20_000).unref()),
  ]);
  lines.close();
  child.stdout.resume();
  const info = JSON.parse(first) as Omit<LabMock, 'stop' | 'pid'>;

  return {
    ...info,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const [code] = await exited;
      return code;
    },
  };
}
