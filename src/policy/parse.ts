// parsePolicy: size quota, JSON, IAM's validation, then compilation of every statement, so
// that evaluation never touches JSON again.
import { limitError, policyLimits, policySize, type PolicyQuota } from './size.js';
import { compileStatement, type CompiledStatement } from './statement.js';
import type { CompiledPolicy, ParseResult, PolicyKind } from './types.js';
import { Invalid, SYNTAX, validateDocument } from './validate.js';

export class Compiled implements CompiledPolicy {
  constructor(
    readonly kind: PolicyKind,
    readonly json: string,
    readonly statements: readonly CompiledStatement[],
  ) {}

  get statementCount(): number {
    return this.statements.length;
  }
}

export interface ParseOptions {
  /** The size quota to enforce. Defaults: trust → 'trust' (ACLSizePerRole 2048), boundary →
   * 'managed' (PolicySize 6144); none for identity (the caller knows whether it is a managed
   * policy or part of an inline aggregate), resource and session policies. */
  quota?: PolicyQuota | 'none';
}

const DEFAULT_QUOTA: Partial<Record<PolicyKind, PolicyQuota>> = {
  trust: 'trust',
  boundary: 'managed',
};

export function parsePolicy(text: string, kind: PolicyKind, opts: ParseOptions = {}): ParseResult {
  const quota = opts.quota ?? DEFAULT_QUOTA[kind];
  if (quota && quota !== 'none' && policySize(text) > policyLimits[quota]) {
    return { ok: false, error: limitError(quota) };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, error: { code: 'MalformedPolicyDocument', message: SYNTAX } };
  }
  try {
    const valid = validateDocument(doc, kind);
    let rewritten = false;
    const statements = valid.statements.map((s, i) => {
      const field = s.raw.Principal !== undefined ? 'Principal' : 'NotPrincipal';
      if (s.canonicalPrincipal !== undefined && JSON.stringify(s.canonicalPrincipal) !== JSON.stringify(s.raw[field])) {
        s.raw[field] = s.canonicalPrincipal;
        rewritten = true;
      }
      return compileStatement(s.raw, i, s.principal, valid.variables);
    });
    // IAM keeps the document as written unless it rewrote a principal.
    const json = rewritten ? JSON.stringify(valid.doc) : text;
    return { ok: true, policy: new Compiled(kind, json, statements) };
  } catch (err) {
    if (err instanceof Invalid) {
      return { ok: false, error: { code: 'MalformedPolicyDocument', message: err.message } };
    }
    throw err;
  }
}

/** parsePolicy for documents the caller knows are valid (fixtures, AWS managed policies);
 * throws with IAM's message otherwise. */
export function compilePolicy(text: string, kind: PolicyKind, opts?: ParseOptions): CompiledPolicy {
  const r = parsePolicy(text, kind, opts);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.policy;
}
