// Stored policy documents (canonical JSON) compiled once and reused, and lookups of managed
// policies by ARN (customer managed in an account's IAM state, or AWS managed).
import { parsePolicy, type CompiledPolicy, type PolicyKind } from '../../policy/index.js';
import { awsManagedPolicy, isAwsManagedArn } from './aws-managed.js';
import type { IamState, ManagedPolicyRecord } from './model.js';

const MAX_CACHED = 4096;
/** By kind, then by the stored document string itself: looking up the stored string reuses
 * its cached hash, where a `${kind}${json}` key was a new string to hash on every request. */
const caches = new Map<PolicyKind, Map<string, CompiledPolicy>>();

/** Compiles a document IAM already accepted. Stored documents were validated when written,
 * so a failure here is a bug, not bad input. */
export function compiled(json: string, kind: PolicyKind): CompiledPolicy {
  let cache = caches.get(kind);
  if (!cache) caches.set(kind, (cache = new Map()));
  let policy = cache.get(json);
  if (policy) return policy;
  // Already validated when stored, quotas included (AWS managed policies exceed them).
  const result = parsePolicy(json, kind, { quota: 'none' });
  if (!result.ok) throw new Error(`stored ${kind} policy no longer parses: ${result.error.message}`);
  policy = result.policy;
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(json, policy);
  return policy;
}

export interface ResolvedManagedPolicy {
  name: string;
  arn: string;
  document: string;
  /** Customer managed policy record (undefined for AWS managed ones). */
  record?: ManagedPolicyRecord;
}

const POLICY_ARN_RE = /^arn:aws:iam::(\d{12}):policy(\/(?:[^/]+\/)*)([^/]+)$/;

/** Splits a customer managed policy ARN into account, path and name. */
export function parsePolicyArn(arn: string): { accountId: string; path: string; name: string } | undefined {
  const m = POLICY_ARN_RE.exec(arn);
  return m ? { accountId: m[1]!, path: m[2]!, name: m[3]! } : undefined;
}

/** The managed policy an ARN names, with its default version's document. `iamOf` gives the
 * IAM state of the account the ARN points into. */
export function resolveManagedPolicy(
  arn: string,
  iamOf: (accountId: string) => IamState | undefined,
): ResolvedManagedPolicy | undefined {
  if (isAwsManagedArn(arn)) {
    const p = awsManagedPolicy(arn);
    return p && { name: p.name, arn: p.arn, document: p.document };
  }
  const parts = parsePolicyArn(arn);
  if (!parts) return undefined;
  const record = iamOf(parts.accountId)?.policies.find(
    (p) => p.path === parts.path && p.name === parts.name,
  );
  if (!record) return undefined;
  const version = record.versions.find((v) => v.id === record.defaultVersion)!;
  return { name: record.name, arn, document: version.document, record };
}
