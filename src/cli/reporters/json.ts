// The --report JSON (DESIGN §6): lab id, target, times, and per step its actions with the
// expected and actual outcome, duration and explanation, and the learner's quiz answers.
// Never a secret: outputs pass through maskSecrets, and every string of the report through
// a redactor that knows the secrets the run produced.
import type { Expectation, Matcher } from '../../lab/types.js';
import type { RunResult } from '../../runner/types.js';
import type { TargetSession } from '../../targets/types.js';
import type { QuizRecord } from '../../ui/quiz.js';
import { Redactor } from './redact.js';

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

export interface ReportExtras {
  /** Quiz answers of a guided run (see selectReporter). */
  quizzes?: QuizRecord[];
  /** Its admin secrets are scrubbed too, should a command have printed them. */
  target?: Pick<TargetSession, 'accounts'>;
}

export function buildReport(r: RunResult, extras: ReportExtras = {}) {
  const answers = extras.quizzes ?? [];
  const quizzesOf = (stepIndex: number) => {
    const quizzes = r.lab.steps[stepIndex]?.quizzes;
    if (!quizzes?.length) return undefined;
    return quizzes.map((q) => {
      const a = answers.find((x) => x.step === stepIndex && x.line === q.pos.line);
      return {
        line: q.pos.line,
        question: q.question,
        asked: !!a,
        answers: a?.answers ?? [],
        correctFirstTry: a?.correctFirstTry ?? false,
        solved: a?.solved ?? false,
      };
    });
  };
  const report = {
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
    quit: r.quit ?? false,
    steps: r.steps.map((s) => ({
      title: s.step.title,
      line: s.step.pos.line,
      met: s.met,
      skipped: s.skipped ?? false,
      durationMs: Math.round(s.durationMs),
      quizzes: quizzesOf(s.index),
      actions: s.actions.map((a) => ({
        line: a.action.pos.line,
        call: a.action.call,
        run: a.action.run !== undefined ? a.label : undefined,
        as: a.as,
        cli: a.cli,
        expected: expected(a.action.expect),
        actual: {
          ok: a.outcome.ok,
          error: a.outcome.error ? { code: a.outcome.error.code, message: a.outcome.error.message } : undefined,
          exitCode: a.outcome.exitCode,
          output: a.outcome.output,
        },
        met: a.met,
        problems: a.problems,
        attempts: a.attempts ?? 1,
        durationMs: Math.round(a.outcome.durationMs),
        explanation: a.explanation,
        details: a.details,
      })),
    })),
    quiz: answers.length ? quizScore(answers) : undefined,
    cleanup: r.kept
      ? { kept: true }
      : r.cleanup.map((c) => ({ call: c.item.call, account: c.item.account, ok: c.ok, alreadyGone: c.alreadyGone, error: c.error?.code })),
  };
  return Redactor.forResult(r, extras.target).value(report);
}

/** For instructors: how many quizzes were asked, answered right first time, solved. */
export function quizScore(answers: QuizRecord[]) {
  return {
    asked: answers.length,
    correctFirstTry: answers.filter((a) => a.correctFirstTry).length,
    solved: answers.filter((a) => a.solved).length,
  };
}
