// Policy variables in Resource and Condition values, and the keys the engine derives from the
// principal (aws:username, aws:userid, aws:PrincipalArn, aws:PrincipalAccount, ...).
import { A, allow, doc, root, runCases, session, user, type EvalCase } from './helpers.js';

const VARS = 'IAM UG: IAM policy elements: Variables and tags';
const SPECIAL = 'IAM UG: IAM policy elements: Variables and tags > Special characters';
const DEFAULTS = 'IAM UG: IAM policy elements: Variables and tags > Specifying default values';
const PKEYS = 'IAM UG: IAM policy elements: Variables and tags > Principal key values';
const GLOBAL = 'IAM UG: AWS global condition context keys';

const home = doc(allow(['s3:GetObject', 's3:PutObject'], 'arn:aws:s3:::bucket/home/${aws:username}/*'));
const tagged = (p = user('alice', A, { tags: { team: 'blue' } })) => p;

const cases: EvalCase[] = [
  { name: '${aws:username} in Resource: own home', cite: VARS, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/home/alice/a.txt', identity: [home], expect: 'allowed' },
  { name: '${aws:username} in Resource: someone else\'s home', cite: VARS, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/home/bob/a.txt', identity: [home], expect: 'implicitDeny' },
  { name: '${aws:username} is absent for a role session: no match', cite: PKEYS, principal: session('dev', 'alice'), action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/home/alice/a.txt', identity: [home], expect: 'implicitDeny', missing: ['aws:username'] },
  { name: 'unresolved variable makes a NotResource statement not apply', cite: PKEYS, principal: session('dev', 'x'), action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/a', identity: [doc({ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::bucket/home/${aws:username}/*' })], expect: 'implicitDeny' },
  { name: 'variables are literal text without Version 2012-10-17', cite: VARS, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/home/alice/a.txt', identity: [{ Statement: [allow('s3:GetObject', 'arn:aws:s3:::bucket/home/${aws:username}/*')] }], expect: 'implicitDeny' },
  { name: 'variables with Version 2008-10-17 are literal text', cite: VARS, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/home/${aws:username}/a', identity: [{ Version: '2008-10-17', Statement: [allow('s3:GetObject', 'arn:aws:s3:::bucket/home/${aws:username}/*')] }], expect: 'allowed' },
  { name: '${aws:userid} for a session is role-id:session', cite: PKEYS, principal: session('dev', 'x'), action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/AROADEVXXXXXXXXXXXXXX:x/f', identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/${aws:userid}/*'))], expect: 'allowed' },
  { name: '${aws:PrincipalTag/team} in Resource', cite: VARS, principal: tagged(), action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/blue/x', identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*'))], expect: 'allowed' },
  { name: 'principal tag key in a variable is case-insensitive', cite: VARS, principal: tagged(), action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/blue/x', identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/${aws:principaltag/TEAM}/*'))], expect: 'allowed' },
  { name: 'missing principal tag: no match', cite: VARS, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/blue/x', identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/${aws:PrincipalTag/team}/*'))], expect: 'implicitDeny', missing: ['aws:PrincipalTag/team'] },
  { name: 'default value used when the key is absent', cite: DEFAULTS, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/shared/x', identity: [doc(allow('s3:GetObject', "arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'shared'}/*"))], expect: 'allowed' },
  { name: 'default value ignored when the key is present', cite: DEFAULTS, principal: tagged(), action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/shared/x', identity: [doc(allow('s3:GetObject', "arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'shared'}/*"))], expect: 'implicitDeny' },
  { name: '${*} is a literal asterisk', cite: SPECIAL, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/star*', identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/star${*}'))], expect: 'allowed' },
  { name: '${*} does not act as a wildcard', cite: SPECIAL, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/starlight', identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/star${*}'))], expect: 'implicitDeny' },
  { name: '${?} and ${$} are literal characters', cite: SPECIAL, action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/why?$', identity: [doc(allow('s3:GetObject', 'arn:aws:s3:::bucket/why${?}${$}'))], expect: 'allowed' },
  { name: 'variable in a StringLike condition value', cite: 'IAM UG: IAM policy elements: Variables and tags > Condition element', action: 's3:ListBucket', resource: 'arn:aws:s3:::bucket', identity: [doc(allow('s3:ListBucket', 'arn:aws:s3:::bucket', { Condition: { StringLike: { 's3:prefix': ['home/${aws:username}/*'] } } }))], context: { 's3:prefix': 'home/alice/docs/' }, expect: 'allowed' },
  { name: 'variable in a StringLike condition value (other prefix)', cite: 'IAM UG: IAM policy elements: Variables and tags > Condition element', action: 's3:ListBucket', resource: 'arn:aws:s3:::bucket', identity: [doc(allow('s3:ListBucket', 'arn:aws:s3:::bucket', { Condition: { StringLike: { 's3:prefix': ['home/${aws:username}/*'] } } }))], context: { 's3:prefix': 'home/bob/' }, expect: 'implicitDeny' },
  { name: 'unresolved variable fails even a negated condition', cite: PKEYS, principal: session('dev', 'x'), action: 's3:GetObject', identity: [doc(allow('s3:GetObject', '*', { Condition: { StringNotEquals: { 's3:prefix': '${aws:username}' } } }))], context: { 's3:prefix': 'x' }, expect: 'implicitDeny' },
  { name: 'variable naming a request key (aws:RequestTag) in ArnLike', cite: 'IAM UG: IAM policy elements: Variables and tags > Condition element', action: 'iam:PassRole', identity: [doc(allow('iam:PassRole', '*', { Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::${aws:RequestTag/bucket}' } } }))], context: { 'aws:RequestTag/bucket': 'logs', 'aws:SourceArn': 'arn:aws:s3:::logs' }, expect: 'allowed' },
  { name: 'variables are not expanded for Bool (only string and ARN operators)', cite: 'IAM UG: IAM policy elements: Variables and tags > Condition element', action: 's3:GetObject', identity: [doc(allow('s3:*', '*', { Condition: { Bool: { 'aws:SecureTransport': '${aws:RequestTag/flag}' } } }))], context: { 'aws:RequestTag/flag': 'true', 'aws:SecureTransport': 'true' }, expect: 'implicitDeny' },
  { name: 'variables are not expanded for Numeric operators', cite: 'IAM UG: IAM policy elements: Variables and tags > Condition element', action: 's3:ListBucket', identity: [doc(allow('s3:*', '*', { Condition: { NumericEquals: { 's3:max-keys': '${aws:RequestTag/n}' } } }))], context: { 'aws:RequestTag/n': '5', 's3:max-keys': '5' }, expect: 'implicitDeny' },
  { name: 'aws:PrincipalArn of a session is the role ARN', cite: `${GLOBAL} > aws:PrincipalArn`, principal: session('dev', 's'), action: 's3:GetObject', identity: [doc(allow('s3:*', '*', { Condition: { StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:role/dev' } } }))], expect: 'allowed' },
  { name: 'aws:PrincipalArn of a user is the user ARN', cite: `${GLOBAL} > aws:PrincipalArn`, action: 's3:GetObject', identity: [doc(allow('s3:*', '*', { Condition: { StringEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111111111111:user/alice' } } }))], expect: 'allowed' },
  { name: 'aws:PrincipalAccount', cite: `${GLOBAL} > aws:PrincipalAccount`, action: 's3:GetObject', identity: [doc(allow('s3:*', '*', { Condition: { StringEquals: { 'aws:PrincipalAccount': A } } }))], expect: 'allowed' },
  { name: 'aws:PrincipalType of a session is AssumedRole', cite: PKEYS, principal: session('dev', 's'), action: 's3:GetObject', identity: [doc(allow('s3:*', '*', { Condition: { StringEquals: { 'aws:PrincipalType': 'AssumedRole' } } }))], expect: 'allowed' },
  { name: 'aws:PrincipalType of the root user is Account', cite: PKEYS, principal: root(A), action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: '222222222222', resourcePolicy: doc(allow('s3:GetObject', '*', { Principal: { AWS: A }, Condition: { StringEquals: { 'aws:PrincipalType': 'Account' } } })), expect: 'allowed' },
  { name: 'aws:username cannot be overridden by the caller context', cite: PKEYS, action: 's3:GetObject', identity: [doc(allow('s3:*', '*', { Condition: { StringEquals: { 'aws:username': 'admin' } } }))], context: { 'aws:username': 'admin' }, expect: 'implicitDeny' },
  { name: 'aws:CurrentTime is present even if the caller omits it', cite: PKEYS, action: 's3:GetObject', identity: [doc(allow('s3:*', '*', { Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } } }))], expect: 'allowed' },
];

runCases('policy variables and principal keys', cases);
