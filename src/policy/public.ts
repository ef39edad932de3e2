// Whether a resource-based policy is "public" as Amazon S3 judges it for Block Public Access
// (S3 User Guide, "Blocking public access to your Amazon S3 storage > The meaning of
// 'public'"): a policy is non-public only when every Allow grants to fixed principals (accounts,
// users, roles, services) or, when it names everyone ("*"), is held to fixed values of one of the
// keys below. A fixed value has no wildcard and no policy variable. A Deny never makes a policy
// public; an Allow with NotPrincipal grants to everyone but the listed, so it does.
import { Compiled } from './parse.js';
import type { CompiledStatement } from './statement.js';
import type { CompiledPolicy } from './types.js';

/** The condition keys whose fixed values restrict a grant to "*", lower-cased: the list in the
 * guide and in the S3 API's PublicAccessBlockConfiguration (aws:SourceIp only for CIDRs no
 * broader than fixedCidr allows; aws:userid only outside the "AROLEID:*" pattern, which
 * `fixed` refuses for its wildcard). */
const RESTRICTING_KEYS = new Set([
  'aws:sourceip',
  'aws:sourcearn',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceowner',
  'aws:sourceaccount',
  'aws:userid',
  'aws:principalorgid',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
  's3:dataaccesspointarn',
  's3:dataaccesspointaccount',
]);

/** Operators that hold a key to the listed values (a negated one admits everything else). */
const HOLDING_OPERATORS = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'ArnEquals', 'ArnLike', 'IpAddress']);

/** The statement of a policy that makes it public, named for messages. */
export interface PublicGrant {
  index: number;
  sid?: string;
}

const fixed = (v: string) => !/[*?]/.test(v) && !v.includes('${');

/** UNCERTAIN: the guide calls broad CIDR ranges public without giving the bound; blocks wider
 * than an IPv4 /8 or an IPv6 /32 are taken as public here. */
function fixedCidr(v: string): boolean {
  const [addr, bits] = v.split('/');
  if (bits === undefined) return fixed(v);
  const prefix = Number(bits);
  return Number.isInteger(prefix) && prefix >= (addr!.includes(':') ? 32 : 8);
}

function restricted(st: CompiledStatement): boolean {
  return st.conditions.some((c) => {
    if (!RESTRICTING_KEYS.has(c.keyLower) || c.op.ifExists || c.op.setOp === 'all') return false;
    if (!HOLDING_OPERATORS.has(c.op.baseName) || c.values.length === 0) return false;
    return c.values.every(c.keyLower === 'aws:sourceip' ? fixedCidr : fixed);
  });
}

function isPublicStatement(st: CompiledStatement): boolean {
  if (st.effect !== 'Allow' || !st.principal) return false;
  const everyone = st.notPrincipal || st.principal.some((e) => e.kind === 'any');
  return everyone && !restricted(st);
}

/** The first statement that makes the policy public; undefined for a non-public policy. */
export function publicGrant(policy: CompiledPolicy): PublicGrant | undefined {
  if (!(policy instanceof Compiled)) return undefined;
  const st = policy.statements.find(isPublicStatement);
  return st && { index: st.index, sid: st.sid };
}

/** The policy without its public grants: what S3 decides by for callers outside the bucket
 * owner's account when RestrictPublicBuckets is on (S3 UG, "Block public access settings"). */
export function withoutPublicGrants(policy: CompiledPolicy): CompiledPolicy {
  if (!(policy instanceof Compiled)) return policy;
  const kept = policy.statements.filter((st) => !isPublicStatement(st));
  return kept.length === policy.statements.length ? policy : new Compiled(policy.kind, policy.json, kept);
}
