// The identity data model: what IAM stores per account and what STS stores per session.
// Plain JSON data (so `--state FILE` can persist it); policies are kept as canonical JSON
// text and compiled on demand by the authoriser.

export interface Tag {
  Key: string;
  Value: string;
}

export interface AccessKeyRecord {
  id: string;
  secret: string;
  status: 'Active' | 'Inactive';
  createDate: string;
  lastUsed?: { date: string; service: string; region: string };
}

export interface LoginProfileRecord {
  createDate: string;
  passwordResetRequired: boolean;
  /** scrypt hash of the password: the mock never needs the password back. */
  passwordHash: string;
}

/** Fields shared by users, groups and roles. */
interface PrincipalEntity {
  name: string;
  id: string;
  path: string;
  createDate: string;
  /** Inline policies: name -> canonical JSON, in creation order. */
  inline: Record<string, string>;
  /** Attached managed policy ARNs, in attachment order. */
  attached: string[];
}

export interface UserRecord extends PrincipalEntity {
  tags: Tag[];
  boundary?: string;
  accessKeys: AccessKeyRecord[];
  loginProfile?: LoginProfileRecord;
}

export interface GroupRecord extends PrincipalEntity {
  /** Member user names (as stored on the user). */
  members: string[];
}

export interface RoleRecord extends PrincipalEntity {
  trust: string;
  /** The unique ids the trust policy's user and role ARNs were resolved to when it was saved
   * (absent: it names none). */
  trustIds?: Record<string, string>;
  description?: string;
  maxSessionDuration: number;
  boundary?: string;
  tags: Tag[];
  lastUsed?: { date: string; region: string };
}

export interface PolicyVersionRecord {
  id: string;
  document: string;
  createDate: string;
}

export interface ManagedPolicyRecord {
  name: string;
  id: string;
  path: string;
  description?: string;
  createDate: string;
  updateDate: string;
  defaultVersion: string;
  versions: PolicyVersionRecord[];
  /** Next version number to hand out (IAM never reuses version ids). */
  nextVersion: number;
  tags: Tag[];
}

/** A virtual MFA device: a TOTP seed, assigned to at most one user. */
export interface MfaDeviceRecord {
  name: string;
  path: string;
  /** arn:aws:iam::ACCT:mfa/PATH/NAME */
  serial: string;
  /** RFC 4648 base32 of the shared secret, as IAM hands it out. */
  seed: string;
  createDate: string;
  tags: Tag[];
  /** The user it is enabled for, and since when. */
  user?: string;
  enableDate?: string;
}

export interface IamState {
  users: UserRecord[];
  groups: GroupRecord[];
  roles: RoleRecord[];
  policies: ManagedPolicyRecord[];
  /** Access keys of the account root user (AWS advises against them; labs show why). */
  rootAccessKeys?: AccessKeyRecord[];
  mfaDevices?: MfaDeviceRecord[];
}

export function emptyIamState(): IamState {
  return { users: [], groups: [], roles: [], policies: [] };
}

/** A set of temporary credentials issued by STS. */
export interface SessionRecord {
  accessKeyId: string;
  secret: string;
  token: string;
  accountId: string;
  issued: string;
  expiration: string;
  kind: 'role' | 'user';
  /** kind 'role': the role and session name; ARN of the role with its path. */
  roleName?: string;
  roleId?: string;
  roleArn?: string;
  sessionName?: string;
  /** kind 'user' (GetSessionToken): the IAM user. */
  userName?: string;
  /** Session policies (canonical JSON) and managed policy ARNs passed as PolicyArns. */
  policy?: string;
  policyArns?: string[];
  tags?: Tag[];
  transitiveTagKeys?: string[];
  sourceIdentity?: string;
  externalId?: string;
  chained?: boolean;
  mfa?: boolean;
}

/** Sessions by access key id. A Map, not an object: every AssumeRole adds a key never seen
 * before, and adding one to a large object costs V8 several times a Map insert (the key is
 * interned and the dictionary grown). Saved in the state file as a plain object. */
export class SessionTable extends Map<string, SessionRecord> {
  toJSON(): Record<string, SessionRecord> {
    return Object.fromEntries(this);
  }
}

export interface StsState {
  sessions: SessionTable;
}

export function emptyStsState(): StsState {
  return { sessions: new SessionTable() };
}

// ---- ARNs (IAM is global: no region in its ARNs) ----

export const userArn = (acct: string, path: string, name: string): string =>
  `arn:aws:iam::${acct}:user${path}${name}`;
export const groupArn = (acct: string, path: string, name: string): string =>
  `arn:aws:iam::${acct}:group${path}${name}`;
export const roleArn = (acct: string, path: string, name: string): string =>
  `arn:aws:iam::${acct}:role${path}${name}`;
export const policyArn = (acct: string, path: string, name: string): string =>
  `arn:aws:iam::${acct}:policy${path}${name}`;
export const rootArn = (acct: string): string => `arn:aws:iam::${acct}:root`;
export const sessionArn = (acct: string, role: string, session: string): string =>
  `arn:aws:sts::${acct}:assumed-role/${role}/${session}`;

// ---- lookups (names are unique case-insensitively, as IAM enforces) ----

/** IAM names are unique case-insensitively. Exact and length checks first: lookups run on
 * every request, over every entity of an account, and lower-casing allocates. */
const same = (a: string, b: string): boolean => a === b || (a.length === b.length && a.toLowerCase() === b.toLowerCase());

export const findUser = (s: IamState, name: string): UserRecord | undefined =>
  s.users.find((u) => same(u.name, name));
export const findGroup = (s: IamState, name: string): GroupRecord | undefined =>
  s.groups.find((g) => same(g.name, name));
export const findRole = (s: IamState, name: string): RoleRecord | undefined =>
  s.roles.find((r) => same(r.name, name));
export const findPolicyByName = (s: IamState, name: string): ManagedPolicyRecord | undefined =>
  s.policies.find((p) => same(p.name, name));

/** Groups the user belongs to. */
export const groupsOf = (s: IamState, user: UserRecord): GroupRecord[] =>
  s.groups.filter((g) => g.members.some((m) => same(m, user.name)));
