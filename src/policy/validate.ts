// Validation of a policy document as IAM does it on CreatePolicy, PutUserPolicy, CreateRole /
// UpdateAssumeRolePolicy, and as S3 does on PutBucketPolicy. The messages are IAM's (as
// reported by its MalformedPolicyDocument errors); where IAM's wording is not documented the
// choice is marked UNCERTAIN.
import { parseOperator } from './conditions/registry.js';
import { parsePrincipal, type PrincipalEntry } from './principal.js';
import type { PolicyKind } from './types.js';

export const SYNTAX = 'Syntax errors in policy.';

const TOP_KEYS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set([
  'Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource',
  'Condition',
]);
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);

export class Invalid extends Error {}

function fail(message: string): never {
  throw new Invalid(message);
}

export interface ValidStatement {
  raw: Record<string, unknown>;
  principal?: PrincipalEntry[];
  /** The Principal/NotPrincipal value as IAM stores it (account ids become root ARNs). */
  canonicalPrincipal?: unknown;
}

export interface ValidDocument {
  doc: Record<string, unknown>;
  statements: ValidStatement[];
  variables: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isStringOrList = (v: unknown): boolean =>
  typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));

const isScalar = (v: unknown): boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function checkConditionSyntax(block: unknown): void {
  if (!isObject(block)) fail(SYNTAX);
  for (const [operator, keys] of Object.entries(block)) {
    if (!isObject(keys)) fail(SYNTAX);
    for (const v of Object.values(keys)) {
      if (!(isScalar(v) || (Array.isArray(v) && v.every(isScalar)))) fail(SYNTAX);
    }
    if (!parseOperator(operator) && Object.keys(keys).length > 0) fail(SYNTAX);
  }
}

function checkStatementSyntax(st: unknown, kind: PolicyKind): Record<string, unknown> {
  if (!isObject(st)) fail(SYNTAX);
  const identityLike = kind === 'identity' || kind === 'boundary' || kind === 'session';
  if (identityLike && (st.Principal !== undefined || st.NotPrincipal !== undefined)) {
    fail('Policy document should not specify a principal.');
  }
  for (const key of Object.keys(st)) if (!STATEMENT_KEYS.has(key)) fail(SYNTAX);
  const both = (a: string, b: string): boolean => st[a] !== undefined && st[b] !== undefined;
  if (both('Action', 'NotAction') || both('Resource', 'NotResource')) fail(SYNTAX);
  if (both('Principal', 'NotPrincipal')) fail(SYNTAX);
  if (typeof st.Effect !== 'string') fail(SYNTAX);
  if (st.Effect !== 'Allow' && st.Effect !== 'Deny') {
    // IAM parses the effect case-insensitively first, then refuses a wrong case in its
    // "legacy" pass.
    const lower = st.Effect.toLowerCase();
    fail(lower === 'allow' || lower === 'deny' ? 'The policy failed legacy parsing' : SYNTAX);
  }
  for (const key of ['Action', 'NotAction', 'Resource', 'NotResource']) {
    if (st[key] !== undefined && !isStringOrList(st[key])) fail(SYNTAX);
  }
  if (st.Sid !== undefined && typeof st.Sid !== 'string') fail(SYNTAX);
  if (st.Condition !== undefined) checkConditionSyntax(st.Condition);
  return st;
}

function checkAction(action: string): void {
  if (action === '*') return;
  const parts = action.split(':');
  if (parts.length === 1) {
    fail('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
  }
  if (parts.length > 2) fail('Actions/Condition can contain only one colon.');
  if (/[^a-zA-Z0-9\-.*?]/.test(parts[0]!)) fail(`Vendor ${parts[0]} is not valid`);
}

function checkResource(resource: string, kind: PolicyKind): void {
  if (resource === '*') return;
  // S3 refuses anything that is not an ARN with its own wording (UNCERTAIN beyond that).
  if (!resource.startsWith('arn:') || resource.split(':').length < 6) {
    fail(kind === 'resource' ? 'Policy has invalid resource' : `Resource ${resource} must be in ARN format or "*".`);
  }
}

/** A string-or-list element as a list ([] when absent). */
export const toList = (v: unknown): string[] => (typeof v === 'string' ? [v] : (v as string[] | undefined) ?? []);

function checkKindRules(st: Record<string, unknown>, kind: PolicyKind): void {
  const actions = toList(st.Action ?? st.NotAction);
  if (actions.length === 0) fail('Policy statement must contain actions.');
  const hasResource = toList(st.Resource ?? st.NotResource).length > 0;
  if (kind === 'trust') {
    if (st.Resource !== undefined || st.NotResource !== undefined) {
      fail('Has prohibited field Resource.');
    }
    // UNCERTAIN wording; IAM requires a principal in every trust statement.
    if (st.Principal === undefined && st.NotPrincipal === undefined) {
      fail('Missing required field Principal.');
    }
    if (actions.some((a) => !/^sts:/i.test(a))) {
      fail('AssumeRole policy may only specify STS AssumeRole actions.');
    }
  } else if (kind === 'resource') {
    if (st.Principal === undefined && st.NotPrincipal === undefined) {
      fail('Missing required field Principal');
    }
    if (!hasResource) fail('Missing required field Resource');
  } else if (!hasResource) {
    fail('Policy statement must contain resources.');
  }
  actions.forEach(checkAction);
  toList(st.Resource ?? st.NotResource).forEach((r) => checkResource(r, kind));
}

/** Validates a parsed JSON value as a policy of `kind`; throws Invalid with IAM's message. */
export function validateDocument(doc: unknown, kind: PolicyKind): ValidDocument {
  if (!isObject(doc)) fail(SYNTAX);
  for (const key of Object.keys(doc)) if (!TOP_KEYS.has(key)) fail(SYNTAX);
  if (doc.Version !== undefined && !VERSIONS.has(doc.Version as string)) fail(SYNTAX);
  if (doc.Id !== undefined && typeof doc.Id !== 'string') fail(SYNTAX);
  const rawStatements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  if (doc.Statement === undefined || rawStatements.length === 0) fail(SYNTAX);
  const statements: ValidStatement[] = rawStatements.map((s) => {
    const raw = checkStatementSyntax(s, kind);
    const element = raw.Principal ?? raw.NotPrincipal;
    if (element === undefined) return { raw };
    const parsed = parsePrincipal(element, kind === 'resource');
    if (!parsed) fail(SYNTAX);
    if (!parsed.ok) fail(parsed.message);
    return { raw, principal: parsed.entries, canonicalPrincipal: parsed.canonical };
  });
  const sids = new Set<string>();
  for (const { raw } of statements) {
    if (typeof raw.Sid === 'string' && raw.Sid !== '') {
      if (sids.has(raw.Sid)) fail('Statement IDs (SID) in a single policy must be unique.');
      sids.add(raw.Sid);
    }
  }
  for (const { raw } of statements) checkKindRules(raw, kind);
  return { doc, statements, variables: doc.Version === '2012-10-17' };
}
