// Payload integrity S3 checks before acting on a body: the signed payload hash
// (x-amz-content-sha256), Content-MD5, and the flexible checksums (x-amz-checksum-*, in headers
// or aws-chunked trailers), each verified against the bytes received (crc.ts and xxhash.ts
// compute what node does not).
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { AwsError } from '../../types.js';
import { crc32c, crc64nvme } from './crc.js';
import { xxh128, xxh3, xxh64 } from './xxhash.js';

/** A checksum as S3 writes it: the value's big-endian bytes in base64. */
function base64Of32(value: number): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0);
  return out.toString('base64');
}
function base64Of64(...values: bigint[]): string {
  const out = Buffer.alloc(8 * values.length);
  values.forEach((v, i) => out.writeBigUInt64BE(v, 8 * i));
  return out.toString('base64');
}
const digest = (algorithm: string) => (body: Buffer) => createHash(algorithm).update(body).digest('base64');

interface Checksum {
  label: string;
  compute: (body: Buffer) => string;
  /** A CRC: a multipart upload may ask for it of the full object, which S3 derives from the
   * parts' CRCs (S3 UG, "Checking object integrity": full object checksums are CRCs only). */
  fullObject?: true;
}

/** S3's algorithms (client-s3's ChecksumAlgorithm), in the order its messages list them. Of
 * MD5, SHA512 and the XXHASH family, the SDK computes none unless given an implementation,
 * botocore SHA512. */
const CHECKSUMS: Record<string, Checksum> = {
  crc32: { label: 'CRC32', compute: (body) => base64Of32(crc32(body)), fullObject: true },
  crc32c: { label: 'CRC32C', compute: (body) => base64Of32(crc32c(body)), fullObject: true },
  crc64nvme: { label: 'CRC64NVME', compute: (body) => crc64nvme(body).toString('base64'), fullObject: true },
  md5: { label: 'MD5', compute: digest('md5') },
  sha1: { label: 'SHA1', compute: digest('sha1') },
  sha256: { label: 'SHA256', compute: digest('sha256') },
  sha512: { label: 'SHA512', compute: digest('sha512') },
  xxhash128: { label: 'XXHASH128', compute: (body) => base64Of64(...xxh128(body)) },
  xxhash3: { label: 'XXHASH3', compute: (body) => base64Of64(xxh3(body)) },
  xxhash64: { label: 'XXHASH64', compute: (body) => base64Of64(xxh64(body)) },
};

/** An algorithm by its name in either case ('crc32' of x-amz-checksum-crc32, or 'CRC32'). */
const checksumNamed = (name: string): Checksum | undefined => {
  const key = name.toLowerCase();
  return Object.hasOwn(CHECKSUMS, key) ? CHECKSUMS[key] : undefined;
};

/** Whether a multipart upload may take `algorithm` as a FULL_OBJECT checksum. */
export const fullObjectAlgorithm = (algorithm: string): boolean => checksumNamed(algorithm)?.fullObject === true;

/** The algorithms S3 has, as x-amz-checksum-algorithm names them. */
export const CHECKSUM_ALGORITHMS = Object.values(CHECKSUMS).map((c) => c.label);

/** x-amz-checksum-algorithm of a request asking S3 to compute a checksum (CreateMultipartUpload,
 * CopyObject), upper-case; undefined when not given. The wording of the refusal of an algorithm
 * S3 does not have is UNCERTAIN (S3 answers InvalidRequest; the text is not documented). */
export function askedAlgorithm(headers: Record<string, string>): string | undefined {
  const given = headers['x-amz-checksum-algorithm'];
  if (given === undefined) return undefined;
  const algorithm = given.trim().toUpperCase();
  if (!CHECKSUM_ALGORITHMS.includes(algorithm)) {
    throw new AwsError('InvalidRequest', `Checksum algorithm provided is unsupported. Please try again with any of the valid types: [${CHECKSUM_ALGORITHMS.join(', ')}]`);
  }
  return algorithm;
}

/** The checksum of `data` by one of S3's algorithms (lower-case, as in x-amz-checksum-ALG), in
 * base64. Callers pass an algorithm askedAlgorithm accepted. */
export function checksumOf(algorithm: string, data: Buffer): string {
  const checksum = checksumNamed(algorithm);
  if (!checksum) throw new TypeError(`not an S3 checksum algorithm: ${algorithm}`);
  return checksum.compute(data);
}

/** Checksums as XML elements of a result: x-amz-checksum-crc32 → ChecksumCRC32, and so on. */
export function checksumElements(checksums: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(checksums)) out[`Checksum${name.slice('x-amz-checksum-'.length).toUpperCase()}`] = value;
  return out;
}

/** The signed payload hash must be the hash of the bytes received (raw, before unchunking). */
export function checkContentSha256(headers: Record<string, string>, raw: Buffer): void {
  const declared = headers['x-amz-content-sha256'];
  if (!declared || !/^[0-9a-fA-F]{64}$/.test(declared)) return;
  const actual = createHash('sha256').update(raw).digest('hex');
  if (actual !== declared.toLowerCase()) {
    throw new AwsError('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", 400, {
      ClientComputedContentSHA256: declared,
      S3ComputedContentSHA256: actual,
    });
  }
}

export function checkContentMd5(headers: Record<string, string>, body: Buffer): void {
  const declared = headers['content-md5'];
  if (declared === undefined) return;
  const digest = Buffer.from(declared.trim(), 'base64');
  if (digest.length !== 16 || digest.toString('base64') !== declared.trim()) {
    throw new AwsError('InvalidDigest', 'The Content-MD5 you specified was not valid.');
  }
  if (!digest.equals(createHash('md5').update(body).digest())) {
    throw new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400, {
      ExpectedDigest: declared.trim(),
      CalculatedDigest: createHash('md5').update(body).digest('base64'),
    });
  }
}

/** Verify each x-amz-checksum-ALG value given in headers or trailers; returns those given. */
export function checkChecksums(headers: Record<string, string>, trailers: Record<string, string>, body: Buffer): Record<string, string> {
  const given: Record<string, string> = {};
  for (const source of [headers, trailers]) {
    for (const [name, value] of Object.entries(source)) {
      const m = /^x-amz-checksum-([a-z0-9]+)$/.exec(name);
      // Other x-amz-checksum-* headers (x-amz-checksum-mode, -type) are not checksums.
      const algo = m ? checksumNamed(m[1]!) : undefined;
      if (!algo) continue;
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value.trim())) {
        throw new AwsError('InvalidRequest', `Value for ${name} header is invalid.`);
      }
      if (algo.compute(body) !== value.trim()) {
        throw new AwsError('BadDigest', `The ${algo.label} you specified did not match the calculated checksum.`);
      }
      given[name] = value.trim();
    }
  }
  return given;
}
