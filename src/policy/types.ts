// Public types of the policy engine. This file is the contract between src/policy and its
// callers (the mock's authoriser, the simulator API, tests). Pure data: no I/O.

/** Where a policy document is used. Validation rules differ per kind (a trust policy must
 * name a principal and may not have Resource; an identity policy may not have Principal). */
export type PolicyKind =
  | 'identity' // inline or managed policy attached to a user, group or role
  | 'resource' // resource-based policy (S3 bucket policy)
  | 'trust' // a role's trust policy (AssumeRolePolicyDocument)
  | 'boundary' // permissions boundary (a managed policy used as one)
  | 'session'; // session policy passed to AssumeRole (Policy / PolicyArns)

/** The error IAM returns for a refused document. */
export interface PolicyError {
  code: 'MalformedPolicyDocument' | 'LimitExceeded';
  message: string;
}

/** A compiled policy: parsed, validated, with matchers built once. Opaque to callers except
 * for `json` (the canonical document IAM would store and return). */
export interface CompiledPolicy {
  readonly kind: PolicyKind;
  /** Canonical JSON text as IAM stores it (e.g. a bare account id principal is stored as
   * its root ARN). */
  readonly json: string;
  readonly statementCount: number;
}

export type ParseResult =
  | { ok: true; policy: CompiledPolicy }
  | { ok: false; error: PolicyError };

/** A policy as it takes part in a decision, with the name the explanation uses. */
export interface NamedPolicy {
  policy: CompiledPolicy;
  /** e.g. "AdministratorAccess", "inline:allow-assume", "trust policy of role/reader". */
  name: string;
  /** ARN for managed policies, when there is one. */
  arn?: string;
  /** Which entity this policy came from: "user/alice", "group/devs", "role/reader". */
  attachedTo?: string;
}

export type PrincipalType =
  | 'Account'
  | 'User'
  | 'AssumedRole'
  | 'FederatedUser'
  | 'Anonymous'
  /** An AWS service acting for itself (arn = the service principal, e.g. "ec2.amazonaws.com"). */
  | 'Service';

/** Who is asking. */
export interface Principal {
  /** The ARN AWS shows in messages: user ARN, root ARN, or
   * arn:aws:sts::ACCT:assumed-role/ROLE/SESSION. */
  arn: string;
  accountId: string;
  type: PrincipalType;
  /** aws:userid: AIDA... for users, AROA...:session for sessions, account id for root. */
  userId: string;
  /** aws:username for IAM users. */
  userName?: string;
  /** For assumed-role sessions: the role's ARN (with path), which a resource policy may name
   * instead of the session ARN. */
  roleArn?: string;
  /** Principal tags (aws:PrincipalTag/K): user or role tags, plus session tags. */
  tags?: Record<string, string>;
  /** For web-identity / SAML callers: the provider a "Federated" principal names
   * ("cognito-identity.amazonaws.com", "arn:aws:iam::ACCT:oidc-provider/host"). */
  federatedProvider?: string;
  /** S3 canonical user id, matched by a bucket policy's "CanonicalUser" principal. */
  canonicalUserId?: string;
}

/** Condition-key values. Keys are compared case-insensitively, as AWS does. */
export type ContextValue = string | string[] | boolean | number;
export type RequestContext = Record<string, ContextValue>;

export interface AuthzRequest {
  principal: Principal;
  /** "sts:AssumeRole", "s3:ListBucket", ... */
  action: string;
  /** Resource ARN, or "*" for actions without a resource (ec2:DescribeInstances, s3:ListAllMyBuckets). */
  resource: string;
  /** Account that owns the resource; undefined when not account-scoped (e.g. "*"). Decides
   * same-account versus cross-account evaluation. */
  resourceAccount?: string;
  /** Condition keys beyond those derived from the principal (the engine adds aws:PrincipalArn,
   * aws:PrincipalAccount, aws:PrincipalType, aws:userid, aws:username, aws:PrincipalTag/*). */
  context: RequestContext;
}

export interface PolicySet {
  /** Identity-based policies of the principal (user inline + managed + groups'; for a session:
   * the role's inline + managed). */
  identity: NamedPolicy[];
  /** Resource-based policy of the resource (trust policy for sts:AssumeRole, bucket policy). */
  resource?: NamedPolicy;
  /** Permissions boundary of the user or role, if any. */
  boundary?: NamedPolicy;
  /** Session policies of an assumed-role session (inline Policy and PolicyArns). When present
   * (even empty list means "none was passed": use undefined), they cap identity grants. */
  session?: NamedPolicy[];
}

export type Verdict = 'allowed' | 'explicitDeny' | 'implicitDeny';
export type PolicyType = 'identity' | 'resource' | 'boundary' | 'session';

/** One statement's part in a decision. */
export interface StatementTrace {
  policy: string; // NamedPolicy.name
  arn?: string;
  policyType: PolicyType;
  sid?: string;
  index: number; // 0-based statement index in the document
  effect: 'Allow' | 'Deny';
  matched: boolean;
  /** Why it did not match, when it did not: 'action', 'resource', 'principal', or the
   * condition key that failed (e.g. 'condition:sts:ExternalId'). */
  reason?: string;
  /** For a resource-based statement: how its Principal named the caller ('direct': the
   * caller's own ARN or "*", 'role': the role of the caller's session, 'account': the caller's
   * account, which delegates to the account's identity-based policies). */
  principalMatch?: 'direct' | 'role' | 'account';
  /** For a statement that did not name the caller: the unique ids (AIDA..., AROA...) among
   * its principals, which a stored policy shows for users and roles deleted since. */
  uniqueIds?: readonly string[];
  /** For a statement that failed on a condition: the operator, key and values it wanted, and
   * the values the request held (undefined: the key was absent). */
  condition?: {
    operator: string;
    key: string;
    values: readonly string[];
    seen?: readonly string[];
  };
}

export interface Decision {
  allowed: boolean;
  verdict: Verdict;
  /** The policy type that decided a denial (the one AWS names in its message). */
  decidingType?: PolicyType;
  /** For an explicit deny: the denying statement. */
  denyingStatement?: StatementTrace;
  /** Every statement that matched, and those that failed on their last check. */
  statements: StatementTrace[];
  /** AWS's AccessDenied message form, e.g. "User: ARN is not authorized to perform: ACTION on
   * resource: ARN because no identity-based policy allows the ACTION action". */
  message: string;
  /** Plain-language explanation for learners. */
  explanation: string;
  /** Condition keys that statements referred to but the context lacked. */
  missingContextKeys: string[];
}
