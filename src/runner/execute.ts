// Execute one prepared action: an SDK call (journalled before it is sent when it may create
// something) or a shell command with the identity's credentials in its environment.
import { callAws, hasInverse, inverseOf } from '../aws/index.js';
import type { CleanupSpec } from '../lab/types.js';
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
  const explicit = p.action.cleanup;
  if (p.run !== undefined) {
    // A shell command may create anything and only its author knows what: with an explicit
    // cleanup it is journalled like a create, before it runs.
    const entry = explicit ? journal.begin(p.account, 'run', { command: p.run }) : undefined;
    const outcome = await runShell(p.run, target.shellEnv(p.creds));
    if (entry && explicit) {
      if (outcome.ok) journal.complete(entry, explicitUndo(explicit, p, scope, outcome, 'run'));
      else journal.fail(entry);
    }
    return outcome;
  }
  const call = p.call!;
  // Only what the operator creates is tagged: tagging a learner's create would need a
  // permission the lab did not grant, and could change the outcome the lab is about.
  const input = target.prepareInput?.(call, p.input ?? {}, { runId: scope.runId, asOperator: p.as === p.account }) ?? p.input ?? {};
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
      undo = explicitUndo(explicit, p, scope, { ok: true, output: result.output, durationMs: result.durationMs }, call);
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

/** The author's cleanup calls, filled in with the run's variables and with what this action
 * saves (labs/README.md: "Clean-up calls may use what the action itself saved"). */
function explicitUndo(
  explicit: Exclude<CleanupSpec, false>,
  p: PreparedAction,
  scope: RunScope,
  outcome: Outcome,
  undoes: string,
): CleanupItem[] {
  const own = scope.preview(p.action, outcome);
  return explicit.map((c) => ({
    account: p.account,
    call: c.call,
    input: scope.interpolate(c.with ?? {}, p.action, 'cleanup', own),
    undoes,
  }));
}
