// The aws target: real (sandbox) accounts. Each logical account of the lab gets operator
// credentials from a profile (or the SDK's default chain); preflight shows whose they are,
// refuses root and labs whose accounts collapse into one, and the safety gate gets a yes for
// every account before the runner changes anything. Calls go wherever the SDK sends them:
// AWS itself, or an AWS-compatible endpoint named by AWS_ENDPOINT_URL (or a profile's
// endpoint_url), which the SDK honours on its own.
import type { Target } from '../aws/index.js';
import { checkDistinct, planAccounts } from './aws-accounts.js';
import { explainAwsDenial } from './aws-explain.js';
import { withRunTag } from './aws-tags.js';
import { identifyAll, type OperatorIdentity } from './preflight.js';
import { confirmAccounts, type AccountToChange, type GateOptions } from './safety.js';
import { ShellEnv } from './shell-env.js';
import type { TargetSession } from './types.js';

/** SDK attempts per call. Throttling is likely when a classroom shares one account; the
 * SDK's standard mode backs off exponentially with jitter between attempts. */
export const AWS_MAX_ATTEMPTS = 10;
export const DEFAULT_SETTLE_TIMEOUT_S = 60;

/**
 * The runner's calls pass no retry settings, so the SDK reads them from the environment (or
 * the profile's max_attempts): default AWS_MAX_ATTEMPTS there unless the operator chose.
 * `run:` steps inherit it too, and the AWS CLI honours the same variable.
 */
export function applyRetryDefaults(env: NodeJS.ProcessEnv = process.env): void {
  env.AWS_MAX_ATTEMPTS ||= String(AWS_MAX_ATTEMPTS);
}

export interface AwsTargetOptions {
  /** Logical accounts of the lab. */
  accounts: string[];
  region: string;
  profile?: string;
  /** --account NAME=PROFILE values. */
  account?: string[];
  allowAccount?: string[];
  yes?: boolean;
  interactive: boolean;
  /** --settle-timeout, in seconds. */
  settleTimeout?: number;
  /** For the confirmation: "run cross-account". */
  what?: string;
  /** Injectable for tests: the question and where messages go. */
  ask?: GateOptions['ask'];
  write?: GateOptions['write'];
}

/** Accounts grouped by id, for the safety gate. */
export function accountsToChange(resolved: Array<{ name: string; id: OperatorIdentity }>): AccountToChange[] {
  const byId = new Map<string, AccountToChange>();
  for (const r of resolved) {
    const a = byId.get(r.id.accountId);
    if (a) a.names.push(r.name);
    else byId.set(r.id.accountId, { names: [r.name], id: r.id.accountId, alias: r.id.alias, arn: r.id.arn, profile: r.id.profile });
  }
  return [...byId.values()];
}

export async function startAwsTarget(opts: AwsTargetOptions): Promise<TargetSession> {
  applyRetryDefaults();
  const plan = planAccounts(opts.accounts, opts);
  const target: Target = { region: opts.region };
  const ids = await identifyAll(
    plan.map((p) => p.profile),
    { target, maxAttempts: AWS_MAX_ATTEMPTS, mfaCode: opts.interactive ? askMfaCode : undefined },
  );
  const closeAll = () => {
    for (const id of ids.values()) id.source.close();
  };
  const resolved = plan.map((p) => ({ name: p.name, id: ids.get(p.profile)! }));
  try {
    checkDistinct(resolved.map((r) => ({ name: r.name, id: r.id.accountId, profile: r.id.profile })));
    await confirmAccounts(accountsToChange(resolved), {
      interactive: opts.interactive,
      yes: opts.yes,
      allow: opts.allowAccount,
      what: opts.what ?? 'run the lab',
      ask: opts.ask,
      write: opts.write,
    });
  } catch (e) {
    closeAll();
    throw e;
  }

  const accounts = resolved.map((r) => ({ name: r.name, id: r.id.accountId, admin: r.id.source.current, adminArn: r.id.arn }));
  // `run:` steps: the AWS CLI finds AWS by itself; an AWS-compatible endpoint from the
  // environment is passed on (with the wrapper for CLIs that ignore AWS_ENDPOINT_URL).
  const shell = new ShellEnv(opts.region, process.env.AWS_ENDPOINT_URL || undefined);
  const explainCtx = { target, accounts, maxAttempts: AWS_MAX_ATTEMPTS };
  return {
    kind: 'aws',
    region: opts.region,
    accounts,
    settleTimeoutMs: (opts.settleTimeout ?? DEFAULT_SETTLE_TIMEOUT_S) * 1000,
    shellEnv: (creds) => shell.env(creds),
    // AWS cannot be asked about a request id: explaining needs the denial itself (message,
    // principal). Until the runner passes it, a bare request id gets no explanation.
    explainDenial: (q) => explainAwsDenial(q, explainCtx),
    prepareInput: (call, input, ctx) => (ctx.asOperator ? withRunTag(call, input, ctx.runId) : input),
    close: async () => {
      closeAll();
      shell.dispose();
    },
  };
}

async function askMfaCode(serial: string): Promise<string> {
  const { default: enquirer } = await import('enquirer');
  const { code } = await enquirer.prompt<{ code: string }>({ type: 'input', name: 'code', message: `MFA code for ${serial}` });
  return code.trim();
}
