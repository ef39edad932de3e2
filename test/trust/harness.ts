// Shared set-up of the trust-policy end-to-end suites: one mock per test file, real AWS SDK v3
// clients over HTTP for every identity, unique entity names per case, and table rows that make
// one call and check its outcome (outcome.ts).
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { EC2Client } from '@aws-sdk/client-ec2';
import {
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, type AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import { startMock, type MockAccount, type RunningMock } from '../../src/mock/index.js';
import { outcome, type Expect } from './outcome.js';

export * from './outcome.js';

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

// --- the mock and its identities ----------------------------------------------------------

export class TrustFixture {
  private counter = 0;

  private constructor(readonly mock: RunningMock) {}

  static async start(): Promise<TrustFixture> {
    return new TrustFixture(await startMock({ accounts: ['source', 'target'] }));
  }

  close(): Promise<void> {
    for (const c of this.clients.values()) (c as { destroy(): void }).destroy();
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

  /** Clients by service and access key: one per identity is enough, and cheaper than one per call. */
  private readonly clients = new Map<string, unknown>();

  private client<C>(service: string, who: Actor | Creds, make: (config: object) => C): C {
    const credentials = 'creds' in who ? who.creds : who;
    const key = `${service}:${credentials.accessKeyId}`;
    let c = this.clients.get(key) as C | undefined;
    if (!c) {
      // One attempt: a denial must surface as sent, not be retried.
      c = make({ endpoint: this.mock.endpoint, region: this.mock.region, credentials, maxAttempts: 1 });
      this.clients.set(key, c);
    }
    return c;
  }

  iam(who: Actor | Creds): IAMClient {
    return this.client('iam', who, (c) => new IAMClient(c));
  }

  sts(who: Actor | Creds): STSClient {
    return this.client('sts', who, (c) => new STSClient(c));
  }

  s3(who: Actor | Creds): S3Client {
    return this.client('s3', who, (c) => new S3Client({ ...c, forcePathStyle: true }));
  }

  ec2(who: Actor | Creds): EC2Client {
    return this.client('ec2', who, (c) => new EC2Client(c));
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

/** Starts one mock for the file (top-level before/after) and returns its accessor. */
export function useFixture(): () => TrustFixture {
  let t: TrustFixture | undefined;
  before(async () => {
    t = await TrustFixture.start();
  });
  after(() => t?.close());
  return () => {
    assert.ok(t, 'the mock is started in before()');
    return t;
  };
}

/** One table row: set up entities, make one call, check its outcome. */
export interface Scenario<S> {
  name: string;
  /** The AWS documentation section the row encodes. */
  cite: string;
  arrange: (t: TrustFixture) => Promise<S>;
  act: (t: TrustFixture, s: S) => Promise<unknown>;
  expect: (t: TrustFixture, s: S) => Expect;
}

export function runScenarios<S>(fixture: () => TrustFixture, rows: Scenario<S>[]): void {
  for (const row of rows) {
    it(`${row.name} [${row.cite}]`, async () => {
      const t = fixture();
      const s = await row.arrange(t);
      await outcome(row.act(t, s), row.expect(t, s));
    });
  }
}
