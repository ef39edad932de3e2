// The aws target's decisions that need no network: which profile acts in which account, when
// accounts collapse into one, the confirmation gate, root credentials.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startCanned, type CannedServer } from '../aws/canned-server.js';
import { checkDistinct, parseAccountFlag, planAccounts } from '../../src/targets/aws-accounts.js';
import { identify, isRootArn } from '../../src/targets/preflight.js';
import { allowedAccounts, confirmAccounts, TargetRefusal, type AccountToChange } from '../../src/targets/safety.js';

const refusal = (re: RegExp) => (e: unknown) => e instanceof TargetRefusal && re.test(e.message);

describe('account plan', () => {
  it('--account NAME=PROFILE per logical account, --profile for the rest, the default chain otherwise', () => {
    assert.deepEqual(planAccounts(['source', 'target'], { account: ['source=a', 'target=b'] }), [
      { name: 'source', profile: 'a' },
      { name: 'target', profile: 'b' },
    ]);
    assert.deepEqual(planAccounts(['source', 'target'], { profile: 'p', account: ['target=b'] }), [
      { name: 'source', profile: 'p' },
      { name: 'target', profile: 'b' },
    ]);
    assert.deepEqual(planAccounts(['main'], {}), [{ name: 'main', profile: undefined }]);
  });

  it('refuses a malformed --account and names the lab accounts when one is unknown', () => {
    assert.throws(() => parseAccountFlag('source'), refusal(/NAME=PROFILE/));
    assert.deepEqual(parseAccountFlag('source=dev-a'), ['source', 'dev-a']);
    assert.throws(() => planAccounts(['source', 'target'], { account: ['sorce=a'] }), refusal(/no account "sorce"; its accounts are: source, target/));
    assert.throws(() => planAccounts(['main'], { account: ['main=a', 'main=b'] }), refusal(/twice/));
  });

  it('a lab with two logical accounts needs two account ids, and says which flags give them', () => {
    assert.doesNotThrow(() => checkDistinct([{ name: 'source', id: '111111111111' }, { name: 'target', id: '222222222222' }]));
    assert.throws(
      () => checkDistinct([{ name: 'source', id: '111111111111' }, { name: 'target', id: '111111111111' }]),
      refusal(/needs 2 different AWS accounts \(source, target\), but source and target are both account 111111111111.*--account source=PROFILE --account target=PROFILE/s),
    );
  });
});

