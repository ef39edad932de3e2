// Shared helpers of the mock's tests: a mock per suite, SDK clients for its identities, and
// assertions on AWS errors as the SDK surfaces them.
import assert from 'node:assert/strict';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { STSClient } from '@aws-sdk/client-sts';
import { startMock, type MockAccount, type MockOptions, type RunningMock } from '../../src/mock/index.js';

export interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export const adminCreds = (a: MockAccount): Creds => ({
  accessKeyId: a.admin.accessKeyId,
  secretAccessKey: a.admin.secretAccessKey,
});

/** Client options for the mock; one attempt so that errors surface as they are sent. */
export function clientConfig(mock: RunningMock, credentials: Creds, extra: Record<string, unknown> = {}) {
  return { endpoint: mock.endpoint, region: mock.region, credentials, maxAttempts: 1, ...extra };
}

export const iamClient = (mock: RunningMock, c: Creds, extra?: Record<string, unknown>) => new IAMClient(clientConfig(mock, c, extra));
export const stsClient = (mock: RunningMock, c: Creds, extra?: Record<string, unknown>) => new STSClient(clientConfig(mock, c, extra));

export async function withMock(opts: MockOptions = {}): Promise<RunningMock> {
  return startMock({ accounts: ['source', 'target'], ...opts });
}

/** Creates an IAM user with an access key; returns the key as credentials. */
export async function userWithKey(iam: IAMClient, name: string): Promise<Creds> {
  await iam.send(new CreateUserCommand({ UserName: name }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

interface SdkError {
  name: string;
  message: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/** Awaits a rejection with AWS wire error `code` (and status / message when given). The SDK
 * names modeled errors after their shape (`NoSuchEntity` -> `NoSuchEntityException`). */
export async function rejectsWith(
  p: Promise<unknown>,
  code: string,
  expect: { status?: number; message?: string | RegExp } = {},
): Promise<SdkError> {
  let err: SdkError | undefined;
  try {
    await p;
  } catch (e) {
    err = e as SdkError;
  }
  assert.ok(err, `expected ${code}, but the call succeeded`);
  assert.ok(err.name === code || err.name === `${code}Exception`, `expected ${code}, got ${err.name}: ${err.message}`);
  if (expect.status !== undefined) assert.equal(err.$metadata?.httpStatusCode, expect.status);
  if (typeof expect.message === 'string') assert.equal(err.message, expect.message);
  else if (expect.message) assert.match(err.message, expect.message);
  return err;
}

export const policyDoc = (statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });

export const trustDoc = (principal: object, extra: object = {}): string =>
  policyDoc([{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }]);

/** mulberry32: a small deterministic generator, so that a fuzz or random-document failure
 * reproduces from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Bytes = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Bytes): string | Uint8Array =>
  typeof d === 'string' ? d : ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength) : new Uint8Array(d);

/** A node:crypto SHA-256 (HMAC-SHA256 with a secret) in the shape @smithy/signature-v4 wants,
 * for tests that sign requests by hand. */
export class Sha256 {
  private h: Hash | Hmac;
  constructor(private readonly secret?: Bytes) {
    this.h = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(this.secret));
  }
  update(data: Bytes): void {
    this.h.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
  reset(): void {
    this.h = this.fresh();
  }
}
