// Validation as IAM does it (MalformedPolicyDocument with IAM's reason), size quotas
// (LimitExceeded) and the canonical document IAM stores.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePolicy, policyLimits, policySize, principalsOf, type PolicyKind } from '../../src/policy/index.js';

const GRAMMAR = 'IAM UG: Grammar of the IAM JSON policy language';
const ELEMENTS = 'IAM UG: IAM JSON policy elements reference';
const PRINCIPAL = 'IAM UG: AWS JSON policy elements: Principal';
const TRUST = 'IAM UG: Roles terms and concepts > Trust policy; IAM API: CreateRole MalformedPolicyDocument';
const QUOTAS = 'IAM UG: IAM and AWS STS quotas > IAM object quotas';
const SYNTAX = 'Syntax errors in policy.';

interface ValidationCase {
  name: string;
  cite: string;
  kind: PolicyKind;
  doc: unknown;
  /** Expected refusal message; absent: the document is accepted. */
  error?: string;
  code?: 'MalformedPolicyDocument' | 'LimitExceeded';
  /** Expected canonical json (exact) when accepted. */
  json?: string;
}

const st = (extra: Record<string, unknown>) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', ...extra });
const v12 = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const trustSt = (extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal: { AWS: '111111111111' }, Action: 'sts:AssumeRole', ...extra });
const pad = (n: number) => 'x'.repeat(n);

