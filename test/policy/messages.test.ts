// AWS's AccessDenied message forms and the learner explanations.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate, formatDenial } from '../../src/policy/index.js';
import { A, allow, B, buildRequest, deny, doc, root, runCases, session, trust, type EvalCase } from './helpers.js';

const AD = 'IAM UG: Troubleshoot access denied error messages > Access denied error message examples';
const obj = 'arn:aws:s3:::bucket/k';
const alice = 'arn:aws:iam::111111111111:user/alice';

const cases: EvalCase[] = [
  { name: 'implicit deny by identity policy', cite: AD, action: 'iam:CreateUser', resource: 'arn:aws:iam::111111111111:user/bob', expect: 'implicitDeny', message: `User: ${alice} is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::111111111111:user/bob because no identity-based policy allows the iam:CreateUser action` },
  { name: 'no "on resource" when the resource is "*"', cite: AD, action: 'ec2:DescribeVpcs', expect: 'implicitDeny', message: `User: ${alice} is not authorized to perform: ec2:DescribeVpcs because no identity-based policy allows the ec2:DescribeVpcs action` },
  { name: 'explicit deny in an identity-based policy', cite: AD, action: 's3:GetObject', resource: obj, identity: [doc(deny('s3:*'))], expect: 'explicitDeny', message: `User: ${alice} is not authorized to perform: s3:GetObject on resource: ${obj} with an explicit deny in an identity-based policy` },
  { name: 'explicit deny in a resource-based policy', cite: AD, action: 's3:GetObject', resource: obj, identity: [doc(allow('s3:*'))], resourcePolicy: doc(deny('s3:*', '*', { Principal: '*' })), expect: 'explicitDeny', message: `User: ${alice} is not authorized to perform: s3:GetObject on resource: ${obj} with an explicit deny in a resource-based policy` },
  { name: 'implicit deny by resource-based policy (cross account)', cite: AD, action: 's3:GetObject', resource: obj, resourceAccount: B, identity: [doc(allow('s3:*'))], expect: 'implicitDeny', message: `User: ${alice} is not authorized to perform: s3:GetObject on resource: ${obj} because no resource-based policy allows the s3:GetObject action` },
  { name: 'session principal ARN in the message', cite: AD, principal: session('reader', 'learner'), action: 's3:PutObject', resource: obj, expect: 'implicitDeny', message: /^User: arn:aws:sts::111111111111:assumed-role\/reader\/learner is not authorized to perform: s3:PutObject/ },
  { name: 'message keeps the action as requested', cite: AD, action: 'STS:AssumeRole', resource: `arn:aws:iam::${B}:role/R`, resourcePolicy: trust({ AWS: A }), expect: 'implicitDeny', message: /perform: STS:AssumeRole .* allows the STS:AssumeRole action$/ },
  { name: 'allowed decisions have no message', cite: AD, action: 's3:GetObject', resource: obj, identity: [doc(allow('s3:*'))], expect: 'allowed', message: '' },
  { name: 'root AssumeRole message', cite: 'STS API: AssumeRole (root user credentials cannot assume roles)', principal: root(A), action: 'sts:AssumeRole', resource: `arn:aws:iam::${A}:role/R`, resourcePolicy: trust({ AWS: A }), expect: 'implicitDeny', message: 'Roles may not be assumed by root accounts.', explanation: /root user cannot assume roles/ },
  { name: 'explanation names the denying statement by Sid', cite: AD, action: 's3:GetObject', resource: obj, identity: [doc(allow('*'), { Sid: 'NoS3', ...deny('s3:*') })], expect: 'explicitDeny', explanation: /^Denied explicitly: statement "NoS3" of policy-1 \(identity-based policy\) denies s3:GetObject on arn:aws:s3:::bucket\/k/ },
  { name: 'explanation names near-miss statements by index and reason', cite: AD, action: 's3:PutObject', resource: obj, identity: [doc(allow('s3:GetObject', obj), allow('s3:PutObject', 'arn:aws:s3:::other/*'))], expect: 'implicitDeny', explanation: /no identity-based policy of user\/alice allows s3:PutObject on arn:aws:s3:::bucket\/k \(statement 0 of policy-1 does not cover the action s3:PutObject; statement 1 of policy-1 does not cover the resource arn:aws:s3:::bucket\/k\)/ },
  { name: 'explanation for a failed condition shows the value seen', cite: AD, action: 's3:GetObject', resource: obj, identity: [doc(allow('s3:*', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }))], context: { 'aws:SourceIp': '192.0.2.1' }, expect: 'implicitDeny', explanation: /its condition IpAddress aws:SourceIp "10.0.0.0\/8" failed for aws:SourceIp = "192.0.2.1"/ },
  { name: 'explanation for a boundary denial', cite: 'IAM UG: Permissions boundaries for IAM entities', action: 's3:PutObject', resource: obj, identity: [doc(allow('s3:*'))], boundary: doc(allow('s3:Get*')), expect: 'implicitDeny', explanation: /permissions boundary boundary does not allow s3:PutObject, and a boundary caps/ },
  { name: 'explanation for a session-policy denial', cite: 'IAM UG: Session policies', principal: session('r', 's'), action: 's3:PutObject', resource: obj, identity: [doc(allow('s3:*'))], session: [doc(allow('s3:Get*'))], expect: 'implicitDeny', explanation: /no session policy passed when the role was assumed allows s3:PutObject/ },
  { name: 'explanation for a trust policy naming someone else', cite: 'IAM UG: Roles terms and concepts > Trust policy', action: 'sts:AssumeRole', resource: `arn:aws:iam::${A}:role/R`, identity: [doc(allow('sts:AssumeRole'))], resourcePolicy: trust({ AWS: `arn:aws:iam::${A}:user/bob` }), expect: 'implicitDeny', explanation: /the trust policy of role\/target does not allow arn:aws:iam::111111111111:user\/alice to perform sts:AssumeRole \(statement 0 of the trust policy of role\/target names other principals/ },
  { name: 'explanation of an allowed cross-account AssumeRole', cite: 'IAM UG: Cross-account policy evaluation logic', action: 'sts:AssumeRole', resource: `arn:aws:iam::${B}:role/R`, identity: [doc(allow('sts:AssumeRole'))], resourcePolicy: trust({ AWS: A }), expect: 'allowed', explanation: /^Allowed: statement 0 of policy-1 allows sts:AssumeRole .*\(cross-account access needs both sides\)/ },
];

