// The cleanup journal. Every create-like call is recorded *before* it is sent (so an
// interrupted run knows what it may have created) and completed with its inverse calls once
// the output is known. With a file, the journal survives a crash and `lab cleanup` can finish
// it; the file is rewritten atomically (temp file + rename) so it is never half-written.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
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
  accounts: Record<string, string>;
  startedAt: string;
  entries: JournalEntry[];
}

export class Journal {
  private seq = 0;
  readonly data: JournalFile;

  constructor(
    meta: Omit<JournalFile, 'entries'>,
    private readonly file?: string,
  ) {
    this.data = { ...meta, entries: [] };
    this.flush();
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

  private flush(): void {
    if (!this.file) return;
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.data, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
