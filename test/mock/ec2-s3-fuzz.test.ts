// The EC2 and S3 handlers under hostile input, called directly with Calls built here (an
// in-memory ServiceWorld and an authorize that allows everything, so every request reaches the
// deepest code). A deterministic PRNG drives thousands of malformed requests; every answer must
// be a well-formed error or success in the service's envelope, never a thrown exception or 5xx
// (S3's NotImplemented 501 for unimplemented subresources excepted).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLValidator } from 'fast-xml-parser';
import type { Decision } from '../../src/policy/index.js';
import { create as createEc2 } from '../../src/mock/services/ec2/index.js';
import { create as createS3 } from '../../src/mock/services/s3/index.js';
import type { Call, Reply, ServiceName, ServiceWorld } from '../../src/mock/types.js';
import { prng } from './helpers.js';

const ACCOUNT = '111111111111';

function fakeWorld(): ServiceWorld {
  const accounts = new Map<string, unknown>();
  const globals = new Map<string, unknown>();
  let counter = 0;
  return {
    accountIds: () => [ACCOUNT],
    hasAccount: (id) => id === ACCOUNT,
    accountState<T>(id: string, service: ServiceName, init: () => T): T {
      const k = `${id}/${service}`;
      if (!accounts.has(k)) accounts.set(k, init());
      return accounts.get(k) as T;
    },
    globalState<T>(service: ServiceName, init: () => T): T {
      if (!globals.has(service)) globals.set(service, init());
      return globals.get(service) as T;
    },
    changed: () => undefined,
    newId: (prefix, length, alphabet = 'upper') => {
      const chars = alphabet === 'hex' ? '0123456789abcdef' : 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
      let n = ++counter;
      let id = '';
      for (let i = 0; i < length; i++, n = Math.floor(n / chars.length)) id = chars[n % chars.length] + id;
      return prefix + id;
    },
  };
}

const ALLOW: Decision = { allowed: true, verdict: 'allowed', statements: [], message: '', explanation: '', missingContextKeys: [] };

function call(service: ServiceName, method: string, rawPath: string, query: string, headers: Record<string, string>, body: Buffer): Call {
  return {
    service,
    region: 'us-east-1',
    requestId: 'req-1',
    now: new Date('2026-01-01T00:00:00Z'),
    method,
    rawPath,
    query: new URLSearchParams(query),
    headers: { host: '127.0.0.1:4566', ...headers },
    body,
    caller: {
      principal: { arn: `arn:aws:iam::${ACCOUNT}:user/fuzz`, accountId: ACCOUNT, type: 'User', userId: 'AIDAFUZZ', userName: 'fuzz' },
      accountId: ACCOUNT,
      accessKeyId: 'AKIAFUZZ',
      kind: 'user',
    },
    authorize: () => ALLOW,
  };
}


function check(reply: Reply, what: string, allowed501 = false): void {
  const ok = reply.status < 500 || (allowed501 && reply.status === 501);
  assert.ok(ok, `${what} -> ${reply.status} ${String(reply.body).slice(0, 200)}`);
  const text = Buffer.isBuffer(reply.body) ? '' : reply.body;
  if (text.startsWith('<?xml')) assert.equal(XMLValidator.validate(text), true, `${what}: malformed XML ${text.slice(0, 200)}`);
}

describe('EC2 handler fuzz', () => {
  it('answers 5,000 hostile query requests with EC2 envelopes', () => {
    const rnd = prng(1);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const ec2 = createEc2(fakeWorld());
    const actions = ['DescribeInstances', 'RunInstances', 'StopInstances', 'StartInstances', 'TerminateInstances', 'CreateTags', 'DeleteTags',
      'DescribeRegions', 'DescribeInstanceStatus', 'DescribeAvailabilityZones', 'Nope', '', '__proto__', 'constructor', 'Bad\u0001\uFFFF'];
    const keys = ['InstanceId.1', 'InstanceId.2', 'Filter.1.Name', 'Filter.1.Value.1', 'Filter.2.Name', 'MaxResults', 'NextToken', 'ImageId',
      'MinCount', 'MaxCount', 'DryRun', 'InstanceType', 'Tag.1.Key', 'Tag.1.Value', 'ResourceId.1', 'TagSpecification.1.ResourceType',
      'TagSpecification.1.Tag.1.Key', 'RegionName.1', 'AllRegions', 'IncludeAllInstances', 'ZoneName.1', 'Filter.x.Name', 'InstanceId.-1'];
    const values = ['', 'true', 'TRUE', 'x', '-1', '0', '5', '6', '1000', '1e9', '99999999999', 'i-0123456789abcdef0', 'i-12345678', 'ami-12345678',
      'instance', 'tag:Name', 'instance-state-name', 'running', '*', '?', '\\', 'sample-*', 'aws:x', 'dHJ1ZQ', '\u0000', 'é'.repeat(300)];
    for (let i = 0; i < 5000; i++) {
      const params = new URLSearchParams({ Action: pick(actions), Version: '2016-11-15' });
      const n = Math.floor(rnd() * 6);
      for (let j = 0; j < n; j++) params.set(pick(keys), pick(values));
      const body = rnd() < 0.05 ? Buffer.from([...Array(50)].map(() => Math.floor(rnd() * 256))) : Buffer.from(params.toString());
      const reply = ec2.handle(call('ec2', 'POST', '/', '', { 'content-type': 'application/x-www-form-urlencoded' }, body)) as Reply;
      check(reply, params.toString());
      assert.equal(reply.headers['content-type'], 'text/xml;charset=UTF-8');
    }
  });
});

