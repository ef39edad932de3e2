// Group membership and managed-policy versions through the mock: a group's policies are the
// member's identity-based policies (granted on AddUserToGroup, gone on RemoveUserFromGroup), and
// only the default version of a managed policy counts (CreatePolicyVersion with SetAsDefault,
// SetDefaultPolicyVersion back).
import { describe } from 'node:test';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyVersionCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  RemoveUserFromGroupCommand,
  SetDefaultPolicyVersionCommand,
} from '@aws-sdk/client-iam';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import {
  allow,
  assumeDenied,
  because,
  denied,
  deny,
  doc,
  explicitDenyIn,
  runScenarios,
  trustStatement,
  useFixture,
  type Actor,
  type Scenario,
  type Statement,
  type TrustFixture,
} from './harness.js';

const GROUPS = 'IAM UG: IAM user groups';
const EVAL = 'IAM UG: Policy evaluation logic > Explicit deny';
const VERSIONS = 'IAM UG: Versioning IAM policies';
const LIST_BUCKETS = 's3:ListAllMyBuckets';

const fixture = useFixture();
const listBuckets = (t: TrustFixture, s: { user: Actor }) => t.s3(s.user).send(new ListBucketsCommand({}));
const noAllow = (_t: TrustFixture, s: { user: Actor }) => denied(s.user.arn, LIST_BUCKETS, because('identity-based policy', LIST_BUCKETS));

interface State {
  user: Actor & { name: string };
  /** A role in "target" trusting "source", for the AssumeRole rows. */
  role?: string;
  policy?: string;
}

/** A group of "source" with an inline policy (and managed ones); returns its name. */
async function group(t: TrustFixture, inline: Statement[], managed: string[] = []): Promise<string> {
  const iam = t.iam(t.admin('source'));
  const name = t.unique('group');
  await iam.send(new CreateGroupCommand({ GroupName: name }));
  if (inline.length) await iam.send(new PutGroupPolicyCommand({ GroupName: name, PolicyName: 'inline', PolicyDocument: doc(...inline) }));
  for (const arn of managed) await iam.send(new AttachGroupPolicyCommand({ GroupName: name, PolicyArn: arn }));
  return name;
}

async function join(t: TrustFixture, user: string, groupName: string): Promise<void> {
  await t.iam(t.admin('source')).send(new AddUserToGroupCommand({ UserName: user, GroupName: groupName }));
}

async function leave(t: TrustFixture, user: string, groupName: string): Promise<void> {
  await t.iam(t.admin('source')).send(new RemoveUserFromGroupCommand({ UserName: user, GroupName: groupName }));
}

async function crossAccountRole(t: TrustFixture): Promise<string> {
  return (await t.role('target', 'xacct', [trustStatement('Allow', `arn:aws:iam::${t.id('source')}:root`)])).arn;
}

describe('group membership grants and revokes, through the mock', () => {
  const rows: Scenario<State>[] = [
    { name: 'a user in no group, with no policy: denied', cite: GROUPS, arrange: async (t) => ({ user: await t.user('source', 'loner') }), act: listBuckets, expect: noAllow },
    {
      name: 'AddUserToGroup: the group\'s inline policy grants',
      cite: GROUPS,
      arrange: async (t) => {
        const user = await t.user('source', 'member');
        await join(t, user.name, await group(t, [allow(LIST_BUCKETS)]));
        return { user };
      },
      act: listBuckets,
      expect: () => ({ ok: true }),
    },
    {
      name: 'RemoveUserFromGroup: the grant is gone',
      cite: GROUPS,
      arrange: async (t) => {
        const user = await t.user('source', 'ex-member');
        const g = await group(t, [allow(LIST_BUCKETS)]);
        await join(t, user.name, g);
        await listBuckets(t, { user });
        await leave(t, user.name, g);
        return { user };
      },
      act: listBuckets,
      expect: noAllow,
    },
    {
      name: 'a managed policy attached to the group grants',
      cite: GROUPS,
      arrange: async (t) => {
        const user = await t.user('source', 'managed-member');
        await join(t, user.name, await group(t, [], [await t.managedPolicy('source', 'group-managed', [allow(LIST_BUCKETS)])]));
        return { user };
      },
      act: listBuckets,
      expect: () => ({ ok: true }),
    },
    {
      name: 'a group\'s explicit deny beats the user\'s own allow',
      cite: EVAL,
      arrange: async (t) => {
        const user = await t.user('source', 'denied-member', { inline: [allow(LIST_BUCKETS)] });
        await join(t, user.name, await group(t, [deny('s3:*')]));
        return { user };
      },
      act: listBuckets,
      expect: (_t, s) => denied(s.user.arn, LIST_BUCKETS, explicitDenyIn('an identity-based policy')),
    },
    {
      name: 'two groups, one allows and one denies: denied',
      cite: EVAL,
      arrange: async (t) => {
        const user = await t.user('source', 'two-groups');
        await join(t, user.name, await group(t, [allow(LIST_BUCKETS)]));
        await join(t, user.name, await group(t, [deny(LIST_BUCKETS)]));
        return { user };
      },
      act: listBuckets,
      expect: (_t, s) => denied(s.user.arn, LIST_BUCKETS, explicitDenyIn('an identity-based policy')),
    },
    {
      name: 'a group granting sts:AssumeRole lets a member assume a cross-account role',
      cite: 'IAM UG: Grant a user permissions to switch roles',
      arrange: async (t) => {
        const user = await t.user('source', 'assumer');
        const role = await crossAccountRole(t);
        await join(t, user.name, await group(t, [allow('sts:AssumeRole', role)]));
        return { user, role };
      },
      act: (t, s) => t.sts(s.user).send(new AssumeRoleCommand({ RoleArn: s.role!, RoleSessionName: 'via-group' })),
      expect: () => ({ ok: true }),
    },
    {
      name: 'after RemoveUserFromGroup the cross-account AssumeRole is denied',
      cite: 'IAM UG: Grant a user permissions to switch roles',
      arrange: async (t) => {
        const user = await t.user('source', 'ex-assumer');
        const role = await crossAccountRole(t);
        const g = await group(t, [allow('sts:AssumeRole', role)]);
        await join(t, user.name, g);
        await leave(t, user.name, g);
        return { user, role };
      },
      act: (t, s) => t.sts(s.user).send(new AssumeRoleCommand({ RoleArn: s.role!, RoleSessionName: 'via-group' })),
      expect: (_t, s) => assumeDenied(s.user.arn, s.role!),
    },
  ];
  runScenarios(fixture, rows);
});

