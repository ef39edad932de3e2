// lab cleanup [RUN-ID | --all]: finish the cleanup of runs on AWS that did not finish it
// themselves (killed, crashed, or run with --keep), from their journals in the state
// directory. Acts only on journals, only with the operator's credentials for the accounts
// they name, after the same confirmation as a run, and deletes only what carries the run's
// prefix. Exit 0 when every run it looked at is clean, 1 when something is left, 2 on usage.
import { existsSync, rmSync } from 'node:fs';
import { isFinished, isRunLive, Journal, journalPath, listJournals, readJournal, stateDir, type JournalFile } from '../../runner/journal.js';
import type { ResumeResult } from '../../runner/resume.js';
import { EXIT, UsageError } from '../errors.js';
import { c } from '../../ui/colors.js';

export interface CleanupFlags {
  all?: boolean;
  /** One or more profiles (each an account to clean in). */
  profile?: string | string[];
  account?: string[];
  region?: string;
  yes?: boolean;
  allowAccount?: string[];
}

const out = (s = '') => process.stdout.write(`${s}\n`);
const err = (s: string) => process.stderr.write(`${s}\n`);

export default async function cleanup(runId: string | undefined, flags: CleanupFlags): Promise<number> {
  if (runId && flags.all) throw new UsageError('give either a run id or --all, not both');
  const journals = runId ? [one(runId)] : flags.all ? all() : usageWithList();
  const todo: Array<{ file: string; data: JournalFile }> = [];
  for (const j of journals) {
    if (isFinished(j.data)) {
      rmSync(j.file, { force: true });
      if (runId) out(`run ${j.data.runId} is already cleaned up`);
    } else if (j.data.target !== 'aws') {
      err(`lab: skipping run ${j.data.runId}: it ran on the ${j.data.target} target, whose state ended with it`);
    } else if (isRunLive(j.data)) {
      err(`lab: skipping run ${j.data.runId}: it is still running (pid ${j.data.pid}) and cleans up after itself`);
    } else todo.push(j);
  }
  if (!todo.length) {
    if (!runId) out('nothing to clean up');
    return EXIT.ok;
  }

  const { TargetRefusal } = await import('../../targets/safety.js');
  let operators: Awaited<ReturnType<typeof operatorsFor>>;
  try {
    operators = await operatorsFor(todo.map((t) => t.data), flags);
  } catch (e) {
    if (e instanceof TargetRefusal) throw new UsageError(e.message);
    throw e;
  }
  try {
    const { resumeCleanup } = await import('../../runner/resume.js');
    const { AWS_MAX_ATTEMPTS } = await import('../../targets/aws.js');
    let left = 0;
    for (const t of todo) {
      const journal = Journal.open(t.file);
      out(`${c.bold(`cleaning up run ${t.data.runId}`)} ${c.dim(`(lab ${t.data.lab}, started ${t.data.startedAt}, prefix ${t.data.prefix})`)}`);
      const region = t.data.region ?? flags.region ?? 'us-east-1';
      const r = await resumeCleanup(journal, {
        target: { region },
        operators: operators.byId,
        maxAttempts: AWS_MAX_ATTEMPTS,
        onItem: (item) => out(describe(item, t.data)),
      });
      if (r.finished) {
        rmSync(t.file, { force: true });
        out(`  ${c.green('clean')}: nothing of run ${t.data.runId} is left`);
      } else {
        left++;
        out(`  ${c.red('not clean')}: something of run ${t.data.runId} is left; its journal stays at ${t.file}`);
      }
    }
    if (left) err(`lab: ${left} of ${todo.length} run(s) are not fully cleaned up; fix what is listed above and run lab cleanup again`);
    return left ? EXIT.failed : EXIT.ok;
  } finally {
    operators.close();
    const { closeClients } = await import('../../aws/index.js');
    await closeClients();
  }
}

