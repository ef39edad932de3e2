// AWS's AccessDenied message forms, one row per form, each pinned exactly: the code, the HTTP
// status and the text a learner sees. The other files check that the right denial happens; this
// one checks that it reads as AWS writes it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DescribeInstancesCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { GetUserCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, DecodeAuthorizationMessageCommand } from '@aws-sdk/client-sts';
import { allow, deny, outcome, runScenarios, trustStatement, useFixture, type Actor, type Scenario, type TrustFixture } from './harness.js';

const AD = 'IAM UG: Troubleshoot access denied error messages > Access denied error message examples';
const EC2_AUTH = 'Amazon EC2 API Reference: Error codes > UnauthorizedOperation';
const fixture = useFixture();

interface State {
  who: Actor & { name?: string };
  extra?: string;
}

const rows: Scenario<State>[] = [
  {
    name: 'IAM, implicit deny on a named resource',
    cite: AD,
    arrange: async (t) => ({ who: await t.user('source', 'plain'), extra: (await t.user('source', 'other')).name }),
    act: (t, s) => t.iam(s.who).send(new GetUserCommand({ UserName: s.extra })),
    expect: (t, s) => ({
      code: 'AccessDenied',
      message: `User: ${s.who.arn} is not authorized to perform: iam:GetUser on resource: arn:aws:iam::${t.id('source')}:user/${s.extra} because no identity-based policy allows the iam:GetUser action`,
    }),
  },
  {
    name: 'IAM, implicit deny of a list action names the path prefix as resource (iam:ListUsers -> user/)',
    cite: `${AD}; observed: "... perform: iam:ListUsers on resource: arn:aws:iam::ACCT:user/ because ..."`,
    arrange: async (t) => ({ who: await t.user('source', 'lister') }),
    act: (t, s) => t.iam(s.who).send(new ListUsersCommand({})),
    expect: (t, s) => ({
      code: 'AccessDenied',
      message: `User: ${s.who.arn} is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${t.id('source')}:user/ because no identity-based policy allows the iam:ListUsers action`,
    }),
  },
  {
    name: 'IAM, explicit deny in an identity-based policy',
    cite: AD,
    arrange: async (t) => ({ who: await t.user('source', 'denied', { inline: [allow('iam:GetUser'), deny('iam:GetUser')] }), extra: (await t.user('source', 'other')).name }),
    act: (t, s) => t.iam(s.who).send(new GetUserCommand({ UserName: s.extra })),
    expect: (t, s) => ({
      code: 'AccessDenied',
      message: `User: ${s.who.arn} is not authorized to perform: iam:GetUser on resource: arn:aws:iam::${t.id('source')}:user/${s.extra} with an explicit deny in an identity-based policy`,
    }),
  },
  {
    name: 'STS AssumeRole, refused by the trust policy: no reason clause',
    cite: 'shared/reference/aws-wire.md §6 (STS AssumeRole, observed)',
    arrange: async (t) => {
      const who = await t.user('source', 'assumer');
      return { who, extra: (await t.role('target', 'closed', [trustStatement('Allow', 'arn:aws:iam::333333333333:root')])).arn };
    },
    act: (t, s) => t.sts(s.who).send(new AssumeRoleCommand({ RoleArn: s.extra, RoleSessionName: 'msg' })),
    expect: (_t, s) => ({ code: 'AccessDenied', message: `User: ${s.who.arn} is not authorized to perform: sts:AssumeRole on resource: ${s.extra}` }),
  },
  {
    name: 'STS AssumeRole with the account root user\'s key',
    cite: 'IAM UG: Switch to an IAM role (AWS API): the root user cannot assume roles',
    arrange: async (t) => {
      const { accessKeyId, secretAccessKey, arn } = t.account('source').root;
      return { who: { arn, creds: { accessKeyId, secretAccessKey } }, extra: (await t.role('source', 'for-root', [trustStatement('Allow', arn)])).arn };
    },
    act: (t, s) => t.sts(s.who).send(new AssumeRoleCommand({ RoleArn: s.extra, RoleSessionName: 'root' })),
    expect: () => ({ code: 'AccessDenied', message: 'Roles may not be assumed by root accounts.' }),
  },
  {
    name: 'S3 same account, action without resource: no "on resource" clause',
    cite: 'Amazon S3 UG: Troubleshoot Access Denied (403 Forbidden) errors',
    arrange: async (t) => ({ who: await t.user('source', 's3-plain') }),
    act: (t, s) => t.s3(s.who).send(new ListBucketsCommand({})),
    expect: (_t, s) => ({ code: 'AccessDenied', message: `User: ${s.who.arn} is not authorized to perform: s3:ListAllMyBuckets because no identity-based policy allows the s3:ListAllMyBuckets action` }),
  },
  {
    name: 'EC2 Describe*, implicit deny: UnauthorizedOperation, no resource, no encoded message',
    cite: EC2_AUTH,
    arrange: async (t) => ({ who: await t.user('source', 'ec2-plain') }),
    act: (t, s) => t.ec2(s.who).send(new DescribeInstancesCommand({})),
    expect: (_t, s) => ({
      code: 'UnauthorizedOperation',
      message: `You are not authorized to perform this operation. User: ${s.who.arn} is not authorized to perform: ec2:DescribeInstances because no identity-based policy allows the ec2:DescribeInstances action`,
    }),
  },
  {
    name: 'EC2 mutating action capped by a boundary: names the boundary, appends the encoded message',
    cite: EC2_AUTH,
    arrange: async (t) => {
      const boundary = await t.managedPolicy('source', 'ec2-boundary', [allow('ec2:Describe*')]);
      return { who: await t.user('source', 'ec2-capped', { managed: ['arn:aws:iam::aws:policy/AmazonEC2FullAccess'], boundary }) };
    },
    act: (t, s) => t.ec2(s.who).send(new RunInstancesCommand({ ImageId: 'ami-0123456789abcdef0', MinCount: 1, MaxCount: 1 })),
    expect: (t, s) => ({
      code: 'UnauthorizedOperation',
      message: new RegExp(
        `^You are not authorized to perform this operation\\. User: ${s.who.arn.replace(/[/.]/g, '\\$&')} is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:${t.mock.region}:${t.id('source')}:instance/\\* because no permissions boundary allows the ec2:RunInstances action\\. Encoded authorization failure message: [A-Za-z0-9_-]+$`,
      ),
    }),
  },
];

