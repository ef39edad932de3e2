// Bucket policies across accounts, through the mock: a bucket of "target" read by principals of
// "source". Across accounts both the bucket policy and the caller's identity policy must allow,
// an explicit deny on either side wins, and S3 answers other accounts with a bare "Access
// Denied"; same-account callers get the IAM form with the resource in double quotes.
import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, PutBucketPolicyCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { allow, deny, runScenarios, trustStatement, useFixture, type Actor, type Expect, type Scenario, type Statement, type TrustFixture } from './harness.js';

const CROSS = 'IAM UG: Cross-account policy evaluation logic';
const S3_XACCT = 'Amazon S3 UG: Example 2: Bucket owner granting cross-account bucket permissions';
const SAME = 'IAM UG: Policy evaluation logic > Identity-based policies with resource-based policies';
const S3_403 = 'Amazon S3 UG: Troubleshoot Access Denied (403 Forbidden) errors';
const GET = 's3:GetObject';
const KEY = 'data/report.txt';
const BODY = 'quarterly figures';

const fixture = useFixture();
const bareDenied: Expect = { code: 'AccessDenied', message: 'Access Denied' };

interface State {
  bucket: string;
  reader: Actor;
}

/** Statement of a bucket policy for `principal` on every object of `bucket`. */
const onObjects = (effect: 'Allow' | 'Deny', principal: string, bucket: string): Statement => ({
  Effect: effect,
  Principal: { AWS: principal },
  Action: GET,
  Resource: `arn:aws:s3:::${bucket}/*`,
});

/** A bucket in `owner` with one object and the bucket policy `policy(reader ARN, bucket)`. */
async function bucketFor(
  t: TrustFixture,
  owner: 'source' | 'target',
  reader: Actor,
  policy?: (readerArn: string, bucket: string) => Statement[],
): Promise<State> {
  const s3 = t.s3(t.admin(owner));
  const bucket = t.unique('trust-e2e-bucket');
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: KEY, Body: BODY }));
  if (policy) {
    await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify({ Version: '2012-10-17', Statement: policy(reader.arn, bucket) }) }));
  }
  return { bucket, reader };
}

/** A user of "source", with `identity` as its inline policy (given the bucket name). */
function sourceReader(identity: ((bucket: string) => Statement[]) | undefined, policy?: (readerArn: string, bucket: string) => Statement[]) {
  return async (t: TrustFixture): Promise<State> => {
    const user = await t.user('source', 'reader');
    const state = await bucketFor(t, 'target', user, policy);
    if (identity) await t.putUserPolicy('source', user.name, 'read', identity(state.bucket));
    return state;
  };
}

const read = async (t: TrustFixture, s: State) => {
  const out = await t.s3(s.reader).send(new GetObjectCommand({ Bucket: s.bucket, Key: KEY }));
  assert.equal(await out.Body!.transformToString(), BODY);
  return out;
};

const readObjects = (bucket: string) => [allow(GET, `arn:aws:s3:::${bucket}/*`)];
const sourceRoot = (t: TrustFixture) => `arn:aws:iam::${t.id('source')}:root`;

