// Numeric, Date, Bool, Binary, IP address and ARN condition operators.
import { conditionCases, runCases, session } from './helpers.js';

const OPS = 'IAM UG: IAM JSON policy elements: Condition operators';
const NUM = `${OPS} > Numeric condition operators`;
const DATE = `${OPS} > Date condition operators`;
const BOOL = `${OPS} > Boolean condition operators`;
const BIN = `${OPS} > Binary condition operators`;
const IP = `${OPS} > IP address condition operators`;
const ARN = `${OPS} > Amazon Resource Name (ARN) condition operators`;

const numeric = conditionCases(NUM, [
  { op: 'NumericEquals', key: 's3:max-keys', values: '10', ctx: '10', match: true },
  { op: 'NumericEquals', key: 's3:max-keys', values: '10', ctx: '10.0', match: true },
  { op: 'NumericEquals', key: 's3:max-keys', values: '10', ctx: '11', match: false },
  { op: 'NumericNotEquals', key: 's3:max-keys', values: '10', ctx: '11', match: true },
  { op: 'NumericNotEquals', key: 's3:max-keys', values: '10', ctx: 10, match: false },
  { op: 'NumericLessThan', key: 's3:max-keys', values: '10', ctx: '9', match: true },
  { op: 'NumericLessThan', key: 's3:max-keys', values: '10', ctx: '10', match: false },
  { op: 'NumericLessThanEquals', key: 's3:max-keys', values: '10', ctx: '10', match: true },
  { op: 'NumericGreaterThan', key: 's3:max-keys', values: '10', ctx: '10.5', match: true },
  { op: 'NumericGreaterThan', key: 's3:max-keys', values: '10', ctx: '-3', match: false },
  { op: 'NumericGreaterThanEquals', key: 's3:max-keys', values: 10, ctx: '10', match: true },
  { op: 'NumericLessThan', key: 's3:max-keys', values: '10', ctx: 'ten', match: false },
  { op: 'NumericLessThan', key: 's3:max-keys', values: '10', match: false },
  { op: 'NumericLessThan', key: 'sts:DurationSeconds', values: '3601', ctx: 3600, match: true },
]);

const date = conditionCases(DATE, [
  { op: 'DateGreaterThan', key: 'aws:CurrentTime', values: '2020-01-01T00:00:00Z', ctx: '2024-06-01T12:00:00Z', match: true },
  { op: 'DateGreaterThan', key: 'aws:CurrentTime', values: '2030-01-01T00:00:00Z', ctx: '2024-06-01T12:00:00Z', match: false },
  { op: 'DateLessThan', key: 'aws:CurrentTime', values: '2030-01-01T00:00:00Z', ctx: '2024-06-01T12:00:00Z', match: true },
  { op: 'DateLessThan', key: 'aws:CurrentTime', values: '2024-06-01', ctx: '2024-06-01T12:00:00Z', match: false },
  { op: 'DateEquals', key: 'aws:CurrentTime', values: '2024-06-01T12:00:00Z', ctx: '2024-06-01T12:00:00.000Z', match: true },
  { op: 'DateNotEquals', key: 'aws:CurrentTime', values: '2024-06-01T12:00:00Z', ctx: '2024-06-01T12:00:01Z', match: true },
  { op: 'DateLessThanEquals', key: 'aws:CurrentTime', values: '2024-06-01T12:00:00Z', ctx: '2024-06-01T12:00:00Z', match: true },
  { op: 'DateGreaterThanEquals', key: 'aws:CurrentTime', values: '2024-06-01T12:00:00Z', ctx: '2024-06-01T11:59:59Z', match: false },
  { op: 'DateGreaterThan', key: 'aws:EpochTime', values: '1700000000', ctx: '1717243200', match: true },
  { op: 'DateLessThan', key: 'aws:CurrentTime', values: '1893456000', ctx: '2024-06-01T12:00:00Z', match: true },
  { op: 'DateGreaterThan', key: 'aws:CurrentTime', values: '2020-01-01T00:00:00+02:00', ctx: '2019-12-31T23:00:00Z', match: true },
  { op: 'DateGreaterThan', key: 'aws:TokenIssueTime', values: '2020-01-01T00:00:00Z', match: false },
  { op: 'DateLessThan', key: 'aws:CurrentTime', values: 'not-a-date', ctx: '2024-06-01T12:00:00Z', match: false },
]);

const bool = conditionCases(BOOL, [
  { op: 'Bool', key: 'aws:SecureTransport', values: 'true', ctx: true, match: true },
  { op: 'Bool', key: 'aws:SecureTransport', values: 'true', ctx: 'TRUE', match: true },
  { op: 'Bool', key: 'aws:SecureTransport', values: 'true', ctx: false, match: false },
  { op: 'Bool', key: 'aws:SecureTransport', values: false, ctx: 'false', match: true },
  { op: 'Bool', key: 'aws:SecureTransport', values: 'false', match: false },
  { op: 'Bool', key: 'aws:MultiFactorAuthPresent', values: 'true', ctx: 'yes', match: false },
]);

