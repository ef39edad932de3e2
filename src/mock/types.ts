// Contract between the mock's core (server, auth, routing, authoriser) and its services.
// Services never import each other; they get what they need through a Call.
import type { Decision, NamedPolicy, Principal, RequestContext } from '../policy/index.js';

export type ServiceName = 'iam' | 'sts' | 'ec2' | 's3';

/** An AWS error as data. Each service renders it in its protocol's envelope. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number = 400,
    /** Extra elements for the envelope (S3: BucketName, Key, Resource; ...). */
    readonly extra: Record<string, string> = {},
    readonly type: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}

/** The authenticated caller of a request. */
export interface Caller {
  principal: Principal;
  accountId: string;
  accessKeyId: string;
  /** 'anonymous': an unsigned request (S3 only; principal type 'Anonymous', empty
   * accountId and accessKeyId). */
  kind: 'root' | 'user' | 'session' | 'anonymous';
  /** For sessions from AssumeRole: the role's name and the session's policies. */
  roleName?: string;
  sessionPolicies?: NamedPolicy[];
  /** For sessions: true when the session came from a role session (role chaining). */
  chained?: boolean;
  mfa?: boolean;
}

export interface AuthorizeOptions {
  /** Resource-based policy of the resource (trust policy, bucket policy). */
  resourcePolicy?: NamedPolicy;
  /** Account owning the resource (same- vs cross-account evaluation). */
  resourceAccount?: string;
  /** Service-specific condition keys (sts:ExternalId, s3:prefix, ...). */
  context?: RequestContext;
}

export interface Call {
  service: ServiceName;
  region: string;
  requestId: string;
  now: Date;
  method: string;
  /** Path as received on the wire (percent-encoded, never normalised). */
  rawPath: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** Request body as received (S3 unwraps aws-chunked itself, verifying chunk signatures
   * with `signing`). */
  body: Buffer;
  /** SigV4 material of a header-signed request, for services that must verify more than the
   * headers (S3 aws-chunked chunk signatures). Absent for presigned requests. */
  signing?: { signature: string; scope: string; amzDate: string; key: Buffer };
  /** Signed with S3's Signature Version 2, which names no region (`region` is the mock's). */
  sigV2?: boolean;
  caller: Caller;
  /** Authorise an action for the caller against the account's real state via src/policy.
   * Returns the decision; the service turns a denial into its own error form. */
  authorize(action: string, resource: string, opts?: AuthorizeOptions): Decision;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export interface Service {
  name: ServiceName;
  handle(call: Call): Promise<Reply> | Reply;
  /** Render an error in this service's envelope (query, ec2, rest-xml). `method` matters for
   * S3, whose HEAD errors have no body. */
  errorReply(err: AwsError, requestId: string, method: string): Reply;
  /** The entities this service holds for an account, as lists of identifiers (e.g.
   * `{ buckets: ['b'], objects: ['b/key'], instances: ['i-...'] }`), for `inventory()`. */
  inventory?(accountId: string): Record<string, string[]>;
}

/** What a service may know of the world: the accounts and a place for its own state.
 * State must be plain JSON-serialisable data (so `lab mock --state FILE` can save and load
 * it); call `changed()` after a mutation so it is persisted. */
export interface ServiceWorld {
  accountIds(): string[];
  hasAccount(id: string): boolean;
  /** Per-account state of a service, created on first use. */
  accountState<T>(accountId: string, service: ServiceName, init: () => T): T;
  /** Global state of a service (S3 bucket names are global). */
  globalState<T>(service: ServiceName, init: () => T): T;
  changed(): void;
  /** Fresh ids in AWS's formats: `prefix` followed by `length` random characters of the
   * alphabet ('upper': A-Z and 2-7, as IAM ids; 'hex': 0-9a-f, as EC2 ids; 'base64', as
   * opaque tokens; 'base64url', ids that travel in URLs). Default 'upper'. */
  newId(prefix: string, length: number, alphabet?: 'hex' | 'upper' | 'base64' | 'base64url'): string;
}

/** Each service module exports `create(world: ServiceWorld): Service`. */
export type ServiceFactory = (world: ServiceWorld) => Service;
