// The spinner draws on a terminal only, on one line, and clears it when stopped.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { setColor } from '../../src/ui/colors.js';
import { Spinner } from '../../src/ui/spinner.js';

class Term extends Writable {
  text = '';
  constructor(
    readonly isTTY: boolean,
    readonly columns = 40,
  ) {
    super();
  }
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

test('on a terminal: frames with the text and the elapsed time, then a cleared line', async () => {
  setColor(false);
  const t = new Term(true);
  const s = new Spinner(t, 5);
  s.start('calling iam');
  await new Promise((r) => setTimeout(r, 30));
  s.update('AccessDenied: waiting for IAM to settle (attempt 2) and more words than fit');
  await new Promise((r) => setTimeout(r, 20));
  s.stop();
  assert.equal(s.spinning, false);
  const frames = t.text.split('\r\x1b[2K').filter(Boolean);
  assert.ok(frames.length >= 3, `${frames.length} frames`);
  assert.match(frames[0]!, /^ {2}⠋ calling iam \d+\.\d s$/);
  assert.ok(frames.some((f) => f.includes('waiting for IAM')));
  for (const f of frames) assert.ok([...f].length <= 39, `a frame wider than the terminal: ${f}`);
  assert.ok(t.text.endsWith('\r\x1b[2K'), 'the line is cleared for what follows');
});

test('elsewhere it writes nothing', async () => {
  const t = new Term(false);
  const s = new Spinner(t, 5);
  s.start('calling iam');
  await new Promise((r) => setTimeout(r, 20));
  s.stop();
  assert.equal(t.text, '');
});