const binary = conditionCases(BIN, [
  { op: 'BinaryEquals', key: 'key', values: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==', ctx: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==', match: true },
  { op: 'BinaryEquals', key: 'key', values: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==', ctx: 'b3RoZXI=', match: false },
  { op: 'BinaryEquals', key: 'key', values: 'QmluYXJ5VmFsdWVJbkJhc2U2NA==', match: false },
]);

const ip = conditionCases(IP, [
  { op: 'IpAddress', key: 'aws:SourceIp', values: '203.0.113.0/24', ctx: '203.0.113.77', match: true },
  { op: 'IpAddress', key: 'aws:SourceIp', values: '203.0.113.0/24', ctx: '203.0.114.1', match: false },
  { op: 'IpAddress', key: 'aws:SourceIp', values: '203.0.113.5', ctx: '203.0.113.5', match: true },
  { op: 'IpAddress', key: 'aws:SourceIp', values: '203.0.113.5/32', ctx: '203.0.113.6', match: false },
  { op: 'IpAddress', key: 'aws:SourceIp', values: ['10.0.0.0/8', '192.168.0.0/16'], ctx: '192.168.4.2', match: true },
  { op: 'IpAddress', key: 'aws:SourceIp', values: '0.0.0.0/0', ctx: '8.8.8.8', match: true },
  { op: 'IpAddress', key: 'aws:SourceIp', values: '172.16.0.0/12', ctx: '172.31.255.255', match: true },
  { op: 'IpAddress', key: 'aws:SourceIp', values: '172.16.0.0/12', ctx: '172.32.0.1', match: false },
  { op: 'IpAddress', key: 'aws:SourceIp', values: '2001:db8::/32', ctx: '2001:db8:1234::1', match: true },
  { op: 'IpAddress', key: 'aws:SourceIp', values: '2001:db8::/32', ctx: '2001:db9::1', match: false },
  { op: 'IpAddress', key: 'aws:SourceIp', values: '2001:DB8:0:0:0:0:0:1', ctx: '2001:db8::1', match: true },
  { op: 'IpAddress', key: 'aws:SourceIp', values: '203.0.113.0/24', ctx: '2001:db8::1', match: false },
  { op: 'IpAddress', key: 'aws:SourceIp', values: '127.0.0.1', ctx: '::ffff:127.0.0.1', match: true },
  { op: 'IpAddress', key: 'aws:SourceIp', values: '203.0.113.0/24', ctx: 'not-an-ip', match: false },
  { op: 'IpAddress', key: 'aws:SourceIp', values: '203.0.113.0/24', match: false },
  { op: 'NotIpAddress', key: 'aws:SourceIp', values: '203.0.113.0/24', ctx: '198.51.100.1', match: true },
  { op: 'NotIpAddress', key: 'aws:SourceIp', values: '203.0.113.0/24', ctx: '203.0.113.1', match: false },
  { op: 'NotIpAddress', key: 'aws:SourceIp', values: '203.0.113.0/24', match: true },
]);

const arn = conditionCases(ARN, [
  { op: 'ArnEquals', key: 'aws:SourceArn', values: 'arn:aws:sns:us-east-1:111111111111:topic', ctx: 'arn:aws:sns:us-east-1:111111111111:topic', match: true },
  { op: 'ArnEquals', key: 'aws:SourceArn', values: 'arn:aws:sns:us-east-1:111111111111:*', ctx: 'arn:aws:sns:us-east-1:111111111111:topic', match: true },
  { op: 'ArnLike', key: 'aws:SourceArn', values: 'arn:aws:s3:::bucket-*', ctx: 'arn:aws:s3:::bucket-logs', match: true },
  { op: 'ArnLike', key: 'aws:SourceArn', values: 'arn:aws:sns:*:111111111111:topic', ctx: 'arn:aws:sns:eu-west-1:111111111111:topic', match: true },
  { op: 'ArnLike', key: 'aws:SourceArn', values: 'arn:aws:sns:*:111111111111:topic', ctx: 'arn:aws:sns:eu-west-1:222222222222:topic', match: false },
  { op: 'ArnLike', key: 'aws:SourceArn', values: 'arn:aws:sns:*:111111111111:topic', ctx: 'arn:aws:sns:eu-west-1:111111111111:Topic', match: false },
  { op: 'ArnLike', key: 'aws:SourceArn', values: 'arn:aws:iam::*', ctx: 'arn:aws:iam::111111111111:role/x', match: false },
  { op: 'ArnLike', key: 'aws:SourceArn', values: 'arn:aws:iam::*:*', ctx: 'arn:aws:iam::111111111111:role/x', match: true },
  { op: 'ArnLike', key: 'aws:SourceArn', values: 'arn:aws:s3:::b', ctx: 'not-an-arn', match: false },
  { op: 'ArnNotEquals', key: 'aws:SourceArn', values: 'arn:aws:s3:::b', ctx: 'arn:aws:s3:::c', match: true },
  { op: 'ArnNotLike', key: 'aws:SourceArn', values: 'arn:aws:s3:::b*', ctx: 'arn:aws:s3:::bee', match: false },
  { op: 'ArnNotLike', key: 'aws:SourceArn', values: 'arn:aws:s3:::b*', match: true },
  { op: 'ArnEquals', key: 'aws:PrincipalArn', values: 'arn:aws:iam::111111111111:role/dev', match: true, principal: session('dev', 's') },
  { op: 'ArnLike', key: 'aws:PrincipalArn', values: 'arn:aws:sts::111111111111:assumed-role/dev/*', match: false, principal: session('dev', 's') },
]);

runCases('Numeric condition operators', numeric);
runCases('Date condition operators', date);
runCases('Bool condition operator', bool);
runCases('BinaryEquals', binary);
runCases('IpAddress / NotIpAddress', ip);
runCases('ARN condition operators', arn);
