// Each kind of mistake gives one exact `file:line: message`. Sources are the fixed header of
// helpers.ts (accounts a and b; body line 1 is file line 8) plus the body below.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLab } from '../../src/lab/index.js';
import { block, withHead } from './helpers.js';

const cases: Array<[string, string, string[]]> = [
  ['unknown key, with a suggestion', block('call: iam:CreateUser', 'wtih: {UserName: x}'), [
    'x.md:10: unknown key wtih in an action (did you mean with?)',
  ]],
  ['unknown key by synonym', block('call: iam:CreateUser', 'params: {UserName: x}'), [
    'x.md:10: unknown key params in an action (did you mean with?)',
  ]],
  ['a misspelt call is not also "missing"', block('cal: iam:CreateUser'), [
    'x.md:9: unknown key cal in an action (did you mean call?)',
  ]],
  ['neither call nor run', block('as: a'), [
    'x.md:8: an action needs call: service:Operation (an AWS call) or run: command (a shell command)',
  ]],
  ['both call and run', block('call: iam:CreateUser', 'run: echo'), [
    'x.md:10: an action has call: or run:, not both: split it into two blocks',
  ]],
  ['as: nothing known', block('as: lerner', 'call: iam:CreateUser'), [
    'x.md:9: as: lerner is neither an account nor an identity saved earlier (accounts: a, b)',
  ]],
  ['as: a saved value that is not an identity', `${block('call: iam:CreateUser', 'save: {u: User.Arn}')}\n${block('as: u', 'call: iam:ListUsers')}`, [
    'x.md:13: as: u was saved at line 10 but is not an identity: save an AccessKey (iam:CreateAccessKey) or Credentials (sts:AssumeRole) object',
  ]],
  ['as: an identity saved later', `${block('as: k', 'call: iam:ListUsers')}\n${block('call: iam:CreateAccessKey', 'save: {k: AccessKey}')}`, [
    'x.md:9: as: k is saved at line 14, after this action',
  ]],
  ['as: a misspelt identity', `${block('call: sts:AssumeRole', 'save: {session: Credentials}')}\n${block('as: sesion', 'call: iam:ListUsers')}`, [
    'x.md:13: as: sesion is neither an account nor an identity saved earlier (did you mean session?)',
  ]],
  ['a value saved by the same action is not there yet for its input', block('call: iam:CreateRole', 'with: {RoleName: "${r}"}', 'save: {r: Role.RoleName}'), [
    'x.md:10: undefined variable ${r}: r is saved at line 11, after this use',
  ]],
  ['undefined variable with a suggestion', block('call: iam:CreateUser', 'with:', '  UserName: ${prefx}-x'), [
    'x.md:11: undefined variable ${prefx} (did you mean ${prefix}?)',
  ]],
  ['variable saved later', `${block('call: iam:GetRole', 'with: {RoleName: "${r}"}')}\n${block('call: iam:CreateRole', 'save: {r: Role.RoleName}')}`, [
    'x.md:10: undefined variable ${r}: r is saved at line 14, after this use',
  ]],
  ['variable on the right line of a run: | block', block('run: |', '  echo one', '  echo ${nope}'), [
    'x.md:11: undefined variable ${nope} (variables are prefix, region, runId, accounts.NAME.id and what earlier actions save)',
  ]],
  ['accounts, builtins and malformed references', block('call: iam:GetRole', 'with: {RoleName: "${accounts.c.id} ${accounts.a} ${prefix.x} ${ x }"}'), [
    'x.md:10: malformed variable ${ x }: a name is letters, digits and _, with .field after it (write ${x})',
    'x.md:10: ${accounts.c.id}: no account c in the front matter (did you mean a?)',
    'x.md:10: ${accounts.a}: an account has one variable, its id: write ${accounts.a.id}',
    'x.md:10: ${prefix.x}: prefix is text and has no fields: write ${prefix}',
  ]],
  ['unterminated reference', block('run: echo ${HOME'), [
    'x.md:9: unterminated ${ in "echo ${HOME" (write $${ for a literal ${)',
  ]],
  ['a variable in a field name', block('call: iam:CreateUser', 'with: {"${prefix}": 1}'), [
    'x.md:10: field name ${prefix}: variables are filled in values, not in field names',
  ]],
  ['YAML: an unquoted ": " in a value', block('call: iam:GetRole', 'expect:', '  message: not authorized to perform: sts:AssumeRole'), [
    'x.md:11: invalid YAML: Nested mappings are not allowed in compact mappings; a value that contains ": " must be quoted, e.g. message: "not authorized to perform: sts:AssumeRole"',
  ]],
  ['YAML: tabs', block('call: iam:GetRole', 'with:', '\tRoleName: x'), ['x.md:11: invalid YAML: indent with spaces, not tabs']],
  ['YAML: a duplicate key', block('call: iam:GetRole', 'call: iam:GetUser'), ['x.md:10: invalid YAML: key "call" appears twice']],
  ['YAML: two documents', block('call: iam:ListUsers', '---', 'call: iam:ListRoles'), [
    'x.md:10: invalid YAML: one action per block: start a new ```yaml lab block instead of using ---',
  ]],
  ['an empty block', block(), ['x.md:8: empty action block: write call: service:Operation (an AWS call) or run: command (a shell command)']],
  ['a block that is a list', block('- call: iam:ListUsers'), ['x.md:8: an action block is a mapping of keys (call:, with:, ...), not a list']],
  ['empty with and expect', block('call: iam:ListUsers', 'with:', 'expect:'), [
    'x.md:10: with must be a mapping (key: value), not empty',
    'x.md:11: expect must be an error code or a mapping (error, message, output, ...), not empty',
  ]],
  ['error with output', block('call: iam:GetRole', 'expect:', '  error: NoSuchEntity', '  output: {Role.Arn: x}'), [
    'x.md:12: expect has both error and output: a call that fails has no output to check',
  ]],
  ['a bad error code and a bad regex', block('call: iam:GetRole', 'expect:', '  error: [NoSuchEntity, denied]', '  message: /[a/'), [
    'x.md:11: expect.error: "denied" is not an error code: codes look like AccessDenied, NoSuchEntity or InvalidInstanceID.NotFound',
    'x.md:12: bad regular expression /[a/: Unterminated character class',
  ]],
  ['a bad regex in output', block('call: iam:GetRole', 'expect:', '  output:', '    Role.Arn: /(/'), [
    'x.md:12: bad regular expression /(/: Unterminated group',
  ]],
  ['a bad JMESPath in output', block('call: iam:GetRole', 'expect:', '  output:', '    "Roles[?": 1'), [
    'x.md:12: expect.output: bad JMESPath Roles[?: Invalid token (EOF): ""',
  ]],
  ['expect: success', block('call: iam:GetRole', 'expect: success'), [
    'x.md:10: expect: "success" is not an error code: success is what an action expects by default, so leave expect out',
  ]],
  ['run-only keys on a call', block('call: iam:GetRole', 'expect: {exitCode: 1}'), [
    'x.md:10: expect.exitCode is for run: actions; a call: has error, message and output',
  ]],
  ['bad exitCode and an unknown expect key', block('run: echo', 'expect:', '  exitCode: 1.5', '  code: 3'), [
    'x.md:11: expect.exitCode must be a whole number, not 1.5',
    'x.md:12: unknown key code in expect (did you mean error?)',
  ]],
  ['error with exitCode 0', block('run: aws iam get-user', 'expect: {error: NoSuchEntity, exitCode: 0}'), [
    'x.md:10: expect has error or message with exitCode: 0, but a command that succeeds has no error',
  ]],
  ['with on a run action', block('run: echo', 'with: {a: 1}'), ['x.md:10: with: is the input of a call:; for run: put the values in the command']],
  ['cleanup: true', block('call: iam:CreateUser', 'cleanup: true'), [
    'x.md:10: cleanup: true is the default (automatic); write cleanup: false to skip it, or list the calls that undo this action',
  ]],
  ['cleanup: []', block('call: iam:CreateUser', 'cleanup: []'), ['x.md:10: cleanup: [] lists no calls: write cleanup: false to skip cleanup']],
  ['bad cleanup calls', block('call: iam:CreateUser', 'cleanup:', '  - call: iam:DeleteUser', '    wiht: {}', '  - cal: x', '  - call: IAM:delete-user'), [
    'x.md:12: unknown key wiht in a cleanup call (did you mean with?)',
    'x.md:13: unknown key cal in a cleanup call (did you mean call?)',
    'x.md:14: cleanup call: write iam:DeleteUser, not IAM:delete-user (service in lower case, operation as in the API)',
  ]],
  ['badly written calls', `${block('call: aws iam list-users')}\n${block('call: CreateUser')}\n${block('call: iam:create-user')}`, [
    'x.md:9: call: aws iam list-users is an AWS CLI command: write it as run: aws iam list-users',
    'x.md:12: call: CreateUser must look like service:Operation, e.g. iam:CreateRole',
    'x.md:15: call: write iam:CreateUser, not iam:create-user (service in lower case, operation as in the API)',
  ]],
  ['bad save names and paths', block('call: iam:CreateUser', 'save:', '  prefix: User', '  a: User', '  x-y: User', '  ok: "Role..["'), [
    'x.md:11: save name prefix is a built-in variable: choose another',
    'x.md:12: save name a is also an account: as: a would be ambiguous, choose another',
    'x.md:13: save name x-y must be letters, digits and _ (it is used as ${x-y})',
    'x.md:14: save.ok: bad JMESPath Role..[: Invalid token (EOF): ""',
  ]],
];

