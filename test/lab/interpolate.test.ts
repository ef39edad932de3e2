import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interpolate, LabError, parseTemplate } from '../../src/lab/index.js';

const pos = { file: 'i.md', line: 7 };
const learner = { AccessKeyId: 'AKIAEXAMPLE', SecretAccessKey: 'do-not-print-me', UserName: 'u' };
const scope = {
  prefix: 'lab-k3f9q',
  region: 'us-east-1',
  runId: 'r1',
  accounts: { source: { id: '111111111111' }, 'dev-box': { id: '222222222222' } },
  count: 3,
  enabled: false,
  nothing: null,
  when: new Date('2025-01-02T03:04:05Z'),
  arns: ['arn:a', 'arn:b'],
  learner,
};

test('interpolate fills strings deeply and keeps types for a lone reference', () => {
  const cases: Array<[string, unknown, unknown]> = [
    ['plain text is unchanged', 'no refs, $HOME and $ alone', 'no refs, $HOME and $ alone'],
    ['in text', '${prefix}-reader', 'lab-k3f9q-reader'],
    ['several', 'arn:aws:iam::${accounts.source.id}:role/${prefix}-r', 'arn:aws:iam::111111111111:role/lab-k3f9q-r'],
    ['hyphenated account', '${accounts.dev-box.id}', '222222222222'],
    ['a lone number keeps its type', '${count}', 3],
    ['a lone boolean', '${enabled}', false],
    ['a lone null', '${nothing}', null],
    ['a lone object', '${learner}', learner],
    ['a field of an object', '${learner.AccessKeyId}', 'AKIAEXAMPLE'],
    ['a list index', '${arns.1}', 'arn:b'],
    ['a number in text', 'n=${count}', 'n=3'],
    ['a date in text', 'at ${when}', 'at 2025-01-02T03:04:05.000Z'],
    ['$${ escapes', 'echo $${HOME} ${prefix}', 'echo ${HOME} lab-k3f9q'],
    ['an escape alone', '$${count}', '${count}'],
    [
      'nested objects and arrays; keys untouched, other types untouched',
      { '${prefix}': { a: ['${count}', 'x-${region}', 5, true, null] } },
      { '${prefix}': { a: [3, 'x-us-east-1', 5, true, null] } },
    ],
  ];
  for (const [name, value, want] of cases) assert.deepEqual(interpolate(value, scope, pos), want, name);
});

test('interpolate does not change its input', () => {
  const input = { a: ['${prefix}'] };
  interpolate(input, scope, pos);
  assert.deepEqual(input, { a: ['${prefix}'] });
});

test('interpolate errors are LabErrors at the given position', () => {
  const cases: Array<[string, string]> = [
    ['${prefx}', 'i.md:7: undefined variable ${prefx} (did you mean ${prefix}?)'],
    ['${zzzzzz}', 'i.md:7: undefined variable ${zzzzzz}'],
    ['${accounts.target.id}', 'i.md:7: undefined variable ${accounts.target.id}: accounts has no target (it has: source, dev-box)'],
    ['${prefix.x}', 'i.md:7: undefined variable ${prefix.x}: prefix has no x (it is a string)'],
    ['${arns.5}', 'i.md:7: undefined variable ${arns.5}: arns has no 5 (it has: 0, 1)'],
    ['key: ${learner}', 'i.md:7: ${learner} is an object, not text: use one of its fields like ${learner.AccessKeyId}'],
    ['x${nothing}', 'i.md:7: ${nothing} is null, not text: use one of its fields'],
    ['${oops', 'i.md:7: unterminated ${ in "${oops" (write $${ for a literal ${)'],
    ['${a b}', 'i.md:7: malformed variable ${a b}: a name is letters, digits and _, with .field after it (write $${ for a literal ${)'],
  ];
  for (const [value, want] of cases) {
    assert.throws(
      () => interpolate({ deep: [value] }, scope, pos),
      (e: unknown) => e instanceof LabError && String(e) === want,
      value,
    );
  }
});

test('an object is never stringified into text (it may hold a secret)', () => {
  try {
    interpolate('${learner}!', scope, pos);
    assert.fail('should throw');
  } catch (e) {
    assert.ok(e instanceof LabError);
    assert.doesNotMatch(String(e), /do-not-print-me/);
  }
});

test('parseTemplate splits text and references with their offsets', () => {
  assert.deepEqual(parseTemplate('a ${b.c} $${d} ${e}'), {
    parts: ['a ', { path: ['b', 'c'], text: '${b.c}', index: 2 }, ' ${d} ', { path: ['e'], text: '${e}', index: 15 }],
  });
});
