// lab show: the prose with each action and quiz where the author put it; quiz answers hidden.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseLabFile } from '../../src/lab/index.js';
import { setColor } from '../../src/ui/colors.js';
import { renderLab } from '../../src/ui/render-lab.js';

test('quizzes show the question and the choices, never the answer or its explanation', () => {
  setColor(false);
  const { lab } = parseLabFile(fileURLToPath(new URL('../../../test/e2e/fixtures/guided.md', import.meta.url)));
  const out = renderLab(lab!, { width: 80 });
  assert.match(out, /Step 2\. Alice lists the users\n\n\? Quiz\nAlice has no policies\. .*\n {2}1\. It succeeds, because every user may list users\n {2}2\. It is denied, because nothing allows it\n\nAlice signs the request with her own key\.\n\n {2}▶ iam:ListUsers as alice — expect AccessDenied/);
  assert.doesNotMatch(out, /implicit deny/, 'the explanation gives the answer away');
  assert.doesNotMatch(out, /hint|identity policy, so/, 'hints are for the guided run');
});
