// aws-chunked request bodies (aws-wire.md §7.3; AWS's "sigv4-streaming" pages): a sequence of
// `hex-size[;chunk-signature=SIG]\r\n<data>\r\n`, a zero-size chunk, then optional trailing
// headers (`x-amz-checksum-crc32:...`, `x-amz-trailer-signature:...`) and a blank line. Signed
// modes chain each chunk's signature from the previous one, seeded by the request signature.
import { constantTimeEqual, EMPTY_SHA256, hmacSha256Hex, sha256Hex } from '../../auth/sigv4.js';
import { AwsError, type Call } from '../../types.js';

const SIGNED = new Set(['STREAMING-AWS4-HMAC-SHA256-PAYLOAD', 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER']);
const UNSIGNED = new Set(['STREAMING-UNSIGNED-PAYLOAD-TRAILER']);
const CRLF = Buffer.from('\r\n');

export interface Unchunked {
  body: Buffer;
  /** Trailing headers, lower-cased names (the trailer signature excluded). */
  trailers: Record<string, string>;
}

/** True when the request body is aws-chunked framed. */
export function isAwsChunked(headers: Record<string, string>): boolean {
  const mode = headers['x-amz-content-sha256'] ?? '';
  const encoding = (headers['content-encoding'] ?? '').toLowerCase();
  return mode.startsWith('STREAMING-') || encoding.split(',').some((e) => e.trim() === 'aws-chunked');
}

const incomplete = () => new AwsError('IncompleteBody', 'The request body terminated unexpectedly');

const signatureMismatch = () =>
  new AwsError(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    403,
  );

/** Unwrap an aws-chunked body, verifying chunk (and trailer) signatures in the signed modes. */
export function unchunk(call: Call): Unchunked {
  const mode = call.headers['x-amz-content-sha256'] ?? '';
  const signed = SIGNED.has(mode);
  if (mode.startsWith('STREAMING-') && !signed && !UNSIGNED.has(mode)) {
    throw new AwsError('NotImplemented', `The payload signing mode ${mode} is not implemented`, 501);
  }
  const signing = call.signing;
  if (signed && !signing) {
    throw new AwsError('InvalidRequest', 'Streaming signed payloads require a signature in the Authorization header');
  }
  const raw = call.body;
  const chunks: Buffer[] = [];
  let prev = signing?.signature ?? '';
  let pos = 0;
  for (;;) {
    const eol = raw.indexOf(CRLF, pos);
    if (eol < 0) throw incomplete();
    const [sizeHex, ...exts] = raw.subarray(pos, eol).toString('latin1').split(';');
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeHex!.trim())) throw incomplete();
    const size = parseInt(sizeHex!.trim(), 16);
    const start = eol + 2;
    if (start + size > raw.length) throw incomplete();
    const data = raw.subarray(start, start + size);
    if (signed) {
      const given = exts.map((e) => e.trim()).find((e) => e.startsWith('chunk-signature='))?.slice(16) ?? '';
      const expected = hmacHex(signing!.key, ['AWS4-HMAC-SHA256-PAYLOAD', signing!.amzDate, signing!.scope, prev, EMPTY_SHA256, sha256Hex(data)]);
      if (!constantTimeEqual(expected, given)) throw signatureMismatch();
      prev = given;
    }
    pos = start + size;
    if (size === 0) break;
    if (!raw.subarray(pos, pos + 2).equals(CRLF)) throw incomplete();
    pos += 2;
    chunks.push(data);
  }
  const trailers = readTrailers(raw.subarray(pos), signed && mode.endsWith('-TRAILER') ? { signing: signing!, prev } : undefined);
  return { body: Buffer.concat(chunks), trailers };
}

/** A chunk's or trailer's signature: its string to sign, one field per line. */
const hmacHex = (key: Buffer, lines: string[]): string => hmacSha256Hex(key, lines.join('\n'));

/** Trailing header lines after the final chunk, up to a blank line or the end of the body. */
function readTrailers(rest: Buffer, verify?: { signing: NonNullable<Call['signing']>; prev: string }): Record<string, string> {
  const trailers = Object.create(null) as Record<string, string>;
  let signature: string | undefined;
  let canonical = '';
  for (const line of rest.toString('latin1').split('\r\n')) {
    if (!line) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw incomplete();
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'x-amz-trailer-signature') {
      signature = value;
      continue;
    }
    trailers[name] = value;
    canonical += `${name}:${value}\n`;
  }
  if (verify) {
    const { signing, prev } = verify;
    const expected = hmacHex(signing.key, ['AWS4-HMAC-SHA256-TRAILER', signing.amzDate, signing.scope, prev, sha256Hex(canonical)]);
    if (signature === undefined || !constantTimeEqual(expected, signature)) throw signatureMismatch();
  }
  return trailers;
}
