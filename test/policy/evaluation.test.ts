// Same-account evaluation: explicit deny, default deny, identity OR resource-based allows,
// Action/NotAction and Resource/NotResource matching.
import { allow, deny, doc, runCases, session, user, type EvalCase } from './helpers.js';

const EVAL = 'IAM UG: Policy evaluation logic > Determining whether a request is allowed or denied within an account';
const ACTION = 'IAM UG: IAM JSON policy elements: Action';
const NOTACTION = 'IAM UG: IAM JSON policy elements: NotAction';
const RES = 'IAM UG: IAM JSON policy elements: Resource > Using wildcards in resource ARNs';
const NOTRES = 'IAM UG: IAM JSON policy elements: NotResource';
const EXPLICIT = 'IAM UG: Policy evaluation logic > The difference between explicit and implicit denies';

const obj = 'arn:aws:s3:::bucket/key.txt';

const evaluation: EvalCase[] = [
  { name: 'no policies at all: implicit deny', cite: EVAL, action: 's3:GetObject', resource: obj, expect: 'implicitDeny', decidingType: 'identity' },
  { name: 'identity allow grants', cite: EVAL, action: 's3:GetObject', resource: obj, identity: [doc(allow('s3:GetObject', obj))], expect: 'allowed' },
  { name: 'allow for another action does not grant', cite: EVAL, action: 's3:PutObject', resource: obj, identity: [doc(allow('s3:GetObject', obj))], expect: 'implicitDeny', decidingType: 'identity' },
  { name: 'explicit deny overrides allow in the same policy', cite: EXPLICIT, action: 's3:GetObject', resource: obj, identity: [doc(allow('s3:*'), deny('s3:GetObject', obj))], expect: 'explicitDeny', decidingType: 'identity', denyingStatement: 1 },
  { name: 'explicit deny in another policy overrides allow', cite: EXPLICIT, action: 's3:GetObject', resource: obj, identity: [doc(allow('*')), doc({ Sid: 'NoGet', ...deny('s3:Get*') })], expect: 'explicitDeny', denyingStatement: 'NoGet' },
  { name: 'deny for another action leaves the allow', cite: EXPLICIT, action: 's3:GetObject', resource: obj, identity: [doc(allow('*'), deny('s3:PutObject'))], expect: 'allowed' },
  { name: 'deny alone is still a deny', cite: EXPLICIT, action: 's3:GetObject', resource: obj, identity: [doc(deny('*'))], expect: 'explicitDeny' },
  { name: 'allows from several policies: any one is enough', cite: EVAL, action: 'iam:GetUser', resource: 'arn:aws:iam::111111111111:user/alice', identity: [doc(allow('s3:*')), doc(allow('iam:GetUser'))], expect: 'allowed' },
  { name: 'same account: bucket policy naming the user grants without identity policy', cite: EVAL, action: 's3:GetObject', resource: obj, resourcePolicy: doc(allow('s3:GetObject', obj, { Principal: { AWS: 'arn:aws:iam::111111111111:user/alice' } })), expect: 'allowed' },
  { name: 'same account: bucket policy naming another user does not grant', cite: EVAL, action: 's3:GetObject', resource: obj, resourcePolicy: doc(allow('s3:GetObject', obj, { Principal: { AWS: 'arn:aws:iam::111111111111:user/bob' } })), expect: 'implicitDeny', decidingType: 'identity', explanation: /has no identity-based policies.*; the bucket policy does not allow it either \(statement 0 of the bucket policy names other principals than arn:aws:iam::111111111111:user\/alice\)\.$/ },
  { name: 'same account: identity allow with a silent bucket policy', cite: EVAL, action: 's3:GetObject', resource: obj, identity: [doc(allow('s3:GetObject'))], resourcePolicy: doc(allow('s3:GetObject', obj, { Principal: { AWS: 'arn:aws:iam::111111111111:user/bob' } })), expect: 'allowed' },
  { name: 'same account: bucket policy deny beats identity allow', cite: EXPLICIT, action: 's3:GetObject', resource: obj, identity: [doc(allow('s3:*'))], resourcePolicy: doc(deny('s3:GetObject', obj, { Principal: '*' })), expect: 'explicitDeny', decidingType: 'resource' },
  { name: 'same account: bucket policy naming the account delegates (no identity allow)', cite: 'IAM UG: AWS JSON policy elements: Principal > AWS account principals', action: 's3:GetObject', resource: obj, resourcePolicy: doc(allow('s3:GetObject', obj, { Principal: { AWS: 'arn:aws:iam::111111111111:root' } })), expect: 'implicitDeny', decidingType: 'identity' },
  { name: 'same account: bucket policy naming the account + identity allow', cite: 'IAM UG: AWS JSON policy elements: Principal > AWS account principals', action: 's3:GetObject', resource: obj, identity: [doc(allow('s3:GetObject'))], resourcePolicy: doc(allow('s3:GetObject', obj, { Principal: { AWS: '111111111111' } })), expect: 'allowed' },
  { name: 'same account: Principal "*" grants to everyone', cite: 'IAM UG: AWS JSON policy elements: Principal > All principals', action: 's3:GetObject', resource: obj, resourcePolicy: doc(allow('s3:GetObject', obj, { Principal: '*' })), expect: 'allowed' },
  { name: 'same account: Principal {"AWS":"*"} grants to everyone', cite: 'IAM UG: AWS JSON policy elements: Principal > All principals', action: 's3:GetObject', resource: obj, resourcePolicy: doc(allow('s3:GetObject', obj, { Principal: { AWS: '*' } })), expect: 'allowed' },
  { name: 'same account: bucket policy naming the role of a session grants', cite: 'IAM UG: AWS JSON policy elements: Principal > IAM role principals', principal: session('reader', 's1'), action: 's3:GetObject', resource: obj, resourcePolicy: doc(allow('s3:GetObject', obj, { Principal: { AWS: 'arn:aws:iam::111111111111:role/reader' } })), expect: 'allowed' },
  { name: 'same account: bucket policy naming the session ARN grants', cite: 'IAM UG: AWS JSON policy elements: Principal > Role session principals', principal: session('reader', 's1'), action: 's3:GetObject', resource: obj, resourcePolicy: doc(allow('s3:GetObject', obj, { Principal: { AWS: 'arn:aws:sts::111111111111:assumed-role/reader/s1' } })), expect: 'allowed' },
  { name: 'same account: bucket policy naming another session of the role does not grant', cite: 'IAM UG: AWS JSON policy elements: Principal > Role session principals', principal: session('reader', 's1'), action: 's3:GetObject', resource: obj, resourcePolicy: doc(allow('s3:GetObject', obj, { Principal: { AWS: 'arn:aws:sts::111111111111:assumed-role/reader/other' } })), expect: 'implicitDeny' },
  { name: 'session: role identity policy grants', cite: EVAL, principal: session('reader', 's1'), action: 's3:GetObject', resource: obj, identity: [doc(allow('s3:Get*'))], expect: 'allowed' },
  { name: 'user ARN principal is case-sensitive', cite: 'IAM UG: AWS JSON policy elements: Principal > IAM user principals', action: 's3:GetObject', resource: obj, resourcePolicy: doc(allow('s3:GetObject', obj, { Principal: { AWS: 'arn:aws:iam::111111111111:user/Alice' } })), expect: 'implicitDeny' },
  { name: 'user with a path is matched by its full ARN', cite: 'IAM UG: IAM identifiers > IAM ARNs', principal: user('dev/alice'), action: 's3:GetObject', resource: obj, resourcePolicy: doc(allow('s3:GetObject', obj, { Principal: { AWS: 'arn:aws:iam::111111111111:user/dev/alice' } })), expect: 'allowed' },
];

