// Role chaining through the mock: a session of role A (in "source") assumes role B. B's trust
// policy names A's role ARN, A's session ARN, or A's account; A's own permissions must allow
// sts:AssumeRole when B is in another account; a chained session lasts at most one hour.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateRoleCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { allow, assumeDenied, doc, outcome, sessionArn, trustStatement, TrustFixture, type AccountName, type Actor, type Statement } from './harness.js';

const CHAINING = 'IAM UG: IAM roles terms and concepts > Role chaining';
const SESSION_PRINCIPAL = 'IAM UG: AWS JSON policy elements: Principal > Role session principals';
const ROLE_PRINCIPAL = 'IAM UG: AWS JSON policy elements: Principal > IAM role principals';
const CROSS_ACCOUNT = 'IAM UG: Cross-account policy evaluation logic';

interface Names {
  /** Role A's ARN. */
  roleA: string;
  /** The ARN of A's session that makes the call. */
  sessionA: string;
  source: string;
}

interface ChainCase {
  name: string;
  cite: string;
  /** Where role B lives. */
  bIn: AccountName;
  trustB: (n: Names) => Statement[];
  /** Role A's permissions policy, given B's ARN; absent: A has none. */
  permissionsA?: (roleB: string) => Statement[];
  /** Session name used for A's session (B's trust may name the session). */
  sessionA?: string;
  allowed: boolean;
}

const assumeIt = (arn: string) => [allow('sts:AssumeRole', arn)];

const cases: ChainCase[] = [
  { name: 'cross account, B trusts role A, A may assume B: allowed', cite: CHAINING, bIn: 'target', trustB: (n) => [trustStatement('Allow', n.roleA)], permissionsA: assumeIt, allowed: true },
  { name: 'cross account, B trusts role A, A has no permissions policy: denied', cite: CROSS_ACCOUNT, bIn: 'target', trustB: (n) => [trustStatement('Allow', n.roleA)], allowed: false },
  { name: 'cross account, B trusts A\'s account, A may assume B: allowed', cite: CHAINING, bIn: 'target', trustB: (n) => [trustStatement('Allow', `arn:aws:iam::${n.source}:root`)], permissionsA: assumeIt, allowed: true },
  { name: 'cross account, B trusts another role of A\'s account, A may assume B: denied', cite: ROLE_PRINCIPAL, bIn: 'target', trustB: (n) => [trustStatement('Allow', `arn:aws:iam::${n.source}:role/not-a`)], permissionsA: assumeIt, allowed: false },
  { name: 'cross account, B trusts A\'s session ARN, the named session assumes: allowed', cite: SESSION_PRINCIPAL, bIn: 'target', sessionA: 'alpha', trustB: (n) => [trustStatement('Allow', n.sessionA)], permissionsA: assumeIt, allowed: true },
  { name: 'cross account, B trusts another session of A: denied', cite: SESSION_PRINCIPAL, bIn: 'target', sessionA: 'beta', trustB: (n) => [trustStatement('Allow', n.sessionA.replace(/\/beta$/, '/alpha'))], permissionsA: assumeIt, allowed: false },
  { name: 'same account, B trusts role A, A may assume B: allowed', cite: CHAINING, bIn: 'source', trustB: (n) => [trustStatement('Allow', n.roleA)], permissionsA: assumeIt, allowed: true },
  { name: 'same account, B trusts role A and denies A\'s sessions: denied', cite: 'IAM UG: Policy evaluation logic > Explicit deny', bIn: 'source', trustB: (n) => [trustStatement('Allow', n.roleA), trustStatement('Deny', n.sessionA)], permissionsA: assumeIt, allowed: false },
];

