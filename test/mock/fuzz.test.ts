// Fuzzing the mock's front door with a deterministic PRNG: over 10,000 malformed or hostile
// requests (bad signatures, garbage bodies, unknown actions, huge bodies, odd paths and
// headers, broken HTTP). Every answer must be a well-formed AWS error with a 4xx status; the
// mock must not crash, must not grow without bound, and must serve normally afterwards.
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { SignatureV4 } from '@smithy/signature-v4';
import { XMLValidator } from 'fast-xml-parser';
import type { RunningMock } from '../../src/mock/index.js';
import { adminCreds, prng, Sha256, stsClient, withMock } from './helpers.js';

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const VERSIONS = ['2010-05-08', '2011-06-15', '2016-11-15', '1999-01-01', ''];
const ACTIONS = ['CreateUser', 'GetUser', 'DeleteRole', 'AssumeRole', 'PutUserPolicy', 'CreateRole', 'RunInstances', 'DescribeInstances', 'GetCallerIdentity', 'SimulatePrincipalPolicy', 'NoSuchAction', 'Create%00User', '../../etc', ''];
const SERVICES = ['iam', 'sts', 'ec2', 's3', 'dynamodb', '', '%2F'];
const NASTY = ['', 'a'.repeat(3000), '%', '%ZZ', '\u0000', '\uFFFF', '😀', '<x>&amp;', '"\'', '../..', '${aws:username}', '{"Statement":', '[]', 'null', '-1', '99999999999999999999', 'true', ' ', '+'];

