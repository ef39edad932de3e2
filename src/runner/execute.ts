// Execute one prepared action: an SDK call (journalled before it is sent when it may create
// something) or a shell command with the identity's credentials in its environment.
import { callAws, hasInverse, inverseOf } from '../aws/index.js';
import type { TargetSession } from '../targets/types.js';
import type { Journal } from './journal.js';
import type { PreparedAction, RunScope } from './scope.js';
import type { CleanupItem, Outcome } from './types.js';
import { runShell } from './shell.js';

export async function executeAction(
  p: PreparedAction,
  scope: RunScope,
  target: TargetSession,
  journal: Journal,
): Promise<Outcome> {
  if (p.run !== undefined) {
    return runShell(p.run, target.shellEnv(p.creds));
  }
  const call = p.call!;
  const input = p.input ?? {};
  const explicit = p.action.cleanup;
  // Journal every call that may create something before sending it: only after the output
  // is known can we tell what to undo, but an interrupted run must still know it tried.
  const mayCreate = explicit !== false && (explicit !== undefined || hasInverse(call) || isCreateLike(call));
  const entry = mayCreate ? journal.begin(p.account, call, input) : undefined;
  const result = await callAws(call, input, p.creds, { region: target.region, endpoint: target.endpoint });
  if (!result.ok) {
    if (entry) journal.fail(entry);
    return { ok: false, error: result.error, durationMs: result.durationMs };
  }
  if (entry) {
    let undo: CleanupItem[] | undefined;
    if (explicit) {
      undo = explicit.map((c) => ({
        account: p.account,
        call: c.call,
        input: scope.interpolate(c.with ?? {}, p.action, 'cleanup'),
        undoes: call,
      }));
    } else {
      undo = inverseOf(call, input, result.output)?.map((c) => ({ account: p.account, ...c, undoes: call }));
    }
    journal.complete(entry, undo);
  }
  return { ok: true, output: result.output, durationMs: result.durationMs };
}

/** Names that usually create something, so they are journalled even before the registry
 * knows how to undo them. */
function isCreateLike(call: string): boolean {
  return /:(Create|Put|Attach|Add|Run|Upload|Tag)/.test(call);
}
