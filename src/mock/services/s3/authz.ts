// S3 authorisation: every check passes the bucket's policy as the resource-based policy and the
// bucket owner as the resource account, so cross-account grants through a bucket policy work and
// its explicit denies win. Denials take AWS's two 403 forms: the IAM message with the resource in
// double quotes for same-account callers, a bare "Access Denied" for other accounts and anonymous.
import { parsePolicy, withoutPublicGrants, type CompiledPolicy, type RequestContext } from '../../../policy/index.js';
import { shownPolicy } from '../../identity/principal-check.js';
import type { AccountIam } from '../../identity/store.js';
import { AwsError, type Call } from '../../types.js';
import type { BucketRecord } from './state.js';

export interface S3Check {
  action: string;
  resource: string;
  /** The bucket the resource belongs to (absent for ListAllMyBuckets, and for CreateBucket of a
   * bucket that does not exist yet). */
  bucket?: BucketRecord;
  context?: RequestContext;
}

/** The IAM state of accounts, for the users and roles bucket policies name: `live` as it is
 * (resolving a policy being saved), `view` as the authoriser sees it (propagation delay). */
export interface AccountsIam {
  live: AccountIam;
  view: AccountIam;
}

/** Compiled bucket policies by their stored text: state holds text (JSON-serialisable), the
 * engine wants compiled policies, and compiling on every request would be wasteful. */
export class PolicyCache {
  private readonly compiled = new Map<string, CompiledPolicy>();
  private readonly restricted = new WeakMap<CompiledPolicy, CompiledPolicy>();

  constructor(readonly iam: AccountsIam) {}

  /** The bucket's policy as S3 decides by: users and roles it named that were deleted since
   * it was saved are their unique ids now. */
  of(bucket: BucketRecord): CompiledPolicy | undefined {
    if (bucket.policy === undefined) return undefined;
    return this.get(shownPolicy(bucket.policy, bucket.policyIds, this.iam.view));
  }

  /** The bucket's policy for a caller: with RestrictPublicBuckets on, its public grants do not
   * reach anonymous callers or other accounts (S3 UG, "Block public access settings"). */
  forCaller(bucket: BucketRecord, accountId: string): CompiledPolicy | undefined {
    const policy = this.of(bucket);
    if (!policy || !bucket.publicAccessBlock?.RestrictPublicBuckets || accountId === bucket.owner) return policy;
    let kept = this.restricted.get(policy);
    if (!kept) this.restricted.set(policy, (kept = withoutPublicGrants(policy)));
    return kept;
  }

  get(text: string): CompiledPolicy | undefined {
    let policy = this.compiled.get(text);
    if (!policy) {
      const parsed = parsePolicy(text, 'resource');
      if (!parsed.ok) return undefined;
      policy = parsed.policy;
      if (this.compiled.size > 1000) this.compiled.clear();
      this.compiled.set(text, policy);
    }
    return policy;
  }
}

export const accessDenied = () => new AwsError('AccessDenied', 'Access Denied', 403);

/** Condition keys every S3 request carries (Service Authorization Reference, "Condition keys
 * for Amazon S3"). */
function requestContext(call: Call): RequestContext {
  const ctx: RequestContext = {
    's3:authType': call.query.has('X-Amz-Signature') ? 'REST-QUERY-STRING' : 'REST-HEADER',
    's3:signatureversion': 'AWS4-HMAC-SHA256',
  };
  const sha = call.headers['x-amz-content-sha256'];
  if (sha) ctx['s3:x-amz-content-sha256'] = sha;
  return ctx;
}

export function decide(call: Call, policies: PolicyCache, check: S3Check) {
  const bucket = check.bucket;
  const policy = bucket ? policies.forCaller(bucket, call.caller.accountId) : undefined;
  const resourceAccount = bucket?.owner ?? (check.resource === '*' ? undefined : call.caller.accountId);
  return call.authorize(check.action, check.resource, {
    ...(policy ? { resourcePolicy: { policy, name: `bucket policy of ${bucket!.name}` } } : {}),
    ...(resourceAccount !== undefined ? { resourceAccount } : {}),
    context: { ...requestContext(call), ...check.context },
  });
}

export function isAllowed(call: Call, policies: PolicyCache, check: S3Check): boolean {
  return decide(call, policies, check).allowed;
}

export function authorizeS3(call: Call, policies: PolicyCache, check: S3Check): void {
  const decision = decide(call, policies, check);
  if (decision.allowed) return;
  const owner = check.bucket?.owner ?? call.caller.accountId;
  if (call.caller.principal.type === 'Anonymous' || owner !== call.caller.accountId) throw accessDenied();
  const message =
    check.resource === '*'
      ? decision.message.replace(' on resource: *', '')
      : decision.message.replace(`on resource: ${check.resource}`, `on resource: "${check.resource}"`);
  throw new AwsError('AccessDenied', message, 403);
}

export function bucketArn(bucket: string): string {
  return `arn:aws:s3:::${bucket}`;
}

export function objectArn(bucket: string, key: string): string {
  return `arn:aws:s3:::${bucket}/${key}`;
}
