// One ```yaml quiz block -> Quiz: a question, its choices, the right answer and why it is
// right. Every mistake is reported at the line of the key that holds it.
import type { Fence } from './outline.js';
import type { Problems } from './problems.js';
import { QUIZ_KEYS, quizSchema } from './schema.js';
import type { Quiz } from './types.js';
import { YamlBlock } from './yaml-block.js';
import { describeValue, reportIssues } from './zod-issues.js';

/** Digits 1-9 pick a choice in a terminal, so a quiz has at most nine. */
export const MAX_CHOICES = 9;

const EXAMPLE = 'question: ..., choices: [..., ...], answer: 1, explain: ...';

export function parseQuiz(fence: Fence, problems: Problems): Quiz | undefined {
  const block = new YamlBlock(fence.content, fence.contentLine);
  const at = fence.line;
  const syntax = block.problems();
  for (const p of syntax) problems.add(p.line, p.message);
  if (syntax.length) return undefined;
  const data: unknown = block.doc.toJS();
  if (data === null || data === undefined || typeof data !== 'object' || Array.isArray(data)) {
    problems.add(at, `a quiz block is a mapping (${EXAMPLE}), not ${describeValue(data)}`);
    return undefined;
  }
  const r = quizSchema.safeParse(data, { reportInput: true });
  if (!r.success) {
    reportIssues(r.error.issues, {
      block,
      problems,
      base: [],
      fallbackLine: at,
      allowedKeys: () => QUIZ_KEYS,
      where: () => 'a quiz',
    });
    return undefined;
  }
  const { question, choices, answer, explain } = r.data;
  const line = (key: string) => block.lineOfPath([key], at);
  if (!(typeof answer === 'string' || (typeof answer === 'number' && Number.isInteger(answer)))) {
    problems.add(line('answer'), `answer must be the number of the right choice (1 for the first) or its text, not ${describeValue(answer)}`);
    return undefined;
  }

  if (choices.length < 2 || choices.length > MAX_CHOICES) {
    problems.add(line('choices'), `a quiz needs 2 to ${MAX_CHOICES} choices, not ${choices.length}`);
    return undefined;
  }
  const seen = new Map<string, number>();
  let ok = true;
  choices.forEach((ch, i) => {
    const first = seen.get(ch.trim());
    if (first !== undefined) {
      problems.add(block.lineOfPath(['choices', i], at), `choice ${i + 1} repeats choice ${first + 1}: "${ch.trim()}"`);
      ok = false;
    } else seen.set(ch.trim(), i);
  });
  const index = answerIndex(typeof answer === 'string' ? answer.trim() : answer, choices);
  if (typeof index === 'string') {
    problems.add(line('answer'), index);
    ok = false;
  }
  if (!ok || typeof index === 'string') return undefined;
  return { pos: problems.pos(at), question, choices: choices.map((c) => c.trim()), answer: index, explain };
}

/** The 0-based index of the answer, or a message saying why it names no choice. */
function answerIndex(answer: number | string, choices: string[]): number | string {
  const n = choices.length;
  if (typeof answer === 'number') {
    if (answer >= 1 && answer <= n) return answer - 1;
    return `answer: ${answer} is not a choice: write a number from 1 to ${n}${answer === 0 ? ' (the first choice is 1)' : ''}, or the text of the right choice`;
  }
  const i = choices.findIndex((c) => c.trim() === answer);
  if (i >= 0) return i;
  const loose = choices.findIndex((c) => c.trim().toLowerCase() === answer.toLowerCase());
  if (loose >= 0) return `answer: "${answer}" differs from choice ${loose + 1} only in case: copy it exactly, or write answer: ${loose + 1}`;
  return `answer: "${answer}" is none of the choices: write a number from 1 to ${n}, or copy the text of the right choice`;
}
