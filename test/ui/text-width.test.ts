// Measuring and wrapping terminal text: ANSI styles take no room, Hangul takes two cells.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fold, pad, stripAnsi, truncate, width, wrap } from '../../src/ui/text-width.js';

const bold = (s: string) => `\x1b[1m${s}\x1b[22m`;

test('width counts cells: styles none, Hangul and CJK two, combining marks none', () => {
  assert.equal(width('abc'), 3);
  assert.equal(width(bold('abc')), 3);
  assert.equal(width('역할'), 4);
  assert.equal(width('日本'), 4);
  assert.equal(width('e\u0301'), 1);
  assert.equal(width('✓ ok'), 4);
});

test('pad aligns by cells, left, right or centred', () => {
  assert.equal(pad('역', 4), '역  ');
  assert.equal(pad('ab', 4, 'right'), '  ab');
  assert.equal(pad('ab', 5, 'center'), ' ab  ');
  assert.equal(pad(bold('ab'), 3), `${bold('ab')} `);
});

test('truncate cuts to the width with an ellipsis, and leaves short text alone', () => {
  assert.equal(truncate('short', 10), 'short');
  assert.equal(truncate('a longer line', 8), 'a longe…');
  assert.equal(width(truncate('역할을 맡으면', 7)), 7);
});

test('wrap fills lines greedily and keeps over-long words whole', () => {
  assert.deepEqual(wrap('one two three four', 9), ['one two', 'three', 'four']);
  assert.deepEqual(wrap('see arn:aws:iam::111111111111:role/reader now', 10), ['see', 'arn:aws:iam::111111111111:role/reader', 'now']);
  assert.deepEqual(wrap('a\nb c', 10), ['a', 'b c']);
});

test('wrap breaks a run of wide characters anywhere (languages without spaces)', () => {
  const lines = wrap('日本語の文章は単語の間に空白がありません', 10);
  assert.ok(lines.length > 1);
  for (const l of lines) assert.ok(width(l) <= 10, l);
  assert.equal(lines.join(''), '日本語の文章は単語の間に空白がありません');
});

test('a style open at a line break is closed there and reopened on the next line', () => {
  const lines = wrap(bold('one two three'), 7);
  assert.deepEqual(lines.map(stripAnsi), ['one two', 'three']);
  assert.ok(lines[0]!.endsWith('\x1b[0m'), JSON.stringify(lines[0]));
  assert.ok(lines[1]!.startsWith('\x1b[1m'), JSON.stringify(lines[1]));
});

test('fold continues a long line at its own indentation', () => {
  assert.deepEqual(fold('    why: one two three four five six', 24), ['    why: one two three', '    four five six']);
});
