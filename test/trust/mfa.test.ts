// aws:MultiFactorAuthPresent through the mock. The key is absent from requests signed with a
// user's long-term access key, false in sessions obtained without MFA, true with MFA. So an
// Allow with `Bool true` refuses a plain key, a Deny with `Bool false` does NOT stop a plain key
// (the documented trap), and the documented idiom to deny it is `BoolIfExists false` (or `Null`).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateVirtualMFADeviceCommand, EnableMFADeviceCommand } from '@aws-sdk/client-iam';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { allow, assumeDenied, deny, outcome, trustStatement, TrustFixture, type Actor, type Statement } from './harness.js';
import { currentStep, totpAt } from './totp.js';

const MFA_KEY = 'IAM UG: AWS global condition context keys > aws:MultiFactorAuthPresent';
const IF_EXISTS = 'IAM UG: IAM JSON policy elements: Condition operators > ...IfExists condition operators';
const NULL_OP = 'IAM UG: IAM JSON policy elements: Condition operators > Condition operator to check existence of condition keys';
const MFA_API = 'IAM UG: Secure API access with MFA';

/** STS's words for a serial number that names no device of the caller (observed in AWS CLI
 * output; two spaces after the first sentence). */
const UNKNOWN_DEVICE = 'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.';

type Credential = 'access key' | 'session without MFA';

const mfa = (operator: string, value: 'true' | 'false') => ({ Condition: { [operator]: { 'aws:MultiFactorAuthPresent': value } } });

interface MfaCase {
  name: string;
  cite: string;
  credential: Credential;
  /** Trust statements of the role the caller assumes (given the caller's ARN) ... */
  trust?: (caller: string) => Statement[];
  /** ... or the caller's identity policy, tried with s3:ListAllMyBuckets. */
  identity?: Statement[];
  allowed: boolean;
  /** The denial's message for identity cases (AssumeRole's form is fixed). */
  message?: (caller: string) => string;
}

const LIST = 's3:ListAllMyBuckets';
const noAllow = (caller: string) => `User: ${caller} is not authorized to perform: ${LIST} because no identity-based policy allows the ${LIST} action`;
const explicitDeny = (caller: string) => `User: ${caller} is not authorized to perform: ${LIST} with an explicit deny in an identity-based policy`;

const cases: MfaCase[] = [
  // In the trust policy.
  { name: 'trust allows with Bool true; plain access key: denied (key absent)', cite: MFA_KEY, credential: 'access key', trust: (u) => [trustStatement('Allow', u, mfa('Bool', 'true'))], allowed: false },
  { name: 'trust allows with Bool true; session without MFA: denied (key false)', cite: MFA_KEY, credential: 'session without MFA', trust: (u) => [trustStatement('Allow', u, mfa('Bool', 'true'))], allowed: false },
  { name: 'trust denies with BoolIfExists false; plain access key: denied (the idiom)', cite: IF_EXISTS, credential: 'access key', trust: (u) => [trustStatement('Allow', u), trustStatement('Deny', u, mfa('BoolIfExists', 'false'))], allowed: false },
  { name: 'trust denies with Bool false; plain access key: allowed (the trap: key absent, no match)', cite: MFA_KEY, credential: 'access key', trust: (u) => [trustStatement('Allow', u), trustStatement('Deny', u, mfa('Bool', 'false'))], allowed: true },
  { name: 'trust denies with Bool false; session without MFA: denied', cite: MFA_KEY, credential: 'session without MFA', trust: (u) => [trustStatement('Allow', u), trustStatement('Deny', u, mfa('Bool', 'false'))], allowed: false },
  { name: 'trust allows with BoolIfExists true; plain access key: allowed (IfExists passes an absent key)', cite: IF_EXISTS, credential: 'access key', trust: (u) => [trustStatement('Allow', u, mfa('BoolIfExists', 'true'))], allowed: true },
  // In the caller's identity policy.
  { name: 'identity allows with Bool true; plain access key: denied, no policy allows', cite: MFA_KEY, credential: 'access key', identity: [allow(LIST, '*', mfa('Bool', 'true'))], allowed: false, message: noAllow },
  { name: 'identity denies with BoolIfExists false; plain access key: explicit deny', cite: IF_EXISTS, credential: 'access key', identity: [allow(LIST), deny('*', '*', mfa('BoolIfExists', 'false'))], allowed: false, message: explicitDeny },
  { name: 'identity denies with Bool false; plain access key: allowed (the trap)', cite: MFA_KEY, credential: 'access key', identity: [allow(LIST), deny('*', '*', mfa('Bool', 'false'))], allowed: true },
  { name: 'identity denies with Bool false; session without MFA: explicit deny', cite: MFA_KEY, credential: 'session without MFA', identity: [allow(LIST), deny('*', '*', mfa('Bool', 'false'))], allowed: false, message: explicitDeny },
  { name: 'identity denies with Null true; plain access key: explicit deny', cite: NULL_OP, credential: 'access key', identity: [allow(LIST), deny('*', '*', mfa('Null', 'true'))], allowed: false, message: explicitDeny },
  { name: 'identity denies with Null true; session without MFA: allowed (key present)', cite: NULL_OP, credential: 'session without MFA', identity: [allow(LIST), deny('*', '*', mfa('Null', 'true'))], allowed: true },
];

