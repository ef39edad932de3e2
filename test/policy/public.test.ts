// Which bucket policies Amazon S3 calls public, for Block Public Access: table cases.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePolicy, publicGrant, withoutPublicGrants } from '../../src/policy/index.js';
import { evaluate } from '../../src/policy/index.js';
import { anonymous } from './helpers.js';

const MEANING = 'S3 UG: Blocking public access to your Amazon S3 storage > The meaning of "public"';
const API = 'S3 API: PublicAccessBlockConfiguration ("Amazon S3 considers a bucket policy public unless...")';
const R = 'arn:aws:s3:::b/*';
const allow = (extra: object) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: R, ...extra });
const cond = (operator: string, key: string, value: string | string[]) => ({ Principal: '*', Condition: { [operator]: { [key]: value } } });

interface PublicCase {
  name: string;
  cite: string;
  statements: object[];
  /** The index of the statement that makes it public; undefined: not public. */
  publicAt?: number;
}

const cases: PublicCase[] = [
  { name: 'Principal "*" grants to everyone', cite: MEANING, statements: [allow({ Principal: '*' })], publicAt: 0 },
  { name: 'AWS "*" among fixed principals still grants to everyone', cite: MEANING, statements: [allow({ Principal: { AWS: ['arn:aws:iam::111111111111:root', '*'] } })], publicAt: 0 },
  { name: 'an Allow with NotPrincipal grants to all but the listed', cite: MEANING, statements: [allow({ NotPrincipal: { AWS: 'arn:aws:iam::111111111111:root' } })], publicAt: 0 },
  { name: 'fixed accounts, users, roles and services are not public', cite: MEANING, statements: [allow({ Principal: { AWS: ['111111111111', 'arn:aws:iam::222222222222:user/u'], Service: 'cloudtrail.amazonaws.com' } })] },
  { name: 'a Deny to everyone only takes away', cite: MEANING, statements: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: R }] },
  { name: 'the first public statement is the one named', cite: MEANING, statements: [allow({ Principal: { AWS: '111111111111' } }), allow({ Principal: '*', Sid: 'Everyone' })], publicAt: 1 },
  { name: '"*" held to a fixed aws:SourceAccount', cite: API, statements: [allow(cond('StringEquals', 'aws:SourceAccount', '111111111111'))] },
  { name: '"*" held to a fixed aws:SourceArn (ArnEquals)', cite: API, statements: [allow(cond('ArnEquals', 'aws:SourceArn', 'arn:aws:cloudtrail:us-east-1:111111111111:trail/t'))] },
  { name: '"*" held to a fixed aws:SourceVpce', cite: API, statements: [allow(cond('StringEquals', 'aws:SourceVpce', 'vpce-1a2b3c4d'))] },
  { name: '"*" held to a fixed aws:PrincipalOrgID', cite: MEANING, statements: [allow(cond('StringEquals', 'aws:PrincipalOrgID', 'o-abcd1234'))] },
  { name: '"*" held to a CIDR block', cite: API, statements: [allow(cond('IpAddress', 'aws:SourceIp', ['192.0.2.0/24', '198.51.100.7']))] },
  { name: '"*" with a CIDR as broad as the whole Internet is public', cite: API, statements: [allow(cond('IpAddress', 'aws:SourceIp', '0.0.0.0/0'))], publicAt: 0 },
  { name: 'a wildcard is no fixed value', cite: API, statements: [allow(cond('StringLike', 'aws:SourceAccount', '1111*'))], publicAt: 0 },
  { name: 'aws:userid in the "AROLEID:*" pattern is no fixed value', cite: API, statements: [allow(cond('StringLike', 'aws:userid', 'AROAEXAMPLEID:*'))], publicAt: 0 },
  { name: 'a fixed aws:userid restricts', cite: API, statements: [allow(cond('StringEquals', 'aws:userid', 'AIDACKCEVSQ6C2EXAMPLE'))] },
  { name: 'a policy variable is no fixed value', cite: API, statements: [allow(cond('StringEquals', 'aws:SourceAccount', '${aws:PrincipalAccount}'))], publicAt: 0 },
  { name: 'a negated operator admits everyone else', cite: API, statements: [allow(cond('StringNotEquals', 'aws:SourceAccount', '111111111111'))], publicAt: 0 },
  { name: '...IfExists admits requests without the key', cite: API, statements: [allow(cond('StringEqualsIfExists', 'aws:SourceVpc', 'vpc-1a2b3c4d'))], publicAt: 0 },
  { name: 'a key outside the list restricts nothing', cite: API, statements: [allow(cond('StringEquals', 'aws:username', 'alice'))], publicAt: 0 },
];

describe('public bucket policies (Block Public Access)', () => {
  for (const c of cases) {
    it(`${c.name} [${c.cite}]`, () => {
      const policy = compilePolicy(JSON.stringify({ Version: '2012-10-17', Statement: c.statements }), 'resource');
      assert.equal(publicGrant(policy)?.index, c.publicAt);
    });
  }

  it('withoutPublicGrants keeps the rest of the policy (RestrictPublicBuckets)', () => {
    const policy = compilePolicy(JSON.stringify({ Version: '2012-10-17', Statement: [allow({ Principal: '*' }), { Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: R }] }), 'resource');
    const request = { principal: anonymous, action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: '111111111111', context: {} };
    assert.equal(evaluate(request, { identity: [], resource: { name: 'bucket policy of b', policy } }).allowed, true);
    const restricted = withoutPublicGrants(policy);
    assert.equal(publicGrant(restricted), undefined);
    assert.equal(evaluate(request, { identity: [], resource: { name: 'bucket policy of b', policy: restricted } }).allowed, false);
    const del = evaluate({ ...request, action: 's3:DeleteObject' }, { identity: [], resource: { name: 'bucket policy of b', policy: restricted } });
    assert.equal(del.verdict, 'explicitDeny');
  });
});