const actions: EvalCase[] = [
  { name: 'action names are case-insensitive', cite: ACTION, action: 's3:GetObject', resource: obj, identity: [doc(allow('S3:getobject'))], expect: 'allowed' },
  { name: 'action wildcard * matches everything', cite: ACTION, action: 'ec2:DescribeInstances', identity: [doc(allow('*'))], expect: 'allowed' },
  { name: 'service wildcard s3:*', cite: ACTION, action: 's3:ListBucket', resource: 'arn:aws:s3:::bucket', identity: [doc(allow('s3:*'))], expect: 'allowed' },
  { name: 'prefix wildcard s3:Get*', cite: ACTION, action: 's3:GetObjectAcl', resource: obj, identity: [doc(allow('s3:Get*'))], expect: 'allowed' },
  { name: 'prefix wildcard does not match other prefixes', cite: ACTION, action: 's3:PutObject', resource: obj, identity: [doc(allow('s3:Get*'))], expect: 'implicitDeny' },
  { name: 'infix wildcard iam:*AccessKey*', cite: ACTION, action: 'iam:CreateAccessKey', identity: [doc(allow('iam:*AccessKey*'))], expect: 'allowed' },
  { name: '? matches one character', cite: ACTION, action: 'sts:AssumeRole', identity: [doc(allow('sts:AssumeRol?'))], expect: 'allowed' },
  { name: '? does not match two characters', cite: ACTION, action: 'sts:AssumeRole', identity: [doc(allow('sts:AssumeRo?'))], expect: 'implicitDeny' },
  { name: 'wildcard does not cross into another service', cite: ACTION, action: 'sts:GetFederationToken', identity: [doc(allow('s3:*'))], expect: 'implicitDeny' },
  { name: 'action list: any entry matches', cite: ACTION, action: 'iam:ListRoles', identity: [doc(allow(['iam:GetRole', 'iam:ListRoles']))], expect: 'allowed' },
  { name: 'action list: none matches', cite: ACTION, action: 'iam:DeleteRole', identity: [doc(allow(['iam:GetRole', 'iam:ListRoles']))], expect: 'implicitDeny' },
  { name: 'NotAction allow grants everything else', cite: NOTACTION, action: 's3:GetObject', resource: obj, identity: [doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })], expect: 'allowed' },
  { name: 'NotAction allow does not grant the listed actions', cite: NOTACTION, action: 'iam:CreateUser', identity: [doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })], expect: 'implicitDeny' },
  { name: 'NotAction deny denies everything else', cite: NOTACTION, action: 'ec2:RunInstances', identity: [doc(allow('*'), { Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' })], expect: 'explicitDeny' },
  { name: 'NotAction deny spares the listed actions', cite: NOTACTION, action: 'sts:GetCallerIdentity', identity: [doc(allow('*'), { Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' })], expect: 'allowed' },
  { name: 'NotAction is case-insensitive too', cite: NOTACTION, action: 'IAM:CreateUser', identity: [doc({ Effect: 'Allow', NotAction: 'iam:createuser', Resource: '*' })], expect: 'implicitDeny' },
];

const resources: EvalCase[] = [
  { name: 'exact resource ARN', cite: RES, action: 's3:GetObject', resource: obj, identity: [doc(allow('s3:GetObject', obj))], expect: 'allowed' },
  { name: 'resource matching is case-sensitive', cite: RES, action: 's3:GetObject', resource: obj, identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::Bucket/key.txt'))], expect: 'implicitDeny' },
  { name: 'trailing * covers nested keys (crosses "/")', cite: RES, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/a/b/c.txt', identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/*'))], expect: 'allowed' },
  { name: 'bucket/* does not cover the bucket itself', cite: RES, action: 's3:ListBucket', resource: 'arn:aws:s3:::bucket', identity: [doc(allow('s3:ListBucket', 'arn:aws:s3:::bucket/*'))], expect: 'implicitDeny' },
  { name: 'mid-segment * matches within the segment', cite: RES, action: 'iam:GetRole', resource: 'arn:aws:iam::111111111111:role/app-reader', identity: [doc(allow('iam:GetRole', 'arn:aws:iam::111111111111:role/app-*'))], expect: 'allowed' },
  { name: '* in the account segment', cite: RES, action: 'sts:AssumeRole', resource: 'arn:aws:iam::222222222222:role/Target', resourceAccount: '111111111111', identity: [doc(allow('sts:AssumeRole', 'arn:aws:iam::*:role/Target'))], expect: 'allowed' },
  { name: '* in the region segment', cite: RES, action: 'ec2:StartInstances', resource: 'arn:aws:ec2:eu-west-1:111111111111:instance/i-0abc', identity: [doc(allow('ec2:StartInstances', 'arn:aws:ec2:*:111111111111:instance/*'))], expect: 'allowed' },
  { name: 'mid-segment * does not cross a colon', cite: RES, action: 'logs:PutLogEvents', resource: 'arn:aws:logs:us-east-1:111111111111:log-group:app:log-stream:s1', identity: [doc(allow('logs:PutLogEvents', 'arn:aws:logs:us-east-1:111111111111:log-group:a*p'))], expect: 'implicitDeny' },
  { name: '* as last character of a segment may expand beyond the colon', cite: RES, action: 'logs:PutLogEvents', resource: 'arn:aws:logs:us-east-1:111111111111:log-group:app:log-stream:s1', identity: [doc(allow('logs:PutLogEvents', 'arn:aws:logs:us-east-1:111111111111:log-group:app*'))], expect: 'allowed' },
  { name: '? matches one character of a segment', cite: RES, action: 'iam:GetUser', resource: 'arn:aws:iam::111111111111:user/bob', identity: [doc(allow('iam:GetUser', 'arn:aws:iam::111111111111:user/b?b'))], expect: 'allowed' },
  { name: '? does not match a colon', cite: RES, action: 'logs:PutLogEvents', resource: 'arn:aws:logs:us-east-1:111111111111:log-group:app', identity: [doc(allow('logs:PutLogEvents', 'arn:aws:logs:us-east-1:111111111111:log-group?app'))], expect: 'implicitDeny' },
  { name: 'Resource "*" does not need an ARN', cite: RES, action: 'ec2:DescribeInstances', identity: [doc(allow('ec2:DescribeInstances', '*'))], expect: 'allowed' },
  { name: 'an ARN pattern does not match a request for "*" (no resource-level permission)', cite: RES, action: 'ec2:DescribeInstances', identity: [doc(allow('ec2:DescribeInstances', 'arn:aws:ec2:*:*:instance/*'))], expect: 'implicitDeny' },
  { name: 'resource list: any entry matches', cite: RES, action: 's3:GetObject', resource: obj, identity: [doc(allow('s3:GetObject', ['arn:aws:s3:::other/*', 'arn:aws:s3:::bucket/*']))], expect: 'allowed' },
  { name: 'NotResource allow covers other resources', cite: NOTRES, action: 's3:GetObject', resource: obj, identity: [doc({ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' })], expect: 'allowed' },
  { name: 'NotResource allow excludes the listed resources', cite: NOTRES, action: 's3:GetObject', resource: 'arn:aws:s3:::secret/x', identity: [doc({ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' })], expect: 'implicitDeny' },
  { name: 'NotResource deny denies everything but the listed resources', cite: NOTRES, action: 's3:GetObject', resource: obj, identity: [doc(allow('s3:*'), { Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::public', 'arn:aws:s3:::public/*'] })], expect: 'explicitDeny' },
  { name: 'NotResource deny spares the listed resources', cite: NOTRES, action: 's3:GetObject', resource: 'arn:aws:s3:::public/x', identity: [doc(allow('s3:*'), { Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::public', 'arn:aws:s3:::public/*'] })], expect: 'allowed' },
  { name: 'NotAction with NotResource together', cite: NOTRES, action: 'iam:ListUsers', identity: [doc({ Effect: 'Allow', NotAction: 's3:*', NotResource: 'arn:aws:iam::111111111111:user/root-only' })], expect: 'allowed' },
];

runCases('evaluation within one account', evaluation);
runCases('Action and NotAction', actions);
runCases('Resource and NotResource', resources);
