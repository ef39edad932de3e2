// The end of a guided run: a table of the steps (met, failed, skipped, not reached), the quiz
// answers, and one line that says how it ended and whether anything was left behind.
import type { RunResult } from '../runner/types.js';
import { c } from './colors.js';
import type { QuizRecord } from './quiz.js';
import { renderTable } from './render-table.js';

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${s} s`;
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function summaryLines(r: RunResult, quizzes: QuizRecord[], cols: number): string[] {
  const hasQuiz = r.lab.steps.some((s) => s.quizzes?.length);
  const rows = r.lab.steps.map((step, i) => {
    const res = r.steps.find((s) => s.index === i);
    const status = !res
      ? c.dim('not reached')
      : res.skipped
        ? c.yellow('skipped')
        : res.met
          ? c.green('✓ met')
          : c.red('✗ not met');
    const row = [String(i + 1), step.title, status, res ? formatDuration(res.durationMs) : ''];
    if (hasQuiz) row.push(quizCell(quizzes.filter((q) => q.step === i), step.quizzes?.length ?? 0));
    return row;
  });
  const header = ['#', 'Step', 'Result', 'Time', ...(hasQuiz ? ['Quiz'] : [])];
  const table = renderTable({ header, rows, align: ['right', 'left', 'left', 'right', 'left'] }, cols);

  const met = r.steps.filter((s) => s.met).length;
  const total = r.lab.steps.length;
  const secs = formatDuration(r.endedAt.getTime() - r.startedAt.getTime());
  const left = r.cleanup.filter((x) => !x.ok).length;
  const cleanup = r.kept ? c.yellow(`kept what it created (prefix ${r.prefix})`) : left ? c.red(`cleanup left ${left} thing(s) behind`) : 'cleaned up';
  const verdict = r.interrupted
    ? c.yellow('interrupted')
    : r.quit
      ? c.yellow('stopped')
      : r.ok
        ? c.green('✓ done')
        : c.red('✗ not done');
  const parts = [verdict, `${met}/${total} steps met`];
  if (quizzes.length) {
    const first = quizzes.filter((q) => q.correctFirstTry).length;
    parts.push(`quiz ${first}/${quizzes.length} right first time`);
  }
  parts.push(cleanup, secs);
  return ['', c.bold('Summary'), ...table, '', parts.join(' · ')];
}

function quizCell(answers: QuizRecord[], count: number): string {
  if (count === 0) return '';
  if (answers.length === 0) return c.dim('not asked');
  const first = answers.filter((a) => a.correctFirstTry).length;
  const solved = answers.filter((a) => a.solved).length;
  const more = solved > first ? `, ${solved - first} on retry` : '';
  return `${first}/${count} right${more}`;
}
