// SigV4 verification: AWS's documented example, presigned (query-string) requests signed by
// @smithy/signature-v4, the payload hash, and SigV4 material that cannot be parsed.
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { SignatureV4 } from '@smithy/signature-v4';
import { parseSigV4 } from '../../src/mock/auth/sigv4-read.js';
import { constantTimeEqual, hmacSha256Hex, verifySignature } from '../../src/mock/auth/sigv4.js';
import type { RunningMock } from '../../src/mock/index.js';
import { adminCreds, prng, Sha256, withMock } from './helpers.js';

describe('SigV4 verification', () => {
  it("accepts AWS's documented example request (IAM ListUsers, 2015-08-30)", () => {
    const headers = {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      host: 'iam.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    };
    const rawQuery = 'Action=ListUsers&Version=2010-05-08';
    const p = parseSigV4(headers, new URLSearchParams(rawQuery))!;
    const req = { method: 'GET', rawPath: '/', rawQuery, headers, body: Buffer.alloc(0) };
    assert.ok(verifySignature(req, p, 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'));
    assert.equal(verifySignature(req, p, 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEX'), undefined);
    assert.equal(verifySignature({ ...req, rawQuery: 'Action=ListUsers&Version=2010-05-09' }, p, 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY'), undefined);
  });

  it('computes HMAC-SHA256 as node:crypto does, for keys and strings of every kind', () => {
    // RFC 2104 from cached pads: keys of signing-key size and longer than a block (which
    // take createHmac), strings with multi-byte and astral characters (UTF-8 lengths).
    const rnd = prng(7);
    const alphabet = ['a', 'Z', '0', '\n', '/', ' ', 'é', '한', '\u{1F600}'];
    for (let i = 0; i < 500; i++) {
      const key = randomBytes(i % 50 === 0 ? 65 + (i % 7) : 32);
      let data = '';
      for (let n = Math.floor(rnd() * 300); n > 0; n--) data += alphabet[Math.floor(rnd() * alphabet.length)];
      assert.equal(hmacSha256Hex(key, data), createHmac('sha256', key).update(data).digest('hex'), `case ${i}: ${JSON.stringify(data.slice(0, 40))}`);
    }
  });

  it('compares signatures as whole strings', () => {
    const sig = 'a'.repeat(64);
    assert.equal(constantTimeEqual(sig, 'a'.repeat(64)), true);
    assert.equal(constantTimeEqual(sig, `${'a'.repeat(63)}b`), false);
    assert.equal(constantTimeEqual(sig, `b${'a'.repeat(63)}`), false);
    assert.equal(constantTimeEqual(sig, 'a'.repeat(63)), false);
    assert.equal(constantTimeEqual(sig, 'A'.repeat(64)), false);
  });

  describe('over HTTP', () => {
    let mock: RunningMock;
    before(async () => {
      mock = await withMock();
    });
    after(() => mock.close());

    async function presigned(expiresIn: number, signingDate = new Date()): Promise<string> {
      const url = new URL(mock.endpoint);
      const signer = new SignatureV4({ credentials: adminCreds(mock.accounts[0]!), region: 'us-east-1', service: 'sts', sha256: Sha256 });
      const req = await signer.presign(
        {
          method: 'GET',
          protocol: 'http:',
          hostname: url.hostname,
          port: Number(url.port),
          path: '/',
          query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
          headers: { host: url.host },
        },
        { expiresIn, signingDate },
      );
      const query = new URLSearchParams(req.query as Record<string, string>).toString();
      return `${mock.endpoint}/?${query}`;
    }

    it('accepts a presigned GetCallerIdentity URL', async () => {
      const res = await fetch(await presigned(60));
      const body = await res.text();
      assert.equal(res.status, 200, body);
      assert.match(body, /<Arn>arn:aws:iam::111111111111:user\/admin<\/Arn>/);
    });

    it('refuses a presigned URL past its expiry, or with an altered query', async () => {
      const expired = await fetch(await presigned(60, new Date(Date.now() - 120_000)));
      assert.equal(expired.status, 403);
      assert.match(await expired.text(), /<Code>SignatureDoesNotMatch<\/Code><Message>Signature expired/);
      const altered = await fetch((await presigned(60)).replace('GetCallerIdentity', 'GetSessionToken'));
      assert.equal(altered.status, 403);
      assert.match(await altered.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
    });

    it('refuses a body that does not match its declared hash', async () => {
      const url = new URL(mock.endpoint);
      const signer = new SignatureV4({ credentials: adminCreds(mock.accounts[0]!), region: 'us-east-1', service: 'sts', sha256: Sha256 });
      const body = 'Action=GetCallerIdentity&Version=2011-06-15';
      const signed = await signer.sign({
        method: 'POST',
        protocol: 'http:',
        hostname: url.hostname,
        port: Number(url.port),
        path: '/',
        headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      const headers = signed.headers as Record<string, string>;
      const ok = await fetch(`${mock.endpoint}/`, { method: 'POST', headers, body });
      assert.equal(ok.status, 200);
      const tampered = await fetch(`${mock.endpoint}/`, { method: 'POST', headers, body: body.replace('GetCallerIdentity', 'GetSessionToken') });
      assert.equal(tampered.status, 403);
      assert.match(await tampered.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
    });

    it('answers malformed or missing authentication with query-protocol errors', async () => {
      const post = (headers: Record<string, string>) =>
        fetch(`${mock.endpoint}/`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: 'Action=ListUsers&Version=2010-05-08' });
      const missing = await post({});
      assert.equal(missing.status, 403);
      assert.match(await missing.text(), /<Code>MissingAuthenticationToken<\/Code>/);
      const malformed = await post({ authorization: 'AWS4-HMAC-SHA256 Credential=AKIAX/20250101/us-east-1/iam/aws4_request' });
      assert.equal(malformed.status, 400);
      assert.match(await malformed.text(), /<Code>IncompleteSignature<\/Code><Message>Authorization header requires &apos;SignedHeaders&apos; parameter\.<\/Message>/);
    });
  });
});
