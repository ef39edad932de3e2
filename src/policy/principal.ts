// The Principal / NotPrincipal element: validation, the canonical form IAM stores, and
// matching against the caller.
//
// IAM User Guide, "AWS JSON policy elements: Principal": an account (12-digit id, stored as
// arn:aws:iam::ID:root), an IAM user or role ARN, an assumed-role session ARN, a federated
// user ARN, a service ("Service"), an identity provider ("Federated"), or everyone ("*").
// Wildcards are not allowed inside principal ARNs.
//
// IAM stores a user or role ARN as the entity's unique id and shows the ARN again when the
// policy is read; once the entity is deleted it can no longer do so, and the policy shows the
// bare id (AIDA... for a user, AROA... for a role). Such an id is part of stored policies, so
// it parses here and names exactly that entity: never a user or role created again under the
// same name. Whether a caller may write one is for the service to decide (IAM refuses it).
import type { Principal } from './types.js';

export type PrincipalEntry =
  | { kind: 'any' }
  | { kind: 'account'; accountId: string; arn: string }
  | { kind: 'arn'; arn: string }
  | { kind: 'uniqueId'; id: string }
  | { kind: 'service'; name: string }
  | { kind: 'federated'; provider: string }
  | { kind: 'canonical'; id: string };

/** How a statement's principal names the caller, strongest first. 'direct': the caller's own
 * ARN (user, session, service) or "*"; 'role': the role of a session; 'account': the caller's
 * account (which delegates to the account's identity policies). */
export type PrincipalMatch = 'direct' | 'role' | 'account';

const PARTITION = '(aws|aws-cn|aws-us-gov)';
const NAME = "[\\w+=,.@-]+";
const IAM_ARN = new RegExp(
  `^arn:${PARTITION}:iam::(\\d{12}):(root|(user|role)/(${NAME}/)*${NAME})$`,
);
const STS_ARN = new RegExp(
  `^arn:${PARTITION}:sts::(\\d{12}):(assumed-role/${NAME}/${NAME}|federated-user/${NAME})$`,
);
const SERVICE = /^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com|amazonaws\.com\.cn|amazon\.com)$/;
const PROVIDER_ARN = new RegExp(
  `^arn:${PARTITION}:iam::\\d{12}:(saml-provider|oidc-provider)/[^*?]+$`,
);
const PROVIDER_HOST = /^[a-z0-9][a-z0-9.-]*\.[a-z]{2,}(\/[^\s*?]*)?$/i;
const CANONICAL = /^[0-9a-f]{64}$/;
/** The unique id of a user (AIDA) or role (AROA): 21 upper-case letters and digits. */
export const UNIQUE_ID = /^(AIDA|AROA)[A-Z0-9]{17}$/;

export type PrincipalParse =
  | { ok: true; entries: PrincipalEntry[]; canonical: unknown }
  | { ok: false; message: string };

function invalid(type: string, value: unknown): PrincipalParse {
  return {
    ok: false,
    message: `Invalid principal in policy: "${type.toUpperCase()}":${JSON.stringify(value)}`,
  };
}

function parseAws(value: string): PrincipalEntry | undefined {
  if (value === '*') return { kind: 'any' };
  if (/^\d{12}$/.test(value)) {
    return { kind: 'account', accountId: value, arn: `arn:aws:iam::${value}:root` };
  }
  if (UNIQUE_ID.test(value)) return { kind: 'uniqueId', id: value };
  const iam = IAM_ARN.exec(value);
  if (iam) {
    return iam[3] === 'root' ? { kind: 'account', accountId: iam[2]!, arn: value } : { kind: 'arn', arn: value };
  }
  return STS_ARN.test(value) ? { kind: 'arn', arn: value } : undefined;
}

function parseOne(type: string, value: string, allowCanonical: boolean): PrincipalEntry | undefined {
  switch (type) {
    case 'AWS':
      return parseAws(value);
    case 'Service':
      return SERVICE.test(value) ? { kind: 'service', name: value } : undefined;
    case 'Federated':
      return PROVIDER_ARN.test(value) || PROVIDER_HOST.test(value)
        ? { kind: 'federated', provider: value }
        : undefined;
    case 'CanonicalUser':
      return allowCanonical && CANONICAL.test(value) ? { kind: 'canonical', id: value } : undefined;
  }
  return undefined;
}

/** Parses a Principal/NotPrincipal value. `allowCanonical`: S3 bucket policies also accept
 * CanonicalUser. Returns undefined for a value of the wrong JSON shape (the caller reports a
 * syntax error) and IAM's "Invalid principal in policy" for a value it cannot accept. */