describe('aws:MultiFactorAuthPresent, through the mock', () => {
  let t: TrustFixture;
  before(async () => {
    t = await TrustFixture.start();
  });
  after(() => t.close());

  /** The caller's credentials of the given kind; the ARN is the user's either way. */
  async function credentialOf(user: Actor, kind: Credential): Promise<Actor> {
    if (kind === 'access key') return user;
    const { Credentials: c } = await t.sts(user).send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    return { arn: user.arn, creds: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! } };
  }

  for (const c of cases) {
    it(`${c.name} [${c.cite}]`, async () => {
      const user = await t.user('source', 'mfa-user', { inline: c.identity });
      const caller = await credentialOf(user, c.credential);
      if (c.trust) {
        const role = await t.role('source', 'mfa-role', c.trust(user.arn));
        const call = t.sts(caller).send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: 'mfa-case' }));
        await outcome(call, c.allowed ? { ok: true } : assumeDenied(user.arn, role.arn));
      } else {
        const call = t.s3(caller).send(new ListBucketsCommand({}));
        await outcome(call, c.allowed ? { ok: true } : { code: 'AccessDenied', message: c.message!(user.arn) });
      }
    });
  }

  it('the TOTP helper matches RFC 6238 (SHA1 vector at T=59, 6 digits) [RFC 6238 Appendix B]', () => {
    assert.equal(totpAt('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1), '287082');
  });

  it(`a SerialNumber naming no MFA device does not make MFA present: AssumeRole is refused [${MFA_API}]`, async () => {
    const user = await t.user('source', 'mfa-fake');
    const role = await t.role('source', 'mfa-role', [trustStatement('Allow', user.arn, mfa('Bool', 'true'))]);
    const serial = `arn:aws:iam::${t.id('source')}:mfa/${user.name}`;
    await outcome(t.sts(user).send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: 'fake', SerialNumber: serial, TokenCode: '123456' })), {
      code: 'AccessDenied',
      message: UNKNOWN_DEVICE,
    });
  });

  it(`a SerialNumber naming no MFA device is refused by GetSessionToken too [${MFA_API}]`, async () => {
    const user = await t.user('source', 'mfa-fake-gst');
    const serial = `arn:aws:iam::${t.id('source')}:mfa/${user.name}`;
    await outcome(t.sts(user).send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: '123456' })), {
      code: 'AccessDenied',
      message: UNKNOWN_DEVICE,
    });
  });

  describe('with a virtual MFA device', () => {
    /** A user with an enabled virtual MFA device; returns its serial and the seed for codes. */
    async function userWithDevice(): Promise<{ user: Actor & { name: string }; serial: string; seed: string }> {
      const user = await t.user('source', 'mfa-device');
      const iam = t.iam(t.admin('source'));
      const { VirtualMFADevice: d } = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: user.name }));
      const seed = Buffer.from(d!.Base32StringSeed!).toString('ascii');
      const step = currentStep();
      await iam.send(
        new EnableMFADeviceCommand({ UserName: user.name, SerialNumber: d!.SerialNumber!, AuthenticationCode1: totpAt(seed, step - 1), AuthenticationCode2: totpAt(seed, step) }),
      );
      return { user, serial: d!.SerialNumber!, seed };
    }

    it(`AssumeRole with the device's current code satisfies Bool true [${MFA_API}]`, async () => {
      const { user, serial, seed } = await userWithDevice();
      const role = await t.role('source', 'mfa-role', [trustStatement('Allow', user.arn, mfa('Bool', 'true'))]);
      await t.assume(user, role.arn, { SerialNumber: serial, TokenCode: totpAt(seed, currentStep() + 1) });
    });

    it(`AssumeRole with a wrong code is refused [${MFA_API}]`, async () => {
      const { user, serial, seed } = await userWithDevice();
      const role = await t.role('source', 'mfa-role', [trustStatement('Allow', user.arn, mfa('Bool', 'true'))]);
      const wrong = String((Number(totpAt(seed, currentStep())) + 1) % 1_000_000).padStart(6, '0');
      await outcome(t.sts(user).send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: 'wrong', SerialNumber: serial, TokenCode: wrong })), {
        code: 'AccessDenied',
        message: /^MultiFactorAuthentication failed with invalid MFA one time pass code\.\s*$/,
      });
    });

    it(`a GetSessionToken session with MFA passes a Deny on BoolIfExists false [${IF_EXISTS}]`, async () => {
      const { user, serial, seed } = await userWithDevice();
      await t.putUserPolicy('source', user.name, 'require-mfa', [allow(LIST), deny('*', '*', mfa('BoolIfExists', 'false'))]);
      const { Credentials: c } = await t.sts(user).send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: totpAt(seed, currentStep() + 1) }));
      const session = { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! };
      await outcome(t.s3(session).send(new ListBucketsCommand({})), { ok: true });
      await outcome(t.s3(user).send(new ListBucketsCommand({})), { code: 'AccessDenied', message: explicitDeny(user.arn) });
    });
  });
});
