// S3's authentication failures as real S3 words them, with the elements it adds for the
// client author (aws-wire.md §5.2, §7): clock skew, presigned expiry and X-Amz-Expires limits,
// signature mismatches with what the server signed, unknown keys, and the payload hash S3
// requires on header-signed requests. Requests are signed here so that each fault is exact.
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import type { RunningMock } from '../../src/mock/index.js';
import { adminCreds, rejectsWith, Sha256, withMock, type Creds } from './helpers.js';

const BUCKET = 'auth-errors-bucket';
const EMPTY = createHash('sha256').digest('hex');

let mock: RunningMock;
let host: string;
const admin = (): Creds => adminCreds(mock.accounts[0]!);

interface Answer {
  status: number;
  body: string;
}

/** Sends a request exactly as given (headers included), over node:http. */
function send(method: string, path: string, headers: Record<string, string>, body = ''): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const r = request(`${mock.endpoint}${path}`, { method, headers }, (res) => {
      const out: Buffer[] = [];
      res.on('data', (c: Buffer) => out.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(out).toString('utf8') }));
    });
    r.on('error', reject);
    r.end(body);
  });
}

const signer = (creds: Creds, service = 's3') =>
  new SignatureV4({ credentials: creds, region: 'us-east-1', service, sha256: Sha256, uriEscapePath: service !== 's3', applyChecksum: false });

interface Signing {
  creds?: Creds;
  signingDate?: Date;
  /** Leave out x-amz-content-sha256 (curl --aws-sigv4 does). */
  noPayloadHash?: boolean;
  query?: Record<string, string>;
}

/** A header-signed S3 request: the headers to send. */
async function signed(method: string, path: string, s: Signing = {}): Promise<Record<string, string>> {
  const headers: Record<string, string> = { host };
  if (!s.noPayloadHash) headers['x-amz-content-sha256'] = EMPTY;
  const req = await signer(s.creds ?? admin()).sign(
    { method, protocol: 'http:', hostname: '127.0.0.1', path, query: s.query ?? {}, headers },
    s.signingDate ? { signingDate: s.signingDate } : {},
  );
  return req.headers as Record<string, string>;
}

/** A presigned URL (path and query) for `GET path`. */
async function presigned(path: string, expiresIn: number, signingDate = new Date(), creds = admin(), service = 's3'): Promise<string> {
  const req = await signer(creds, service).presign(
    // As the SDK's S3 presigner does: the payload is declared unsigned (and hoisted to the query).
    service === 's3'
      ? { method: 'GET', protocol: 'http:', hostname: '127.0.0.1', path, headers: { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } }
      : { method: 'GET', protocol: 'http:', hostname: '127.0.0.1', path, query: { Action: 'GetCallerIdentity', Version: '2011-06-15' }, headers: { host } },
    { expiresIn, signingDate },
  );
  return `${path}?${new URLSearchParams(req.query as Record<string, string>).toString()}`;
}

/** The text of each element of an S3 error document, in document order. */
function elements(body: string): [string, string][] {
  const inner = /<Error>([\s\S]*)<\/Error>/.exec(body)?.[1] ?? '';
  return [...inner.matchAll(/<([A-Za-z-]+)>([\s\S]*?)<\/\1>/g)].map((m) => [m[1]!, m[2]!]);
}
const names = (body: string) => elements(body).map(([n]) => n);
const field = (body: string, name: string) => elements(body).find(([n]) => n === name)?.[1];
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

const isoSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const basic = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

before(async () => {
  mock = await withMock();
  host = new URL(mock.endpoint).host;
  const s3 = new S3Client({ endpoint: mock.endpoint, region: 'us-east-1', credentials: admin(), forcePathStyle: true, maxAttempts: 1 });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'k.txt', Body: 'hello' }));
});
after(() => mock.close());

