// Lab prose in the terminal: snapshots of a document with every construct labs use, plain
// (NO_COLOR) and styled, at two widths; and the properties a snapshot cannot state.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setColor } from '../../src/ui/colors.js';
import { renderMarkdown } from '../../src/ui/render-markdown.js';
import { stripAnsi, width } from '../../src/ui/text-width.js';
import { matchSnapshot, showEscapes, UI_FIXTURES } from './snapshot.js';

const prose = readFileSync(join(UI_FIXTURES, 'prose.md'), 'utf8');

describe('renderMarkdown', () => {
  before(() => setColor(false));
  after(() => setColor(false));

  it('plain, 80 columns: matches the snapshot', () => {
    matchSnapshot('prose-80-plain', `${renderMarkdown(prose, 80)}\n`);
  });

  it('plain, 44 columns: matches the snapshot', () => {
    matchSnapshot('prose-44-plain', `${renderMarkdown(prose, 44)}\n`);
  });

  it('styled, 80 columns: matches the snapshot (escapes shown as ⟨n⟩)', () => {
    setColor(true);
    try {
      matchSnapshot('prose-80-color', `${showEscapes(renderMarkdown(prose, 80))}\n`);
    } finally {
      setColor(false);
    }
  });

  it('no line is wider than the terminal, except code and words longer than a line', () => {
    for (const cols of [30, 44, 60, 80, 120]) {
      const lines = renderMarkdown(prose, cols).split('\n');
      for (const l of lines) {
        if (width(l) <= cols) continue;
        const unbreakable = l.includes('aws sts assume-role') || /\S{25,}/.test(stripAnsi(l));
        assert.ok(unbreakable, `${cols} columns: line of ${width(l)} cells: ${JSON.stringify(l)}`);
      }
    }
  });

  it('without colour there is no escape sequence and code keeps its backticks', () => {
    const out = renderMarkdown(prose, 80);
    assert.doesNotMatch(out, /\x1b/);
    assert.match(out, /`sts:AssumeRole`/);
  });

  it('with colour, styles never leak across a line break', () => {
    setColor(true);
    try {
      const out = renderMarkdown('Some **bold text that is long enough to wrap over several lines** and then plain words here.', 24);
      for (const l of out.split('\n')) {
        const codes = [...l.matchAll(/\x1b\[(\d+)m/g)].map((m) => Number(m[1]));
        const opens = codes.filter((n) => n === 1).length;
        const closes = codes.filter((n) => n === 22 || n === 0).length;
        assert.ok(closes >= opens, `unclosed bold on ${JSON.stringify(l)}`);
      }
    } finally {
      setColor(false);
    }
  });

  it('nested list items are indented under their parent and numbered lists line up', () => {
    const out = renderMarkdown(['8. eight', '9. nine', '10. ten', '    - inner'].join('\n'), 80).split('\n');
    assert.deepEqual(out, [' 8. eight', ' 9. nine', '10. ten', '    • inner']);
  });

  it('Korean text wraps by display width (two cells a character)', () => {
    const out = renderMarkdown('역할을 맡으면 임시 자격 증명을 받습니다. 세션은 역할의 권한으로 요청을 보냅니다.', 24).split('\n');
    assert.ok(out.length > 1);
    for (const l of out) assert.ok(width(l) <= 24, `${l} is ${width(l)} cells`);
  });
});