export function parsePrincipal(value: unknown, allowCanonical: boolean): PrincipalParse | undefined {
  if (value === '*') return { ok: true, entries: [{ kind: 'any' }], canonical: '*' };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries: PrincipalEntry[] = [];
  const canonical: Record<string, unknown> = {};
  const types = Object.keys(value);
  if (types.length === 0) return undefined;
  for (const type of types) {
    const raw = (value as Record<string, unknown>)[type];
    const list = typeof raw === 'string' ? [raw] : raw;
    if (!Array.isArray(list) || list.length === 0 || list.some((v) => typeof v !== 'string')) {
      return undefined;
    }
    const stored: string[] = [];
    for (const v of list as string[]) {
      const entry = parseOne(type, v, allowCanonical);
      if (!entry) return invalid(type, v);
      entries.push(entry);
      stored.push(entry.kind === 'account' ? entry.arn : v);
    }
    canonical[type] = typeof raw === 'string' ? stored[0] : stored;
  }
  return { ok: true, entries, canonical };
}

/** The role id of a session (aws:userid is ROLEID:session). */
function roleIdOf(p: Principal): string {
  const colon = p.userId.indexOf(':');
  return colon < 0 ? p.userId : p.userId.slice(0, colon);
}

function accountRoot(p: Principal): string {
  return `arn:aws:iam::${p.accountId}:root`;
}

/** Strength of a match, for keeping the strongest one. */
export const MATCH_RANK: Record<PrincipalMatch, number> = { direct: 3, role: 2, account: 1 };

function matchOne(e: PrincipalEntry, p: Principal): PrincipalMatch | undefined {
  switch (e.kind) {
    case 'any':
      return 'direct';
    case 'account':
      if (p.accountId !== e.accountId) return undefined;
      if (p.type === 'Account') return 'direct';
      return p.type === 'User' || p.type === 'AssumedRole' || p.type === 'FederatedUser'
        ? 'account'
        : undefined;
    case 'arn':
      if (p.arn === e.arn) return 'direct';
      return p.type === 'AssumedRole' && p.roleArn === e.arn ? 'role' : undefined;
    case 'uniqueId':
      if (p.type === 'User') return p.userId === e.id ? 'direct' : undefined;
      return p.type === 'AssumedRole' && roleIdOf(p) === e.id ? 'role' : undefined;
    case 'service':
      return p.type === 'Service' && p.arn === e.name ? 'direct' : undefined;
    case 'federated':
      return p.federatedProvider === e.provider ? 'direct' : undefined;
    case 'canonical':
      return p.canonicalUserId === e.id ? 'direct' : undefined;
  }
}

/** How strongly a Principal element names the caller; undefined when it does not. */
export function matchPrincipal(
  entries: readonly PrincipalEntry[],
  p: Principal,
): PrincipalMatch | undefined {
  let best: PrincipalMatch | undefined;
  for (const e of entries) {
    const m = matchOne(e, p);
    if (m && (!best || MATCH_RANK[m] > MATCH_RANK[best])) best = m;
    if (best === 'direct') break;
  }
  return best;
}

/**
 * Whether a NotPrincipal element applies to the caller. IAM UG, "AWS JSON policy elements:
 * NotPrincipal": AWS checks each identity the request carries — the session, its role, its
 * account — so a principal is exempted only when every one of them is listed (hence the
 * documented advice to list the account ARN alongside the user or session).
 */
export function notPrincipalApplies(entries: readonly PrincipalEntry[], p: Principal): boolean {
  // Each identity as an ARN, with the unique id a stored policy may name it by.
  const identities: Array<[arn: string, id?: string]> = [[p.arn, p.type === 'User' ? p.userId : undefined]];
  if (p.type === 'AssumedRole' && p.roleArn) identities.push([p.roleArn, roleIdOf(p)]);
  if (p.type !== 'Account' && p.type !== 'Anonymous' && p.type !== 'Service' && p.accountId) {
    identities.push([accountRoot(p)]);
  }
  const listed = ([id, uniqueId]: [string, string?]): boolean =>
    entries.some((e) => {
      switch (e.kind) {
        case 'any':
          return true;
        case 'account':
          return id === e.arn;
        case 'arn':
          return id === e.arn;
        case 'uniqueId':
          return uniqueId === e.id;
        case 'service':
          return id === e.name;
        case 'federated':
          return id === e.provider;
        case 'canonical':
          return p.canonicalUserId === e.id;
      }
    });
  return identities.some((identity) => !listed(identity));
}