describe('bucket policies across accounts, through the mock', () => {
  const rows: Scenario<State>[] = [
    { name: 'bucket policy grants the account, identity allows: reads', cite: S3_XACCT, arrange: (t) => sourceReader(readObjects, (_u, b) => [onObjects('Allow', sourceRoot(t), b)])(t), act: read, expect: () => ({ ok: true }) },
    { name: 'bucket policy grants the account, no identity policy: Access Denied', cite: CROSS, arrange: (t) => sourceReader(undefined, (_u, b) => [onObjects('Allow', sourceRoot(t), b)])(t), act: read, expect: () => bareDenied },
    { name: 'bucket policy grants the user ARN, no identity policy: Access Denied (cross account needs both)', cite: CROSS, arrange: sourceReader(undefined, (u, b) => [onObjects('Allow', u, b)]), act: read, expect: () => bareDenied },
    { name: 'bucket policy grants the user ARN, identity allows: reads', cite: CROSS, arrange: sourceReader(readObjects, (u, b) => [onObjects('Allow', u, b)]), act: read, expect: () => ({ ok: true }) },
    { name: 'no bucket policy, identity allows s3:*: Access Denied', cite: CROSS, arrange: sourceReader(() => [allow('s3:*')]), act: read, expect: () => bareDenied },
    { name: 'bucket policy grants the account and denies the user: Access Denied', cite: S3_XACCT, arrange: (t) => sourceReader(readObjects, (u, b) => [onObjects('Allow', sourceRoot(t), b), onObjects('Deny', u, b)])(t), act: read, expect: () => bareDenied },
    { name: 'bucket policy grants, the caller\'s identity policy denies: Access Denied', cite: CROSS, arrange: (t) => sourceReader((b) => [...readObjects(b), deny('s3:*')], (_u, b) => [onObjects('Allow', sourceRoot(t), b)])(t), act: read, expect: () => bareDenied },
    {
      name: 'bucket policy grants the role of a session, the role allows: the session reads',
      cite: CROSS,
      arrange: async (t) => {
        const user = await t.user('source', 'role-user');
        const bucket = t.unique('trust-e2e-bucket');
        const role = await t.role('source', 'reader-role', [trustStatement('Allow', user.arn)], { inline: readObjects(bucket) });
        const session = await t.assume(user, role.arn);
        const s3 = t.s3(t.admin('target'));
        await s3.send(new CreateBucketCommand({ Bucket: bucket }));
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key: KEY, Body: BODY }));
        await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [onObjects('Allow', role.arn, bucket)] }) }));
        return { bucket, reader: session };
      },
      act: read,
      expect: () => ({ ok: true }),
    },
    {
      name: 'no bucket policy: a source user assumes a target role that may read, and reads',
      cite: 'IAM UG: IAM tutorial: Delegate access across AWS accounts using IAM roles',
      arrange: async (t) => {
        const user = await t.user('source', 'delegated');
        const state = await bucketFor(t, 'target', user);
        const role = await t.role('target', 'target-reader', [trustStatement('Allow', sourceRoot(t))], { inline: readObjects(state.bucket) });
        await t.putUserPolicy('source', user.name, 'assume', [allow('sts:AssumeRole', role.arn)]);
        return { ...state, reader: await t.assume(user, role.arn) };
      },
      act: read,
      expect: () => ({ ok: true }),
    },
  ];
  runScenarios(fixture, rows);
});

describe('bucket policies in the same account, through the mock', () => {
  /** A user of "target" reading a bucket of "target". */
  const localReader = (identity: Statement[] | undefined, policy: (u: string, b: string) => Statement[]) => async (t: TrustFixture) => {
    const user = await t.user('target', 'local-reader', { inline: identity });
    return bucketFor(t, 'target', user, policy);
  };
  const objectArn = (s: State) => `arn:aws:s3:::${s.bucket}/${KEY}`;
  const rows: Scenario<State>[] = [
    { name: 'bucket policy grants the user ARN, no identity policy: reads (either side suffices)', cite: SAME, arrange: localReader(undefined, (u, b) => [onObjects('Allow', u, b)]), act: read, expect: () => ({ ok: true }) },
    {
      name: 'bucket policy denies the user, identity allows: explicit deny in a resource-based policy, resource in quotes',
      cite: S3_403,
      arrange: (t) => localReader([allow('s3:*')], (u, b) => [onObjects('Deny', u, b)])(t),
      act: read,
      expect: (_t, s) => ({ code: 'AccessDenied', message: `User: ${s.reader.arn} is not authorized to perform: ${GET} on resource: "${objectArn(s)}" with an explicit deny in a resource-based policy` }),
    },
    {
      name: 'no grant on either side: no identity-based policy allows, resource in quotes',
      cite: S3_403,
      arrange: async (t) => {
        // S3 resolves the users a policy names when it is saved: the other user must exist.
        const other = await t.user('target', 'someone-else');
        return localReader(undefined, (_u, b) => [onObjects('Allow', other.arn, b)])(t);
      },
      act: read,
      expect: (_t, s) => ({ code: 'AccessDenied', message: `User: ${s.reader.arn} is not authorized to perform: ${GET} on resource: "${objectArn(s)}" because no identity-based policy allows the ${GET} action` }),
    },
  ];
  runScenarios(fixture, rows);
});
