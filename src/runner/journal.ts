// The cleanup journal. Every create-like call is recorded *before* it is sent (so an
// interrupted run knows what it may have created) and completed with its inverse calls once
// the output is known. With a file, the journal survives a crash and `lab cleanup` can finish
// it; the file is rewritten atomically (temp file + rename) so it is never half-written.
// Journal files live in the XDG state directory, one per run: `lab cleanup --all` finds the
// unfinished ones there.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import type { CleanupItem } from './types.js';

export interface JournalEntry {
  seq: number;
  account: string;
  call: string;
  input: Record<string, unknown>;
  state: 'pending' | 'created' | 'failed' | 'undone';
  /** Inverse calls, known once the create succeeded. */
  undo?: CleanupItem[];
}

export interface JournalFile {
  runId: string;
  lab: string;
  target: string;
  prefix: string;
  /** Logical account name -> account id. */
  accounts: Record<string, string>;
  /** Where the run's regional resources (S3 buckets, EC2) live. */
  region?: string;
  startedAt: string;
  /** The process that ran the lab, so that `lab cleanup` leaves a run that is still going
   * alone (it cleans up after itself). */
  pid?: number;
  host?: string;
  entries: JournalEntry[];
}

/** `$XDG_STATE_HOME/lab/runs`, or `~/.local/state/lab/runs` (the XDG default). A relative
 * XDG_STATE_HOME is ignored, as the XDG spec asks. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_STATE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'lab', 'runs');
}

const RUN_ID = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** The journal file of a run. Run ids are what `lab run` makes (prefix + time); anything
 * else, in particular a path, is refused so that `lab cleanup ../x` cannot read elsewhere. */
export function journalPath(runId: string, dir = stateDir()): string {
  if (!RUN_ID.test(runId)) throw new RangeError(`not a run id: ${JSON.stringify(runId)}`);
  return join(dir, `${runId}.json`);
}

/** Entries that may have left something behind: created and not undone, or begun and never
 * completed (the process died while the create was in flight). */
export function unfinishedEntries(data: JournalFile): JournalEntry[] {
  return data.entries.filter((e) => e.state === 'pending' || (e.state === 'created' && !!e.undo?.length));
}

export function isFinished(data: JournalFile): boolean {
  return unfinishedEntries(data).length === 0;
}

export function readJournal(file: string): JournalFile {
  const data = JSON.parse(readFileSync(file, 'utf8')) as JournalFile;
  const ok =
    data &&
    typeof data.runId === 'string' &&
    typeof data.prefix === 'string' &&
    typeof data.accounts === 'object' &&
    Array.isArray(data.entries) &&
    data.entries.every((e) => typeof e?.seq === 'number' && typeof e.call === 'string' && typeof e.account === 'string');
  if (!ok) throw new Error(`${file} is not a lab journal`);
  return data;
}

export interface JournalListing {
  file: string;
  data?: JournalFile;
  /** Why the file could not be read. */
  error?: string;
}

/** Every journal in the state directory, oldest run first. */
export function listJournals(dir = stateDir()): JournalListing[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const out = names.map((n): JournalListing => {
    const file = join(dir, n);
    try {
      return { file, data: readJournal(file) };
    } catch (e) {
      return { file, error: (e as Error).message };
    }
  });
  return out.sort((a, b) => (a.data?.startedAt ?? '').localeCompare(b.data?.startedAt ?? '') || a.file.localeCompare(b.file));
}

/** Removes a journal whose every create is undone (or never happened); keeps it otherwise,
 * so that `lab cleanup` can finish it. Returns whether it was removed. */
export function removeJournalIfFinished(file: string): boolean {
  let data: JournalFile;
  try {
    data = readJournal(file);
  } catch {
    return false;
  }
  if (!isFinished(data)) return false;
  rmSync(file, { force: true });
  return true;
}

/** Is the run that wrote this journal still going (same host, live pid)? */
export function isRunLive(data: JournalFile, self = process.pid): boolean {
  if (data.pid === undefined || data.pid === self || data.host !== hostname()) return false;
  try {
    process.kill(data.pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class Journal {
  private seq: number;
  readonly data: JournalFile;

  /** A new journal, or (with `entries`, as `Journal.open` does) an existing one resumed. */
  constructor(
    meta: Omit<JournalFile, 'entries'> & { entries?: JournalEntry[] },
    private readonly file?: string,
  ) {
    this.data = { pid: process.pid, host: hostname(), ...meta, entries: meta.entries ?? [] };
    this.seq = Math.max(0, ...this.data.entries.map((e) => e.seq));
    this.flush();
  }

  /** Resume the journal of an earlier process (lab cleanup). */
  static open(file: string): Journal {
    return new Journal(readJournal(file), file);
  }

  get path(): string | undefined {
    return this.file;
  }

  begin(account: string, call: string, input: Record<string, unknown>): JournalEntry {
    const entry: JournalEntry = { seq: ++this.seq, account, call, input, state: 'pending' };
    this.data.entries.push(entry);
    this.flush();
    return entry;
  }

  complete(entry: JournalEntry, undo: CleanupItem[] | undefined): void {
    entry.state = 'created';
    entry.undo = undo;
    this.flush();
  }

  fail(entry: JournalEntry): void {
    entry.state = 'failed';
    this.flush();
  }

  markUndone(entry: JournalEntry): void {
    entry.state = 'undone';
    this.flush();
  }

  /** Entries whose creation succeeded and that are not undone yet, newest first. */
  pendingUndo(): JournalEntry[] {
    return this.data.entries.filter((e) => e.state === 'created' && e.undo?.length).reverse();
  }

  /** How many inverse calls cleaning up would make now. */
  undoCount(): number {
    return this.pendingUndo().reduce((n, e) => n + (e.undo?.length ?? 0), 0);
  }

  /** Entries that may have left something behind (see unfinishedEntries), newest first. */
  unfinished(): JournalEntry[] {
    return unfinishedEntries(this.data).sort((a, b) => b.seq - a.seq);
  }

  private flush(): void {
    if (!this.file) return;
    // The journal names accounts and resources: only its owner may read it.
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.data, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