for (const [name, body, want] of cases) {
  test(`error: ${name}`, () => {
    const r = parseLab(withHead(body), 'x.md');
    assert.equal(r.lab, undefined, 'no Lab when there are errors');
    assert.deepEqual(r.errors.map(String), want);
  });
}

const docCases: Array<[string, string, string[]]> = [
  ['no front matter', '# T\n\n## S\n', ['x.md:1: a lab starts with front matter: a line ---, then title: ..., then a line ---']],
  ['unclosed front matter', '---\ntitle: x\n\n## S\n', ['x.md:1: the front matter is not closed: add a line --- after its last key']],
  ['no title', '---\nsummary: s\n---\n## S\n', ['x.md:2: the front matter needs title:']],
  ['front matter YAML error at its file line', '---\ntitle: t\naccounts: [a\n---\n## S\n', [
    'x.md:3: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
  ]],
  ['front matter that is a list', '---\n- a\n---\n## S\n', ['x.md:2: the front matter must be a mapping of keys, starting with title: ...']],
  ['a typo of a front matter key (other new keys pass)', '---\ntitle: t\nacounts: [a]\nfoo: bar\n---\n## S\n', [
    'x.md:3: unknown front matter key acounts (did you mean accounts?)',
  ]],
  ['bad accounts, duration and lang', '---\ntitle: t\naccounts: [a, "b.c", 3]\nduration: [1]\nlang: Korean\n---\n## S\n', [
    'x.md:3: accounts[1] must be a name of letters, digits, - and _ (it is used as ${accounts.NAME.id})',
    'x.md:3: accounts[2] must be text, not 3',
    'x.md:4: duration must be a duration like 10m or 1h30m',
    'x.md:5: lang must be a language code like en, ko or pt-BR',
  ]],
  ['an account twice', '---\ntitle: t\naccounts:\n  - a\n  - a\n---\n## S\n', ['x.md:5: account a is listed twice']],
  ['no step, and an action outside any step', '---\ntitle: t\n---\n# T\n\n```yaml lab\ncall: iam:ListUsers\n```\n', [
    'x.md:4: a lab needs at least one step: a ## heading with the actions under it',
    'x.md:6: action block outside any step: put it under a ## heading',
  ]],
  ['lang in front matter and file name disagree', '---\ntitle: t\nlang: ja\n---\n## S\n', [
    'x.ko.md:2: the front matter says lang: ja but the file name says .ko.md',
  ]],
];

for (const [name, src, want] of docCases) {
  test(`error: ${name}`, () => {
    const file = name.startsWith('lang') ? 'x.ko.md' : 'x.md';
    const r = parseLab(src, file);
    assert.equal(r.lab, undefined);
    assert.deepEqual(r.errors.map(String), want);
  });
}
