// The redactor: learns secrets from targets and outputs, masks them in any text, and masks
// what looks like a secret assignment even when it never saw the value.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Redactor } from '../../src/cli/reporters/redact.js';

const SECRET = 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY12';
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLETOKENxxxxxxxxxxxxxxxxxxxxxxxx';

test('admin secrets of the target are masked wherever they appear', () => {
  const r = Redactor.forTarget({ accounts: [{ name: 'main', id: '111111111111', admin: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: SECRET }, adminArn: 'arn' }] });
  assert.equal(r.text(`key ${SECRET} end`), 'key wJal… end');
  assert.equal(r.text('AKIAEXAMPLE is an id, not a secret'), 'AKIAEXAMPLE is an id, not a secret');
});

test('secrets are learned from outputs: the values maskSecrets would hide', () => {
  const r = new Redactor();
  r.learn({ Credentials: { AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: SECRET, SessionToken: TOKEN }, Other: 'plain value here' });
  assert.equal(r.text(`${SECRET}\n${TOKEN}\nplain value here\nASIAEXAMPLE`), 'wJal…\nIQoJ…\nplain value here\nASIAEXAMPLE');
});

test('assignments and JSON fields that look secret are masked without knowing the value', () => {
  const r = new Redactor();
  assert.equal(r.text('AWS_SECRET_ACCESS_KEY=abcdefghijklmnop'), 'AWS_SECRET_ACCESS_KEY=abcd…');
  assert.equal(r.text('aws_session_token = "abcdefghijklmnopqrst"'), 'aws_session_token = "abcd…"');
  assert.equal(r.text('{"SecretAccessKey": "abcdefghijklmnop"}'), '{"SecretAccessKey": "abcd…"}');
  assert.equal(r.text('<SessionToken>abcdefghijklmnop</SessionToken>'), '<SessionToken>abcd…</SessionToken>');
  // Placeholders in a command are not secrets.
  assert.equal(r.text('AWS_SECRET_ACCESS_KEY=$KEY printf "%s"'), 'AWS_SECRET_ACCESS_KEY=$KEY printf "%s"');
});

test('value() masks secret fields and scrubs every string of a structure', () => {
  const r = new Redactor();
  r.add(SECRET);
  const v = r.value({ problems: [`got "${SECRET}"`], output: { SecretAccessKey: 'another-secret-value' }, n: 3, ok: true });
  assert.deepEqual(v, { problems: ['got "wJal…"'], output: { SecretAccessKey: 'anot…' }, n: 3, ok: true });
});

test('short strings are never taken for secrets', () => {
  const r = new Redactor();
  r.add('true');
  r.learn({ SecretAccessKey: 'short' });
  assert.equal(r.text('true and short stay'), 'true and short stay');
});