describe('AccessDenied message forms, through the mock', () => {
  runScenarios(fixture, rows);

  it(`the encoded EC2 message decodes with sts:DecodeAuthorizationMessage to the refused request [STS API: DecodeAuthorizationMessage]`, async () => {
    const t: TrustFixture = fixture();
    const user = await t.user('source', 'ec2-decode', { inline: [allow('ec2:Describe*')] });
    let message = '';
    try {
      await t.ec2(user).send(new RunInstancesCommand({ ImageId: 'ami-0123456789abcdef0', MinCount: 1, MaxCount: 1 }));
    } catch (e) {
      message = (e as Error).message;
    }
    const encoded = /Encoded authorization failure message: (\S+)$/.exec(message)?.[1];
    assert.ok(encoded, `an encoded message in: ${message}`);
    const out = await outcome(t.sts(t.admin('source')).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded })), { ok: true });
    const decoded = JSON.parse(out!.DecodedMessage!) as { allowed: boolean; explicitDeny: boolean; context: { principal: { arn: string }; action: string } };
    assert.equal(decoded.allowed, false);
    assert.equal(decoded.explicitDeny, false);
    assert.equal(decoded.context.action, 'ec2:RunInstances');
    assert.equal(decoded.context.principal.arn, user.arn);
  });
});