export function generator(rand: () => number, admin: { accessKeyId: string }) {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const int = (n: number) => Math.floor(rand() * n);
  const hex = (n: number) => Array.from({ length: n }, () => '0123456789abcdef'[int(16)]).join('');
  const junk = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  const scope = () => `${pick([admin.accessKeyId, 'AKIAIOSFODNN7EXAMPLE', 'ASIAXXXXXXXXXXXXXXXX', '', 'x/y'])}/${pick(['20250101', '2025', 'today'])}/${pick(['us-east-1', '', 'zz'])}/${pick(SERVICES)}/${pick(['aws4_request', 'aws5'])}`;
  const auth = (): Record<string, string> => {
    switch (int(7)) {
      case 0:
        return {};
      case 1:
        return { authorization: `AWS4-HMAC-SHA256 Credential=${scope()}, SignedHeaders=host;x-amz-date, Signature=${hex(64)}`, 'x-amz-date': '20250101T000000Z' };
      case 2:
        return { authorization: `AWS4-HMAC-SHA256 Credential=${scope()}` };
      case 3:
        return {
          authorization: pick(['Basic dXNlcjpwYXNz', 'AWS AKIA:sig', `AWS ${admin.accessKeyId}:${hex(28)}=`, 'AWS :', 'AWS  x', 'AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA256 ,,,==,', `AWS4-ECDSA-P256-SHA256 Credential=${scope()}`]),
          ...(rand() < 0.5 ? { date: pick(['garbage', new Date().toUTCString(), 'Thu, 01 Jan 1970 00:00:00 GMT']) } : {}),
        };
      case 4:
        return { authorization: `AWS4-HMAC-SHA256 Credential=${scope()}, SignedHeaders=${pick(['', 'host', 'nope;host', ';;;'])}, Signature=${pick([hex(64), hex(10), 'zz'])}`, 'x-amz-date': pick(['20250101T000000Z', 'garbage', '', new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')]) };
      case 5:
        return { 'x-amz-security-token': pick(NASTY.filter((n) => !/[^\u0020-\u007e]/.test(n))) || 'tok', authorization: `AWS4-HMAC-SHA256 Credential=${scope()}, SignedHeaders=host, Signature=${hex(64)}`, 'x-amz-date': '20250101T000000Z' };
      default:
        return { authorization: `AWS4-HMAC-SHA256 Credential=${admin.accessKeyId}/20250101/us-east-1/${pick(SERVICES)}/aws4_request, SignedHeaders=host, Signature=${hex(64)}`, 'x-amz-date': new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '') };
    }
  };
  const formBody = () => {
    const parts = [`Action=${encodeURIComponent(pick(ACTIONS))}`, `Version=${pick(VERSIONS)}`];
    for (let i = int(6); i > 0; i--) parts.push(`${encodeURIComponent(pick(['UserName', 'RoleName', 'Tags.member.1.Key', 'PolicyDocument', 'DurationSeconds', 'MaxItems', 'Marker', 'x']))}=${encodeURIComponent(pick(NASTY))}`);
    if (rand() < 0.1) parts.push('%%%&&&===');
    return parts.join('&');
  };
  const path = () => pick(['/', '//', '/bucket', '/bucket/key', '/%2e%2e/%2e%2e/etc/passwd', '/a%ZZb', `/${'x'.repeat(int(4000))}`, '/?policy', '/b?list-type=2&max-keys=-1', '/b/k?uploads', '/b/k?partNumber=x', '/;/', '/b/%00', '/.well-known/x',
    `/b/k?AWSAccessKeyId=${admin.accessKeyId}&Signature=${hex(20)}&Expires=${pick(['9999999999', '1', 'x', '', '99999999999999'])}&acl&response-content-type=%ZZ`, '/b?AWSAccessKeyId=&Signature=']);
  return (): FuzzRequest => {
    const kind = int(5);
    const headers: Record<string, string> = { ...auth() };
    if (kind <= 1) {
      headers['content-type'] = pick(['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8', 'text/plain', 'application/json']);
      return { method: 'POST', path: pick(['/', '/?Action=GetUser', '/x']), headers, body: kind === 0 ? formBody() : junk(int(2000)) };
    }
    if (kind === 2) {
      return { method: pick(['GET', 'HEAD', 'DELETE', 'OPTIONS', 'PATCH']), path: path(), headers };
    }
    if (kind === 3) {
      headers[pick(['x-amz-content-sha256', 'content-md5', 'x-amz-decoded-content-length', 'range', 'content-encoding', 'x-amz-checksum-crc32'])] = pick(['STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'aws-chunked', 'bytes=5-1', hex(64), '-1', 'zz==']);
      return { method: pick(['PUT', 'POST']), path: path(), headers, body: junk(int(500)) };
    }
    return { method: 'GET', path: `/?Action=${encodeURIComponent(pick(ACTIONS))}&Version=${pick(VERSIONS)}&X-Amz-Algorithm=${pick(['AWS4-HMAC-SHA256', 'x'])}&X-Amz-Credential=${encodeURIComponent(scope())}&X-Amz-Date=20250101T000000Z&X-Amz-Expires=${pick(['60', '0', '-5', '999999999', 'x'])}&X-Amz-SignedHeaders=host&X-Amz-Signature=${hex(64)}`, headers };
  };
}

function send(agent: Agent, endpoint: URL, r: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: endpoint.hostname, port: endpoint.port, method: r.method, path: r.path, headers: r.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

/** Raw bytes on a socket, for what an HTTP client library refuses to send. */
function sendRaw(endpoint: URL, raw: string | Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(endpoint.port), endpoint.hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const headers: Record<string, string> = {};
      for (const line of head.split('\r\n').slice(1)) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status, headers, body });
    });
    socket.end(raw);
  });
}

function assertAwsError(r: FuzzRequest | string, a: Answer, method = typeof r === 'string' ? 'RAW' : r.method): void {
  const what = typeof r === 'string' ? JSON.stringify(r.slice(0, 120)) : `${r.method} ${r.path.slice(0, 120)}`;
  assert.ok(a.status >= 400 && a.status < 500, `${what} -> ${a.status} ${a.body.slice(0, 300)}`);
  assert.ok(a.headers['x-amzn-requestid'] || a.headers['x-amz-request-id'], `${what}: no request id header`);
  assert.ok(a.headers.date, `${what}: no Date header`);
  if (method === 'HEAD') return;
  assert.equal(XMLValidator.validate(a.body), true, `${what}: body is not XML: ${a.body.slice(0, 300)}`);
  assert.match(a.body, /<Code>[A-Za-z][A-Za-z0-9.]*<\/Code>/, `${what}: no error code in ${a.body.slice(0, 300)}`);
  assert.match(a.body, /<Request(Id|ID)>[^<]+<\/Request(Id|ID)>/, `${what}: no request id in the body`);
}

