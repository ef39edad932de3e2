// String condition operators, key-name case, and AND/OR across keys and values.
import { conditionCases, runCases, allow, doc, type EvalCase } from './helpers.js';

const STRING = 'IAM UG: IAM JSON policy elements: Condition operators > String condition operators';
const KEYS = 'IAM UG: IAM JSON policy elements: Condition > Condition key names are not case-sensitive';
const LOGIC = 'IAM UG: Conditions with multiple context keys or values > Evaluation logic';

const rows = conditionCases(STRING, [
  { op: 'StringEquals', key: 'aws:RequestedRegion', values: 'us-east-1', ctx: 'us-east-1', match: true },
  { op: 'StringEquals', key: 'aws:RequestedRegion', values: 'us-east-1', ctx: 'US-EAST-1', match: false },
  { op: 'StringEquals', key: 'aws:RequestedRegion', values: ['eu-west-1', 'us-east-1'], ctx: 'us-east-1', match: true },
  { op: 'StringEquals', key: 'aws:RequestedRegion', values: 'us-*', ctx: 'us-east-1', match: false },
  { op: 'StringEquals', key: 'aws:RequestedRegion', values: 'us-east-1', match: false },
  { op: 'StringNotEquals', key: 'aws:RequestedRegion', values: 'us-east-1', ctx: 'eu-west-1', match: true },
  { op: 'StringNotEquals', key: 'aws:RequestedRegion', values: 'us-east-1', ctx: 'us-east-1', match: false },
  { op: 'StringNotEquals', key: 'aws:RequestedRegion', values: ['us-east-1', 'eu-west-1'], ctx: 'eu-west-1', match: false },
  { op: 'StringNotEquals', key: 'aws:RequestedRegion', values: ['us-east-1', 'eu-west-1'], ctx: 'ap-south-1', match: true },
  { op: 'StringNotEquals', key: 'aws:RequestedRegion', values: 'us-east-1', match: true },
  { op: 'StringEqualsIgnoreCase', key: 'aws:RequestTag/env', values: 'Prod', ctx: 'PROD', match: true },
  { op: 'StringEqualsIgnoreCase', key: 'aws:RequestTag/env', values: 'Prod', ctx: 'dev', match: false },
  { op: 'StringNotEqualsIgnoreCase', key: 'aws:RequestTag/env', values: 'Prod', ctx: 'prod', match: false },
  { op: 'StringNotEqualsIgnoreCase', key: 'aws:RequestTag/env', values: 'Prod', ctx: 'dev', match: true },
  { op: 'StringNotEqualsIgnoreCase', key: 'aws:RequestTag/env', values: 'Prod', match: true },
  { op: 'StringLike', key: 's3:prefix', values: 'home/*', ctx: 'home/alice/docs', match: true },
  { op: 'StringLike', key: 's3:prefix', values: 'home/*', ctx: 'Home/alice', match: false },
  { op: 'StringLike', key: 's3:prefix', values: 'home/?', ctx: 'home/a', match: true },
  { op: 'StringLike', key: 's3:prefix', values: 'home/?', ctx: 'home/ab', match: false },
  { op: 'StringLike', key: 's3:prefix', values: ['', 'home/'], ctx: '', match: true },
  { op: 'StringLike', key: 'aws:UserAgent', values: '*aws-cli*', ctx: 'aws-cli/2.15 Python', match: true },
  { op: 'StringLike', key: 's3:prefix', values: 'a*c', ctx: 'a:b/c', match: true },
  { op: 'StringLike', key: 's3:prefix', values: 'home/*', match: false },
  { op: 'StringNotLike', key: 's3:prefix', values: 'private/*', ctx: 'public/x', match: true },
  { op: 'StringNotLike', key: 's3:prefix', values: 'private/*', ctx: 'private/x', match: false },
  { op: 'StringNotLike', key: 's3:prefix', values: 'private/*', match: true },
  { op: 'StringEquals', key: 'aws:RequestTag/n', values: 42, ctx: '42', match: true },
]);

const keyCase: EvalCase[] = [
  { name: 'condition key names are case-insensitive (policy side)', cite: KEYS, action: 's3:GetObject', identity: [doc(allow('s3:*', '*', { Condition: { StringEquals: { 'AWS:requestedregion': 'us-east-1' } } }))], context: { 'aws:RequestedRegion': 'us-east-1' }, expect: 'allowed' },
  { name: 'condition key names are case-insensitive (request side)', cite: KEYS, action: 's3:GetObject', identity: [doc(allow('s3:*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } }))], context: { 'AWS:REQUESTEDREGION': 'us-east-1' }, expect: 'allowed' },
  { name: 'tag key part of a key is case-insensitive', cite: KEYS, action: 's3:GetObject', identity: [doc(allow('s3:*', '*', { Condition: { StringEquals: { 'aws:RequestTag/Team': 'blue' } } }))], context: { 'aws:requesttag/team': 'blue' }, expect: 'allowed' },
  { name: 'two keys under one operator: both must match (AND)', cite: LOGIC, action: 's3:GetObject', identity: [doc(allow('s3:*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1', 's3:prefix': 'a' } } }))], context: { 'aws:RequestedRegion': 'us-east-1', 's3:prefix': 'b' }, expect: 'implicitDeny' },
  { name: 'two keys under one operator: both match', cite: LOGIC, action: 's3:GetObject', identity: [doc(allow('s3:*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1', 's3:prefix': 'a' } } }))], context: { 'aws:RequestedRegion': 'us-east-1', 's3:prefix': 'a' }, expect: 'allowed' },
  { name: 'two operators: both must match (AND)', cite: LOGIC, action: 's3:GetObject', identity: [doc(allow('s3:*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' }, Bool: { 'aws:SecureTransport': 'true' } } }))], context: { 'aws:RequestedRegion': 'us-east-1', 'aws:SecureTransport': false }, expect: 'implicitDeny' },
  { name: 'two operators: both match', cite: LOGIC, action: 's3:GetObject', identity: [doc(allow('s3:*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' }, Bool: { 'aws:SecureTransport': 'true' } } }))], context: { 'aws:RequestedRegion': 'us-east-1', 'aws:SecureTransport': true }, expect: 'allowed' },
  { name: 'deny with StringNotEquals region list (region outside): denied', cite: LOGIC, action: 's3:GetObject', identity: [doc(allow('*'), { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } } })], context: { 'aws:RequestedRegion': 'ap-south-1' }, expect: 'explicitDeny' },
  { name: 'deny with StringNotEquals region list (region inside): allowed (NOR of values)', cite: LOGIC, action: 's3:GetObject', identity: [doc(allow('*'), { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } } })], context: { 'aws:RequestedRegion': 'eu-west-1' }, expect: 'allowed' },
  { name: 'unknown operator with an empty block is ignored', cite: 'IAM UG: IAM JSON policy elements: Condition', action: 's3:GetObject', identity: [doc(allow('s3:*', '*', { Condition: { StringEqualz: {} } }))], expect: 'allowed' },
];

runCases('String condition operators', rows);
runCases('condition keys and logic', keyCase);
