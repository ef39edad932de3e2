// Signature Version 4 verification with node:crypto, following aws-wire.md §7. Written by
// hand rather than with @smithy/signature-v4 because verifying means rebuilding the
// canonical request from the client's own SignedHeaders list exactly as received, which the
// library's signer (built to sign, not verify) fights: it drops and re-adds date headers and
// injects x-amz-content-sha256 and the session token (§7.4 pitfalls). sigv4-read.ts reads the
// parameters from the request.
import * as crypto from 'node:crypto';
import { createHash, createHmac } from 'node:crypto';
import { ALGORITHM, type SigV4Params } from './sigv4-read.js';

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** What verification needs of an HTTP request, as received. */
export interface WireRequest {
  method: string;
  rawPath: string;
  /** Query string without the leading '?', as received. */
  rawQuery: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: Buffer;
}

/** RFC 3986 encoding as SigV4 wants it (unreserved A-Za-z0-9-_.~ kept). */
export function uriEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Canonical URI: S3 signs the path exactly as sent; other services normalise it and encode
 * it once more (aws-wire.md §7.2). */
function canonicalUri(rawPath: string, service: string): string {
  if (service === 's3') return rawPath || '/';
  if (rawPath === '/') return rawPath; // IAM and STS always post to the root
  const segments: string[] = [];
  for (const seg of rawPath.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  const normalised = `/${segments.join('/')}${segments.length && rawPath.endsWith('/') ? '/' : ''}`;
  return uriEncode(normalised).replace(/%2F/g, '/');
}

function canonicalQuery(rawQuery: string): string {
  const pairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = uriEncode(safeDecode(eq < 0 ? part : part.slice(0, eq)));
    if (k === 'X-Amz-Signature') continue;
    pairs.push([k, uriEncode(safeDecode(eq < 0 ? '' : part.slice(eq + 1)))]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** crypto.hash (Node >= 20.12): a digest without building a Hash object. Every signed request
 * takes four (payload, canonical request, and the two of the HMAC); older Node 20 falls back
 * to createHash and createHmac. */
type OneShotHash = {
  (algorithm: string, data: string | Buffer, encoding: 'hex'): string;
  (algorithm: string, data: string | Buffer, encoding: 'buffer'): Buffer;
};
const oneShot = (crypto as { hash?: OneShotHash }).hash;
export const sha256Hex = oneShot
  ? (data: string | Buffer): string => oneShot('sha256', data, 'hex')
  : (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** The payload hash the client signed. */
function payloadHash(req: WireRequest, p: SigV4Params): string {
  const header = req.headers['x-amz-content-sha256'];
  if (header) return header;
  if (p.presigned && p.service === 's3') return 'UNSIGNED-PAYLOAD';
  return sha256Hex(req.body);
}

/** Whitespace a header value needs normalised: leading/trailing, runs, or tabs and newlines
 * (SDK values have none, so most take the test and no replace). */
const UNTRIMMED = /^\s|\s$|\s\s|[\t\n\r\f\v]/;

export function canonicalRequest(req: WireRequest, p: SigV4Params): string {
  // String concatenation rather than map/join: this runs on every signed request.
  let headers = '';
  for (const name of p.signedHeaders) {
    const v = req.headers[name] ?? '';
    headers += `${name}:${UNTRIMMED.test(v) ? v.trim().replace(/\s+/g, ' ') : v}\n`;
  }
  return `${req.method}\n${canonicalUri(req.rawPath, p.service)}\n${req.rawQuery ? canonicalQuery(req.rawQuery) : ''}\n${headers}\n${p.signedHeaders.join(';')}\n${payloadHash(req, p)}`;
}

const hmac = (key: string | Buffer, data: string): Buffer => createHmac('sha256', key).update(data).digest();

/** Derived keys by (secret, date, region, service): a client signs many requests with the
 * same scope, and deriving costs four HMACs (the SDK's signer caches the same way). Bounded:
 * emptied when full, so a flood of distinct keys cannot grow it. */
const derivedKeys = new Map<string, Buffer>();
const MAX_DERIVED_KEYS = 256;

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const id = `${date}\n${region}\n${service}\n${secret}`;
  let key = derivedKeys.get(id);
  if (!key) {
    key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
    if (derivedKeys.size >= MAX_DERIVED_KEYS) derivedKeys.clear();
    derivedKeys.set(id, key);
  }
  return key;
}

export function stringToSign(req: WireRequest, p: SigV4Params): string {
  return stringToSignOf(p, canonicalRequest(req, p));
}

const stringToSignOf = (p: SigV4Params, canonical: string): string => `${ALGORITHM}\n${p.amzDate}\n${p.scope}\n${sha256Hex(canonical)}`;

/** What the server signed when a signature does not match: S3 sends it back so that a client
 * author can compare it with their own (aws-wire.md §5.2). Recomputed here, on the failure
 * path only, rather than kept from the verification every request makes. */
export function signedMaterial(req: WireRequest, p: SigV4Params): { canonicalRequest: string; stringToSign: string } {
  const canonical = canonicalRequest(req, p);
  return { canonicalRequest: canonical, stringToSign: stringToSignOf(p, canonical) };
}

/** HMAC-SHA256 pads of each signing key (RFC 2104), so that verifying takes two one-shot
 * hashes: createHmac sets up an OpenSSL MAC context per call, several microseconds on
 * every request. Keyed by the key Buffer itself, which the cache above keeps alive. */
const pads = new WeakMap<Buffer, { inner: Buffer; outer: Buffer }>();
const HMAC_BLOCK = 64;
const SHA256_BYTES = 32;

function padsOf(key: Buffer): { inner: Buffer; outer: Buffer } {
  let p = pads.get(key);
  if (!p) {
    // SigV4 signing keys are 32-byte HMAC outputs, shorter than the block: used as is.
    const inner = Buffer.alloc(HMAC_BLOCK, 0x36);
    const outer = Buffer.alloc(HMAC_BLOCK, 0x5c);
    for (let i = 0; i < key.length; i++) {
      inner[i]! ^= key[i]!;
      outer[i]! ^= key[i]!;
    }
    pads.set(key, (p = { inner, outer }));
  }
  return p;
}

/** HMAC-SHA256 of `data` under a signing key, in lower-case hex. Both hashes take hex out:
 * Node 20's crypto.hash returns a Buffer four times slower than a hex string, and the
 * inner digest goes back into bytes with one hex write. Each hash input is one buffer,
 * pad first, written in place rather than concatenated. */
export function hmacSha256Hex(key: Buffer, data: string): string {
  if (!oneShot || key.length > HMAC_BLOCK) return createHmac('sha256', key).update(data).digest('hex');
  const { inner, outer } = padsOf(key);
  const first = Buffer.allocUnsafe(HMAC_BLOCK + Buffer.byteLength(data, 'utf8'));
  inner.copy(first, 0);
  first.write(data, HMAC_BLOCK, 'utf8');
  const second = Buffer.allocUnsafe(HMAC_BLOCK + SHA256_BYTES);
  outer.copy(second, 0);
  second.write(oneShot('sha256', first, 'hex'), HMAC_BLOCK, 'hex');
  return oneShot('sha256', second, 'hex');
}

/** Equality of two strings in time that depends on their length only, not on where they
 * differ: a signature check must not tell a prober how many leading characters were right. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** Recomputes the signature with `secret`; returns the signing key when it matches. SigV4
 * signatures are lower-case hex (aws-wire.md §7), so a given one is compared as sent. */
export function verifySignature(req: WireRequest, p: SigV4Params, secret: string): Buffer | undefined {
  const key = signingKey(secret, p.date, p.region, p.service);
  return constantTimeEqual(hmacSha256Hex(key, stringToSign(req, p)), p.signature) ? key : undefined;
}

/** Milliseconds since the epoch of a yyyymmddThhmmssZ timestamp. */
export function amzDateMs(amzDate: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : Number.NaN;
}
