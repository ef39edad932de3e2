// A whole lab for the terminal: title, summary, intro, and each step's prose followed by the
// actions it will run.
import type { Action, Lab } from '../lab/types.js';
import { c } from './colors.js';
import { renderMarkdown } from './render-markdown.js';

export function renderLab(lab: Lab, opts: { width: number }): string {
  const out: string[] = [];
  out.push(c.bold(lab.meta.title));
  const meta = [`accounts: ${lab.meta.accounts.join(', ')}`, lab.meta.duration && `about ${lab.meta.duration}`]
    .filter(Boolean)
    .join(' · ');
  out.push(c.dim(meta));
  if (lab.meta.summary) out.push('', lab.meta.summary);
  out.push(renderMarkdown(lab.intro, opts.width));
  for (const [i, step] of lab.steps.entries()) {
    out.push('', c.bold(`Step ${i + 1}. ${step.title}`));
    out.push(renderMarkdown(step.prose, opts.width));
    for (const a of step.actions) out.push(`  ${c.cyan('▶')} ${describeAction(a)}`);
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

export function describeAction(a: Action): string {
  const who = a.as ? ` as ${a.as}` : '';
  const what = a.call ? `${a.call}${who}` : `$ ${a.run}${who}`;
  const e = a.expect;
  const expect = e.success ? '' : ` — expect ${e.error?.join(' or ') ?? 'failure'}`;
  return `${what}${expect}`;
}