describe('fuzz', () => {
  let mock: RunningMock;
  before(async () => {
    mock = await withMock();
  });
  after(() => mock.close());

  it('answers 10,000+ hostile requests with well-formed 4xx AWS errors and keeps serving', async () => {
    const endpoint = new URL(mock.endpoint);
    const admin = adminCreds(mock.accounts[0]!);
    const next = generator(prng(20250101), admin);
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const before = mock.inventory();
    const heapBefore = process.memoryUsage().heapUsed;
    let sent = 0;
    const statuses = new Map<number, number>();
    const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);

    // Random requests over HTTP, eight in flight.
    const TOTAL = 9_400;
    let i = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (i < TOTAL) {
          i++;
          const r = next();
          const a = await send(agent, endpoint, r);
          assertAwsError(r, a);
          count(a.status);
          sent++;
        }
      }),
    );

    // Signed by a real signer with the admin's key: valid signatures, invalid input.
    const signer = new SignatureV4({ credentials: admin, region: 'us-east-1', service: 'iam', sha256: Sha256 });
    // Each action with input it must refuse (validation, malformed document, missing entity).
    const refused = [
      'Action=CreateUser&UserName=bad%20name!',
      `Action=CreateUser&UserName=${'x'.repeat(65)}`,
      'Action=CreateRole&RoleName=r&AssumeRolePolicyDocument=%7B',
      'Action=CreateRole&RoleName=r&AssumeRolePolicyDocument=%7B%22Statement%22%3A%5B%5D%7D',
      'Action=AttachUserPolicy&UserName=admin&PolicyArn=arn:aws:iam::aws:policy/Nope',
      'Action=GetUser&UserName=no-such-user',
      'Action=ListUsers&MaxItems=0',
      'Action=ListRoles&Marker=%25%25%25',
      'Action=PutUserPolicy&UserName=admin&PolicyName=p&PolicyDocument=%7B%22Version%22%3A%221999%22%7D',
      'Action=CreateAccessKey&UserName=ghost',
      'Action=NoSuchAction',
      'UserName=no-action',
    ];
    for (let n = 0; n < 400; n++) {
      const body = `${refused[n % refused.length]}&Version=2010-05-08`;
      const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: endpoint.hostname, port: Number(endpoint.port), path: '/', headers: { host: endpoint.host, 'content-type': 'application/x-www-form-urlencoded' }, body });
      const r = { method: 'POST', path: '/', headers: signed.headers as Record<string, string>, body };
      const a = await send(agent, endpoint, r);
      assertAwsError(r, a);
      count(a.status);
      sent++;
    }

    // Bodies over the 10 MiB limit, for a query service and for S3.
    const huge = Buffer.alloc(10 * 1024 * 1024 + 1, 0x61);
    for (const path of ['/', '/bucket/key']) {
      const r = { method: path === '/' ? 'POST' : 'PUT', path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: huge };
      const a = await send(agent, endpoint, r);
      assertAwsError(r, a);
      count(a.status);
      sent++;
    }
    agent.destroy();

    // What no client library sends: broken request lines, bad header bytes, oversized heads.
    const raws = [
      'GARBAGE\r\n\r\n',
      'GET / HTTP/9.9\r\n\r\n',
      'GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n',
      'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n',
      'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n',
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(70 * 1024)}\r\n\r\n`,
      'GET / HTTP/1.1\r\nHost: x\r\nAuthorization: AWS4-HMAC-SHA256 Credential=\u00ff\u00fe/20250101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00\r\nConnection: close\r\n\r\n',
    ];
    for (let n = 0; n < 210; n++) {
      const raw = raws[n % raws.length]!;
      const a = await sendRaw(endpoint, Buffer.from(raw, 'latin1'));
      assertAwsError(raw, a);
      count(a.status);
      sent++;
    }

    assert.ok(sent >= 10_000, `sent ${sent}`);
    assert.deepEqual(mock.inventory(), before, 'hostile requests changed the state');
    const grown = process.memoryUsage().heapUsed - heapBefore;
    assert.ok(grown < 150 * 1024 * 1024, `heap grew by ${Math.round(grown / 1048576)} MiB`);
    assert.ok(![...statuses.keys()].some((s) => s >= 500), `statuses: ${JSON.stringify([...statuses])}`);
    const me = await stsClient(mock, admin).send(new GetCallerIdentityCommand({}));
    assert.equal(me.Arn, 'arn:aws:iam::111111111111:user/admin');
  });
});
