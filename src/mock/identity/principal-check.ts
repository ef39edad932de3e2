// IAM resolves the users and roles a trust policy names when the policy is saved (IAM User
// Guide, "AWS JSON policy elements: Principal": "that ARN is transformed to the role's unique
// principal ID when the policy is saved"), so naming one that does not exist fails the call
// with MalformedPolicyDocument "Invalid principal in policy". Accounts, assumed-role sessions,
// services and identity providers are not looked up.
import { principalsOf, type CompiledPolicy } from '../../policy/index.js';
import { AwsError } from '../types.js';
import { findRole, findUser, type IamState } from './model.js';

const ENTITY_ARN = /^arn:aws:iam::(\d{12}):(user|role)(\/(?:[^/]+\/)*)([^/]+)$/;

/** Looks up the live IAM state of an account the mock holds; undefined for any other. */
export type AccountIam = (accountId: string) => IamState | undefined;

/** The first user or role ARN of `policy` that names no existing entity. */
function missingPrincipal(policy: CompiledPolicy, accountIam: AccountIam): string | undefined {
  for (const p of principalsOf(policy)) {
    const m = p.type === 'AWS' ? ENTITY_ARN.exec(p.value) : null;
    if (!m) continue;
    const [, accountId, kind, path, name] = m as unknown as [string, string, 'user' | 'role', string, string];
    // An account outside the mock holds no users or roles the mock could resolve.
    const iam = accountIam(accountId);
    const found = iam && (kind === 'user' ? findUser(iam, name) : findRole(iam, name));
    if (!found || found.path !== path) return p.value;
  }
  return undefined;
}

/** Throws IAM's MalformedPolicyDocument (400) for a trust policy naming a missing entity. */
export function requireTrustPrincipals(policy: CompiledPolicy, accountIam: AccountIam): void {
  const missing = missingPrincipal(policy, accountIam);
  if (missing !== undefined) {
    throw new AwsError('MalformedPolicyDocument', `Invalid principal in policy: "AWS":${JSON.stringify(missing)}`, 400);
  }
}