describe('safety gate', () => {
  const list: AccountToChange[] = [
    { names: ['source'], id: '111111111111', arn: 'arn:aws:iam::111111111111:user/op', profile: 'a', alias: 'sandbox-a' },
    { names: ['target'], id: '222222222222', arn: 'arn:aws:iam::222222222222:user/op', profile: 'b' },
  ];
  const quiet = () => undefined;
  const never = async () => assert.fail('must not ask');

  it('non-interactive without --yes or allowed ids: refuses, naming exactly the flags to add', async () => {
    await assert.rejects(
      confirmAccounts(list, { interactive: false, what: 'run x', env: {}, write: quiet, ask: never }),
      refusal(/nothing was changed[\s\S]*111111111111 \(sandbox-a\)[\s\S]*add: --yes --allow-account 111111111111 --allow-account 222222222222/),
    );
    await assert.rejects(
      confirmAccounts(list, { interactive: false, yes: true, allow: ['111111111111'], what: 'run x', env: {}, write: quiet, ask: never }),
      (e: unknown) => e instanceof TargetRefusal && /add: --allow-account 222222222222 \(or set LAB_ALLOW_ACCOUNTS=222222222222/.test(e.message) && !/add: --yes/.test(e.message),
    );
    await assert.rejects(
      confirmAccounts(list, { interactive: false, allow: ['111111111111', '222222222222'], what: 'run x', env: {}, write: quiet, ask: never }),
      refusal(/add: --yes$/m),
    );
  });

  it('non-interactive with --yes and every id allowed (flags, commas or LAB_ALLOW_ACCOUNTS): goes ahead and lists the accounts', async () => {
    const lines: string[] = [];
    await confirmAccounts(list, { interactive: false, yes: true, allow: ['111111111111,222222222222'], what: 'run x', env: {}, write: (l) => lines.push(l), ask: never });
    assert.match(lines.join('\n'), /source: account 111111111111 \(sandbox-a\) as arn:aws:iam::111111111111:user\/op \[profile a\]/);
    await confirmAccounts(list, { interactive: false, yes: true, what: 'run x', env: { LAB_ALLOW_ACCOUNTS: '111111111111, 222222222222' }, write: quiet, ask: never });
  });

  it('interactive: asks unless every account is allowed; "no" refuses', async () => {
    const asked: string[] = [];
    await confirmAccounts(list, { interactive: true, what: 'run x', env: {}, write: quiet, ask: async (q) => (asked.push(q), true) });
    assert.equal(asked.length, 1);
    await assert.rejects(confirmAccounts(list, { interactive: true, what: 'run x', env: {}, write: quiet, ask: async () => false }), refusal(/not confirmed/));
    await confirmAccounts(list, { interactive: true, allow: ['111111111111', '222222222222'], what: 'run x', env: {}, write: quiet, ask: never });
  });

  it('allowed ids must be 12-digit account ids', () => {
    assert.throws(() => allowedAccounts(['1234'], {}), refusal(/12-digit/));
    assert.throws(() => allowedAccounts([], { LAB_ALLOW_ACCOUNTS: 'sandbox' }), refusal(/sandbox/));
    assert.deepEqual([...allowedAccounts(['111111111111'], { LAB_ALLOW_ACCOUNTS: '222222222222,333333333333' })], ['111111111111', '222222222222', '333333333333']);
  });
});

describe('preflight', () => {
  let aws: CannedServer;
  const saved = { ...process.env };
  before(async () => {
    aws = await startCanned();
    process.env.AWS_ACCESS_KEY_ID = 'AKIAROOTROOTROOTROOT';
    process.env.AWS_SECRET_ACCESS_KEY = 'not-a-real-secret';
    delete process.env.AWS_PROFILE;
    process.env.AWS_CONFIG_FILE = '/dev/null';
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/dev/null';
  });
  after(async () => {
    process.env = saved;
    await aws.close();
  });

  const callerIdentity = (arn: string) => ({
    status: 200,
    headers: { 'content-type': 'text/xml' },
    body: `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>AIDAX</UserId><Account>${arn.split(':')[4]}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
  });

  it('recognises root ARNs in every partition', () => {
    assert.ok(isRootArn('arn:aws:iam::123456789012:root'));
    assert.ok(isRootArn('arn:aws-cn:iam::123456789012:root'));
    assert.ok(!isRootArn('arn:aws:iam::123456789012:user/root'));
    assert.ok(!isRootArn('arn:aws:sts::123456789012:assumed-role/root/x'));
  });

  it('refuses root credentials with an explanation, before any other call', async () => {
    aws.respond(() => callerIdentity('arn:aws:iam::123456789012:root'));
    const sent = aws.requests.length;
    await assert.rejects(
      identify(undefined, { target: { region: 'us-east-1', endpoint: aws.endpoint }, maxAttempts: 1 }),
      refusal(/root user of account 123456789012[\s\S]*cannot assume IAM roles/),
    );
    assert.deepEqual(aws.requests.slice(sent).map((r) => r.form.get('Action')), ['GetCallerIdentity']);
  });

  it('an IAM identity passes; an unreadable alias is no error', async () => {
    aws.respond((req) =>
      req.form.get('Action') === 'GetCallerIdentity'
        ? callerIdentity('arn:aws:iam::123456789012:user/operator')
        : { status: 403, headers: { 'content-type': 'text/xml' }, body: '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>no</Message></Error><RequestId>r2</RequestId></ErrorResponse>' },
    );
    const id = await identify(undefined, { target: { region: 'us-east-1', endpoint: aws.endpoint }, maxAttempts: 1 });
    id.source.close();
    assert.equal(id.accountId, '123456789012');
    assert.equal(id.arn, 'arn:aws:iam::123456789012:user/operator');
    assert.equal(id.alias, undefined);
  });

  it('a profile that does not exist is refused with its name', async () => {
    await assert.rejects(identify('no-such-profile', { target: { region: 'us-east-1', endpoint: aws.endpoint } }), refusal(/profile "no-such-profile"/));
  });
});
