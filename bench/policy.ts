// Policy engine throughput: one cross-account sts:AssumeRole decision (two identity policies,
// one with a region-fenced Deny, plus the role's trust policy), evaluated in a loop on one
// core. Prints a baseline measured in the same run — a naive evaluator that parses the JSON
// and builds its regexes on every decision, which is what the engine's compile-once design
// avoids — and the ratio, then `<N> decisions/s` as the last line.
import assert from 'node:assert/strict';
import { evaluate, parsePolicy, type AuthzRequest, type PolicySet } from '../src/policy/index.js';

const identityDocs = [
  {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::222222222222:role/Target' }],
  },
  {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 's3:Get*', Resource: 'arn:aws:s3:::bucket/*' },
      {
        Effect: 'Deny',
        Action: '*',
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
      },
    ],
  },
].map((d) => JSON.stringify(d));
const trustDoc = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' }],
});

const request: AuthzRequest = {
  principal: {
    arn: 'arn:aws:iam::111111111111:user/alice',
    accountId: '111111111111',
    type: 'User',
    userId: 'AIDAALICEEXAMPLE0001',
    userName: 'alice',
  },
  action: 'sts:AssumeRole',
  resource: 'arn:aws:iam::222222222222:role/Target',
  resourceAccount: '222222222222',
  context: {
    'aws:RequestedRegion': 'us-east-1',
    'aws:PrincipalArn': 'arn:aws:iam::111111111111:user/alice',
    'aws:PrincipalAccount': '111111111111',
    'aws:username': 'alice',
    'sts:RoleSessionName': 'bench',
  },
};

function compiled(text: string, kind: 'identity' | 'trust') {
  const r = parsePolicy(text, kind);
  if (!r.ok) throw new Error(r.error.message);
  return r.policy;
}

const policies: PolicySet = {
  identity: identityDocs.map((t, i) => ({ policy: compiled(t, 'identity'), name: `policy-${i}` })),
  resource: { policy: compiled(trustDoc, 'trust'), name: 'trust policy of role/Target' },
};

// --- the naive baseline: same semantics for this request, but JSON.parse and RegExp
// construction on every decision. ---
type Stmt = { Effect: string; Action: string | string[]; Resource?: string | string[]; Principal?: { AWS: string }; Condition?: Record<string, Record<string, string[]>> };
const glob = (p: string, flags = '') => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, flags);
const list = (v: string | string[] | undefined) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);
function naiveStatements(text: string): Stmt[] {
  const d = JSON.parse(text) as { Statement: Stmt | Stmt[] };
  return Array.isArray(d.Statement) ? d.Statement : [d.Statement];
}
function naiveMatches(s: Stmt, r: AuthzRequest): boolean {
  if (s.Principal && s.Principal.AWS !== `arn:aws:iam::${r.principal.accountId}:root`) return false;
  if (!list(s.Action)!.some((a) => glob(a, 'i').test(r.action))) return false;
  const res = list(s.Resource);
  if (res && !res.some((p) => glob(p).test(r.resource))) return false;
  for (const [op, keys] of Object.entries(s.Condition ?? {})) {
    for (const [k, vals] of Object.entries(keys)) {
      const ctx = Object.entries(r.context).find(([ck]) => ck.toLowerCase() === k.toLowerCase())?.[1];
      const hit = ctx !== undefined && vals.includes(String(ctx));
      if (op === 'StringNotEquals' ? hit : !hit) return false;
    }
  }
  return true;
}
function naiveDecide(r: AuthzRequest): boolean {
  const identity = identityDocs.flatMap(naiveStatements).filter((s) => naiveMatches(s, r));
  const trust = naiveStatements(trustDoc).filter((s) => naiveMatches(s, r));
  if ([...identity, ...trust].some((s) => s.Effect === 'Deny')) return false;
  return identity.some((s) => s.Effect === 'Allow') && trust.some((s) => s.Effect === 'Allow');
}

function rate(fn: () => boolean, seconds: number): number {
  let n = 0;
  let ok = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < end) {
    for (let i = 0; i < 1000; i++) if (fn()) ok++;
    n += 1000;
    now = process.hrtime.bigint();
  }
  assert.equal(ok, n, 'every decision in the loop must be an allow');
  return n / (Number(now - start) / 1e9);
}

const decision = evaluate(request, policies);
assert.equal(decision.verdict, 'allowed', decision.explanation);
assert.equal(naiveDecide(request), true);
// The Deny must really be consulted: outside the allowed regions the same request is denied.
const outside = { ...request, context: { ...request.context, 'aws:RequestedRegion': 'ap-south-1' } };
assert.equal(evaluate(outside, policies).verdict, 'explicitDeny');
assert.equal(naiveDecide(outside), false);

rate(() => evaluate(request, policies).allowed, 0.5); // warm-up
rate(() => naiveDecide(request), 0.3);
const baseline = rate(() => naiveDecide(request), 1.5);
const engine = rate(() => evaluate(request, policies).allowed, 2);
console.log(`baseline (JSON.parse + RegExp per decision): ${Math.round(baseline)} decisions/s`);
console.log(`engine / baseline: ${(engine / baseline).toFixed(1)}x`);
console.log(`${Math.round(engine)} decisions/s`);
