// aws-chunked uploads: signed chunks (each signature chained from the previous one and checked),
// unsigned chunks with a trailing checksum, signed trailers, framing errors, and the SDK's own
// streaming upload.
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { request } from 'node:http';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import { startMock, type RunningMock } from '../../src/mock/index.js';
import { Sha256 } from './helpers.js';

let mock: RunningMock;
let s3: S3Client;
const BUCKET = 'chunked-bucket';
const EMPTY = createHash('sha256').digest('hex');

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
const hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

interface Upload {
  mode: string;
  chunks: Buffer[];
  trailer?: string;
  signTrailer?: boolean;
  tamper?: (body: Buffer) => Buffer;
  decodedLength?: number;
}

/** Sends a PUT whose headers are signed with SigV4 and whose body is aws-chunked framed,
 * computing chunk signatures as the S3 "sigv4-streaming" documentation describes. */
async function upload(key: string, u: Upload): Promise<{ status: number; body: string }> {
  const { accessKeyId, secretAccessKey } = mock.accounts[0]!.admin;
  const url = new URL(mock.endpoint);
  const signed = u.mode.startsWith('STREAMING-AWS4-HMAC-SHA256-PAYLOAD');
  const frame = (size: number, sig: string) => `${size.toString(16)}${signed ? `;chunk-signature=${sig}` : ''}\r\n`;
  const placeholder = '0'.repeat(64);
  const trailerLines = (sig: string) =>
    u.trailer === undefined ? '' : `${u.trailer}\r\n${u.signTrailer ? `x-amz-trailer-signature:${sig}\r\n` : ''}`;
  const length = (sigs: string) =>
    u.chunks.reduce((n, c) => n + frame(c.length, sigs).length + c.length + 2, 0) + frame(0, sigs).length + trailerLines(sigs).length + 2;
  const decoded = u.chunks.reduce((n, c) => n + c.length, 0);
  const headers: Record<string, string> = {
    host: url.host,
    'x-amz-content-sha256': u.mode,
    'content-encoding': 'aws-chunked',
    'x-amz-decoded-content-length': String(u.decodedLength ?? decoded),
    'content-length': String(length(placeholder)),
  };
  if (u.trailer !== undefined) headers['x-amz-trailer'] = u.trailer.split(':')[0]!;
  const signer = new SignatureV4({ credentials: { accessKeyId, secretAccessKey }, region: 'us-east-1', service: 's3', sha256: Sha256 as never, uriEscapePath: false, applyChecksum: false });
  const req = await signer.sign({ method: 'PUT', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: `/${BUCKET}/${key}`, query: {}, headers } as never);
  const h = (req as unknown as { headers: Record<string, string> }).headers;
  let prev = /Signature=([0-9a-f]{64})/.exec(h['authorization']!)![1]!;
  const amzDate = h['x-amz-date']!;
  const scope = `${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request`;
  const key4 = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, amzDate.slice(0, 8)), 'us-east-1'), 's3'), 'aws4_request');
  const sign = (data: Buffer) => {
    prev = hmac(key4, ['AWS4-HMAC-SHA256-PAYLOAD', amzDate, scope, prev, EMPTY, hex(data)].join('\n')).toString('hex');
    return prev;
  };
  const parts: Buffer[] = [];
  for (const c of [...u.chunks, Buffer.alloc(0)]) {
    const sig = signed ? sign(c) : '';
    parts.push(Buffer.from(frame(c.length, sig)), c, Buffer.from(c.length ? '\r\n' : ''));
  }
  const trailerSig = u.trailer && u.signTrailer
    ? hmac(key4, ['AWS4-HMAC-SHA256-TRAILER', amzDate, scope, prev, hex(`${u.trailer}\n`)].join('\n')).toString('hex')
    : '';
  parts.push(Buffer.from(`${trailerLines(trailerSig)}\r\n`));
  let body: Buffer = Buffer.concat(parts);
  if (u.tamper) body = u.tamper(body);
  return new Promise((resolve, reject) => {
    const r = request(`${mock.endpoint}/${BUCKET}/${key}`, { method: 'PUT', headers: h }, (res) => {
      const out: Buffer[] = [];
      res.on('data', (c: Buffer) => out.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(out).toString('utf8') }));
    });
    r.on('error', reject);
    r.end(body);
  });
}

const crc32Base64 = (data: Buffer) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(crc32(data) >>> 0);
  return b.toString('base64');
};

async function content(key: string): Promise<string | undefined> {
  try {
    return await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToString();
  } catch (err) {
    if ((err as Error).name === 'NoSuchKey') return undefined;
    throw err;
  }
}

const CHUNKS = [Buffer.alloc(9000, 'a'), Buffer.alloc(9000, 'b'), Buffer.from('tail')];

before(async () => {
  mock = await startMock({ accounts: 1 });
  const { accessKeyId, secretAccessKey } = mock.accounts[0]!.admin;
  s3 = new S3Client({ endpoint: mock.endpoint, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey }, forcePathStyle: true, maxAttempts: 1 });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
});
after(() => mock.close());

