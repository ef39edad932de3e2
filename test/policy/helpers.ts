// Table-driven harness for the policy corpus. Each case names the AWS documentation it encodes
// (`cite`), builds its policies through parsePolicy (so every fixture is also a valid
// document), evaluates, and asserts the verdict and, where given, the deciding policy type,
// the message, the explanation and the missing context keys.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  evaluate,
  parsePolicy,
  type AuthzRequest,
  type ContextValue,
  type Decision,
  type NamedPolicy,
  type PolicyKind,
  type PolicySet,
  type PolicyType,
  type Principal,
  type RequestContext,
  type Verdict,
} from '../../src/policy/index.js';

export const A = '111111111111';
export const B = '222222222222';

export function user(name: string, account = A, extra: Partial<Principal> = {}): Principal {
  return {
    arn: `arn:aws:iam::${account}:user/${name}`,
    accountId: account,
    type: 'User',
    userId: `AIDA${name.toUpperCase().padEnd(17, 'X')}`,
    userName: name,
    ...extra,
  };
}

export function session(role: string, name: string, account = A, extra: Partial<Principal> = {}): Principal {
  return {
    arn: `arn:aws:sts::${account}:assumed-role/${role}/${name}`,
    accountId: account,
    type: 'AssumedRole',
    userId: `AROA${role.toUpperCase().padEnd(17, 'X')}:${name}`,
    roleArn: `arn:aws:iam::${account}:role/${role}`,
    ...extra,
  };
}

export function root(account = A): Principal {
  return { arn: `arn:aws:iam::${account}:root`, accountId: account, type: 'Account', userId: account };
}

export function service(name: string): Principal {
  return { arn: name, accountId: '', type: 'Service', userId: name };
}

export const anonymous: Principal = { arn: 'anonymous', accountId: '', type: 'Anonymous', userId: 'anonymous' };

export type Doc = Record<string, unknown> | string;
type Stmt = Record<string, unknown>;

export const allow = (Action: unknown, Resource: unknown = '*', extra: Stmt = {}): Stmt => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});
export const deny = (Action: unknown, Resource: unknown = '*', extra: Stmt = {}): Stmt => ({
  Effect: 'Deny',
  Action,
  Resource,
  ...extra,
});
export const doc = (...Statement: Stmt[]): Doc => ({ Version: '2012-10-17', Statement });
/** A trust policy statement list: Allow sts:AssumeRole for `principal`. */
export const trust = (principal: unknown, extra: Stmt = {}): Doc =>
  doc({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra });

export function compile(d: Doc, kind: PolicyKind): NamedPolicy['policy'] {
  const r = parsePolicy(typeof d === 'string' ? d : JSON.stringify(d), kind);
  if (!r.ok) throw new Error(`fixture refused: ${r.error.message}`);
  return r.policy;
}

export interface EvalCase {
  name: string;
  cite: string;
  principal?: Principal;
  action: string;
  resource?: string;
  /** Defaults to the account in the resource ARN, if it has one. */
  resourceAccount?: string;
  context?: RequestContext;
  identity?: Doc[];
  resourcePolicy?: Doc;
  /** 'trust' (default for sts:AssumeRole) or 'resource'. */
  resourceKind?: 'trust' | 'resource';
  resourceName?: string;
  boundary?: Doc;
  session?: Doc[];
  expect: Verdict;
  decidingType?: PolicyType;
  message?: string | RegExp;
  explanation?: RegExp;
  missing?: string[];
  /** The statement (Sid or index) that denied explicitly. */
  denyingStatement?: string | number;
}

function accountOf(arn: string): string | undefined {
  const acct = arn.split(':')[4];
  return acct && /^\d{12}$/.test(acct) ? acct : undefined;
}

export function buildRequest(c: EvalCase): { request: AuthzRequest; policies: PolicySet } {
  const resource = c.resource ?? '*';
  const request: AuthzRequest = {
    principal: c.principal ?? user('alice'),
    action: c.action,
    resource,
    resourceAccount: c.resourceAccount ?? accountOf(resource),
    context: c.context ?? {},
  };
  const kind = c.resourceKind ?? (c.action.toLowerCase().startsWith('sts:assumerole') ? 'trust' : 'resource');
  const policies: PolicySet = {
    identity: (c.identity ?? []).map((d, i) => ({
      policy: compile(d, 'identity'),
      name: `policy-${i + 1}`,
      attachedTo: 'user/alice',
    })),
  };
  if (c.resourcePolicy) {
    policies.resource = {
      policy: compile(c.resourcePolicy, kind),
      name: c.resourceName ?? (kind === 'trust' ? 'trust policy of role/target' : 'bucket policy'),
    };
  }
  if (c.boundary) policies.boundary = { policy: compile(c.boundary, 'boundary'), name: 'boundary' };
  if (c.session) {
    policies.session = c.session.map((d, i) => ({ policy: compile(d, 'session'), name: `session-${i + 1}` }));
  }
  return { request, policies };
}

export function check(c: EvalCase, d: Decision): void {
  assert.equal(d.verdict, c.expect, `verdict (${d.explanation})`);
  assert.equal(d.allowed, c.expect === 'allowed');
  if (c.decidingType !== undefined) assert.equal(d.decidingType, c.decidingType, 'decidingType');
  if (c.message instanceof RegExp) assert.match(d.message, c.message);
  else if (c.message !== undefined) assert.equal(d.message, c.message);
  if (c.explanation) assert.match(d.explanation, c.explanation);
  if (c.missing) assert.deepEqual([...d.missingContextKeys].sort(), [...c.missing].sort());
  if (c.denyingStatement !== undefined) {
    const s = d.denyingStatement;
    assert.ok(s, 'a denying statement');
    assert.equal(typeof c.denyingStatement === 'string' ? s.sid : s.index, c.denyingStatement);
  }
}

export function runCases(title: string, cases: EvalCase[]): void {
  describe(title, () => {
    for (const c of cases) {
      it(`${c.name} [${c.cite}]`, () => {
        assert.ok(c.cite.length > 0, 'every case cites its source');
        const { request, policies } = buildRequest(c);
        check(c, evaluate(request, policies));
      });
    }
  });
}

/** One row of a condition-operator table: does `op` with policy `values` match a request
 * whose `key` holds `ctx` (undefined: the key is absent)? */
export interface CondRow {
  op: string;
  key: string;
  values: unknown;
  ctx?: ContextValue;
  match: boolean;
  principal?: Principal;
}

/** Turns condition rows into evaluation cases: an identity policy allows s3:GetObject only
 * under the row's condition, so the verdict says whether the condition matched. */
export function conditionCases(cite: string, rows: CondRow[]): EvalCase[] {
  return rows.map((r) => ({
    name: `${r.op} {${r.key}: ${JSON.stringify(r.values)}} with ${r.ctx === undefined ? 'no key' : JSON.stringify(r.ctx)} -> ${r.match ? 'match' : 'no match'}`,
    cite,
    principal: r.principal,
    action: 's3:GetObject',
    resource: 'arn:aws:s3:::bucket/key',
    identity: [doc(allow('s3:GetObject', '*', { Condition: { [r.op]: { [r.key]: r.values } } }))],
    context: r.ctx === undefined ? {} : { [r.key]: r.ctx },
    expect: r.match ? 'allowed' : 'implicitDeny',
  }));
}
