// Finishing the cleanup of a run that an earlier process started: after a crash, SIGKILL,
// a lost laptop lid or `--keep`. Works from the journal file alone: entries that were created
// are undone with their recorded inverse calls, entries left pending (the create may or may
// not have happened) with inverses computed from their input. Newest first, each with the
// operator's admin identity of the account it lives in; already gone counts as done. Every
// delete is checked against the run's prefix (or tag) first, so a journal can only ever
// remove what its run made.
import { alreadyGoneCodes, callAws, type Credentials, type InverseCall, type Target } from '../aws/index.js';
import { recoverPending } from '../targets/aws-recover.js';
import { ownershipOf, type RunIdentity, type SendFn } from '../targets/safety-names.js';
import { deleteOrEmpty } from './empty-bucket.js';
import type { Journal, JournalEntry } from './journal.js';
import type { CallError } from './types.js';

export interface Operator {
  creds: Credentials;
  /** The operator's ARN: its partition (aws, aws-cn, ...) builds the ARNs of IAM entities. */
  arn: string;
}

export interface ResumeOptions {
  target: Target;
  /** The operator identity of each account, by account id. */
  operators: Map<string, Operator>;
  maxAttempts?: number;
  onItem?(result: ResumeResult): void;
}

export interface ResumeResult {
  entry: JournalEntry;
  /** The cleanup call; absent when the entry needed none (its create never happened). */
  call?: string;
  input?: Record<string, unknown>;
  ok: boolean;
  alreadyGone?: boolean;
  /** Why it was not attempted (not the run's, or not computable). */
  refused?: string;
  error?: CallError;
}

export interface ResumeOutcome {
  results: ResumeResult[];
  /** Every entry is undone: nothing of the run is left. */
  finished: boolean;
}

export async function resumeCleanup(journal: Journal, opts: ResumeOptions): Promise<ResumeOutcome> {
  const run: RunIdentity = { prefix: journal.data.prefix, runId: journal.data.runId };
  const results: ResumeResult[] = [];
  const report = (r: ResumeResult) => {
    results.push(r);
    opts.onItem?.(r);
    return r.ok;
  };
  /** The operator's calls in a logical account of the run, if the operator has credentials there. */
  const sender = (account: string): { send: SendFn; accountId: string; op: Operator } | string => {
    const accountId = journal.data.accounts[account];
    const op = accountId ? opts.operators.get(accountId) : undefined;
    if (!op) return `no operator credentials for account ${account} (${accountId ?? 'unknown id'})`;
    return { send: (call, input) => callAws(call, input, op.creds, opts.target, { maxAttempts: opts.maxAttempts }), accountId: accountId!, op };
  };
  for (const entry of journal.unfinished()) {
    const home = sender(entry.account);
    if (typeof home === 'string') {
      report({ entry, ok: false, refused: home });
      continue;
    }
    // Each undo call acts where its item says (the create's account, as journalled).
    let calls: Array<InverseCall & { account: string }>;
    if (entry.state === 'created') {
      calls = (entry.undo ?? []).map((u) => ({ call: u.call, input: u.input, goneCodes: alreadyGoneCodes(u.call), account: u.account || entry.account }));
    } else {
      const { send, accountId, op } = home;
      const rec = await recoverPending(entry.call, entry.input, { accountId, partition: op.arn.split(':')[1] || 'aws', run, send });
      if (rec.kind === 'refused') {
        report({ entry, ok: false, refused: `${entry.call} (interrupted): ${rec.reason}` });
        continue;
      }
      if (rec.kind === 'gone') {
        report({ entry, ok: true, alreadyGone: true });
        journal.markUndone(entry);
        continue;
      }
      calls = rec.calls.map((c) => ({ ...c, account: entry.account }));
    }
    let allOk = true;
    for (const c of calls) {
      const where = sender(c.account);
      const ok = report(typeof where === 'string' ? { entry, call: c.call, input: c.input, ok: false, refused: where } : await undoOne(c, run, where.send, entry));
      allOk &&= ok;
    }
    if (allOk) journal.markUndone(entry);
  }
  return { results, finished: journal.unfinished().length === 0 };
}

async function undoOne(c: InverseCall, run: RunIdentity, send: SendFn, entry: JournalEntry): Promise<ResumeResult> {
  const base = { entry, call: c.call, input: c.input };
  const own = await ownershipOf(c.call, c.input, run, send);
  if (own.kind === 'gone') return { ...base, ok: true, alreadyGone: true };
  if (own.kind === 'foreign') return { ...base, ok: false, refused: `not deleted: ${own.reason}` };
  const r = await deleteOrEmpty(c.call, c.input, send);
  if (r.ok) return { ...base, ok: true };
  if (c.goneCodes.includes(r.error.code)) return { ...base, ok: true, alreadyGone: true };
  return { ...base, ok: false, error: r.error };
}