const cases: ValidationCase[] = [
  { name: 'valid identity policy', cite: GRAMMAR, kind: 'identity', doc: v12(st({})) },
  { name: 'Statement may be a single object', cite: GRAMMAR, kind: 'identity', doc: { Version: '2012-10-17', Statement: st({}) } },
  { name: 'Version may be omitted', cite: `${ELEMENTS} > Version`, kind: 'identity', doc: { Statement: [st({})] } },
  { name: 'Version 2008-10-17 is accepted', cite: `${ELEMENTS} > Version`, kind: 'identity', doc: { Version: '2008-10-17', Statement: [st({})] } },
  { name: 'Id and Sid are accepted', cite: `${ELEMENTS} > Id`, kind: 'identity', doc: { Version: '2012-10-17', Id: 'p1', Statement: [st({ Sid: 'One' })] } },
  { name: 'not JSON', cite: GRAMMAR, kind: 'identity', doc: '{"Version": "2012-10-17", "Statement": [', error: SYNTAX },
  { name: 'JSON but not an object', cite: GRAMMAR, kind: 'identity', doc: '[]', error: SYNTAX },
  { name: 'unknown Version', cite: `${ELEMENTS} > Version`, kind: 'identity', doc: { Version: '2024-01-01', Statement: [st({})] }, error: SYNTAX },
  { name: 'unknown top-level field', cite: GRAMMAR, kind: 'identity', doc: { Version: '2012-10-17', Statements: [st({})] }, error: SYNTAX },
  { name: 'missing Statement', cite: GRAMMAR, kind: 'identity', doc: { Version: '2012-10-17' }, error: SYNTAX },
  { name: 'empty Statement list', cite: GRAMMAR, kind: 'identity', doc: v12(), error: SYNTAX },
  { name: 'unknown statement field', cite: GRAMMAR, kind: 'identity', doc: v12(st({ Actions: 's3:*' })), error: SYNTAX },
  { name: 'missing Effect', cite: `${ELEMENTS} > Effect`, kind: 'identity', doc: v12({ Action: 's3:*', Resource: '*' }), error: SYNTAX },
  { name: 'Effect neither Allow nor Deny', cite: `${ELEMENTS} > Effect`, kind: 'identity', doc: v12(st({ Effect: 'Permit' })), error: SYNTAX },
  { name: 'Effect in the wrong case', cite: `${ELEMENTS} > Effect`, kind: 'identity', doc: v12(st({ Effect: 'allow' })), error: 'The policy failed legacy parsing' },
  { name: 'Action and NotAction together', cite: `${ELEMENTS} > NotAction`, kind: 'identity', doc: v12(st({ NotAction: 'iam:*' })), error: SYNTAX },
  { name: 'Resource and NotResource together', cite: `${ELEMENTS} > NotResource`, kind: 'identity', doc: v12(st({ NotResource: 'arn:aws:s3:::x' })), error: SYNTAX },
  { name: 'Action of the wrong type', cite: `${ELEMENTS} > Action`, kind: 'identity', doc: v12(st({ Action: { s3: 'GetObject' } })), error: SYNTAX },
  { name: 'Action list with a number', cite: `${ELEMENTS} > Action`, kind: 'identity', doc: v12(st({ Action: ['s3:GetObject', 1] })), error: SYNTAX },
  { name: 'missing Action', cite: `${ELEMENTS} > Action`, kind: 'identity', doc: v12({ Effect: 'Allow', Resource: '*' }), error: 'Policy statement must contain actions.' },
  { name: 'empty Action list', cite: `${ELEMENTS} > Action`, kind: 'identity', doc: v12(st({ Action: [] })), error: 'Policy statement must contain actions.' },
  { name: 'missing Resource in an identity policy', cite: `${ELEMENTS} > Resource`, kind: 'identity', doc: v12({ Effect: 'Allow', Action: 's3:*' }), error: 'Policy statement must contain resources.' },
  { name: 'empty Resource list', cite: `${ELEMENTS} > Resource`, kind: 'identity', doc: v12(st({ Resource: [] })), error: 'Policy statement must contain resources.' },
  { name: 'Principal in an identity policy', cite: `${PRINCIPAL} (identity-based policies cannot name principals)`, kind: 'identity', doc: v12(st({ Principal: { AWS: '111111111111' } })), error: 'Policy document should not specify a principal.' },
  { name: 'NotPrincipal in a permissions boundary', cite: PRINCIPAL, kind: 'boundary', doc: v12(st({ NotPrincipal: { AWS: '111111111111' } })), error: 'Policy document should not specify a principal.' },
  { name: 'Principal in a session policy', cite: PRINCIPAL, kind: 'session', doc: v12(st({ Principal: '*' })), error: 'Policy document should not specify a principal.' },
  { name: 'action without a service prefix', cite: `${ELEMENTS} > Action`, kind: 'identity', doc: v12(st({ Action: 'GetObject' })), error: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.' },
  { name: 'action with two colons', cite: `${ELEMENTS} > Action`, kind: 'identity', doc: v12(st({ Action: 's3:Get:Object' })), error: 'Actions/Condition can contain only one colon.' },
  { name: 'action with an invalid vendor', cite: `${ELEMENTS} > Action`, kind: 'identity', doc: v12(st({ Action: 's 3:GetObject' })), error: 'Vendor s 3 is not valid' },
  { name: 'resource that is not an ARN', cite: `${ELEMENTS} > Resource`, kind: 'identity', doc: v12(st({ Resource: 'bucket/key' })), error: 'Resource bucket/key must be in ARN format or "*".' },
  { name: 'duplicate Sids', cite: `${ELEMENTS} > Sid`, kind: 'identity', doc: v12(st({ Sid: 'A' }), st({ Sid: 'A' })), error: 'Statement IDs (SID) in a single policy must be unique.' },
  { name: 'Condition must be an object of objects', cite: `${ELEMENTS} > Condition`, kind: 'identity', doc: v12(st({ Condition: { StringEquals: 'x' } })), error: SYNTAX },
  { name: 'unknown condition operator', cite: `${ELEMENTS} > Condition operators`, kind: 'identity', doc: v12(st({ Condition: { StringEqualz: { 'aws:username': 'a' } } })), error: SYNTAX },
  { name: 'condition value of the wrong type', cite: `${ELEMENTS} > Condition`, kind: 'identity', doc: v12(st({ Condition: { StringEquals: { 'aws:username': { a: 1 } } } })), error: SYNTAX },
  { name: 'every operator family, IfExists and set prefixes are accepted', cite: `${ELEMENTS} > Condition operators`, kind: 'identity', doc: v12(st({ Condition: { StringLikeIfExists: { 's3:prefix': 'a*' }, 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['a'] }, 'ForAllValues:ArnLike': { 'aws:SourceArn': 'arn:aws:s3:::*' }, NumericLessThan: { 's3:max-keys': 10 }, DateGreaterThan: { 'aws:CurrentTime': '2020-01-01' }, Bool: { 'aws:SecureTransport': true }, BinaryEquals: { k: 'AA==' }, IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, NotIpAddress: { 'aws:SourceIp': '::1' }, Null: { 'aws:TokenIssueTime': 'true' } } })) },
  { name: 'valid trust policy (account id stored as root ARN)', cite: TRUST, kind: 'trust', doc: v12(trustSt()), json: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"}]}' },
  { name: 'account ids in a principal list are all rewritten', cite: TRUST, kind: 'trust', doc: v12(trustSt({ Principal: { AWS: ['111111111111', 'arn:aws:iam::222222222222:user/bob'] } })), json: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111111111111:root","arn:aws:iam::222222222222:user/bob"]},"Action":"sts:AssumeRole"}]}' },
  { name: 'a document with nothing to rewrite is stored as written', cite: TRUST, kind: 'trust', doc: '{ "Statement": { "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" } }', json: '{ "Statement": { "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" } }' },
  { name: 'trust policy with Resource', cite: TRUST, kind: 'trust', doc: v12(trustSt({ Resource: '*' })), error: 'Has prohibited field Resource.' },
  { name: 'trust policy without Principal', cite: TRUST, kind: 'trust', doc: v12({ Effect: 'Allow', Action: 'sts:AssumeRole' }), error: 'Missing required field Principal.' },
  { name: 'trust policy with a non-STS action', cite: TRUST, kind: 'trust', doc: v12(trustSt({ Action: 's3:GetObject' })), error: 'AssumeRole policy may only specify STS AssumeRole actions.' },
  { name: 'trust policy with Action "*"', cite: TRUST, kind: 'trust', doc: v12(trustSt({ Action: '*' })), error: 'AssumeRole policy may only specify STS AssumeRole actions.' },
  { name: 'trust policy with sts:TagSession and sts:AssumeRoleWithWebIdentity', cite: TRUST, kind: 'trust', doc: v12(trustSt({ Action: ['sts:AssumeRole', 'sts:TagSession'] }), { Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }) },
  { name: 'wildcard inside a principal ARN', cite: PRINCIPAL, kind: 'trust', doc: v12(trustSt({ Principal: { AWS: 'arn:aws:iam::111111111111:user/*' } })), error: 'Invalid principal in policy: "AWS":"arn:aws:iam::111111111111:user/*"' },
  { name: 'a unique id, as a stored policy shows a deleted user, parses unchanged (the service refuses to save one)', cite: PRINCIPAL + ' > IAM roles', kind: 'trust', doc: v12(trustSt({ Principal: { AWS: ['AIDACKCEVSQ6C2EXAMPLE', 'AROADBQP57FF2AEXAMPLE'] } })), json: JSON.stringify(v12(trustSt({ Principal: { AWS: ['AIDACKCEVSQ6C2EXAMPLE', 'AROADBQP57FF2AEXAMPLE'] } }))) },
  { name: 'an id of the wrong length is no principal', cite: PRINCIPAL, kind: 'trust', doc: v12(trustSt({ Principal: { AWS: 'AIDACKCEVSQ6C2EXAMPL' } })), error: 'Invalid principal in policy: "AWS":"AIDACKCEVSQ6C2EXAMPL"' },
  { name: 'a group id is no principal', cite: PRINCIPAL, kind: 'trust', doc: v12(trustSt({ Principal: { AWS: 'AGPACKCEVSQ6C2EXAMPLE' } })), error: 'Invalid principal in policy: "AWS":"AGPACKCEVSQ6C2EXAMPLE"' },
  { name: 'malformed account id', cite: PRINCIPAL, kind: 'trust', doc: v12(trustSt({ Principal: { AWS: '12345' } })), error: 'Invalid principal in policy: "AWS":"12345"' },
  { name: 'not a principal ARN', cite: PRINCIPAL, kind: 'trust', doc: v12(trustSt({ Principal: { AWS: 'arn:aws:s3:::bucket' } })), error: 'Invalid principal in policy: "AWS":"arn:aws:s3:::bucket"' },
  { name: 'invalid service principal', cite: PRINCIPAL, kind: 'trust', doc: v12(trustSt({ Principal: { Service: 'ec2' } })), error: 'Invalid principal in policy: "SERVICE":"ec2"' },
  { name: 'unknown principal type', cite: PRINCIPAL, kind: 'trust', doc: v12(trustSt({ Principal: { User: 'alice' } })), error: 'Invalid principal in policy: "USER":"alice"' },
  { name: 'assumed-role session ARN is a valid principal', cite: `${PRINCIPAL} > Role session principals`, kind: 'trust', doc: v12(trustSt({ Principal: { AWS: 'arn:aws:sts::111111111111:assumed-role/r/s' } })) },
  { name: 'Principal "*" is valid in a trust policy', cite: `${PRINCIPAL} > All principals`, kind: 'trust', doc: v12(trustSt({ Principal: '*' })) },
  { name: 'Principal must not be an empty object', cite: PRINCIPAL, kind: 'trust', doc: v12(trustSt({ Principal: {} })), error: SYNTAX },
  { name: 'bucket policy without Principal', cite: 'Amazon S3 UG: Bucket policy examples; IAM UG: Principal (required in resource-based policies)', kind: 'resource', doc: v12(st({ Resource: 'arn:aws:s3:::b/*' })), error: 'Missing required field Principal' },
  { name: 'bucket policy without Resource', cite: 'Amazon S3 UG: Bucket policy examples', kind: 'resource', doc: v12({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' }), error: 'Missing required field Resource' },
  { name: 'bucket policy with CanonicalUser principal', cite: 'Amazon S3 UG: Bucket owner granting cross-account bucket permissions', kind: 'resource', doc: v12(st({ Principal: { CanonicalUser: 'a'.repeat(64) }, Resource: 'arn:aws:s3:::b/*' })) },
  { name: 'managed policy at the limit (whitespace not counted)', cite: QUOTAS, kind: 'boundary', doc: JSON.stringify(v12(st({ Sid: 'S' }))).replace('"S"', `"${pad(policyLimits.managed - JSON.stringify(v12(st({ Sid: 'S' }))).length + 1)}"`) + '          ' },
  { name: 'managed policy over 6144 characters', cite: QUOTAS, kind: 'boundary', doc: v12(st({ Sid: pad(6200) })), code: 'LimitExceeded', error: 'Cannot exceed quota for PolicySize: 6144' },
  { name: 'trust policy over 2048 characters', cite: QUOTAS, kind: 'trust', doc: v12(trustSt({ Sid: pad(2100) })), code: 'LimitExceeded', error: 'Cannot exceed quota for ACLSizePerRole: 2048' },
];

describe('policy validation', () => {
  for (const c of cases) {
    it(`${c.name} [${c.cite}]`, () => {
      const text = typeof c.doc === 'string' ? c.doc : JSON.stringify(c.doc);
      const r = parsePolicy(text, c.kind);
      if (c.error === undefined) {
        assert.ok(r.ok, r.ok ? '' : `refused: ${r.error.message}`);
        if (c.json !== undefined) assert.equal(r.policy.json, c.json);
        assert.equal(r.policy.kind, c.kind);
      } else {
        assert.ok(!r.ok, 'should be refused');
        assert.equal(r.error.message, c.error);
        assert.equal(r.error.code, c.code ?? 'MalformedPolicyDocument');
      }
    });
  }
});

describe('sizes and inspection', () => {
  it('policySize ignores whitespace [IAM UG: IAM and AWS STS quotas]', () => {
    assert.equal(policySize('{ "a" :\n\t"b c" }'), 10);
    assert.equal(policySize(''), 0);
  });
  it('the quota can be chosen per call (inline role policy up to 10240) [IAM UG: IAM and AWS STS quotas]', () => {
    const big = JSON.stringify(v12(st({ Sid: pad(7000) })));
    assert.ok(parsePolicy(big, 'identity').ok, 'identity kind has no default quota');
    const asManaged = parsePolicy(big, 'identity', { quota: 'managed' });
    assert.ok(!asManaged.ok && asManaged.error.message === 'Cannot exceed quota for PolicySize: 6144');
    assert.ok(parsePolicy(big, 'identity', { quota: 'inlineRole' }).ok);
    const asUser = parsePolicy(big, 'identity', { quota: 'inlineUser' });
    assert.ok(!asUser.ok && asUser.error.message === 'Cannot exceed quota for UserPolicySize: 2048');
  });
  it('statementCount counts statements [IAM UG: Grammar of the IAM JSON policy language]', () => {
    const r = parsePolicy(JSON.stringify(v12(st({}), st({ Effect: 'Deny' }))), 'identity');
    assert.ok(r.ok && r.policy.statementCount === 2);
  });
  it('principalsOf lists named principals for existence checks [IAM API: CreateRole "Invalid principal in policy"]', () => {
    const r = parsePolicy(JSON.stringify(v12(trustSt({ Principal: { AWS: ['111111111111', 'arn:aws:iam::111111111111:role/x', '*'], Service: 'ec2.amazonaws.com' } }))), 'trust');
    assert.ok(r.ok);
    assert.deepEqual(principalsOf(r.policy), [
      { type: 'AWS', value: 'arn:aws:iam::111111111111:root' },
      { type: 'AWS', value: 'arn:aws:iam::111111111111:role/x' },
      { type: 'Service', value: 'ec2.amazonaws.com' },
    ]);
  });
});
