// The --report JSON (DESIGN §6): lab id, target, times, and per step its actions with the
// expected and actual outcome, duration and explanation. Never a secret: outputs pass through
// maskSecrets, and credentials are never part of a result.
import { maskSecrets } from '../../aws/index.js';
import type { Expectation, Matcher } from '../../lab/types.js';
import type { RunResult } from '../../runner/types.js';

const matcher = (m?: Matcher) =>
  !m ? undefined : m.kind === 'regex' ? `/${m.source}/${m.flags}` : m.kind === 'substring' ? m.text : m.value;

function expected(e: Expectation) {
  return {
    success: e.success,
    error: e.error,
    message: matcher(e.message),
    output: e.output ? Object.fromEntries(Object.entries(e.output).map(([k, v]) => [k, matcher(v)])) : undefined,
    exitCode: e.exitCode,
  };
}

export function buildReport(r: RunResult) {
  return {
    lab: r.lab.id,
    title: r.lab.meta.title,
    lang: r.lab.lang ?? 'en',
    target: r.target,
    runId: r.runId,
    prefix: r.prefix,
    startedAt: r.startedAt.toISOString(),
    endedAt: r.endedAt.toISOString(),
    ok: r.ok,
    interrupted: r.interrupted,
    steps: r.steps.map((s) => ({
      title: s.step.title,
      line: s.step.pos.line,
      met: s.met,
      durationMs: Math.round(s.durationMs),
      actions: s.actions.map((a) => ({
        line: a.action.pos.line,
        call: a.action.call,
        run: a.action.run !== undefined ? a.label : undefined,
        as: a.as,
        expected: expected(a.action.expect),
        actual: {
          ok: a.outcome.ok,
          error: a.outcome.error ? { code: a.outcome.error.code, message: a.outcome.error.message } : undefined,
          exitCode: a.outcome.exitCode,
          output: a.outcome.output ? maskSecrets(a.outcome.output) : undefined,
        },
        met: a.met,
        problems: a.problems,
        durationMs: Math.round(a.outcome.durationMs),
        explanation: a.explanation,
      })),
    })),
    cleanup: r.kept
      ? { kept: true }
      : r.cleanup.map((c) => ({ call: c.item.call, account: c.item.account, ok: c.ok, alreadyGone: c.alreadyGone, error: c.error?.code })),
  };
}
