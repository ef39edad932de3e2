// The registry of cleanup calls: for each create-like operation, the calls that undo it,
// computed from the create call's input and output. Dependents need no special handling
// here: they were journalled after what they depend on, so they are undone before it
// (access keys before their user, policy attachments before their role, objects before
// their bucket).
import type { InverseCall } from './types.js';

type Values = Record<string, unknown>;
/** Builds the inverse calls from the create's input and output; an input member left
 * undefined means "not known" (see inverseOf). */
type InverseEntry = (input: Values, output: Values) => Array<{ call: string; input: Values }>;

const one =
  (call: string, build: (input: Values, output: Values) => Values): InverseEntry =>
  (i, o) => [{ call, input: build(i, o) }];

const IAM_GONE = ['NoSuchEntity'];

/** Error codes that mean the thing an inverse call removes is already gone. */
const GONE_CODES: Record<string, string[]> = {
  's3:DeleteBucket': ['NoSuchBucket'],
  's3:DeleteObject': ['NoSuchBucket', 'NoSuchKey'],
  // Completed or aborted since: either way no upload is left to bill parts for.
  's3:AbortMultipartUpload': ['NoSuchBucket', 'NoSuchUpload'],
  's3:DeleteBucketPolicy': ['NoSuchBucket', 'NoSuchBucketPolicy'],
  's3:DeleteBucketCors': ['NoSuchBucket', 'NoSuchCORSConfiguration'],
  's3:DeleteBucketLifecycle': ['NoSuchBucket', 'NoSuchLifecycleConfiguration'],
  's3:DeleteBucketEncryption': ['NoSuchBucket', 'ServerSideEncryptionConfigurationNotFoundError'],
  's3:DeletePublicAccessBlock': ['NoSuchBucket', 'NoSuchPublicAccessBlockConfiguration'],
  's3:DeleteBucketWebsite': ['NoSuchBucket', 'NoSuchWebsiteConfiguration'],
  'ec2:TerminateInstances': ['InvalidInstanceID.NotFound'],
  'ec2:DeleteSecurityGroup': ['InvalidGroup.NotFound'],
  'ec2:DeleteKeyPair': ['InvalidKeyPair.NotFound'],
};

export function alreadyGoneCodes(call: string): string[] {
  return [...(GONE_CODES[call] ?? (call.startsWith('iam:') ? IAM_GONE : []))];
}

