// ```yaml quiz blocks and hint: on actions: what they parse to, and one exact file:line
// message for each mistake. Header from helpers.ts: body line 1 is file line 8.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseLab, type Lab } from '../../src/lab/index.js';
import { block, withHead } from './helpers.js';

const quiz = (...yaml: string[]) => ['```yaml quiz', ...yaml, '```'].join('\n');
const good = ['question: Who decides?', 'choices:', '  - the target account', '  - both accounts', 'answer: 2', 'explain: Both sides must allow it.'];

function ok(body: string): Lab {
  const r = parseLab(withHead(body), 'x.md');
  assert.deepEqual(r.errors.map(String), []);
  return r.lab!;
}
const errors = (body: string) => parseLab(withHead(body), 'x.md').errors.map(String);

describe('quiz blocks', () => {
  it('parse to question, choices, the 0-based answer and the explanation, with the position', () => {
    const lab = ok(`Before.\n\n${quiz(...good)}\n\nAfter.\n\n${block('call: sts:GetCallerIdentity')}`);
    const step = lab.steps[0]!;
    assert.deepEqual(step.quizzes, [
      { pos: { file: 'x.md', line: 10 }, question: 'Who decides?', choices: ['the target account', 'both accounts'], answer: 1, explain: 'Both sides must allow it.' },
    ]);
    assert.equal(step.prose, 'Before.\n\nAfter.', 'the quiz block is not prose');
    assert.deepEqual(step.segments, [
      { kind: 'prose', text: 'Before.' },
      { kind: 'quiz', index: 0 },
      { kind: 'prose', text: 'After.' },
      { kind: 'action', index: 0 },
    ]);
  });

  it('take the answer as the text of a choice too', () => {
    const lab = ok(quiz('question: Q?', 'choices: [yes, no]', 'answer: "no"', 'explain: Because.'));
    assert.equal(lab.steps[0]!.quizzes![0]!.answer, 1);
  });

  it('may stand in a step without actions', () => {
    const lab = ok(`${block('call: sts:GetCallerIdentity')}\n\n## Why?\n\n${quiz(...good)}`);
    assert.equal(lab.steps[1]!.quizzes!.length, 1);
    assert.equal(lab.steps[0]!.quizzes, undefined, 'a step without quizzes has no quizzes key');
  });

  const cases: Array<[string, string, string[]]> = [
    ['an answer out of range', quiz('question: Q?', 'choices: [a, b]', 'answer: 3', 'explain: E.'), [
      'x.md:11: answer: 3 is not a choice: write a number from 1 to 2, or the text of the right choice',
    ]],
    ['answer 0', quiz('question: Q?', 'choices: [a, b]', 'answer: 0', 'explain: E.'), [
      'x.md:11: answer: 0 is not a choice: write a number from 1 to 2 (the first choice is 1), or the text of the right choice',
    ]],
    ['an answer that is no choice', quiz('question: Q?', 'choices: [yes, no]', 'answer: maybe', 'explain: E.'), [
      'x.md:11: answer: "maybe" is none of the choices: write a number from 1 to 2, or copy the text of the right choice',
    ]],
    ['an answer that differs in case', quiz('question: Q?', 'choices: [Yes, No]', 'answer: "no"', 'explain: E.'), [
      'x.md:11: answer: "no" differs from choice 2 only in case: copy it exactly, or write answer: 2',
    ]],
    ['one choice', quiz('question: Q?', 'choices: [only]', 'answer: 1', 'explain: E.'), [
      'x.md:10: a quiz needs 2 to 9 choices, not 1',
    ]],
    ['ten choices', quiz('question: Q?', 'choices: [a, b, c, d, e, f, g, h, i, j]', 'answer: 1', 'explain: E.'), [
      'x.md:10: a quiz needs 2 to 9 choices, not 10',
    ]],
    ['a repeated choice', quiz('question: Q?', 'choices:', '  - same', '  - other', '  - same', 'answer: 1', 'explain: E.'), [
      'x.md:13: choice 3 repeats choice 1: "same"',
    ]],
    ['a misspelt key', quiz('question: Q?', 'choices: [a, b]', 'answer: 1', 'explanation: E.'), [
      'x.md:12: unknown key explanation in a quiz (did you mean explain?)',
    ]],
    ['a missing key', quiz('question: Q?', 'choices: [a, b]', 'explain: E.'), [
      'x.md:9: a quiz needs answer:',
    ]],
    ['an answer that is a list', quiz('question: Q?', 'choices: [a, b]', 'answer: [1, 2]', 'explain: E.'), [
      'x.md:11: answer must be the number of the right choice (1 for the first) or its text, not a list',
    ]],
    ['choices that are not a list', quiz('question: Q?', 'choices: a or b', 'answer: 1', 'explain: E.'), [
      'x.md:10: choices must be a list, not "a or b"',
    ]],
    ['not a mapping', quiz('- a', '- b'), [
      'x.md:8: a quiz block is a mapping (question: ..., choices: [..., ...], answer: 1, explain: ...), not a list',
    ]],
    ['bad YAML', quiz('question: what is: this?', 'choices: [a, b]'), [
      'x.md:9: invalid YAML: Nested mappings are not allowed in compact mappings; a value that contains ": " must be quoted, e.g. message: "not authorized to perform: sts:AssumeRole"',
    ]],
    ['a quiz below an action of its step', `${block('call: sts:GetCallerIdentity')}\n\n${quiz(...good)}`, [
      "x.md:12: a quiz is asked when its step begins, before the step's actions: move it above the action at line 8, or into a step of its own after this one (a ## heading with no actions) to ask about what the actions showed",
    ]],
    ['a block that says both lab and quiz', ['```yaml lab quiz', ...good, '```'].join('\n'), [
      'x.md:8: a block is an action (```yaml lab) or a quiz (```yaml quiz), not both',
    ]],
  ];
  for (const [name, body, expected] of cases) {
    it(`refuses ${name}`, () => assert.deepEqual(errors(body), expected));
  }

  it('refuses a quiz before the first step', () => {
    const src = ['---', 'title: T', '---', '', quiz(...good), '', '## Step', '', block('call: sts:GetCallerIdentity')].join('\n');
    assert.deepEqual(parseLab(src, 'x.md').errors.map(String), [
      'x.md:5: quiz block outside any step: put it under a ## heading (it is asked when that step begins)',
    ]);
  });
});

describe('hint on an action', () => {
  it('is kept as written, trimmed', () => {
    const lab = ok(block('call: sts:GetCallerIdentity', 'hint: |', '  Check the **trust policy** of ${roleArn}.', ''));
    assert.equal(lab.steps[0]!.actions[0]!.hint, 'Check the **trust policy** of ${roleArn}.');
  });

  it('must be text, and not empty', () => {
    assert.deepEqual(errors(block('call: sts:GetCallerIdentity', 'hint: [a, b]')), ['x.md:10: hint must be text, not a list']);
    assert.deepEqual(errors(block('call: sts:GetCallerIdentity', 'hint: ""')), ['x.md:10: hint must not be empty']);
  });
});