describe('S3 handler fuzz', () => {
  it('answers 5,000 hostile REST requests with S3 envelopes', () => {
    const rnd = prng(2);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const s3 = createS3(fakeWorld());
    const methods = ['GET', 'PUT', 'HEAD', 'DELETE', 'POST', 'PATCH', 'OPTIONS'];
    const paths = ['/', '/fuzz-bucket', '/fuzz-bucket/', '/fuzz-bucket/k', '/fuzz-bucket/a/../b', '/fuzz-bucket/%', '/fuzz-bucket/%E0%A4%A',
      '/Bad_Bucket', '/fuzz-bucket/__proto__', '/fuzz-bucket/%01%EF%BF%BF', '//', 'relative', '/fuzz-bucket/' + 'k'.repeat(1100), '/fuzz-bucket/x%2Fy'];
    const queries = ['', 'policy', 'list-type=2', 'list-type=2&max-keys=-1', 'list-type=2&continuation-token=zz', 'delete', 'location',
      'versions', 'versioning', 'acl', 'encoding-type=xml', 'max-keys=abc', 'prefix=%FF', 'uploads', 'x-id=PutObject', 'delimiter=&marker=z',
      'uploadId=__proto__', 'uploadId=&partNumber=1', 'uploads&max-uploads=abc&key-marker=k&upload-id-marker=z', 'uploadId=x&max-parts=-1'];
    const headerSets: Record<string, string>[] = [
      {}, { 'content-md5': 'nope' }, { 'content-md5': '1B2M2Y8AsgTpgAmY7PhCfg==' }, { range: 'bytes=5-1' }, { range: 'bytes=-0' },
      { 'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'content-encoding': 'aws-chunked' },
      { 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '3' },
      { 'x-amz-content-sha256': 'STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD' }, { 'x-amz-content-sha256': '0'.repeat(64) },
      { 'x-amz-checksum-crc32': '!!' }, { 'x-amz-checksum-sha256': 'AAAA' }, { 'if-match': '*' }, { 'if-modified-since': 'yesterday' },
      { 'x-amz-copy-source': '/a/b' }, { host: 'fuzz-bucket.localhost:4566' }, { host: '[::1]:4566' }, { 'x-amz-meta-big': 'x'.repeat(3000) },
      { 'x-amz-copy-source': '%zz/%' }, { 'x-amz-copy-source': 'fuzz-bucket/k', 'x-amz-copy-source-range': 'bytes=9-1' },
      { 'x-amz-copy-source': '/fuzz-bucket/__proto__?versionId=1', 'x-amz-metadata-directive': 'MOVE' },
      { 'x-amz-checksum-algorithm': 'MD5' }, { 'x-amz-checksum-algorithm': 'sha1', 'x-amz-checksum-type': 'FULL_OBJECT' },
    ];
    const bodies = ['', '<Delete><Object><Key>k</Key></Object></Delete>', '<Delete>', '{"Version":"2012-10-17"}', '{', '3\r\nabc\r\n0\r\n\r\n',
      'zz\r\n', '<CreateBucketConfiguration><LocationConstraint>mars-1</LocationConstraint></CreateBucketConfiguration>',
      '<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>', '<a>&bogus;</a>',
      '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>',
      '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>x</ETag><ChecksumCRC32>!</ChecksumCRC32></Part><Part/></CompleteMultipartUpload>',
      '<CompleteMultipartUpload><Part><PartNumber>2</PartNumber><ETag>"a"</ETag></Part><Part><PartNumber>1</PartNumber><ETag>b</ETag></Part></CompleteMultipartUpload>'];
    // Give the fuzz a bucket, an object and a multipart upload with a part to work against.
    check(s3.handle(call('s3', 'PUT', '/fuzz-bucket', '', {}, Buffer.alloc(0))) as Reply, 'create');
    check(s3.handle(call('s3', 'PUT', '/fuzz-bucket/k', '', {}, Buffer.from('object'))) as Reply, 'put');
    const started = s3.handle(call('s3', 'POST', '/fuzz-bucket/k', 'uploads', {}, Buffer.alloc(0))) as Reply;
    const uploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(String(started.body))![1]!;
    check(s3.handle(call('s3', 'PUT', '/fuzz-bucket/k', `partNumber=1&uploadId=${uploadId}`, {}, Buffer.from('part'))) as Reply, 'part');
    queries.push(`uploadId=${uploadId}`, `partNumber=1&uploadId=${uploadId}`, `partNumber=10001&uploadId=${uploadId}`);
    for (let i = 0; i < 5000; i++) {
      const method = pick(methods);
      const path = pick(paths);
      const query = pick(queries);
      const headers = { ...pick(headerSets), ...(rnd() < 0.3 ? pick(headerSets) : {}) };
      const body = rnd() < 0.1 ? Buffer.from([...Array(40)].map(() => Math.floor(rnd() * 256))) : Buffer.from(pick(bodies));
      const what = `${method} ${path}?${query} ${JSON.stringify(headers).slice(0, 120)}`;
      const reply = s3.handle(call('s3', method, path, query, headers, body)) as Reply;
      check(reply, what, true);
      assert.ok(reply.headers['x-amz-request-id'] && reply.headers['x-amz-id-2'], what);
      if (method === 'HEAD' && reply.status >= 300) assert.equal(reply.body, '', what);
    }
  });
});
