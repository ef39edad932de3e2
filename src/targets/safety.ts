// The gate before the first change to a real account: show which accounts a run (or a
// cleanup) will change and get a yes for each. On a terminal that is a question; elsewhere
// (CI, pipes, --yes) it is `--yes` plus every account id in `--allow-account` or
// LAB_ALLOW_ACCOUNTS, so that a script can never change an account nobody named.

/** A refusal before anything changed: the CLI prints the message and exits 2. */
export class TargetRefusal extends Error {
  override name = 'TargetRefusal';
}

export interface AccountToChange {
  /** Logical account names (or run ids, for cleanup) mapped to this account. */
  names: string[];
  id: string;
  alias?: string;
  /** The operator identity that will act there. */
  arn: string;
  profile?: string;
}

export interface GateOptions {
  interactive: boolean;
  yes?: boolean;
  /** --allow-account values. */
  allow?: string[];
  /** What will be done, for the question ("run cross-account", "clean up 2 runs"). */
  what: string;
  env?: NodeJS.ProcessEnv;
  /** Asks a yes/no question (enquirer on a terminal; injectable for tests). */
  ask?: (question: string) => Promise<boolean>;
  write?: (line: string) => void;
}

const ACCOUNT_ID = /^\d{12}$/;

/** --allow-account values and LAB_ALLOW_ACCOUNTS (comma or space separated), checked. */
export function allowedAccounts(flags: string[] = [], env: NodeJS.ProcessEnv = process.env): Set<string> {
  const fromEnv = (env.LAB_ALLOW_ACCOUNTS ?? '').split(/[\s,]+/).filter(Boolean);
  const all = [...flags.flatMap((f) => f.split(',')).map((s) => s.trim()).filter(Boolean), ...fromEnv];
  const bad = all.filter((id) => !ACCOUNT_ID.test(id));
  if (bad.length) throw new TargetRefusal(`--allow-account and LAB_ALLOW_ACCOUNTS take 12-digit account ids, not: ${bad.join(', ')}`);
  return new Set(all);
}

export function describeAccounts(list: AccountToChange[]): string[] {
  return list.map((a) => {
    const alias = a.alias ? ` (${a.alias})` : '';
    const via = a.profile ? `profile ${a.profile}` : 'default credentials';
    return `  ${a.names.join(', ')}: account ${a.id}${alias} as ${a.arn} [${via}]`;
  });
}

/** Resolves when the accounts may be changed; throws TargetRefusal (nothing changed) if not. */
export async function confirmAccounts(list: AccountToChange[], opts: GateOptions): Promise<void> {
  const write = opts.write ?? ((s: string) => process.stderr.write(`${s}\n`));
  const allow = allowedAccounts(opts.allow, opts.env);
  const missing = list.filter((a) => !allow.has(a.id)).map((a) => a.id);
  const lines = describeAccounts(list);
  if (!opts.interactive) {
    if (opts.yes && !missing.length) {
      write(`lab: ${opts.what} in AWS account${list.length > 1 ? 's' : ''}:`);
      for (const l of lines) write(l);
      return;
    }
    const add = [...(opts.yes ? [] : ['--yes']), ...missing.map((id) => `--allow-account ${id}`)];
    const env = missing.length ? ` (or set LAB_ALLOW_ACCOUNTS=${missing.join(',')} instead of the --allow-account flags)` : '';
    throw new TargetRefusal(
      [
        `refusing to ${opts.what} without a confirmation: nothing was changed. It would change:`,
        ...lines,
        `Not on a terminal (or --yes given), lab asks no questions: it needs --yes and every account id allowed.`,
        `To go ahead, add: ${add.join(' ')}${env}`,
      ].join('\n'),
    );
  }
  write(`lab: ${opts.what} will change these AWS accounts:`);
  for (const l of lines) write(l);
  if (!missing.length) return; // every account was allowed in advance
  const ask = opts.ask ?? askOnTerminal;
  const ok = await ask(`Change ${list.length > 1 ? `these ${list.length} accounts` : 'this account'}? Only resources named with the run's prefix are created and removed.`);
  if (!ok) throw new TargetRefusal('not confirmed: nothing was changed');
}

async function askOnTerminal(question: string): Promise<boolean> {
  const { default: enquirer } = await import('enquirer');
  try {
    const { ok } = await enquirer.prompt<{ ok: boolean }>({ type: 'confirm', name: 'ok', message: question, initial: false });
    return ok;
  } catch {
    // Ctrl-C at the prompt: the same as no.
    return false;
  }
}