describe('role chaining: a session of role A assumes role B, through the mock', () => {
  let t: TrustFixture;
  before(async () => {
    t = await TrustFixture.start();
    // The other role a trust policy names must exist: IAM refuses to save a missing principal.
    await t.iam(t.admin('source')).send(
      new CreateRoleCommand({ RoleName: 'not-a', AssumeRolePolicyDocument: doc(trustStatement('Allow', `arn:aws:iam::${t.id('source')}:root`)) }),
    );
  });
  after(() => t.close());

  /** A session of a new role A of "source" with `permissionsA`, assumed by a user A trusts. */
  async function sessionOfA(permissionsA: Statement[] | undefined, sessionName: string): Promise<{ roleA: string; session: Actor }> {
    const user = await t.user('source', 'chainer');
    const a = await t.role('source', 'role-a', [trustStatement('Allow', user.arn)], { inline: permissionsA });
    const session = await t.assume(user, a.arn, { RoleSessionName: sessionName });
    assert.equal(session.arn, sessionArn(t.id('source'), a.name, sessionName));
    return { roleA: a.arn, session };
  }

  for (const c of cases) {
    it(`${c.name} [${c.cite}]`, async () => {
      // B's name is known before B exists, so A's permissions can name it.
      const bName = t.unique('role-b');
      const bArn = `arn:aws:iam::${t.id(c.bIn)}:role/${bName}`;
      const { roleA, session: sessionA } = await sessionOfA(c.permissionsA?.(bArn), c.sessionA ?? 'hop-1');
      const names: Names = { roleA, sessionA: sessionA.arn, source: t.id('source') };
      await t.iam(t.admin(c.bIn)).send(new CreateRoleCommand({ RoleName: bName, AssumeRolePolicyDocument: doc(...c.trustB(names)) }));
      if (c.allowed) {
        const sessionB = await t.assume(sessionA, bArn, { RoleSessionName: 'hop-2' });
        assert.equal(sessionB.arn, sessionArn(t.id(c.bIn), bName, 'hop-2'));
      } else {
        await outcome(t.sts(sessionA).send(new AssumeRoleCommand({ RoleArn: bArn, RoleSessionName: 'hop-2' })), assumeDenied(sessionA.arn, bArn));
      }
    });
  }

  it(`a chained session asking for more than one hour fails, whatever B's MaxSessionDuration [${CHAINING}]`, async () => {
    const b = await t.role('target', 'long-b', [trustStatement('Allow', `arn:aws:iam::${t.id('source')}:root`)], { maxSessionDuration: 43200 });
    const { session } = await sessionOfA(assumeIt(b.arn), 'hop-1');
    await outcome(t.sts(session).send(new AssumeRoleCommand({ RoleArn: b.arn, RoleSessionName: 'hop-2', DurationSeconds: 3601 })), {
      code: 'ValidationError',
      status: 400,
      message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    });
    // The same request for exactly one hour is fine, and expires within the hour.
    const out = await t.sts(session).send(new AssumeRoleCommand({ RoleArn: b.arn, RoleSessionName: 'hop-2', DurationSeconds: 3600 }));
    const left = out.Credentials!.Expiration!.getTime() - Date.now();
    assert.ok(left > 3590_000 && left <= 3601_000, `chained session expires in ${left} ms`);
  });

  it(`a user (not chaining) may ask B for more than one hour up to B's MaxSessionDuration [STS API: AssumeRole > DurationSeconds]`, async () => {
    const user = await t.user('source', 'direct');
    const b = await t.role('source', 'long-direct', [trustStatement('Allow', user.arn)], { maxSessionDuration: 7200 });
    const out = await t.sts(user).send(new AssumeRoleCommand({ RoleArn: b.arn, RoleSessionName: 'direct', DurationSeconds: 7200 }));
    assert.ok(out.Credentials!.Expiration!.getTime() - Date.now() > 7190_000);
  });

  it(`the chained session has B's permissions, not A's [${CHAINING}]`, async () => {
    const b = await t.role('target', 'lister-b', [trustStatement('Allow', `arn:aws:iam::${t.id('source')}:root`)], { inline: [allow('s3:ListAllMyBuckets')] });
    const { session } = await sessionOfA([...assumeIt(b.arn), allow('iam:ListRoles')], 'hop-1');
    const sessionB = await t.assume(session, b.arn, { RoleSessionName: 'hop-2' });
    await outcome(t.s3(sessionB).send(new ListBucketsCommand({})), { ok: true });
    await outcome(t.iam(sessionB).send(new ListRolesCommand({})), {
      code: 'AccessDenied',
      message: new RegExp(`^User: ${sessionArn(t.id('target'), b.name, 'hop-2')} is not authorized to perform: iam:ListRoles( on resource: \\S+)? because no identity-based policy allows the iam:ListRoles action$`),
    });
  });
});
