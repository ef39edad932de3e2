// Outcomes of calls through the SDK: success, or an AWS error code with AWS's message text, and
// the message forms AWS uses for denials.
import assert from 'node:assert/strict';

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

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** IAM's AccessDenied for a list action, whose resource AWS shows as the account's path prefix
 * (iam:ListUsers: `arn:aws:iam::ACCT:user/`). The resource clause is optional here:
 * test/trust/messages.test.ts pins it, so that one fidelity gap fails one test rather than every
 * test that lists. */
export function listDenied(caller: string, action: string, resource: string, reason: string): Expect {
  return {
    code: 'AccessDenied',
    message: new RegExp(`^User: ${escapeRe(caller)} is not authorized to perform: ${escapeRe(action)}( on resource: ${escapeRe(resource)})? ${escapeRe(reason)}$`),
  };
}

/** AccessDenied with AWS's message for an action without a resource (S3 ListAllMyBuckets). */
export function denied(caller: string, action: string, reason: string): Expect {
  return { code: 'AccessDenied', message: `User: ${caller} is not authorized to perform: ${action} ${reason}` };
}

export const because = (type: 'identity-based policy' | 'permissions boundary' | 'session policy' | 'resource-based policy', action: string) =>
  `because no ${type} allows the ${action} action`;
export const explicitDenyIn = (type: 'an identity-based policy' | 'a permissions boundary' | 'a session policy' | 'a resource-based policy') =>
  `with an explicit deny in ${type}`;
