// The mock target: starts the embedded AWS mock on 127.0.0.1 and a free port, with one mock
// account per logical account of the lab. Only this module (and `lab mock` through it)
// starts the mock.
import type { Credentials } from '../aws/index.js';
import type { RunningMock } from '../mock/index.js';
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
    shellEnv: (creds: Credentials) => awsEnv(creds, mock.region, mock.endpoint),
    explainDenial: async (requestId) => {
      if (!requestId) return undefined;
      const d = mock.explain?.(requestId);
      return d ? { explanation: d.explanation, details: d.details } : undefined;
    },
    close: () => (opts.closeMock === false ? Promise.resolve() : mock.close()),
  };
}

/** The standard environment AWS tools read. */
export function awsEnv(creds: Credentials, region: string, endpoint?: string): Record<string, string> {
  const env: Record<string, string> = {
    AWS_ACCESS_KEY_ID: creds.accessKeyId,
    AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    // Never let a learner's own profile or config leak into a lab step.
    AWS_PROFILE: '',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_PAGER: '',
  };
  if (creds.sessionToken) env.AWS_SESSION_TOKEN = creds.sessionToken;
  if (endpoint) env.AWS_ENDPOINT_URL = endpoint;
  return env;
}
