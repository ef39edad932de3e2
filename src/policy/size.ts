// IAM's policy-size quotas (IAM User Guide, "IAM and AWS STS quotas > IAM object quotas"):
// sizes are counted in characters, not counting whitespace.
import type { PolicyError } from './types.js';

export const policyLimits = {
  managed: 6144,
  trust: 2048,
  inlineUser: 2048,
  inlineGroup: 5120,
  inlineRole: 10240,
} as const;

export type PolicyQuota = keyof typeof policyLimits;

/** The quota names IAM puts in its LimitExceeded message. */
const QUOTA_NAMES: Record<PolicyQuota, string> = {
  managed: 'PolicySize',
  trust: 'ACLSizePerRole',
  inlineUser: 'UserPolicySize',
  inlineGroup: 'GroupPolicySize',
  inlineRole: 'RolePolicySize',
};

const WHITESPACE = /\s/;

/** Characters of a policy document not counting whitespace. */
export function policySize(json: string): number {
  let n = 0;
  for (const ch of json) if (!WHITESPACE.test(ch)) n++;
  return n;
}

/** IAM's error for a document (or, for inline policies, the sum of an entity's documents) over
 * a quota: e.g. "Cannot exceed quota for PolicySize: 6144". */
export function limitError(quota: PolicyQuota): PolicyError {
  return {
    code: 'LimitExceeded',
    message: `Cannot exceed quota for ${QUOTA_NAMES[quota]}: ${policyLimits[quota]}`,
  };
}
