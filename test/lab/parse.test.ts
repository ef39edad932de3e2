import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseLab, parseLabFile, type Lab } from '../../src/lab/index.js';
import { FIXTURES } from './helpers.js';

function parseOk(file: string): Lab {
  const r = parseLabFile(file);
  assert.deepEqual(r.errors.map(String), []);
  assert.ok(r.lab);
  return r.lab;
}

test('a minimal lab: default account, intro, prose, a prose-only step', () => {
  const file = join(FIXTURES, 'minimal.md');
  const at = (line: number) => ({ file, line });
  const lab = parseOk(file);
  assert.deepEqual(lab, {
    id: 'minimal',
    file,
    meta: { title: 'Who am I?', accounts: ['main'] },
    intro: 'Every call is made by someone.',
    steps: [
      {
        title: 'Ask STS',
        pos: at(6),
        prose: 'Prose before.\n\nProse after, with a code sample that is not an action:\n\n```yaml\ncall: not-an-action\n```',
        actions: [
          {
            pos: at(10),
            call: 'sts:GetCallerIdentity',
            expect: { success: true, pos: at(12), output: { Account: { kind: 'equals', value: '${accounts.main.id}' } } },
            keyPos: { call: at(11), expect: at(12) },
            source: 'call: sts:GetCallerIdentity\nexpect:\n  output:\n    Account: ${accounts.main.id}\n',
          },
        ],
        segments: [
          { kind: 'prose', text: 'Prose before.' },
          { kind: 'action', index: 0 },
          {
            kind: 'prose',
            text: 'Prose after, with a code sample that is not an action:\n\n```yaml\ncall: not-an-action\n```',
          },
        ],
      },
      {
        title: 'Read about it',
        pos: at(23),
        prose: 'No actions here: a step can be prose only.\n\n### A sub-heading stays prose',
        actions: [],
        segments: [{ kind: 'prose', text: 'No actions here: a step can be prose only.\n\n### A sub-heading stays prose' }],
      },
    ],
  });
});

test('the cross-account lab: accounts, identities, saves, expectations and positions', () => {
  const file = join(FIXTURES, 'cross-account.md');
  const at = (line: number) => ({ file, line });
  const lab = parseOk(file);
  assert.deepEqual(lab.meta, {
    title: 'Cross-account access with sts:AssumeRole',
    summary: 'A user in one account assumes a role in another account.',
    accounts: ['source', 'target'],
    duration: '10m',
    requires: ['aws-cli'],
  });
  assert.equal(lab.intro, 'Why cross-account roles exist.');
  assert.deepEqual(
    lab.steps.map((s) => [s.title, s.pos.line, s.actions.map((a) => a.pos.line)]),
    [
      ['Create a learner in the source account', 13, [17, 26]],
      ['Create the role in the target account', 34, [38]],
      ['Try before you are allowed', 59, [61]],
      ['Allow, then assume', 72, [74, 86, 94]],
    ],
  );
  const role = lab.steps[1]!.actions[0]!;
  assert.equal(role.as, 'target');
  assert.deepEqual(role.save, { roleArn: 'Role.Arn' });
  assert.deepEqual(role.with?.AssumeRolePolicyDocument, {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::${accounts.source.id}:root' }, Action: 'sts:AssumeRole' }],
  });
  assert.equal(role.with?.MaxSessionDuration, 3600);
  assert.deepEqual(role.expect, {
    success: true,
    pos: at(52),
    output: {
      'Role.RoleName': { kind: 'equals', value: '${prefix}-reader' },
      'Role.Arn': { kind: 'regex', source: '^arn:aws:iam::\\d{12}:role\\/', flags: '' },
      'Role.MaxSessionDuration': { kind: 'equals', value: 3600 },
    },
  });
  const denied = lab.steps[2]!;
  assert.equal(denied.prose, 'Denied: the source account has not delegated anything to the learner yet.');
  assert.deepEqual(denied.actions[0]!.expect, {
    success: false,
    pos: at(65),
    error: ['AccessDenied'],
    message: { kind: 'regex', source: 'not authorized to perform: sts:AssumeRole', flags: '' },
  });
  const shell = lab.steps[3]!.actions[2]!;
  assert.equal(shell.as, 'session');
  assert.equal(shell.run, 'aws sts get-caller-identity --output json\necho "$${HOME} ${learner.AccessKeyId}"\n');
  assert.equal(shell.cleanup, false);
  assert.deepEqual(shell.expect.stdout, { kind: 'substring', text: 'reader' });
  assert.deepEqual(
    Object.fromEntries(Object.entries(shell.keyPos).map(([k, p]) => [k, p.line])),
    { as: 95, run: 96, expect: 99, cleanup: 103 },
  );
});

