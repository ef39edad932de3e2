// Permissions boundaries and session policies through the mock: both cap what identity-based
// policies grant (an admin stays capped), neither grants anything itself, an explicit deny in
// either wins, and a same-account trust policy naming the user directly is not capped.
import { describe } from 'node:test';
import { DeleteUserPermissionsBoundaryCommand, ListUsersCommand, PutUserPermissionsBoundaryCommand } from '@aws-sdk/client-iam';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, type AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import {
  allow,
  assumeDenied,
  because,
  denied,
  deny,
  doc,
  explicitDenyIn,
  listDenied,
  runScenarios,
  trustStatement,
  useFixture,
  type Actor,
  type Scenario,
  type Statement,
  type TrustFixture,
} from './harness.js';

const BOUNDARY = 'IAM UG: Permissions boundaries for IAM entities';
const BOUNDARY_RESOURCE = 'IAM UG: Permissions boundaries for IAM entities > Evaluating effective permissions with boundaries > Resource-based policies';
const SESSION = 'IAM UG: Policies and permissions > Session policies';
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const LIST_BUCKETS = 's3:ListAllMyBuckets';
const LIST_USERS = 'iam:ListUsers';

const fixture = useFixture();
const usersOf = (t: TrustFixture) => `arn:aws:iam::${t.id('source')}:user/`;
const listUsers = (t: TrustFixture, who: Actor) => t.iam(who).send(new ListUsersCommand({}));
const listBuckets = (t: TrustFixture, who: Actor) => t.s3(who).send(new ListBucketsCommand({}));

/** An admin user of "source" whose boundary is a managed policy holding `boundary`. */
async function cappedAdmin(t: TrustFixture, boundary: Statement[]): Promise<Actor & { name: string }> {
  const arn = await t.managedPolicy('source', 'boundary', boundary);
  return t.user('source', 'capped-admin', { managed: [ADMIN], boundary: arn });
}

describe('permissions boundaries, through the mock', () => {
  const rows: Scenario<Actor & { name: string }>[] = [
    { name: 'admin capped to s3:ListAllMyBuckets may list buckets', cite: BOUNDARY, arrange: (t) => cappedAdmin(t, [allow(LIST_BUCKETS)]), act: listBuckets, expect: () => ({ ok: true }) },
    { name: 'admin capped to s3:ListAllMyBuckets may not list users: no permissions boundary allows', cite: BOUNDARY, arrange: (t) => cappedAdmin(t, [allow(LIST_BUCKETS)]), act: listUsers, expect: (t, u) => listDenied(u.arn, LIST_USERS, usersOf(t), because('permissions boundary', LIST_USERS)) },
    { name: 'a boundary grants nothing: boundary allows iam:*, identity allows only S3', cite: BOUNDARY, arrange: async (t) => t.user('source', 'boundary-only', { inline: [allow(LIST_BUCKETS)], boundary: await t.managedPolicy('source', 'iam-boundary', [allow('iam:*')]) }), act: listUsers, expect: (t, u) => listDenied(u.arn, LIST_USERS, usersOf(t), because('identity-based policy', LIST_USERS)) },
    { name: 'an explicit deny in the boundary wins over AdministratorAccess', cite: BOUNDARY, arrange: (t) => cappedAdmin(t, [allow('*'), deny('s3:*')]), act: listBuckets, expect: (_t, u) => denied(u.arn, LIST_BUCKETS, explicitDenyIn('a permissions boundary')) },
    {
      name: 'removing the boundary restores the admin',
      cite: BOUNDARY,
      arrange: async (t) => {
        const u = await cappedAdmin(t, [allow(LIST_BUCKETS)]);
        await t.iam(t.admin('source')).send(new DeleteUserPermissionsBoundaryCommand({ UserName: u.name }));
        return u;
      },
      act: listUsers,
      expect: () => ({ ok: true }),
    },
    {
      name: 'a boundary put on later caps at once',
      cite: BOUNDARY,
      arrange: async (t) => {
        const u = await t.user('source', 'later-capped', { managed: [ADMIN] });
        const arn = await t.managedPolicy('source', 'boundary', [allow(LIST_BUCKETS)]);
        await t.iam(t.admin('source')).send(new PutUserPermissionsBoundaryCommand({ UserName: u.name, PermissionsBoundary: arn }));
        return u;
      },
      act: listUsers,
      expect: (t, u) => listDenied(u.arn, LIST_USERS, usersOf(t), because('permissions boundary', LIST_USERS)),
    },
  ];
  runScenarios(fixture, rows);

  // The boundary and sts:AssumeRole: a trust policy naming the user's ARN is a resource-based
  // grant to the user itself, which the boundary does not cap; one naming the account delegates
  // to the identity policies, which it does.
  interface AssumeState {
    user: Actor;
    role: string;
  }
  const assume = (t: TrustFixture, s: AssumeState) => t.sts(s.user).send(new AssumeRoleCommand({ RoleArn: s.role, RoleSessionName: 'capped' }));
  const assumeRows: Scenario<AssumeState>[] = [
    {
      name: 'capped user, trust names the user ARN (same account): allowed',
      cite: BOUNDARY_RESOURCE,
      arrange: async (t) => {
        const user = await cappedAdmin(t, [allow(LIST_BUCKETS)]);
        return { user, role: (await t.role('source', 'names-user', [trustStatement('Allow', user.arn)])).arn };
      },
      act: assume,
      expect: () => ({ ok: true }),
    },
    {
      name: 'capped user, trust names the account, identity allows via AdministratorAccess: denied',
      cite: BOUNDARY,
      arrange: async (t) => {
        const user = await cappedAdmin(t, [allow(LIST_BUCKETS)]);
        return { user, role: (await t.role('source', 'names-account', [trustStatement('Allow', `arn:aws:iam::${t.id('source')}:root`)])).arn };
      },
      act: assume,
      expect: (_t, s) => assumeDenied(s.user.arn, s.role),
    },
  ];
  runScenarios(fixture, assumeRows);
});

