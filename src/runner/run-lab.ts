// The run loop: steps in order, actions in order, each checked against its expectation;
// the first unmet expectation stops the lab (later steps build on earlier ones); cleanup
// always runs unless --keep.
import type { Action, Lab } from '../lab/types.js';
import type { TargetSession } from '../targets/types.js';
import { checkOutcome } from './expect.js';
import { Journal } from './journal.js';
import { RunScope } from './scope.js';
import { runCleanup } from './cleanup.js';
import { executeAction } from './execute.js';
import { backoffMs, mayBePropagation, sleep } from './settle.js';
import type { ActionResult, CleanupResult, RunControl, RunEvents, RunResult, StepResult } from './types.js';

export interface RunOptions {
  prefix: string;
  runId: string;
  keep?: boolean;
  events?: RunEvents;
  /** Interactive decisions (prompts); absent when the run must never wait for input. */
  control?: RunControl;
  /** Aborted by SIGINT/SIGTERM: the loop stops between actions and cleans up. */
  signal?: AbortSignal;
  /** Where the journal is kept; in memory when absent. */
  journalFile?: string;
}

export async function runLab(lab: Lab, target: TargetSession, opts: RunOptions): Promise<RunResult> {
  const startedAt = new Date();
  const ev = opts.events ?? {};
  const scope = new RunScope(lab, target, opts.prefix, opts.runId);
  const journal = new Journal(
    {
      runId: opts.runId,
      lab: lab.id,
      target: target.kind,
      prefix: opts.prefix,
      region: target.region,
      accounts: Object.fromEntries(target.accounts.map((a) => [a.name, a.id])),
      startedAt: startedAt.toISOString(),
    },
    opts.journalFile,
  );
  ev.runStart?.({ lab, runId: opts.runId, prefix: opts.prefix, target: target.kind });

  const steps: StepResult[] = [];
  let stopped = false;
  let interrupted = false;
  let quit = false;
  for (const [index, step] of lab.steps.entries()) {
    if (stopped) break;
    const choice = opts.signal?.aborted ? 'quit' : ((await opts.control?.beforeStep?.(step, index, lab.steps.length)) ?? 'run');
    if (choice === 'quit') {
      interrupted = opts.signal?.aborted ?? false;
      quit = !interrupted;
      break;
    }
    const t0 = performance.now();
    ev.stepStart?.(step, index, lab.steps.length);
    const actions: ActionResult[] = [];
    let skipped = choice === 'skip';
    for (const action of skipped ? [] : step.actions) {
      if (opts.signal?.aborted) {
        interrupted = true;
        stopped = true;
        break;
      }
      let result = await runAction(action, scope, target, journal, ev, opts.signal);
      // Interactively, an unmet expectation is a question, not the end.
      let next: 'retry' | 'skip' | 'quit' | undefined;
      while (
        !result.met &&
        !opts.signal?.aborted &&
        opts.control?.afterUnmet &&
        (next = await opts.control.afterUnmet(result)) === 'retry'
      ) {
        result = await runAction(action, scope, target, journal, ev, opts.signal);
      }
      actions.push(result);
      if (!result.met && opts.signal?.aborted) {
        // Ctrl-C during the action (it may have killed a run: command): an interruption.
        interrupted = true;
        stopped = true;
        break;
      }
      if (!result.met) {
        if (next === 'skip') {
          skipped = true;
          break;
        }
        if (next === 'quit') quit = true;
        stopped = true;
        break;
      }
    }
    const result: StepResult = {
      step,
      index,
      actions,
      met: !skipped && actions.length === step.actions.length && actions.every((a) => a.met),
      skipped: skipped || undefined,
      durationMs: performance.now() - t0,
    };
    steps.push(result);
    ev.stepEnd?.(result);
  }

  let cleanup: CleanupResult[] = [];
  let keep = !!opts.keep;
  if (!keep && (interrupted || quit) && opts.control?.beforeCleanup) {
    const count = journal.undoCount();
    if (count) keep = (await opts.control.beforeCleanup({ count, interrupted })) === 'keep';
  }
  if (!keep) cleanup = await runCleanup(journal, scope, target, ev);
  const ok = !interrupted && steps.length === lab.steps.length && steps.every((s) => s.met) && cleanup.every((c) => c.ok);
  const result: RunResult = {
    lab,
    runId: opts.runId,
    prefix: opts.prefix,
    target: target.kind,
    startedAt,
    endedAt: new Date(),
    steps,
    cleanup,
    kept: keep,
    ok,
    interrupted,
    quit: quit || undefined,
  };
  ev.runEnd?.(result);
  return result;
}

async function runAction(
  action: Action,
  scope: RunScope,
  target: TargetSession,
  journal: Journal,
  ev: RunEvents,
  signal?: AbortSignal,
): Promise<ActionResult> {
  const prepared = scope.prepare(action);
  ev.actionStart?.({ action, label: prepared.label, as: prepared.as, cli: prepared.cli });
  const isRun = action.run !== undefined;
  const t0 = performance.now();
  let attempts = 0;
  let outcome = await executeAction(prepared, scope, target, journal);
  let problems = checkOutcome(prepared.expect, outcome, isRun);
  // Settle: retry while the mismatch looks like IAM propagation and the budget lasts.
  while (problems.length && target.settleTimeoutMs > 0 && mayBePropagation(prepared.expect, outcome, isRun)) {
    const wait = backoffMs(attempts++);
    const waited = performance.now() - t0;
    if (waited + wait > target.settleTimeoutMs || signal?.aborted) break;
    ev.settling?.({ label: prepared.label, attempt: attempts, waitedMs: waited, reason: outcome.error?.code ?? 'unexpected success' });
    await sleep(wait, signal);
    outcome = await executeAction(prepared, scope, target, journal);
    problems = checkOutcome(prepared.expect, outcome, isRun);
  }
  const result: ActionResult = {
    action,
    label: prepared.label,
    as: prepared.as,
    cli: prepared.cli,
    outcome,
    met: problems.length === 0,
    problems,
    attempts: attempts + 1,
  };
  if (outcome.ok && action.save && problems.length === 0) {
    try {
      scope.save(action, outcome, prepared.account);
    } catch (e) {
      result.met = false;
      result.problems.push((e as Error).message);
    }
  }
  if (!outcome.ok && outcome.error && isDenial(outcome.error.code)) {
    const why = await target.explainDenial({ requestId: outcome.error.requestId, error: outcome.error, call: prepared.call, input: prepared.input }).catch(() => undefined);
    if (why) {
      result.explanation = why.explanation;
      result.details = why.details;
    }
  }
  ev.actionEnd?.(result);
  return result;
}

function isDenial(code: string): boolean {
  return code === 'AccessDenied' || code === 'UnauthorizedOperation' || code === 'AccessDeniedException';
}