describe('signed chunks (STREAMING-AWS4-HMAC-SHA256-PAYLOAD)', () => {
  it('stores the unwrapped payload when every chunk signature verifies', async () => {
    const res = await upload('signed.txt', { mode: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', chunks: CHUNKS });
    assert.equal(res.status, 200, res.body);
    assert.equal(await content('signed.txt'), Buffer.concat(CHUNKS).toString());
  });

  it('refuses a body altered in transit with SignatureDoesNotMatch, storing nothing', async () => {
    const res = await upload('tampered.txt', {
      mode: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
      chunks: CHUNKS,
      tamper: (b) => {
        const copy = Buffer.from(b);
        copy[copy.indexOf('b'.repeat(10))] = 'c'.charCodeAt(0);
        return copy;
      },
    });
    assert.equal(res.status, 403);
    assert.match(res.body, /<Code>SignatureDoesNotMatch<\/Code>/);
    assert.equal(await content('tampered.txt'), undefined);
  });

  it('verifies the trailer signature of the -TRAILER variant', async () => {
    const trailer = `x-amz-checksum-crc32:${crc32Base64(Buffer.concat(CHUNKS))}`;
    const ok = await upload('trailer.txt', { mode: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', chunks: CHUNKS, trailer, signTrailer: true });
    assert.equal(ok.status, 200, ok.body);
    const bad = await upload('trailer-bad.txt', {
      mode: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
      chunks: CHUNKS,
      trailer,
      signTrailer: true,
      tamper: (b) => Buffer.from(b.toString('latin1').replace(/x-amz-trailer-signature:[0-9a-f]/, 'x-amz-trailer-signature:z'), 'latin1'),
    });
    assert.equal(bad.status, 403);
  });
});

describe('unsigned chunks with a trailing checksum (STREAMING-UNSIGNED-PAYLOAD-TRAILER)', () => {
  it('accepts a correct CRC32 trailer and refuses a wrong one with BadDigest', async () => {
    const good = await upload('unsigned.txt', {
      mode: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      chunks: CHUNKS,
      trailer: `x-amz-checksum-crc32:${crc32Base64(Buffer.concat(CHUNKS))}`,
    });
    assert.equal(good.status, 200, good.body);
    assert.equal((await content('unsigned.txt'))?.length, 18004);
    const bad = await upload('unsigned-bad.txt', { mode: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', chunks: CHUNKS, trailer: 'x-amz-checksum-crc32:AAAAAA==' });
    assert.equal(bad.status, 400);
    assert.match(bad.body, /<Code>BadDigest<\/Code>/);
  });

  it('verifies CRC32C and CRC64NVME trailers too', async () => {
    // The algorithms' check values for "123456789" (RFC 3720 B.4's CRC; NVM Command Set 64b CRC).
    const chunks = [Buffer.from('1234'), Buffer.from('56789')];
    for (const [algorithm, check] of [['crc32c', 'e3069283'], ['crc64nvme', 'ae8b14860a799888']]) {
      const trailer = (hex: string) => `x-amz-checksum-${algorithm}:${Buffer.from(hex, 'hex').toString('base64')}`;
      const good = await upload(`${algorithm}.txt`, { mode: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', chunks, trailer: trailer(check!) });
      assert.equal(good.status, 200, good.body);
      const bad = await upload(`${algorithm}-bad.txt`, { mode: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', chunks, trailer: trailer(check!.replace(/^../, '00')) });
      assert.equal(bad.status, 400);
      assert.match(bad.body, new RegExp(`<Code>BadDigest</Code><Message>The ${algorithm!.toUpperCase()} you specified`));
    }
  });

  it('refuses a body shorter than x-amz-decoded-content-length', async () => {
    const res = await upload('short.txt', { mode: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', chunks: CHUNKS, decodedLength: 20000 });
    assert.equal(res.status, 400);
    assert.match(res.body, /<Code>IncompleteBody<\/Code>/);
  });
});

describe('the SDK streaming upload', () => {
  it('round-trips a stream body, which the SDK sends aws-chunked with a trailer', async () => {
    const modes: string[] = [];
    s3.middlewareStack.add(
      (next) => async (args) => {
        const r = args.request as { method: string; headers: Record<string, string> };
        if (r.method === 'PUT') modes.push(r.headers['x-amz-content-sha256'] ?? '');
        return next(args);
      },
      { step: 'finalizeRequest', name: 'recordPayloadMode', priority: 'low' },
    );
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'sdk-stream.txt', Body: Readable.from([Buffer.from('abc'), Buffer.from('def')]), ContentLength: 6 }));
    assert.equal(await content('sdk-stream.txt'), 'abcdef');
    // The JS SDK frames stream bodies as aws-chunked with a trailing checksum.
    assert.deepEqual(modes, ['STREAMING-UNSIGNED-PAYLOAD-TRAILER']);
  });
});
