// Permissions boundaries and session policies cap identity-based grants; resource-based grants
// naming the user or the session itself are not capped, those naming the role are.
import { A, allow, B, deny, doc, runCases, session, user, type EvalCase } from './helpers.js';

const PB = 'IAM UG: Permissions boundaries for IAM entities > Evaluating effective permissions with boundaries';
const PB_RBP = 'IAM UG: Permissions boundaries for IAM entities > Resource-based policies';
const SP = 'IAM UG: Policies and permissions in IAM > Session policies';
const SP_RBP = 'IAM UG: Session policies > resource-based policies naming the role ARN or the session ARN';

const obj = 'arn:aws:s3:::bucket/k';
const s = session('dev', 'work');
const bucketFor = (principal: unknown) => doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/*', { Principal: principal }));

const boundaries: EvalCase[] = [
  { name: 'identity and boundary both allow', cite: PB, action: 's3:GetObject', resource: obj, identity: [doc(allow('s3:*'))], boundary: doc(allow('s3:GetObject')), expect: 'allowed' },
  { name: 'boundary does not allow: implicit deny by boundary', cite: PB, action: 's3:PutObject', resource: obj, identity: [doc(allow('s3:*'))], boundary: doc(allow('s3:GetObject')), expect: 'implicitDeny', decidingType: 'boundary', message: 'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::bucket/k because no permissions boundary allows the s3:PutObject action' },
  { name: 'boundary alone grants nothing', cite: PB, action: 's3:GetObject', resource: obj, boundary: doc(allow('*')), expect: 'implicitDeny', decidingType: 'identity' },
  { name: 'explicit deny in the boundary', cite: PB, action: 'iam:CreateUser', identity: [doc(allow('*'))], boundary: doc(allow('*'), deny('iam:*')), expect: 'explicitDeny', decidingType: 'boundary', message: 'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: iam:CreateUser with an explicit deny in a permissions boundary' },
  { name: 'boundary with a condition that fails', cite: PB, action: 's3:GetObject', resource: obj, identity: [doc(allow('s3:*'))], boundary: doc(allow('s3:*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })), context: { 'aws:RequestedRegion': 'us-east-1' }, expect: 'implicitDeny', decidingType: 'boundary' },
  { name: 'boundary on a role caps its sessions', cite: PB, principal: s, action: 'ec2:RunInstances', identity: [doc(allow('*'))], boundary: doc(allow('s3:*')), expect: 'implicitDeny', decidingType: 'boundary' },
  { name: 'same account: bucket policy naming the user is not capped by the boundary', cite: PB_RBP, action: 's3:GetObject', resource: obj, boundary: doc(allow('ec2:*')), resourcePolicy: bucketFor({ AWS: 'arn:aws:iam::111111111111:user/alice' }), expect: 'allowed' },
  { name: 'same account: bucket policy naming the session is not capped by the boundary', cite: PB_RBP, principal: s, action: 's3:GetObject', resource: obj, boundary: doc(allow('ec2:*')), resourcePolicy: bucketFor({ AWS: 'arn:aws:sts::111111111111:assumed-role/dev/work' }), expect: 'allowed' },
  { name: 'same account: bucket policy naming the role is capped by the boundary', cite: PB_RBP, principal: s, action: 's3:GetObject', resource: obj, boundary: doc(allow('ec2:*')), resourcePolicy: bucketFor({ AWS: 'arn:aws:iam::111111111111:role/dev' }), expect: 'implicitDeny', decidingType: 'identity' },
  { name: 'same account: bucket policy naming the role, boundary allows', cite: PB_RBP, principal: s, action: 's3:GetObject', resource: obj, boundary: doc(allow('s3:*')), resourcePolicy: bucketFor({ AWS: 'arn:aws:iam::111111111111:role/dev' }), expect: 'allowed' },
  { name: 'same account: bucket policy naming the account is capped (it delegates)', cite: PB_RBP, action: 's3:GetObject', resource: obj, identity: [doc(allow('s3:*'))], boundary: doc(allow('ec2:*')), resourcePolicy: bucketFor({ AWS: A }), expect: 'implicitDeny', decidingType: 'boundary' },
  { name: 'explicit deny in the boundary beats a bucket policy naming the user', cite: PB_RBP, action: 's3:GetObject', resource: obj, boundary: doc(deny('s3:*')), resourcePolicy: bucketFor({ AWS: 'arn:aws:iam::111111111111:user/alice' }), expect: 'explicitDeny', decidingType: 'boundary' },
  { name: 'cross account: boundary caps even when the bucket policy names the user', cite: 'IAM UG: Cross-account policy evaluation logic', action: 's3:GetObject', resource: obj, resourceAccount: B, identity: [doc(allow('s3:*'))], boundary: doc(allow('ec2:*')), resourcePolicy: bucketFor({ AWS: 'arn:aws:iam::111111111111:user/alice' }), expect: 'implicitDeny', decidingType: 'boundary' },
  { name: 'trust naming the user (same account) is not capped by the user boundary', cite: PB_RBP, action: 'sts:AssumeRole', resource: 'arn:aws:iam::111111111111:role/r', boundary: doc(allow('s3:*')), resourcePolicy: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:user/alice' }, Action: 'sts:AssumeRole' }), expect: 'allowed' },
];

const sessions: EvalCase[] = [
  { name: 'role allows and session policy allows', cite: SP, principal: s, action: 's3:GetObject', resource: obj, identity: [doc(allow('s3:*'))], session: [doc(allow('s3:GetObject'))], expect: 'allowed' },
  { name: 'session policy does not allow: implicit deny by session policy', cite: SP, principal: s, action: 's3:PutObject', resource: obj, identity: [doc(allow('s3:*'))], session: [doc(allow('s3:GetObject'))], expect: 'implicitDeny', decidingType: 'session', message: 'User: arn:aws:sts::111111111111:assumed-role/dev/work is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::bucket/k because no session policy allows the s3:PutObject action' },
  { name: 'session policy cannot grant beyond the role', cite: SP, principal: s, action: 'ec2:RunInstances', identity: [doc(allow('s3:*'))], session: [doc(allow('*'))], expect: 'implicitDeny', decidingType: 'identity' },
  { name: 'several session policies: any may allow (inline + managed ARNs)', cite: SP, principal: s, action: 'ec2:DescribeVpcs', identity: [doc(allow('*'))], session: [doc(allow('s3:*')), doc(allow('ec2:Describe*'))], expect: 'allowed' },
  { name: 'explicit deny in a session policy', cite: SP, principal: s, action: 's3:DeleteObject', resource: obj, identity: [doc(allow('*'))], session: [doc(allow('*'), deny('s3:Delete*'))], expect: 'explicitDeny', decidingType: 'session', message: /with an explicit deny in a session policy$/ },
  { name: 'an empty list of session policies caps nothing', cite: SP, principal: s, action: 's3:DeleteObject', resource: obj, identity: [doc(allow('*'))], session: [], expect: 'allowed' },
  { name: 'no session policy passed: the role policies alone decide', cite: SP, principal: s, action: 's3:DeleteObject', resource: obj, identity: [doc(allow('*'))], expect: 'allowed' },
  { name: 'same account: resource policy naming the session is not capped by session policy', cite: SP_RBP, principal: s, action: 's3:GetObject', resource: obj, session: [doc(allow('ec2:*'))], resourcePolicy: bucketFor({ AWS: 'arn:aws:sts::111111111111:assumed-role/dev/work' }), expect: 'allowed' },
  { name: 'same account: resource policy naming the role is capped by the session policy', cite: SP_RBP, principal: s, action: 's3:GetObject', resource: obj, session: [doc(allow('ec2:*'))], resourcePolicy: bucketFor({ AWS: 'arn:aws:iam::111111111111:role/dev' }), expect: 'implicitDeny' },
  { name: 'same account: resource policy naming the role, session policy allows', cite: SP_RBP, principal: s, action: 's3:GetObject', resource: obj, session: [doc(allow('s3:Get*'))], resourcePolicy: bucketFor({ AWS: 'arn:aws:iam::111111111111:role/dev' }), expect: 'allowed' },
  { name: 'session + boundary + identity all allow', cite: 'IAM UG: Policy evaluation logic > Evaluating identity-based policies with boundaries and session policies', principal: s, action: 's3:GetObject', resource: obj, identity: [doc(allow('s3:*'))], boundary: doc(allow('s3:Get*')), session: [doc(allow('s3:GetObject'))], expect: 'allowed' },
  { name: 'session + boundary: boundary refuses first', cite: 'IAM UG: Policy evaluation logic', principal: s, action: 's3:PutObject', resource: obj, identity: [doc(allow('s3:*'))], boundary: doc(allow('s3:Get*')), session: [doc(allow('s3:GetObject'))], expect: 'implicitDeny', decidingType: 'boundary' },
  { name: 'session policy with a condition on principal tag', cite: SP, principal: session('dev', 'work', A, { tags: { team: 'blue' } }), action: 's3:GetObject', resource: obj, identity: [doc(allow('s3:*'))], session: [doc(allow('s3:*', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } } }))], expect: 'allowed' },
  { name: 'user (not a session) is never capped by session policies it does not have', cite: SP, principal: user('alice'), action: 's3:GetObject', resource: obj, identity: [doc(allow('s3:*'))], expect: 'allowed' },
];

runCases('permissions boundaries', boundaries);
runCases('session policies', sessions);
