// Asking a quiz in a guided run: the question, the choices, and after each answer whether it
// was right and why. A wrong answer may be tried again; either way the learner can go on.
// Answers are recorded for the report and never decide the run's result.
import type { Quiz } from '../lab/types.js';
import { c } from './colors.js';
import type { Prompter } from './prompts.js';
import { renderMarkdown } from './render-markdown.js';
import type { Screen } from './screen.js';

export interface QuizRecord {
  /** 0-based index of the step the quiz belongs to. */
  step: number;
  /** Line of the quiz block in the lab file. */
  line: number;
  question: string;
  /** The choices picked, in order (their text); empty when the learner went on without one. */
  answers: string[];
  /** The first answer was the right one. */
  correctFirstTry: boolean;
  /** The right answer was picked in the end. */
  solved: boolean;
  /** Ctrl-C or Esc while the quiz was asked. */
  cancelled?: boolean;
}

export async function askQuiz(quiz: Quiz, step: number, prompter: Prompter, screen: Screen): Promise<QuizRecord> {
  const record: QuizRecord = { step, line: quiz.pos.line, question: quiz.question, answers: [], correctFirstTry: false, solved: false };
  screen.print('', `${c.magenta('?')} ${c.bold('Quiz')}`, renderMarkdown(quiz.question, screen.width), '');
  const tried = new Set<number>();
  for (;;) {
    const picked = await prompter.select(
      tried.size ? 'Your answer (try again)' : 'Your answer',
      quiz.choices.map((label, i) => ({ value: String(i), label: tried.has(i) ? c.dim(label) : label, key: String(i + 1) })),
    );
    if (picked === undefined) {
      record.cancelled = true;
      return record;
    }
    const i = Number(picked);
    record.answers.push(quiz.choices[i]!);
    if (i === quiz.answer) {
      record.solved = true;
      record.correctFirstTry = record.answers.length === 1;
      screen.print(`${c.green('✓')} ${c.bold('Right.')}`, renderMarkdown(quiz.explain, screen.width), '');
      return record;
    }
    tried.add(i);
    screen.print(`${c.red('✗')} ${c.bold('Not quite.')}`, renderMarkdown(quiz.explain, screen.width), '');
    const next = await prompter.select('What now?', [
      { value: 'again', label: 'Try again', key: 't' },
      { value: 'on', label: 'Go on', key: 'g' },
    ]);
    if (next === undefined) {
      record.cancelled = true;
      return record;
    }
    if (next === 'on') return record;
  }
}
