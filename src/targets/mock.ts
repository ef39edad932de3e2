// The mock target: starts the embedded AWS mock on 127.0.0.1 and a free port, with one mock
// account per logical account of the lab. Only this module (and `lab mock` through it)
// starts the mock.
import type { RunningMock } from '../mock/index.js';
import { ShellEnv } from './shell-env.js';
import type { TargetSession } from './types.js';

export interface MockTargetOptions {
  /** Logical account names, or a count (account1..N). */
  accounts: string[] | number;
  region?: string;
  port?: number;
  host?: string;
  propagationDelayMs?: number;
  throttle?: number;
  stateFile?: string;
}

export async function startMockTarget(opts: MockTargetOptions): Promise<TargetSession> {
  const { startMock } = await import('../mock/index.js');
  const mock = await startMock({
    accounts: opts.accounts,
    region: opts.region ?? 'us-east-1',
    port: opts.port ?? 0,
    host: opts.host ?? '127.0.0.1',
    propagationDelayMs: opts.propagationDelayMs,
    throttle: opts.throttle,
    stateFile: opts.stateFile,
  });
  return mockSession(mock, { settleTimeoutMs: opts.propagationDelayMs ? Math.max(10_000, opts.propagationDelayMs * 5) : 0 });
}

/** A target session over a running mock (also used by tests that start their own mock and
 * then look at its inventory). */
export function mockSession(
  mock: RunningMock,
  opts: { closeMock?: boolean; settleTimeoutMs?: number } = {},
): TargetSession {
  const shell = new ShellEnv(mock.region, mock.endpoint);
  return {
    kind: 'mock',
    settleTimeoutMs: opts.settleTimeoutMs ?? 0,
    region: mock.region,
    endpoint: mock.endpoint,
    accounts: mock.accounts.map((a) => ({
      name: a.name,
      id: a.id,
      admin: { accessKeyId: a.admin.accessKeyId, secretAccessKey: a.admin.secretAccessKey },
      adminArn: a.admin.arn,
    })),
    shellEnv: (creds) => shell.env(creds),
    inventory: () => mock.inventory(),
    explainDenial: async ({ requestId }) => {
      if (!requestId) return undefined;
      const d = mock.explain(requestId);
      return d ? { explanation: d.explanation, details: d.details } : undefined;
    },
    close: async () => {
      shell.dispose();
      if (opts.closeMock !== false) await mock.close();
    },
  };
}
