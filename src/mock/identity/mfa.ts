// Virtual MFA: RFC 6238 one-time passwords (HMAC-SHA1, 30-second steps, 6 digits) over the
// device's seed, and the check STS makes when a request carries SerialNumber and TokenCode.
// Written with node:crypto: a dozen lines, and no OTP library is among the dependencies.
import { createHmac, randomBytes } from 'node:crypto';
import { AwsError } from '../types.js';
import type { IamState, MfaDeviceRecord } from './model.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const STEP_MS = 30_000;

export function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return bits > 0 ? out + BASE32[(value << (5 - bits)) & 31] : out;
}

function base32Decode(text: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of text.replace(/=+$/, '')) {
    value = (value << 5) | BASE32.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A fresh 160-bit seed, base32 (32 characters), as IAM's Base32StringSeed. */
export const newSeed = (): string => base32Encode(randomBytes(20));

export const stepOf = (ms: number): number => Math.floor(ms / STEP_MS);

/** The code of a 30-second step (RFC 4226 dynamic truncation). */
export function totp(seed: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(seed)).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return ((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).toString().padStart(6, '0');
}

/** A code is accepted one step either side of now, for clock drift (RFC 6238 §5.2). */
export function codeMatches(seed: string, code: string, nowMs: number): boolean {
  const now = stepOf(nowMs);
  return [now - 1, now, now + 1].some((s) => totp(seed, s) === code);
}

const NOT_ASSOCIATED =
  'MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA serial number is valid and associated with this user.';

/** STS's check of SerialNumber + TokenCode for an IAM user: true when MFA was shown,
 * false when none was offered; AccessDenied otherwise. */
export function verifyMfa(
  iam: IamState,
  userName: string | undefined,
  serial: string | undefined,
  code: string | undefined,
  nowMs: number,
): boolean {
  if (serial === undefined && code === undefined) return false;
  const device: MfaDeviceRecord | undefined = (iam.mfaDevices ?? []).find((d) => d.serial === serial);
  if (!device || !userName || device.user?.toLowerCase() !== userName.toLowerCase() || code === undefined) {
    throw new AwsError('AccessDenied', NOT_ASSOCIATED, 403);
  }
  if (!codeMatches(device.seed, code, nowMs)) {
    throw new AwsError('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code. ', 403);
  }
  return true;
}