const get = (v: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((o, k) => (typeof o === 'object' && o !== null ? (o as Values)[k] : undefined), v);

/** Same-named members copied from the create input (most IAM and S3 inverses). */
const pick =
  (...names: string[]) =>
  (input: Values): Values =>
    Object.fromEntries(names.map((n) => [n, input[n]]));

const iamAttach = (kind: 'User' | 'Role' | 'Group'): Array<[string, InverseEntry]> => [
  [`iam:Attach${kind}Policy`, one(`iam:Detach${kind}Policy`, pick(`${kind}Name`, 'PolicyArn'))],
  [`iam:Put${kind}Policy`, one(`iam:Delete${kind}Policy`, pick(`${kind}Name`, 'PolicyName'))],
];

const s3Config = (put: string, del: string): [string, InverseEntry] => [`s3:${put}`, one(`s3:${del}`, pick('Bucket'))];

const objectVersion = (i: Values, o: Values): Values => ({
  Bucket: i['Bucket'],
  Key: i['Key'],
  // In a versioned bucket a plain DeleteObject only adds a delete marker and the bucket
  // stays non-empty: delete the exact version that was written.
  ...(o['VersionId'] ? { VersionId: o['VersionId'] } : {}),
});

/**
 * A new default version cannot be deleted, and the version it displaced now blocks
 * DeletePolicy (which needs every non-default version gone). IAM numbers versions v1, v2,
 * ... in creation order, so the displaced ones are among v1..v(N-1): delete those, newest
 * first; the ones already deleted answer NoSuchEntity, which counts as done.
 */
const policyVersionInverse: InverseEntry = (i, o) => {
  const versionId = get(o, 'PolicyVersion', 'VersionId');
  if (i['SetAsDefault'] !== true) return [{ call: 'iam:DeletePolicyVersion', input: { PolicyArn: i['PolicyArn'], VersionId: versionId } }];
  const n = typeof versionId === 'string' ? /^v(\d+)$/.exec(versionId)?.[1] : undefined;
  if (n === undefined) return [{ call: 'iam:DeletePolicyVersion', input: { PolicyArn: i['PolicyArn'], VersionId: undefined } }];
  return Array.from({ length: Number(n) - 1 }, (_, k) => ({
    call: 'iam:DeletePolicyVersion',
    input: { PolicyArn: i['PolicyArn'], VersionId: `v${Number(n) - 1 - k}` },
  }));
};

const instanceIds = (o: Values): string[] | undefined => {
  const instances = Array.isArray(o['Instances']) ? (o['Instances'] as unknown[]) : [];
  const ids = instances.map((x) => get(x, 'InstanceId')).filter((id): id is string => typeof id === 'string');
  return ids.length > 0 ? ids : undefined;
};

const TABLE = new Map<string, InverseEntry>([
  ['iam:CreateUser', one('iam:DeleteUser', pick('UserName'))],
  ['iam:CreateGroup', one('iam:DeleteGroup', pick('GroupName'))],
  ['iam:CreateRole', one('iam:DeleteRole', pick('RoleName'))],
  ['iam:CreateLoginProfile', one('iam:DeleteLoginProfile', pick('UserName'))],
  ['iam:AddUserToGroup', one('iam:RemoveUserFromGroup', pick('GroupName', 'UserName'))],
  // Without UserName the key belongs to the caller; the output always names its user.
  [
    'iam:CreateAccessKey',
    one('iam:DeleteAccessKey', (i, o) => ({
      UserName: get(o, 'AccessKey', 'UserName') ?? i['UserName'],
      AccessKeyId: get(o, 'AccessKey', 'AccessKeyId'),
    })),
  ],
  ['iam:CreatePolicy', one('iam:DeletePolicy', (_i, o) => ({ PolicyArn: get(o, 'Policy', 'Arn') }))],
  ['iam:CreatePolicyVersion', policyVersionInverse],
  ...iamAttach('User'),
  ...iamAttach('Role'),
  ...iamAttach('Group'),
  ['iam:PutRolePermissionsBoundary', one('iam:DeleteRolePermissionsBoundary', pick('RoleName'))],
  ['iam:PutUserPermissionsBoundary', one('iam:DeleteUserPermissionsBoundary', pick('UserName'))],
  ['iam:CreateInstanceProfile', one('iam:DeleteInstanceProfile', pick('InstanceProfileName'))],
  ['iam:AddRoleToInstanceProfile', one('iam:RemoveRoleFromInstanceProfile', pick('InstanceProfileName', 'RoleName'))],
  ['iam:CreateOpenIDConnectProvider', one('iam:DeleteOpenIDConnectProvider', (_i, o) => ({ OpenIDConnectProviderArn: o['OpenIDConnectProviderArn'] }))],
  ['iam:CreateSAMLProvider', one('iam:DeleteSAMLProvider', (_i, o) => ({ SAMLProviderArn: o['SAMLProviderArn'] }))],
  ['iam:CreateAccountAlias', one('iam:DeleteAccountAlias', pick('AccountAlias'))],
  ['s3:CreateBucket', one('s3:DeleteBucket', pick('Bucket'))],
  ['s3:PutObject', one('s3:DeleteObject', objectVersion)],
  ['s3:CopyObject', one('s3:DeleteObject', objectVersion)],
  // An upload left open keeps its parts (and S3 bills them) until aborted.
  ['s3:CreateMultipartUpload', one('s3:AbortMultipartUpload', (i, o) => ({ Bucket: i['Bucket'], Key: i['Key'], UploadId: o['UploadId'] }))],
  ['s3:CompleteMultipartUpload', one('s3:DeleteObject', objectVersion)],
  s3Config('PutBucketPolicy', 'DeleteBucketPolicy'),
  s3Config('PutBucketCors', 'DeleteBucketCors'),
  s3Config('PutBucketLifecycleConfiguration', 'DeleteBucketLifecycle'),
  s3Config('PutBucketEncryption', 'DeleteBucketEncryption'),
  s3Config('PutPublicAccessBlock', 'DeletePublicAccessBlock'),
  s3Config('PutBucketWebsite', 'DeleteBucketWebsite'),
  ['ec2:RunInstances', one('ec2:TerminateInstances', (_i, o) => ({ InstanceIds: instanceIds(o) }))],
  ['ec2:CreateSecurityGroup', one('ec2:DeleteSecurityGroup', (_i, o) => ({ GroupId: o['GroupId'] }))],
  // Key pairs are named by id in newer API versions; older outputs only have the name.
  ['ec2:CreateKeyPair', one('ec2:DeleteKeyPair', (i, o) => (o['KeyPairId'] ? { KeyPairId: o['KeyPairId'] } : { KeyName: i['KeyName'] }))],
]);

/** True when `spec` is create-like, i.e. cleanup must journal it. */
export function hasInverse(spec: string): boolean {
  return TABLE.has(spec);
}

/** Create-like operations the registry knows, for documentation and tests. */
export function invertibleOperations(): string[] {
  return [...TABLE.keys()];
}

const known = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/**
 * The calls that undo `spec`, in the order to make them, or undefined when `spec` is not
 * create-like. A call whose input cannot be built (it needs an output value, like an access
 * key id, and the output is not known because the create was interrupted) is left out, so
 * the list may be empty. Each call carries the error codes that mean "already gone".
 */
export function inverseOf(spec: string, input: Values, output: Values): InverseCall[] | undefined {
  const entry = TABLE.get(spec);
  if (!entry) return undefined;
  return entry(input, output ?? {})
    .filter((c) => Object.values(c.input).every(known))
    .map((c) => ({ call: c.call, input: c.input, goneCodes: alreadyGoneCodes(c.call) }));
}
