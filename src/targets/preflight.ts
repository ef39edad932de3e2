// Preflight on real AWS: for each set of operator credentials, who are they? One
// sts:GetCallerIdentity gives the account id and caller ARN (it needs no permission), and
// iam:ListAccountAliases the account's alias where the operator may read it. Root
// credentials are refused here, before anything is changed.
import { callAws, type Target } from '../aws/index.js';
import { CredentialError, CredentialSource, describeSource, type CredentialOptions } from './aws-credentials.js';
import { TargetRefusal } from './safety.js';

export interface OperatorIdentity {
  profile?: string;
  source: CredentialSource;
  accountId: string;
  arn: string;
  alias?: string;
}

export interface PreflightOptions {
  target: Target;
  /** SDK attempts per call (throttling). */
  maxAttempts?: number;
  mfaCode?: CredentialOptions['mfaCode'];
}

/** `arn:aws:iam::123456789012:root` (any partition): the account's root user. */
export function isRootArn(arn: string): boolean {
  return /^arn:[a-z-]+:iam::\d{12}:root$/.test(arn);
}

export function rootRefusal(arn: string, profile: string | undefined): TargetRefusal {
  return new TargetRefusal(
    [
      `${describeSource(profile)} signs in as the root user of account ${arn.split(':')[4]} (${arn}); lab does not use root credentials.`,
      `The root user cannot assume IAM roles, which the labs do, and root access keys should not exist at all: anyone holding`,
      `them controls the account and its billing. Use an IAM user or, better, an IAM Identity Center (SSO) or role profile`,
      `with the operator policy of docs/sandbox-accounts.md in the sandbox account, and delete the root access key.`,
    ].join('\n'),
  );
}

/** Resolves one credential source and asks AWS whose it is. */
export async function identify(profile: string | undefined, opts: PreflightOptions): Promise<OperatorIdentity> {
  let source: CredentialSource;
  try {
    source = await CredentialSource.open({ profile, mfaCode: opts.mfaCode });
  } catch (e) {
    throw e instanceof CredentialError ? new TargetRefusal(e.message) : e;
  }
  try {
    const callOpts = { maxAttempts: opts.maxAttempts };
    const who = await callAws('sts:GetCallerIdentity', {}, source.current, opts.target, callOpts);
    if (!who.ok) {
      throw new TargetRefusal(`${describeSource(profile)}: sts:GetCallerIdentity failed: ${who.error.code}: ${who.error.message}`);
    }
    const accountId = String(who.output['Account'] ?? '');
    const arn = String(who.output['Arn'] ?? '');
    if (isRootArn(arn)) throw rootRefusal(arn, profile);
    // The alias helps a person recognise the account; an operator without
    // iam:ListAccountAliases still gets the id, so failures here are not errors.
    const aliases = await callAws('iam:ListAccountAliases', {}, source.current, opts.target, callOpts);
    const list = aliases.ok ? (aliases.output['AccountAliases'] as unknown[] | undefined) : undefined;
    const alias = typeof list?.[0] === 'string' ? list[0] : undefined;
    return { profile, source, accountId, arn, alias };
  } catch (e) {
    source.close();
    throw e;
  }
}

/** Identifies each distinct profile once (profiles are keyed by name; undefined = the default
 * chain). Closes what it opened when any of them fails. */
export async function identifyAll(
  profiles: Array<string | undefined>,
  opts: PreflightOptions,
): Promise<Map<string | undefined, OperatorIdentity>> {
  const out = new Map<string | undefined, OperatorIdentity>();
  try {
    for (const p of new Set(profiles)) out.set(p, await identify(p, opts));
  } catch (e) {
    for (const id of out.values()) id.source.close();
    throw e;
  }
  return out;
}
