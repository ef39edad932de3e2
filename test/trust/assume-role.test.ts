// sts:AssumeRole through the mock, case by case: who the trust policy names (an account, a user),
// whether the caller's identity policy must also allow it (cross account: yes), explicit denies
// on either side, and the sts:ExternalId condition. The caller is always an IAM user of account
// "source"; the role lives in "source" (same account) or "target" (cross account).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateUserCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, type AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import { allow, assumeDenied, deny, outcome, sessionArn, trustStatement, TrustFixture, type AccountName, type Statement } from './harness.js';

const ACCOUNT_PRINCIPAL = 'IAM UG: AWS JSON policy elements: Principal > AWS account principals';
const USER_PRINCIPAL = 'IAM UG: AWS JSON policy elements: Principal > IAM user principals';
const SAME_ACCOUNT = 'IAM UG: Policy evaluation logic > Identity-based policies with resource-based policies';
const CROSS_ACCOUNT = 'IAM UG: Cross-account policy evaluation logic';
const EXPLICIT_DENY = 'IAM UG: Policy evaluation logic > Explicit deny';
const EXTERNAL_ID = 'IAM UG: Access to AWS accounts owned by third parties (external ID)';

interface Names {
  /** The caller's user ARN. */
  caller: string;
  source: string;
  target: string;
}

interface AssumeCase {
  name: string;
  cite: string;
  roleIn: AccountName;
  trust: (n: Names) => Statement[];
  /** The caller's inline identity policy, given the role's ARN; absent: the caller has none. */
  identity?: (roleArn: string) => Statement[];
  input?: Partial<AssumeRoleCommandInput>;
  allowed: boolean;
}

const assumeIt = (roleArn: string) => [allow('sts:AssumeRole', roleArn)];
const rootOf = (id: string) => `arn:aws:iam::${id}:root`;
const withExternalId = (extra: Statement = {}) => ({ Condition: { StringEquals: { 'sts:ExternalId': 'ext-7f3a' } }, ...extra });