test('expect forms normalise into Expectation', () => {
  const cases: Array<[string, string[], Record<string, unknown>]> = [
    ['absent', ['call: iam:ListUsers'], { success: true }],
    ['shorthand code', ['call: iam:ListUsers', 'expect: AccessDenied'], { success: false, error: ['AccessDenied'] }],
    ['shorthand list', ['call: iam:ListUsers', 'expect: [AccessDenied, NoSuchEntity]'], { success: false, error: ['AccessDenied', 'NoSuchEntity'] }],
    ['message alone: any error', ['call: iam:ListUsers', 'expect: { message: denied }'], { success: false, message: { kind: 'substring', text: 'denied' } }],
    ['regex flags', ['call: iam:ListUsers', 'expect: { error: X.Y, message: /a.b/i }'], { success: false, error: ['X.Y'], message: { kind: 'regex', source: 'a.b', flags: 'i' } }],
    ['a path is a substring', ['run: ls', 'expect: { stdout: /tmp/x }'], { success: true, stdout: { kind: 'substring', text: '/tmp/x' } }],
    ['run failure by exit code', ['run: "false"', 'expect: { exitCode: 254, stderr: /AccessDenied/ }'], { success: false, exitCode: 254, stderr: { kind: 'regex', source: 'AccessDenied', flags: '' } }],
    ['run exit 0', ['run: "true"', 'expect: { exitCode: 0 }'], { success: true, exitCode: 0 }],
    ['run error code', ['run: aws iam get-user', 'expect: NoSuchEntity'], { success: false, error: ['NoSuchEntity'] }],
    ['output of lists and objects', ['call: iam:ListUsers', 'expect:', '  output:', '    "length(Users)": 0', '    Users[0]: { UserName: x }'], { success: true, output: { 'length(Users)': { kind: 'equals', value: 0 }, 'Users[0]': { kind: 'equals', value: { UserName: 'x' } } } }],
  ];
  for (const [name, yaml, want] of cases) {
    const src = ['---', 'title: t', '---', '## S', '```yaml lab', ...yaml, '```', ''].join('\n');
    const r = parseLab(src, 'e.md');
    assert.deepEqual(r.errors.map(String), [], name);
    const { pos, ...expect } = r.lab!.steps[0]!.actions[0]!.expect;
    assert.deepEqual(expect, want, name);
    assert.equal(pos.line, yaml.length > 1 ? 7 : 5, `${name}: position`);
  }
});

test('cleanup: false, or explicit calls with their positions', () => {
  const src = ['---', 'title: t', '---', '## S', '```yaml lab', 'run: aws iam create-user --user-name ${prefix}-u', 'cleanup:', '  - call: iam:DeleteUser', '    with: { UserName: "${prefix}-u" }', '  - { call: iam:ListUsers }', '```'].join('\n');
  const r = parseLab(src, 'c.md');
  assert.deepEqual(r.errors.map(String), []);
  assert.deepEqual(r.lab!.steps[0]!.actions[0]!.cleanup, [
    { call: 'iam:DeleteUser', with: { UserName: '${prefix}-u' }, pos: { file: 'c.md', line: 8 } },
    { call: 'iam:ListUsers', pos: { file: 'c.md', line: 10 } },
  ]);
});

