// ForAllValues / ForAnyValue, ...IfExists, Null, and the rules for keys the request lacks.
import { conditionCases, runCases } from './helpers.js';

const SETS = 'IAM UG: Single-valued vs. multivalued context keys > Set operators for multivalued context keys';
const IFEX = 'IAM UG: IAM JSON policy elements: Condition operators > ...IfExists condition operators';
const NULL = 'IAM UG: IAM JSON policy elements: Condition operators > Condition operator to check existence of condition keys';
const MISSING = 'IAM UG: Conditions with multiple context keys or values > Evaluation logic for negated matching condition operators';

const sets = conditionCases(SETS, [
  { op: 'ForAllValues:StringEquals', key: 'aws:TagKeys', values: ['env', 'team'], ctx: ['env'], match: true },
  { op: 'ForAllValues:StringEquals', key: 'aws:TagKeys', values: ['env', 'team'], ctx: ['env', 'team'], match: true },
  { op: 'ForAllValues:StringEquals', key: 'aws:TagKeys', values: ['env', 'team'], ctx: ['env', 'owner'], match: false },
  { op: 'ForAllValues:StringEquals', key: 'aws:TagKeys', values: ['env', 'team'], match: true },
  { op: 'ForAllValues:StringEquals', key: 'aws:TagKeys', values: ['env', 'team'], ctx: [], match: true },
  { op: 'ForAllValues:StringLike', key: 'aws:TagKeys', values: 'Created*', ctx: ['CreatedBy', 'CreatedAt'], match: true },
  { op: 'ForAllValues:StringNotLike', key: 'aws:TagKeys', values: 'key1*', ctx: ['key1:legal'], match: false },
  { op: 'ForAllValues:StringNotLike', key: 'aws:TagKeys', values: 'key1*', ctx: ['key1:hr', 'key1:personnel'], match: false },
  { op: 'ForAllValues:StringNotLike', key: 'aws:TagKeys', values: 'key1*', ctx: ['key2:audit'], match: true },
  { op: 'ForAllValues:StringNotLike', key: 'aws:TagKeys', values: 'key1*', match: true },
  { op: 'ForAnyValue:StringEquals', key: 'aws:TagKeys', values: ['env', 'team'], ctx: ['owner', 'team'], match: true },
  { op: 'ForAnyValue:StringEquals', key: 'aws:TagKeys', values: ['env', 'team'], ctx: ['owner'], match: false },
  { op: 'ForAnyValue:StringEquals', key: 'aws:TagKeys', values: ['env', 'team'], match: false },
  { op: 'ForAnyValue:StringEquals', key: 'aws:TagKeys', values: 'env', ctx: [], match: false },
  { op: 'ForAnyValue:StringNotEquals', key: 'aws:TagKeys', values: 'env', ctx: ['env', 'team'], match: true },
  { op: 'ForAnyValue:StringNotEquals', key: 'aws:TagKeys', values: 'env', ctx: ['env'], match: false },
  { op: 'ForAnyValue:StringLike', key: 'aws:PrincipalOrgPaths', values: 'o-a1b2c3/r-ab12/ou-ab12-11111111/*', ctx: ['o-a1b2c3/r-ab12/ou-ab12-11111111/ou-ab12-22222222/'], match: true },
  { op: 'ForAnyValue:StringEquals', key: 'aws:TagKeys', values: 'env', ctx: 'env', match: true },
  { op: 'StringEquals', key: 'aws:TagKeys', values: 'env', ctx: ['team', 'env'], match: true },
  { op: 'StringNotEquals', key: 'aws:TagKeys', values: 'env', ctx: ['team', 'env'], match: false },
  { op: 'ForAllValues:StringEqualsIfExists', key: 'aws:TagKeys', values: 'env', match: true },
  { op: 'ForAnyValue:StringEqualsIfExists', key: 'aws:TagKeys', values: 'env', match: true },
]);

const ifExists = conditionCases(IFEX, [
  { op: 'StringEqualsIfExists', key: 'ec2:InstanceType', values: 't3.micro', match: true },
  { op: 'StringEqualsIfExists', key: 'ec2:InstanceType', values: 't3.micro', ctx: 't3.micro', match: true },
  { op: 'StringEqualsIfExists', key: 'ec2:InstanceType', values: 't3.micro', ctx: 'm5.large', match: false },
  { op: 'StringLikeIfExists', key: 'ec2:InstanceType', values: 't3.*', ctx: 't3.small', match: true },
  { op: 'NumericLessThanIfExists', key: 's3:max-keys', values: '10', match: true },
  { op: 'NumericLessThanIfExists', key: 's3:max-keys', values: '10', ctx: '11', match: false },
  { op: 'BoolIfExists', key: 'aws:MultiFactorAuthPresent', values: 'true', match: true },
  { op: 'BoolIfExists', key: 'aws:MultiFactorAuthPresent', values: 'true', ctx: false, match: false },
  { op: 'IpAddressIfExists', key: 'aws:SourceIp', values: '10.0.0.0/8', match: true },
  { op: 'ArnLikeIfExists', key: 'aws:SourceArn', values: 'arn:aws:s3:::*', match: true },
  { op: 'DateLessThanIfExists', key: 'aws:TokenIssueTime', values: '2020-01-01T00:00:00Z', match: true },
  { op: 'StringNotEqualsIfExists', key: 'aws:RequestedRegion', values: 'us-east-1', ctx: 'us-east-1', match: false },
]);

const nulls = conditionCases(NULL, [
  { op: 'Null', key: 'aws:TokenIssueTime', values: 'true', match: true },
  { op: 'Null', key: 'aws:TokenIssueTime', values: 'true', ctx: '2024-01-01T00:00:00Z', match: false },
  { op: 'Null', key: 'aws:TokenIssueTime', values: 'false', ctx: '2024-01-01T00:00:00Z', match: true },
  { op: 'Null', key: 'aws:TokenIssueTime', values: 'false', match: false },
  { op: 'Null', key: 'aws:TagKeys', values: 'true', ctx: [], match: true },
  { op: 'Null', key: 'aws:RequestTag/env', values: false, ctx: 'prod', match: true },
]);

const missing = conditionCases(MISSING, [
  { op: 'StringEquals', key: 'aws:SourceVpc', values: 'vpc-1', match: false },
  { op: 'StringNotEquals', key: 'aws:SourceVpc', values: 'vpc-1', match: true },
  { op: 'StringNotLike', key: 'aws:SourceVpc', values: 'vpc-*', match: true },
  { op: 'ArnNotEquals', key: 'aws:SourceArn', values: 'arn:aws:s3:::b', match: true },
  { op: 'NumericNotEquals', key: 's3:max-keys', values: '1', match: true },
  { op: 'DateNotEquals', key: 'aws:TokenIssueTime', values: '2024-01-01T00:00:00Z', match: true },
  { op: 'NotIpAddress', key: 'aws:VpcSourceIp', values: '10.0.0.0/8', match: true },
  { op: 'ArnLike', key: 'aws:SourceArn', values: 'arn:aws:s3:::*', match: false },
  { op: 'Bool', key: 'aws:ViaAWSService', values: 'false', match: false },
]);

runCases('ForAllValues / ForAnyValue', sets);
runCases('...IfExists', ifExists);
runCases('Null', nulls);
runCases('missing condition keys', missing);
