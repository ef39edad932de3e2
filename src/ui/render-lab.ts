// A whole lab for the terminal (`lab show`): title, summary, intro, and each step's prose with
// its actions and quizzes where the author put them. Quiz answers stay hidden.
import type { Lab, Quiz, Step } from '../lab/types.js';
import { describeAction } from './action-view.js';
import { c } from './colors.js';
import { renderMarkdown } from './render-markdown.js';

export { describeAction } from './action-view.js';

export function renderLab(lab: Lab, opts: { width: number }): string {
  const out: string[] = [];
  out.push(c.bold(lab.meta.title));
  const meta = [`accounts: ${lab.meta.accounts.join(', ')}`, lab.meta.duration && `about ${lab.meta.duration}`]
    .filter(Boolean)
    .join(' · ');
  out.push(c.dim(meta));
  if (lab.meta.summary) out.push('', renderMarkdown(lab.meta.summary, opts.width));
  if (lab.intro) out.push('', renderMarkdown(lab.intro, opts.width));
  for (const [i, step] of lab.steps.entries()) {
    out.push('', c.bold(`Step ${i + 1}. ${step.title}`), '');
    out.push(...renderStepBody(step, opts.width));
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

/** Prose, actions (one line each) and quizzes in document order. */
export function renderStepBody(step: Step, width: number): string[] {
  const out: string[] = [];
  const segments = step.segments ?? [
    ...(step.prose ? [{ kind: 'prose' as const, text: step.prose }] : []),
    ...(step.quizzes ?? []).map((_, index) => ({ kind: 'quiz' as const, index })),
    ...step.actions.map((_, index) => ({ kind: 'action' as const, index })),
  ];
  for (const s of segments) {
    if (s.kind === 'prose') out.push(renderMarkdown(s.text, width), '');
    else if (s.kind === 'action') out.push(`  ${c.cyan('▶')} ${describeAction(step.actions[s.index]!)}`);
    else out.push('', ...renderQuizQuestion(step.quizzes![s.index]!, width), '');
  }
  return out;
}

export function renderQuizQuestion(q: Quiz, width: number): string[] {
  return [
    `${c.magenta('?')} ${c.bold('Quiz')}`,
    renderMarkdown(q.question, width),
    ...q.choices.map((ch, i) => `  ${i + 1}. ${ch}`),
  ];
}