test('id and language come from the file name; CRLF and a BOM are fine', () => {
  const src = '\uFEFF---\r\ntitle: 역할\r\n---\r\n\r\n## 단계\r\n\r\n```yaml lab\r\ncall: iam:ListRoles\r\n```\r\n';
  const r = parseLab(src, 'labs/cross-account.ko.md');
  assert.deepEqual(r.errors.map(String), []);
  assert.equal(r.lab!.id, 'cross-account');
  assert.equal(r.lab!.lang, 'ko');
  assert.equal(r.lab!.steps[0]!.title, '단계');
  assert.equal(r.lab!.steps[0]!.actions[0]!.keyPos.call!.line, 8);
  assert.equal(parseLab(src, 'x.md', { id: 'other', lang: 'ja' }).lab!.id, 'other');
  const en = parseLab('---\ntitle: t\n---\n## S\n', 'labs/plain.md').lab!;
  assert.equal(en.lang, undefined);
  assert.equal(en.id, 'plain');
});

test('a heading inside a code block or a block quote is not a step', () => {
  const src = '---\ntitle: t\n---\n## Real\n\n```md\n## not a step\n```\n\n> ## quoted\n';
  const lab = parseLab(src, 'h.md').lab!;
  assert.deepEqual(lab.steps.map((s) => s.title), ['Real']);
});

test('an unreadable file is an error at line 1', () => {
  const r = parseLabFile(join(FIXTURES, 'no-such-lab.md'));
  assert.equal(r.lab, undefined);
  assert.deepEqual(r.errors.map(String), [`${join(FIXTURES, 'no-such-lab.md')}:1: cannot read the lab file: ENOENT`]);
});

test('the fixture with several mistakes reports them all, in file order', () => {
  const file = join(FIXTURES, 'broken.md');
  const r = parseLab(readFileSync(file, 'utf8'), 'broken.md');
  assert.equal(r.lab, undefined);
  assert.deepEqual(r.errors.map(String), [
    'broken.md:8: action block outside any step: put it under a ## heading',
    'broken.md:18: undefined variable ${usr} (variables are prefix, region, runId, accounts.NAME.id and what earlier actions save)',
    'broken.md:19: unknown key saev in an action (did you mean save?)',
    'broken.md:24: as: learner is neither an account nor an identity saved earlier (accounts: dev)',
    'broken.md:30: an action has call: or run:, not both: split it into two blocks',
    'broken.md:33: expect has both error and output: a call that fails has no output to check',
    'broken.md:42: invalid YAML: Nested mappings are not allowed in compact mappings; a value that contains ": " must be quoted, e.g. message: "not authorized to perform: sts:AssumeRole"',
    // Nothing after line 42: the unreadable block may have saved `nobody` or the variable.
  ]);
});

test('scope: identities from either output, cleanup sees its own saves, values saved in any earlier step', () => {
  const src = [
    '---', 'title: t', 'accounts: [a, b]', '---',
    '## One',
    '```yaml lab', 'as: b', 'run: aws sts assume-role --output json', 'save: { viaCli: Credentials, roleUser: AssumedRoleUser.Arn }', '```',
    '## Two',
    '```yaml lab', 'as: viaCli', 'call: iam:CreateAccessKey', 'save: { key: AccessKey, keyId: AccessKey.AccessKeyId }',
    'cleanup:', '  - call: iam:DeleteAccessKey', '    with: { AccessKeyId: "${keyId}", Note: "${roleUser} ${key.UserName}" }', '```',
    '```yaml lab', 'as: key', 'call: sts:GetCallerIdentity', 'expect:', '  output:', '    Arn: "${roleUser}"', '```',
  ].join('\n');
  const r = parseLab(src, 's.md');
  assert.deepEqual(r.errors.map(String), []);
  assert.deepEqual(r.lab!.steps[1]!.actions.map((a) => a.as), ['viaCli', 'key']);
});
