// Undo what the run created, newest first, with the admin identity of the account where it
// lives. An inverse that finds its resource already gone counts as done.
import { alreadyGoneCodes, callAws } from '../aws/index.js';
import type { TargetSession } from '../targets/types.js';
import type { SendFn } from '../targets/safety-names.js';
import { deleteOrEmpty } from './empty-bucket.js';
import type { Journal } from './journal.js';
import type { RunScope } from './scope.js';
import type { CleanupResult, RunEvents } from './types.js';

export async function runCleanup(
  journal: Journal,
  scope: RunScope,
  target: TargetSession,
  ev: RunEvents,
): Promise<CleanupResult[]> {
  const entries = journal.pendingUndo();
  ev.cleanupStart?.(journal.undoCount());
  const results: CleanupResult[] = [];
  for (const entry of entries) {
    let allOk = true;
    for (const item of entry.undo ?? []) {
      const creds = scope.adminOf(item.account);
      const send: SendFn = (call, input) => callAws(call, input, creds, { region: target.region, endpoint: target.endpoint });
      const r = await deleteOrEmpty(item.call, item.input, send);
      const gone = !r.ok && alreadyGoneCodes(item.call).includes(r.error.code);
      const result: CleanupResult = r.ok || gone ? { item, ok: true, alreadyGone: gone || undefined } : { item, ok: false, error: r.error };
      if (!result.ok) allOk = false;
      results.push(result);
      ev.cleanupItem?.(result);
    }
    if (allOk) journal.markUndone(entry);
  }
  return results;
}
