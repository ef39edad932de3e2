// Cross-account evaluation: the resource's account and the caller's account must both allow.
import { A, allow, B, deny, doc, runCases, session, trust, user, type EvalCase } from './helpers.js';

const CROSS = 'IAM UG: Cross-account policy evaluation logic';
const CROSS_RBP = 'IAM UG: Cross-account policy evaluation logic > Determining whether a cross-account request is allowed';
const ROLES = 'IAM UG: Providing access to an IAM user in another AWS account that you own';

const role = `arn:aws:iam::${B}:role/Target`;
const assume = doc(allow('sts:AssumeRole', role));
const bobj = 'arn:aws:s3:::b-bucket/report.csv';

const cases: EvalCase[] = [
  { name: 'trust names the source account and the user may assume: allowed', cite: ROLES, action: 'sts:AssumeRole', resource: role, identity: [assume], resourcePolicy: trust({ AWS: `arn:aws:iam::${A}:root` }), expect: 'allowed' },
  { name: 'trust names the account id (stored as root ARN): allowed', cite: ROLES, action: 'sts:AssumeRole', resource: role, identity: [assume], resourcePolicy: trust({ AWS: A }), expect: 'allowed' },
  { name: 'trust allows, no identity policy: denied by identity side', cite: CROSS_RBP, action: 'sts:AssumeRole', resource: role, resourcePolicy: trust({ AWS: `arn:aws:iam::${A}:root` }), expect: 'implicitDeny', decidingType: 'identity', explanation: /Cross-account access needs both sides: the trust policy of role\/target allows account 111111111111 \(statement 0\), but .*no(thing| identity-based policy)/ },
  { name: 'identity allows, trust names another account: denied by resource side', cite: CROSS_RBP, action: 'sts:AssumeRole', resource: role, identity: [assume], resourcePolicy: trust({ AWS: 'arn:aws:iam::333333333333:root' }), expect: 'implicitDeny', decidingType: 'resource' },
  { name: 'trust names the user directly: still needs identity allow cross-account', cite: CROSS_RBP, action: 'sts:AssumeRole', resource: role, resourcePolicy: trust({ AWS: `arn:aws:iam::${A}:user/alice` }), expect: 'implicitDeny', decidingType: 'identity' },
  { name: 'trust names the user directly + identity allow', cite: CROSS_RBP, action: 'sts:AssumeRole', resource: role, identity: [assume], resourcePolicy: trust({ AWS: `arn:aws:iam::${A}:user/alice` }), expect: 'allowed' },
  { name: 'trust names another user of the account', cite: CROSS_RBP, action: 'sts:AssumeRole', resource: role, identity: [assume], resourcePolicy: trust({ AWS: `arn:aws:iam::${A}:user/bob` }), expect: 'implicitDeny', decidingType: 'resource' },
  { name: 'identity allow on a different role does not help', cite: CROSS, action: 'sts:AssumeRole', resource: role, identity: [doc(allow('sts:AssumeRole', `arn:aws:iam::${B}:role/Other`))], resourcePolicy: trust({ AWS: A }), expect: 'implicitDeny', decidingType: 'identity', explanation: /does not cover the resource arn:aws:iam::222222222222:role\/Target/ },
  { name: 'identity allow with * resource', cite: CROSS, action: 'sts:AssumeRole', resource: role, identity: [doc(allow('sts:AssumeRole'))], resourcePolicy: trust({ AWS: A }), expect: 'allowed' },
  { name: 'neither side allows: identity named first', cite: CROSS, action: 'sts:AssumeRole', resource: role, resourcePolicy: trust({ AWS: 'arn:aws:iam::333333333333:root' }), expect: 'implicitDeny', decidingType: 'identity' },
  { name: 'role-to-role: source role session with identity allow, trust names source role', cite: ROLES, principal: session('RoleA', 'a', A), action: 'sts:AssumeRole', resource: role, identity: [assume], resourcePolicy: trust({ AWS: `arn:aws:iam::${A}:role/RoleA` }), expect: 'allowed' },
  { name: 'role-to-role cross account: trust alone is not enough', cite: ROLES, principal: session('RoleA', 'a', A), action: 'sts:AssumeRole', resource: role, resourcePolicy: trust({ AWS: `arn:aws:iam::${A}:role/RoleA` }), expect: 'implicitDeny', decidingType: 'identity' },
  { name: 'trust naming the source account covers role sessions of that account', cite: ROLES, principal: session('RoleA', 'a', A), action: 'sts:AssumeRole', resource: role, identity: [assume], resourcePolicy: trust({ AWS: A }), expect: 'allowed' },
  { name: 'explicit deny in the trust policy wins', cite: CROSS, action: 'sts:AssumeRole', resource: role, identity: [assume], resourcePolicy: doc({ Effect: 'Allow', Principal: { AWS: A }, Action: 'sts:AssumeRole' }, { Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${A}:user/alice` }, Action: 'sts:AssumeRole' }), expect: 'explicitDeny', decidingType: 'resource' },
  { name: 'explicit deny in the caller identity policy wins', cite: CROSS, action: 'sts:AssumeRole', resource: role, identity: [assume, doc(deny('sts:*'))], resourcePolicy: trust({ AWS: A }), expect: 'explicitDeny', decidingType: 'identity' },
  { name: 'cross-account S3 without a bucket policy: denied by resource side', cite: CROSS_RBP, action: 's3:GetObject', resource: bobj, resourceAccount: B, identity: [doc(allow('s3:*'))], expect: 'implicitDeny', decidingType: 'resource', explanation: /has no resource-based policy/ },
  { name: 'cross-account S3 with bucket policy for the account and identity allow', cite: CROSS_RBP, action: 's3:GetObject', resource: bobj, resourceAccount: B, identity: [doc(allow('s3:GetObject'))], resourcePolicy: doc(allow('s3:GetObject', 'arn:aws:s3:::b-bucket/*', { Principal: { AWS: A } })), expect: 'allowed' },
  { name: 'cross-account S3: bucket policy alone (naming the user) is not enough', cite: CROSS_RBP, action: 's3:GetObject', resource: bobj, resourceAccount: B, resourcePolicy: doc(allow('s3:GetObject', 'arn:aws:s3:::b-bucket/*', { Principal: { AWS: `arn:aws:iam::${A}:user/alice` } })), expect: 'implicitDeny', decidingType: 'identity' },
  { name: 'cross-account S3: public bucket policy still needs caller identity allow', cite: CROSS_RBP, action: 's3:GetObject', resource: bobj, resourceAccount: B, resourcePolicy: doc(allow('s3:GetObject', 'arn:aws:s3:::b-bucket/*', { Principal: '*' })), expect: 'implicitDeny', decidingType: 'identity' },
  { name: 'cross-account S3: bucket policy for another object', cite: CROSS_RBP, action: 's3:GetObject', resource: bobj, resourceAccount: B, identity: [doc(allow('s3:GetObject'))], resourcePolicy: doc(allow('s3:GetObject', 'arn:aws:s3:::b-bucket/public/*', { Principal: { AWS: A } })), expect: 'implicitDeny', decidingType: 'resource' },
  { name: 'a user of account B is same-account for the role', cite: 'IAM UG: Policy evaluation logic', principal: user('carol', B), action: 'sts:AssumeRole', resource: role, resourcePolicy: trust({ AWS: `arn:aws:iam::${B}:user/carol` }), expect: 'allowed' },
  { name: 'resourceAccount undefined means same account', cite: 'IAM UG: Policy evaluation logic', action: 'ec2:DescribeVpcs', identity: [doc(allow('ec2:Describe*'))], expect: 'allowed' },
];

runCases('cross-account evaluation', cases);
