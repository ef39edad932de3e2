// Shared set-up of the trust-policy end-to-end suites: one mock per test file, real AWS SDK v3
// clients over HTTP for every identity, unique entity names per case, and an assertion on an
// outcome (success, or an AWS error code with AWS's message text).
import assert from 'node:assert/strict';
import { EC2Client } from '@aws-sdk/client-ec2';
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  AttachRolePolicyCommand,
} from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, type AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import { startMock, type MockAccount, type RunningMock } from '../../src/mock/index.js';

export interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** An identity a test acts as: its credentials and the ARN AWS shows for it in messages. */
export interface Actor {
  creds: Creds;
  arn: string;
}

export type AccountName = 'source' | 'target';

// --- policy documents -------------------------------------------------------------------

export type Statement = Record<string, unknown>;

export const doc = (...statements: Statement[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });

export const allow = (action: string | string[], resource: string | string[] = '*', extra: Statement = {}): Statement => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...extra,
});

export const deny = (action: string | string[], resource: string | string[] = '*', extra: Statement = {}): Statement => ({
  Effect: 'Deny',
  Action: action,
  Resource: resource,
  ...extra,
});

/** A trust-policy statement: `principal` is the `Principal.AWS` value. */
export const trustStatement = (effect: 'Allow' | 'Deny', principal: string | string[], extra: Statement = {}): Statement => ({
  Effect: effect,
  Principal: { AWS: principal },
  Action: 'sts:AssumeRole',
  ...extra,
});

// --- outcomes ---------------------------------------------------------------------------

export type Expect = { ok: true } | { code: string; status?: number; message: string | RegExp };

interface SdkError {
  name: string;
  message: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

/** Awaits `p` and checks it against `expect`; returns the value on success. The SDK names
 * modeled errors after their shape (`NoSuchEntity` -> `NoSuchEntityException`), so both are
 * accepted as the wire code. */
export async function outcome<T>(p: Promise<T>, expect: Expect): Promise<T | undefined> {
  let value: T | undefined;
  let err: SdkError | undefined;
  try {
    value = await p;
  } catch (e) {
    err = e as SdkError;
  }
  if ('ok' in expect) {
    assert.equal(err, undefined, `expected success, got ${err?.name}: ${err?.message}`);
    return value;
  }
  assert.ok(err, `expected ${expect.code}, but the call succeeded`);
  const code = err.Code ?? err.name;
  assert.ok(code === expect.code || code === `${expect.code}Exception`, `expected ${expect.code}, got ${code}: ${err.message}`);
  assert.equal(err.$metadata?.httpStatusCode, expect.status ?? 403, `HTTP status of ${code}`);
  if (typeof expect.message === 'string') assert.equal(err.message, expect.message);
  else assert.match(err.message, expect.message);
  return undefined;
}

/** STS's AccessDenied for AssumeRole: no "because ..." suffix (shared/reference/aws-wire.md §6). */
export const assumeDenied = (caller: string, roleArn: string): Expect => ({
  code: 'AccessDenied',
  message: `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
});

// --- the mock and its identities ----------------------------------------------------------

export class TrustFixture {
  private counter = 0;

  private constructor(readonly mock: RunningMock) {}

  static async start(): Promise<TrustFixture> {
    return new TrustFixture(await startMock({ accounts: ['source', 'target'] }));
  }

  close(): Promise<void> {
    return this.mock.close();
  }

  account(name: AccountName): MockAccount {
    const a = this.mock.accounts.find((x) => x.name === name);
    assert.ok(a, `mock account ${name}`);
    return a;
  }

  id(name: AccountName): string {
    return this.account(name).id;
  }

  admin(name: AccountName): Actor {
    const { accessKeyId, secretAccessKey, arn } = this.account(name).admin;
    return { creds: { accessKeyId, secretAccessKey }, arn };
  }

  /** A name no other case of this file uses, so cases never see each other's entities. */
  unique(base: string): string {
    return `${base}-${++this.counter}`;
  }

  private config(who: Actor | Creds) {
    const credentials = 'creds' in who ? who.creds : who;
    // One attempt: a denial must surface as sent, not be retried.
    return { endpoint: this.mock.endpoint, region: this.mock.region, credentials, maxAttempts: 1 };
  }

  iam(who: Actor | Creds): IAMClient {
    return new IAMClient(this.config(who));
  }

  sts(who: Actor | Creds): STSClient {
    return new STSClient(this.config(who));
  }

  s3(who: Actor | Creds): S3Client {
    return new S3Client({ ...this.config(who), forcePathStyle: true });
  }

  ec2(who: Actor | Creds): EC2Client {
    return new EC2Client(this.config(who));
  }

  /** An IAM user with an access key, created by the account's admin. */
  async user(
    account: AccountName,
    base: string,
    opts: { inline?: Statement[]; managed?: string[]; boundary?: string } = {},
  ): Promise<Actor & { name: string }> {
    const iam = this.iam(this.admin(account));
    const name = this.unique(base);
    const { User } = await iam.send(new CreateUserCommand({ UserName: name }));
    if (opts.inline?.length) await this.putUserPolicy(account, name, 'inline', opts.inline);
    for (const arn of opts.managed ?? []) await iam.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: arn }));
    if (opts.boundary) await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: name, PermissionsBoundary: opts.boundary }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
    return { name, arn: User!.Arn!, creds: { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! } };
  }

  async putUserPolicy(account: AccountName, user: string, policyName: string, statements: Statement[]): Promise<void> {
    await this.iam(this.admin(account)).send(new PutUserPolicyCommand({ UserName: user, PolicyName: policyName, PolicyDocument: doc(...statements) }));
  }

  /** A role whose trust policy holds `trust`; optional permissions policies. */
  async role(
    account: AccountName,
    base: string,
    trust: Statement[],
    opts: { inline?: Statement[]; managed?: string[]; maxSessionDuration?: number } = {},
  ): Promise<{ name: string; arn: string }> {
    const iam = this.iam(this.admin(account));
    const name = this.unique(base);
    const { Role } = await iam.send(
      new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: doc(...trust), MaxSessionDuration: opts.maxSessionDuration }),
    );
    if (opts.inline?.length) await iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'inline', PolicyDocument: doc(...opts.inline) }));
    for (const arn of opts.managed ?? []) await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: arn }));
    return { name, arn: Role!.Arn! };
  }

  /** A customer managed policy; returns its ARN. */
  async managedPolicy(account: AccountName, base: string, statements: Statement[]): Promise<string> {
    const { Policy } = await this.iam(this.admin(account)).send(
      new CreatePolicyCommand({ PolicyName: this.unique(base), PolicyDocument: doc(...statements) }),
    );
    return Policy!.Arn!;
  }

  /** sts:AssumeRole as `who`; the session as an Actor, its ARN checked with GetCallerIdentity. */
  async assume(who: Actor, roleArn: string, input: Partial<AssumeRoleCommandInput> = {}): Promise<Actor> {
    const sessionName = input.RoleSessionName ?? 'trust-e2e';
    const out = await this.sts(who).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: sessionName, ...input }));
    const c = out.Credentials!;
    const session: Actor = {
      arn: out.AssumedRoleUser!.Arn!,
      creds: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! },
    };
    const me = await this.sts(session).send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, session.arn, 'the session credentials act as the assumed role');
    return session;
  }
}

/** arn:aws:sts::ACCT:assumed-role/ROLE/SESSION, the ARN AWS shows for a role session. */
export const sessionArn = (accountId: string, roleName: string, session: string): string =>
  `arn:aws:sts::${accountId}:assumed-role/${roleName}/${session}`;