describe('session policies (AssumeRole Policy / PolicyArns), through the mock', () => {
  interface SessionState {
    session: Actor;
  }

  /** A session of an admin role (or a role with `permissions`), narrowed by `session(t)`. */
  const sessionOf =
    (session: (t: TrustFixture) => Promise<Partial<AssumeRoleCommandInput>>, permissions?: Statement[]) =>
    async (t: TrustFixture): Promise<SessionState> => {
      const user = await t.user('source', 'session-user');
      const role = await t.role('source', 'session-role', [trustStatement('Allow', user.arn)], permissions ? { inline: permissions } : { managed: [ADMIN] });
      return { session: await t.assume(user, role.arn, { RoleSessionName: 'narrow', ...(await session(t)) }) };
    };
  const inline = (...statements: Statement[]) => async () => ({ Policy: doc(...statements) });
  const managed = (...statements: Statement[]) => async (t: TrustFixture) => ({ PolicyArns: [{ arn: await t.managedPolicy('source', 'session', statements) }] });

  const rows: Scenario<SessionState>[] = [
    { name: 'inline Policy narrows an admin role to s3:ListAllMyBuckets: listing buckets works', cite: SESSION, arrange: sessionOf(inline(allow(LIST_BUCKETS))), act: (t, s) => listBuckets(t, s.session), expect: () => ({ ok: true }) },
    { name: 'inline Policy narrows an admin role: iam:ListUsers denied, no session policy allows', cite: SESSION, arrange: sessionOf(inline(allow(LIST_BUCKETS))), act: (t, s) => listUsers(t, s.session), expect: (t, s) => listDenied(s.session.arn, LIST_USERS, usersOf(t), because('session policy', LIST_USERS)) },
    { name: 'PolicyArns narrows an admin role to iam:ListUsers: listing users works', cite: SESSION, arrange: sessionOf(managed(allow(LIST_USERS))), act: (t, s) => listUsers(t, s.session), expect: () => ({ ok: true }) },
    { name: 'PolicyArns narrows an admin role: s3:ListAllMyBuckets denied, no session policy allows', cite: SESSION, arrange: sessionOf(managed(allow(LIST_USERS))), act: (t, s) => listBuckets(t, s.session), expect: (_t, s) => denied(s.session.arn, LIST_BUCKETS, because('session policy', LIST_BUCKETS)) },
    {
      name: 'Policy and PolicyArns together: either one allowing is enough',
      cite: SESSION,
      arrange: sessionOf(async (t) => ({ ...(await inline(allow(LIST_BUCKETS))()), ...(await managed(allow(LIST_USERS))(t)) })),
      act: async (t, s) => {
        await listBuckets(t, s.session);
        return listUsers(t, s.session);
      },
      expect: () => ({ ok: true }),
    },
    { name: 'a session policy grants nothing beyond the role: role allows only S3, session allows *', cite: SESSION, arrange: sessionOf(inline(allow('*')), [allow(LIST_BUCKETS)]), act: (t, s) => listUsers(t, s.session), expect: (t, s) => listDenied(s.session.arn, LIST_USERS, usersOf(t), because('identity-based policy', LIST_USERS)) },
    { name: 'an explicit deny in a session policy wins over the role\'s admin rights', cite: SESSION, arrange: sessionOf(inline(allow('*'), deny('s3:*'))), act: (t, s) => listBuckets(t, s.session), expect: (_t, s) => denied(s.session.arn, LIST_BUCKETS, explicitDenyIn('a session policy')) },
    { name: 'without session policies the session has the role\'s full permissions', cite: SESSION, arrange: sessionOf(async () => ({})), act: (t, s) => listUsers(t, s.session), expect: () => ({ ok: true }) },
  ];
  runScenarios(fixture, rows);
});