const cases: AssumeCase[] = [
  // Trust naming the account: the account delegates to its identity policies, in both cases.
  { name: 'same account, trust names the account, no identity policy: denied', cite: ACCOUNT_PRINCIPAL, roleIn: 'source', trust: (n) => [trustStatement('Allow', rootOf(n.source))], allowed: false },
  { name: 'same account, trust names the account, identity policy allows: allowed', cite: ACCOUNT_PRINCIPAL, roleIn: 'source', trust: (n) => [trustStatement('Allow', rootOf(n.source))], identity: assumeIt, allowed: true },
  { name: 'cross account, trust names the account, no identity policy: denied', cite: CROSS_ACCOUNT, roleIn: 'target', trust: (n) => [trustStatement('Allow', rootOf(n.source))], allowed: false },
  { name: 'cross account, trust names the account, identity policy allows: allowed', cite: CROSS_ACCOUNT, roleIn: 'target', trust: (n) => [trustStatement('Allow', rootOf(n.source))], identity: assumeIt, allowed: true },
  { name: 'cross account, trust names the bare account id, identity policy allows: allowed', cite: ACCOUNT_PRINCIPAL, roleIn: 'target', trust: (n) => [trustStatement('Allow', n.source)], identity: assumeIt, allowed: true },
  { name: 'cross account, trust names a third account, identity policy allows: denied', cite: CROSS_ACCOUNT, roleIn: 'target', trust: () => [trustStatement('Allow', rootOf('333333333333'))], identity: assumeIt, allowed: false },
  { name: 'cross account, identity policy allows another role only: denied', cite: CROSS_ACCOUNT, roleIn: 'target', trust: (n) => [trustStatement('Allow', rootOf(n.source))], identity: (arn) => [allow('sts:AssumeRole', `${arn}-other`)], allowed: false },

  // Trust naming the user: in its own account the trust policy alone grants; across accounts
  // the caller's account must still allow it.
  { name: 'same account, trust names the user ARN, no identity policy: allowed', cite: SAME_ACCOUNT, roleIn: 'source', trust: (n) => [trustStatement('Allow', n.caller)], allowed: true },
  { name: 'same account, trust names another user, identity policy allows: denied (a role needs its trust policy)', cite: USER_PRINCIPAL, roleIn: 'source', trust: (n) => [trustStatement('Allow', `arn:aws:iam::${n.source}:user/someone-else`)], identity: assumeIt, allowed: false },
  { name: 'cross account, trust names the user ARN, no identity policy: denied', cite: CROSS_ACCOUNT, roleIn: 'target', trust: (n) => [trustStatement('Allow', n.caller)], allowed: false },
  { name: 'cross account, trust names the user ARN, identity policy allows: allowed', cite: CROSS_ACCOUNT, roleIn: 'target', trust: (n) => [trustStatement('Allow', n.caller)], identity: assumeIt, allowed: true },

  // Explicit deny beats the trust policy's allow, wherever it is written.
  { name: 'same account, trust names the user, identity policy denies the role: denied', cite: EXPLICIT_DENY, roleIn: 'source', trust: (n) => [trustStatement('Allow', n.caller)], identity: (arn) => [deny('sts:AssumeRole', arn)], allowed: false },
  { name: 'cross account, identity policy allows * and denies the role: denied', cite: EXPLICIT_DENY, roleIn: 'target', trust: (n) => [trustStatement('Allow', rootOf(n.source))], identity: (arn) => [allow('sts:AssumeRole'), deny('sts:AssumeRole', arn)], allowed: false },
  { name: 'same account, trust allows the user and denies the user: denied', cite: EXPLICIT_DENY, roleIn: 'source', trust: (n) => [trustStatement('Allow', n.caller), trustStatement('Deny', n.caller)], allowed: false },
  { name: 'cross account, trust allows the account and denies the user: denied', cite: EXPLICIT_DENY, roleIn: 'target', trust: (n) => [trustStatement('Allow', rootOf(n.source)), trustStatement('Deny', n.caller)], identity: assumeIt, allowed: false },
  { name: 'cross account, trust allows the account and denies everyone ("*"): denied', cite: EXPLICIT_DENY, roleIn: 'target', trust: (n) => [trustStatement('Allow', rootOf(n.source)), { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' }], identity: assumeIt, allowed: false },

  // sts:ExternalId: the condition holds only when the caller passes the agreed value.
  { name: 'ExternalId required and passed: allowed', cite: EXTERNAL_ID, roleIn: 'target', trust: (n) => [trustStatement('Allow', rootOf(n.source), withExternalId())], identity: assumeIt, input: { ExternalId: 'ext-7f3a' }, allowed: true },
  { name: 'ExternalId required and absent: denied (StringEquals on a missing key is false)', cite: EXTERNAL_ID, roleIn: 'target', trust: (n) => [trustStatement('Allow', rootOf(n.source), withExternalId())], identity: assumeIt, allowed: false },
  { name: 'ExternalId required and wrong: denied', cite: EXTERNAL_ID, roleIn: 'target', trust: (n) => [trustStatement('Allow', rootOf(n.source), withExternalId())], identity: assumeIt, input: { ExternalId: 'ext-0000' }, allowed: false },
  { name: 'ExternalId compared case-sensitively (StringEquals): denied', cite: 'IAM UG: IAM JSON policy elements: Condition operators > String condition operators', roleIn: 'target', trust: (n) => [trustStatement('Allow', rootOf(n.source), withExternalId())], identity: assumeIt, input: { ExternalId: 'EXT-7F3A' }, allowed: false },
  { name: 'ExternalId passed to a role that does not require one: allowed', cite: EXTERNAL_ID, roleIn: 'target', trust: (n) => [trustStatement('Allow', rootOf(n.source))], identity: assumeIt, input: { ExternalId: 'ext-7f3a' }, allowed: true },
  { name: 'ExternalId in a same-account trust naming the user, absent: denied', cite: EXTERNAL_ID, roleIn: 'source', trust: (n) => [trustStatement('Allow', n.caller, withExternalId())], allowed: false },
];

describe('sts:AssumeRole: trust policy x identity policy, through the mock', () => {
  let t: TrustFixture;
  before(async () => {
    t = await TrustFixture.start();
    // The other user a trust policy names must exist: IAM refuses to save a missing principal.
    await t.iam(t.admin('source')).send(new CreateUserCommand({ UserName: 'someone-else' }));
  });
  after(() => t.close());

  for (const c of cases) {
    it(`${c.name} [${c.cite}]`, async () => {
      const caller = await t.user('source', 'caller');
      const names: Names = { caller: caller.arn, source: t.id('source'), target: t.id('target') };
      const role = await t.role(c.roleIn, 'role', c.trust(names));
      if (c.identity) await t.putUserPolicy('source', caller.name, 'assume', c.identity(role.arn));
      const input = { RoleSessionName: 'case', ...c.input };
      if (c.allowed) {
        const session = await t.assume(caller, role.arn, input);
        assert.equal(session.arn, sessionArn(t.id(c.roleIn), role.name, 'case'));
      } else {
        await outcome(t.sts(caller).send(new AssumeRoleCommand({ RoleArn: role.arn, ...input })), assumeDenied(caller.arn, role.arn));
      }
    });
  }
});