describe('RequestTimeTooSkewed', () => {
  it('carries RequestTime as sent, ServerTime and MaxAllowedSkewMilliseconds', async () => {
    const at = new Date(Date.now() - 20 * 60 * 1000);
    const before = Date.now();
    const res = await send('GET', `/${BUCKET}`, await signed('GET', `/${BUCKET}`, { signingDate: at }));
    assert.equal(res.status, 403, res.body);
    assert.deepEqual(names(res.body), ['Code', 'Message', 'RequestTime', 'ServerTime', 'MaxAllowedSkewMilliseconds', 'RequestId', 'HostId']);
    assert.equal(field(res.body, 'Code'), 'RequestTimeTooSkewed');
    assert.equal(field(res.body, 'RequestTime'), basic(at));
    const server = field(res.body, 'ServerTime')!;
    assert.match(server, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.ok(Math.abs(Date.parse(server) - before) < 5000, server);
    assert.equal(field(res.body, 'MaxAllowedSkewMilliseconds'), '900000');
  });

  it('echoes a Date header as the client wrote it', async () => {
    const date = new Date(Date.now() + 30 * 60 * 1000).toUTCString();
    const { accessKeyId } = admin();
    const scope = `${basic(new Date(date)).slice(0, 8)}/us-east-1/s3/aws4_request`;
    // The skew is found before the signature is checked: any signature will do.
    const res = await send('GET', `/${BUCKET}`, {
      host,
      date,
      'x-amz-content-sha256': EMPTY,
      authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=date;host;x-amz-content-sha256, Signature=${'0'.repeat(64)}`,
    });
    assert.equal(res.status, 403, res.body);
    assert.equal(field(res.body, 'Code'), 'RequestTimeTooSkewed');
    assert.equal(field(res.body, 'RequestTime'), date);
  });
});

describe('presigned URLs', () => {
  it('refuses X-Amz-Expires beyond a week with AuthorizationQueryParametersError', async () => {
    // The signer refuses to presign past a week, so the parameter is changed afterwards: the
    // limit is checked before the signature.
    const url = (await presigned(`/${BUCKET}/k.txt`, 3600)).replace('X-Amz-Expires=3600', 'X-Amz-Expires=604801');
    const res = await send('GET', url, { host });
    assert.equal(res.status, 400, res.body);
    assert.equal(field(res.body, 'Code'), 'AuthorizationQueryParametersError');
    assert.equal(
      field(res.body, 'Message'),
      'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds',
    );
    const week = await send('GET', (await presigned(`/${BUCKET}/k.txt`, 604800)), { host });
    assert.equal(week.status, 200, week.body);
  });

  it('refuses an X-Amz-Expires that is not a positive integer', async () => {
    for (const bad of ['abc', '1.5', '0', '-5']) {
      const url = (await presigned(`/${BUCKET}/k.txt`, 3600)).replace('X-Amz-Expires=3600', `X-Amz-Expires=${bad}`);
      const res = await send('GET', url, { host });
      assert.equal(res.status, 400, `${bad}: ${res.body}`);
      assert.equal(field(res.body, 'Code'), 'AuthorizationQueryParametersError', bad);
      assert.equal(field(res.body, 'Message'), 'X-Amz-Expires should be a number', bad);
    }
  });

  it('keeps the answer of other services to a bad X-Amz-Expires', async () => {
    const url = (await presigned('/', 60, new Date(), admin(), 'sts')).replace('X-Amz-Expires=60', 'X-Amz-Expires=604801');
    const res = await send('GET', url, { host });
    assert.equal(res.status, 400, res.body);
    assert.match(res.body, /<Code>IncompleteSignature<\/Code><Message>X-Amz-Expires must be between 1 and 604800 seconds\.<\/Message>/);
  });

  it('answers an expired URL with X-Amz-Expires, Expires and ServerTime', async () => {
    const at = new Date(Date.now() - 120_000);
    const before = Date.now();
    const res = await send('GET', await presigned(`/${BUCKET}/k.txt`, 60, at), { host });
    assert.equal(res.status, 403, res.body);
    assert.deepEqual(names(res.body), ['Code', 'Message', 'X-Amz-Expires', 'Expires', 'ServerTime', 'RequestId', 'HostId']);
    assert.equal(field(res.body, 'Code'), 'AccessDenied');
    assert.equal(field(res.body, 'Message'), 'Request has expired');
    assert.equal(field(res.body, 'X-Amz-Expires'), '60');
    assert.equal(field(res.body, 'Expires'), isoSeconds(at.getTime() + 60_000));
    const server = field(res.body, 'ServerTime')!;
    assert.match(server, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.ok(Math.abs(Date.parse(server) - before) < 5000, server);
  });
});

describe('SignatureDoesNotMatch', () => {
  const wrong = (): Creds => ({ ...admin(), secretAccessKey: 'x'.repeat(40) });
  const signingKeyHex = (secret: string, date: string) =>
    [date, 'us-east-1', 's3', 'aws4_request'].reduce<Buffer | string>((k, d) => createHmac('sha256', k).update(d).digest(), `AWS4${secret}`).toString('hex');

  it('shows what the server signed, in the order real S3 does', async () => {
    const headers = await signed('GET', `/${BUCKET}`, { creds: wrong(), query: { 'list-type': '2' } });
    const res = await send('GET', `/${BUCKET}?list-type=2`, headers);
    assert.equal(res.status, 403, res.body);
    assert.deepEqual(names(res.body), [
      'Code', 'Message', 'AWSAccessKeyId', 'StringToSign', 'SignatureProvided', 'StringToSignBytes', 'CanonicalRequest', 'CanonicalRequestBytes',
      'RequestId', 'HostId',
    ]);
    assert.equal(field(res.body, 'Code'), 'SignatureDoesNotMatch');
    assert.equal(field(res.body, 'Message'), 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
    assert.equal(field(res.body, 'AWSAccessKeyId'), admin().accessKeyId);
    assert.equal(field(res.body, 'SignatureProvided'), /Signature=([0-9a-f]{64})/.exec(headers['authorization']!)![1]);

    const canonical = unescape(field(res.body, 'CanonicalRequest')!);
    const amzDate = headers['x-amz-date']!;
    assert.equal(
      canonical,
      `GET\n/${BUCKET}\nlist-type=2\nhost:${host}\nx-amz-content-sha256:${EMPTY}\nx-amz-date:${amzDate}\n\nhost;x-amz-content-sha256;x-amz-date\n${EMPTY}`,
    );
    const toSign = unescape(field(res.body, 'StringToSign')!);
    const hash = createHash('sha256').update(canonical).digest('hex');
    assert.equal(toSign, `AWS4-HMAC-SHA256\n${amzDate}\n${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request\n${hash}`);
    const bytes = (s: string) => [...Buffer.from(s)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    assert.equal(field(res.body, 'StringToSignBytes'), bytes(toSign));
    assert.equal(field(res.body, 'CanonicalRequestBytes'), bytes(canonical));

    // Neither secret nor either signing key is ever shown.
    for (const secret of [admin().secretAccessKey, wrong().secretAccessKey]) {
      assert.ok(!res.body.includes(secret));
      assert.ok(!res.body.includes(signingKeyHex(secret, amzDate.slice(0, 8))));
    }
  });

  it('shows them for a presigned URL with a wrong signature too', async () => {
    const url = await presigned(`/${BUCKET}/k.txt`, 60, new Date(), wrong());
    const res = await send('GET', url, { host });
    assert.equal(res.status, 403, res.body);
    assert.equal(field(res.body, 'Code'), 'SignatureDoesNotMatch');
    assert.equal(field(res.body, 'SignatureProvided'), new URLSearchParams(url.split('?')[1]).get('X-Amz-Signature'));
    assert.match(unescape(field(res.body, 'CanonicalRequest')!), new RegExp(`^GET\\n/${BUCKET}/k\\.txt\\nX-Amz-Algorithm=AWS4-HMAC-SHA256&[^\\n]*\\nhost:[^\\n]+\\n\\nhost\\nUNSIGNED-PAYLOAD$`));
  });

  it('is still SignatureDoesNotMatch to the SDK, and other services add nothing', async () => {
    const s3 = new S3Client({ endpoint: mock.endpoint, region: 'us-east-1', credentials: wrong(), forcePathStyle: true, maxAttempts: 1 });
    await rejectsWith(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'nope', Body: 'x' })), 'SignatureDoesNotMatch', { status: 403 });
    const sts = await signer(wrong(), 'sts').sign({
      method: 'POST', protocol: 'http:', hostname: '127.0.0.1', path: '/',
      headers: { host, 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    const res = await send('POST', '/', sts.headers as Record<string, string>, 'Action=GetCallerIdentity&Version=2011-06-15');
    assert.equal(res.status, 403);
    assert.match(res.body, /<Code>SignatureDoesNotMatch<\/Code>/);
    assert.doesNotMatch(res.body, /StringToSign|CanonicalRequest|AWSAccessKeyId/);
  });
});

describe('InvalidAccessKeyId', () => {
  it('names the key id that was sent', async () => {
    const creds = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
    const res = await send('GET', `/${BUCKET}`, await signed('GET', `/${BUCKET}`, { creds }));
    assert.equal(res.status, 403, res.body);
    assert.deepEqual(names(res.body), ['Code', 'Message', 'AWSAccessKeyId', 'RequestId', 'HostId']);
    assert.equal(field(res.body, 'Code'), 'InvalidAccessKeyId');
    assert.equal(field(res.body, 'AWSAccessKeyId'), 'AKIAIOSFODNN7EXAMPLE');
  });
});

describe('x-amz-content-sha256', () => {
  it('is required on header-signed S3 requests', async () => {
    const res = await send('GET', `/${BUCKET}/k.txt`, await signed('GET', `/${BUCKET}/k.txt`, { noPayloadHash: true }));
    assert.equal(res.status, 400, res.body);
    assert.equal(field(res.body, 'Code'), 'InvalidRequest');
    assert.equal(field(res.body, 'Message'), 'Missing required header for this request: x-amz-content-sha256');
    const ok = await send('GET', `/${BUCKET}/k.txt`, await signed('GET', `/${BUCKET}/k.txt`));
    assert.equal(ok.status, 200, ok.body);
    assert.equal(ok.body, 'hello');
  });

  it('is not needed by presigned URLs, nor by other services', async () => {
    const res = await send('GET', await presigned(`/${BUCKET}/k.txt`, 60), { host });
    assert.equal(res.status, 200, res.body);
    assert.equal(res.body, 'hello');
    const body = 'Action=GetCallerIdentity&Version=2011-06-15';
    const sts = await signer(admin(), 'sts').sign({
      method: 'POST', protocol: 'http:', hostname: '127.0.0.1', path: '/',
      headers: { host, 'content-type': 'application/x-www-form-urlencoded' }, body,
    });
    const headers = sts.headers as Record<string, string>;
    assert.equal(headers['x-amz-content-sha256'], undefined);
    const me = await send('POST', '/', headers, body);
    assert.equal(me.status, 200, me.body);
  });
});