runCases('AccessDenied messages and explanations', cases);

describe('formatDenial options', () => {
  const c: EvalCase = { name: '', cite: AD, action: 's3:GetObject', resource: obj, expect: 'implicitDeny' };
  const { request, policies } = buildRequest(c);
  const d = evaluate(request, policies);
  it('quotes the resource for S3 [Amazon S3 UG: Troubleshoot Access Denied (403 Forbidden) errors]', () => {
    assert.equal(formatDenial(d, request, { quoteResource: true }), `User: ${alice} is not authorized to perform: s3:GetObject on resource: "${obj}" because no identity-based policy allows the s3:GetObject action`);
  });
  it('omits the reason for STS AssumeRole style [observed STS AssumeRole AccessDenied]', () => {
    assert.equal(formatDenial(d, request, { reason: false }), `User: ${alice} is not authorized to perform: s3:GetObject on resource: ${obj}`);
  });
  it('appends the denying policy ARN when asked [IAM UG: Troubleshoot access denied error messages]', () => {
    const { request: r2, policies: p2 } = buildRequest({ ...c, identity: [doc(deny('s3:*'))] });
    p2.identity[0]!.arn = 'arn:aws:iam::111111111111:policy/DenyS3';
    const d2 = evaluate(r2, p2);
    assert.equal(formatDenial(d2, r2, { policyArn: true }), `User: ${alice} is not authorized to perform: s3:GetObject on resource: ${obj} with an explicit deny in an identity-based policy: arn:aws:iam::111111111111:policy/DenyS3`);
  });
  it('JSON form carries message, explanation and traces [lab report]', () => {
    const json = JSON.parse(JSON.stringify(d));
    assert.equal(json.verdict, 'implicitDeny');
    assert.equal(json.message, d.message);
    assert.equal(json.explanation, d.explanation);
    assert.deepEqual(json.statements, []);
  });
  it('statement traces say why each statement did not match [IAM API: SimulatePrincipalPolicy MatchedStatements]', () => {
    const { request: r3, policies: p3 } = buildRequest({ ...c, context: {}, identity: [doc(allow('s3:PutObject'), allow('s3:GetObject', 'arn:aws:s3:::x/*'), allow('s3:*', '*', { Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } }))] });
    const d3 = evaluate(r3, p3);
    assert.deepEqual(d3.statements.map((s) => s.reason), ['action', 'resource', 'condition:aws:SourceVpc']);
    assert.deepEqual(d3.statements[2]!.condition, { operator: 'StringEquals', key: 'aws:SourceVpc', values: ['vpc-1'], seen: undefined });
    assert.deepEqual(d3.missingContextKeys, ['aws:SourceVpc']);
  });
});