function one(runId: string): { file: string; data: JournalFile } {
  let file: string;
  try {
    file = journalPath(runId);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (!existsSync(file)) throw new UsageError(`no journal of run ${runId} in ${stateDir()} (lab cleanup --all finds every unfinished run)`);
  return { file, data: readJournal(file) };
}

function all(): Array<{ file: string; data: JournalFile }> {
  const list = listJournals();
  for (const l of list) if (l.error) err(`lab: skipping ${l.file}: ${l.error}`);
  return list.filter((l): l is { file: string; data: JournalFile } => !!l.data);
}

function usageWithList(): never {
  const open = all().filter((j) => !isFinished(j.data));
  const runs = open.map((j) => `  ${j.data.runId}  (lab ${j.data.lab}, ${j.data.target}, started ${j.data.startedAt})`);
  throw new UsageError(
    [`say which run to clean up: lab cleanup RUN-ID, or lab cleanup --all`, ...(runs.length ? ['unfinished runs:', ...runs] : ['there are no unfinished runs'])].join('\n'),
  );
}

function describe(r: ResumeResult, data: JournalFile): string {
  const what = r.call ? `${r.call} ${summary(r.input ?? {})}` : `${r.entry.call} (never created)`;
  const where = c.dim(`in ${r.entry.account} ${data.accounts[r.entry.account] ?? ''}`);
  if (r.refused) return `  ${c.red('✗')} ${what} ${where}: ${r.refused}`;
  if (!r.ok) return `  ${c.red('✗')} ${what} ${where}: ${r.error?.code}: ${r.error?.message}`;
  return `  ${c.green('✓')} ${what} ${where}${r.alreadyGone ? c.dim(' (already gone)') : ''}`;
}

function summary(input: Record<string, unknown>): string {
  return Object.entries(input)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
}

/** Operator credentials for every account the journals name, by account id. */
async function operatorsFor(journals: JournalFile[], flags: CleanupFlags) {
  const { identifyAll } = await import('../../targets/preflight.js');
  const { parseAccountFlag } = await import('../../targets/aws-accounts.js');
  const { confirmAccounts, TargetRefusal } = await import('../../targets/safety.js');
  const { applyRetryDefaults, AWS_MAX_ATTEMPTS } = await import('../../targets/aws.js');
  applyRetryDefaults();
  const named = (flags.account ?? []).map(parseAccountFlag);
  const profiles = [...[flags.profile ?? []].flat(), ...named.map(([, p]) => p)];
  const interactive = !flags.yes && !!process.stdin.isTTY && !!process.stdout.isTTY && !process.env.CI;
  const ids = await identifyAll(profiles.length ? profiles : [undefined], { target: { region: flags.region ?? 'us-east-1' }, maxAttempts: AWS_MAX_ATTEMPTS });
  const close = () => {
    for (const id of ids.values()) id.source.close();
  };
  try {
    // --account NAME=PROFILE must be the account the journals name NAME.
    for (const [name, profile] of named) {
      const id = ids.get(profile)!.accountId;
      for (const j of journals) {
        const want = j.accounts[name];
        if (want && want !== id) throw new TargetRefusal(`--account ${name}=${profile} is account ${id}, but run ${j.runId}'s ${name} is account ${want}`);
      }
    }
    const byId = new Map([...ids.values()].map((id) => [id.accountId, id]));
    const needed = new Map<string, string[]>();
    for (const j of journals) for (const [name, id] of Object.entries(j.accounts)) needed.set(id, [...(needed.get(id) ?? []), `${j.runId}/${name}`]);
    const missing = [...needed.entries()].filter(([id]) => !byId.has(id));
    if (missing.length) {
      throw new TargetRefusal(
        [
          'no credentials for some accounts these runs changed; nothing was changed:',
          ...missing.map(([id, names]) => `  account ${id} (${names.join(', ')}): add --account ${names[0]!.split('/')[1]}=PROFILE or --profile PROFILE for it`),
        ].join('\n'),
      );
    }
    const list = [...needed.entries()].map(([id, names]) => {
      const op = byId.get(id)!;
      return { names, id, alias: op.alias, arn: op.arn, profile: op.profile };
    });
    const runs = journals.length === 1 ? `clean up run ${journals[0]!.runId}` : `clean up ${journals.length} runs`;
    await confirmAccounts(list, { interactive, yes: flags.yes, allow: flags.allowAccount, what: runs });
    return {
      byId: new Map([...byId.entries()].map(([id, op]) => [id, { creds: op.source.current, arn: op.arn }])),
      close,
    };
  } catch (e) {
    close();
    throw e;
  }
}
