// Undo what the run created, newest first, with the admin identity of the account where it
// lives. An inverse that finds its resource already gone counts as done.
import { alreadyGoneCodes, callAws } from '../aws/index.js';
import type { TargetSession } from '../targets/types.js';
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
      const r = await callAws(item.call, item.input, scope.adminOf(item.account), {
        region: target.region,
        endpoint: target.endpoint,
      });
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