describe('managed policy versions decide the verdict, through the mock', () => {
  /** A user with a customer managed policy (v1 = `v1`) attached. */
  async function withPolicy(t: TrustFixture, v1: Statement[]): Promise<State & { policy: string }> {
    const policy = await t.managedPolicy('source', 'versioned', v1);
    const user = await t.user('source', 'versioned-user');
    await t.iam(t.admin('source')).send(new AttachUserPolicyCommand({ UserName: user.name, PolicyArn: policy }));
    return { user, policy };
  }
  const newVersion = (t: TrustFixture, policy: string, statements: Statement[], setAsDefault: boolean) =>
    t.iam(t.admin('source')).send(new CreatePolicyVersionCommand({ PolicyArn: policy, PolicyDocument: doc(...statements), SetAsDefault: setAsDefault }));
  const setDefault = (t: TrustFixture, policy: string, version: string) =>
    t.iam(t.admin('source')).send(new SetDefaultPolicyVersionCommand({ PolicyArn: policy, VersionId: version }));

  const rows: Scenario<State>[] = [
    { name: 'v1 allows: allowed', cite: VERSIONS, arrange: (t) => withPolicy(t, [allow(LIST_BUCKETS)]), act: listBuckets, expect: () => ({ ok: true }) },
    {
      name: 'CreatePolicyVersion without SetAsDefault: v1 still decides',
      cite: VERSIONS,
      arrange: async (t) => {
        const s = await withPolicy(t, [allow(LIST_BUCKETS)]);
        await newVersion(t, s.policy, [allow('iam:ListUsers')], false);
        return s;
      },
      act: listBuckets,
      expect: () => ({ ok: true }),
    },
    {
      name: 'CreatePolicyVersion with SetAsDefault: v2 decides, S3 no longer allowed',
      cite: VERSIONS,
      arrange: async (t) => {
        const s = await withPolicy(t, [allow(LIST_BUCKETS)]);
        await newVersion(t, s.policy, [allow('iam:ListUsers')], true);
        return s;
      },
      act: listBuckets,
      expect: noAllow,
    },
    {
      name: 'CreatePolicyVersion with SetAsDefault: v2 grants what v1 did not',
      cite: VERSIONS,
      arrange: async (t) => {
        const s = await withPolicy(t, [allow(LIST_BUCKETS)]);
        await newVersion(t, s.policy, [allow('iam:ListUsers')], true);
        return s;
      },
      act: (t, s) => t.iam(s.user).send(new ListUsersCommand({})),
      expect: () => ({ ok: true }),
    },
    {
      name: 'SetDefaultPolicyVersion back to v1 restores the grant',
      cite: VERSIONS,
      arrange: async (t) => {
        const s = await withPolicy(t, [allow(LIST_BUCKETS)]);
        await newVersion(t, s.policy, [allow('iam:ListUsers')], true);
        await setDefault(t, s.policy, 'v1');
        return s;
      },
      act: listBuckets,
      expect: () => ({ ok: true }),
    },
    {
      name: 'a default v2 with an explicit deny: explicit deny',
      cite: VERSIONS,
      arrange: async (t) => {
        const s = await withPolicy(t, [allow(LIST_BUCKETS)]);
        await t.putUserPolicy('source', s.user.name, 'own-allow', [allow(LIST_BUCKETS)]);
        await newVersion(t, s.policy, [deny(LIST_BUCKETS)], true);
        return s;
      },
      act: listBuckets,
      expect: (_t, s) => denied(s.user.arn, LIST_BUCKETS, explicitDenyIn('an identity-based policy')),
    },
    {
      name: 'a new default version of a boundary moves the cap',
      cite: 'IAM UG: Permissions boundaries for IAM entities',
      arrange: async (t) => {
        const boundary = await t.managedPolicy('source', 'boundary', [allow('iam:ListUsers')]);
        const user = await t.user('source', 'capped', { managed: ['arn:aws:iam::aws:policy/AdministratorAccess'], boundary });
        await newVersion(t, boundary, [allow(LIST_BUCKETS)], true);
        return { user };
      },
      act: listBuckets,
      expect: () => ({ ok: true }),
    },
    {
      name: 'a new default version without sts:AssumeRole takes the cross-account role away',
      cite: VERSIONS,
      arrange: async (t) => {
        const role = await crossAccountRole(t);
        const s = await withPolicy(t, [allow('sts:AssumeRole', role)]);
        await newVersion(t, s.policy, [allow(LIST_BUCKETS)], true);
        return { ...s, role };
      },
      act: (t, s) => t.sts(s.user).send(new AssumeRoleCommand({ RoleArn: s.role!, RoleSessionName: 'versioned' })),
      expect: (_t, s) => assumeDenied(s.user.arn, s.role!),
    },
  ];
  runScenarios(fixture, rows);
});
