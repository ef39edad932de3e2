// PutBucketPolicy, GetBucketPolicy, DeleteBucketPolicy, GetBucketPolicyStatus. The document is validated by the policy
// engine as a resource policy and stored in its canonical form; every later authorisation on the
// bucket passes it as the resource-based policy (authz.ts).
import { parsePolicy, publicGrant } from '../../../policy/index.js';
import { resolvePrincipals, shownPolicy } from '../../identity/principal-check.js';
import { emptyReply, s3Headers, xmlReply } from '../../protocols/rest-xml.js';
import { AwsError, type Reply } from '../../types.js';
import { authorizeS3, bucketArn } from './authz.js';
import { requireBucket, type S3Request } from './request.js';
import type { BucketRecord } from './state.js';

const malformed = (message: string) => new AwsError('MalformedPolicy', message);
const INVALID_PRINCIPAL = 'Invalid principal in policy';

/** Only the bucket owner's account may manage the policy. Its root user always may, even when
 * the policy denies it, so an account cannot lock itself out of its own bucket. */
function authorizePolicyAction(req: S3Request, action: string): BucketRecord {
  const bucket = requireBucket(req);
  const { caller } = req.call;
  if (caller.kind === 'root' && caller.accountId === bucket.owner) return bucket;
  authorizeS3(req.call, req.policies, { action, resource: bucketArn(bucket.name), bucket });
  if (caller.accountId !== bucket.owner) {
    throw new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
      Method: req.call.method,
      ResourceType: 'BUCKETPOLICY',
    });
  }
  return bucket;
}

/** Glob match with `*` and `?`, as ARNs in policies use them. */
function globMatch(pattern: string, value: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 's').test(value);
}

/** S3 refuses a policy whose resources are not in this bucket ("Policy has invalid resource"). */
function checkResources(json: string, bucket: string): void {
  const doc = JSON.parse(json) as { Statement?: unknown };
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  for (const st of statements) {
    if (typeof st !== 'object' || st === null) continue;
    const s = st as Record<string, unknown>;
    for (const field of ['Resource', 'NotResource']) {
      const value = s[field];
      if (value === undefined) continue;
      for (const r of Array.isArray(value) ? value : [value]) {
        const m = typeof r === 'string' ? /^arn:aws:s3:::([^/]*)(?:\/.*)?$/s.exec(r) : null;
        if (!m || !globMatch(m[1]!, bucket)) throw malformed('Policy has invalid resource');
      }
    }
  }
}

export function putBucketPolicy(req: S3Request): Reply {
  const bucket = authorizePolicyAction(req, 's3:PutBucketPolicy');
  const text = req.body.toString('utf8');
  let valid = text.startsWith('{');
  if (valid) {
    try {
      JSON.parse(text);
    } catch {
      valid = false;
    }
  }
  if (!valid) throw malformed("Policies must be valid JSON and the first byte must be '{'");
  const parsed = parsePolicy(text, 'resource');
  // S3 names no principal in its refusal, where IAM quotes the one it could not accept.
  if (!parsed.ok) throw malformed(parsed.error.message.startsWith(INVALID_PRINCIPAL) ? INVALID_PRINCIPAL : parsed.error.message);
  checkResources(parsed.policy.json, bucket.name);
  // Even the owner's root user, whom no bucket policy can lock out, is held to this setting.
  if (bucket.publicAccessBlock?.BlockPublicPolicy && publicGrant(parsed.policy)) {
    throw new AwsError(
      'AccessDenied',
      `User: ${req.call.caller.principal.arn} is not authorized to perform: s3:PutBucketPolicy on resource: "${bucketArn(bucket.name)}" because public policies are blocked by the BlockPublicPolicy block public access setting.`,
      403,
    );
  }
  // S3 resolves the users and roles a policy names as IAM does for trust policies (S3 UG,
  // "Principals": a deleted identity shows as its unique id afterwards).
  const ids = resolvePrincipals(parsed.policy, req.policies.iam.live, () => malformed(INVALID_PRINCIPAL));
  bucket.policy = parsed.policy.json;
  if (ids) bucket.policyIds = ids;
  else delete bucket.policyIds;
  req.world.changed();
  return emptyReply(req.call.requestId, 204);
}

export function getBucketPolicy(req: S3Request): Reply {
  const bucket = authorizePolicyAction(req, 's3:GetBucketPolicy');
  if (bucket.policy === undefined) {
    throw new AwsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404, { BucketName: bucket.name });
  }
  return {
    status: 200,
    headers: { ...s3Headers(req.call.requestId), 'content-type': 'application/json' },
    body: shownPolicy(bucket.policy, bucket.policyIds, req.policies.iam.live),
  };
}

/** Whether the policy makes the bucket public, as S3 judges it (the engine's publicGrant; S3
 * UG, "The meaning of public"). ACLs are not modelled, so only the policy counts. */
export function getBucketPolicyStatus(req: S3Request): Reply {
  const bucket = authorizePolicyAction(req, 's3:GetBucketPolicyStatus');
  const policy = req.policies.of(bucket);
  if (!policy) throw new AwsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404, { BucketName: bucket.name });
  return xmlReply(req.call.requestId, 'PolicyStatus', { IsPublic: publicGrant(policy) !== undefined });
}

export function deleteBucketPolicy(req: S3Request): Reply {
  const bucket = authorizePolicyAction(req, 's3:DeleteBucketPolicy');
  if (bucket.policy !== undefined) {
    delete bucket.policy;
    delete bucket.policyIds;
    req.world.changed();
  }
  return emptyReply(req.call.requestId, 204);
}
