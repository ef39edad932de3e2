// IpAddress / NotIpAddress (IAM UG, "Condition operators > IP address condition operators"):
// the policy value is an IPv4 or IPv6 address or CIDR range; a plain address is a /32 (/128).
// Parsing is written by hand because src/policy must stay free of Node-only modules, and it is
// a few lines: addresses become byte arrays, a range is a byte prefix plus a bit mask.
import type { BaseOperator, OperatorTable, ValueTest } from './operator.js';

function parseV4(text: string): number[] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const bytes: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    bytes.push(n);
  }
  return bytes;
}

function parseV6(text: string): number[] | null {
  let head = text;
  let tail4: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    const v4 = parseV4(text.slice(lastColon + 1));
    if (!v4) return null;
    tail4 = v4;
    // Keep a "::" that directly precedes the IPv4 tail; drop a single separating ":".
    head = text[lastColon - 1] === ':' ? text.slice(0, lastColon + 1) : text.slice(0, lastColon);
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string): string[] => (s === '' ? [] : s.split(':'));
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  const wanted = 8 - tail4.length / 2;
  const fill = wanted - left.length - right.length;
  if (halves.length === 2 ? fill < 1 : fill !== 0) return null;
  const all = [...left, ...Array<string>(halves.length === 2 ? fill : 0).fill('0'), ...right];
  const bytes: number[] = [];
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    const n = parseInt(g, 16);
    bytes.push(n >> 8, n & 0xff);
  }
  return [...bytes, ...tail4];
}

/** Bytes of an address (4 for IPv4, 16 for IPv6; IPv4-mapped IPv6 becomes IPv4). */
export function parseIp(text: string): number[] | null {
  const t = text.trim();
  if (!t.includes(':')) return parseV4(t);
  const v6 = parseV6(t);
  if (v6 && v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff) {
    return v6.slice(12);
  }
  return v6;
}

export interface Cidr {
  bytes: number[];
  bits: number;
}

export function parseCidr(text: string): Cidr | null {
  const [addr, len, extra] = text.trim().split('/');
  if (extra !== undefined || !addr) return null;
  const bytes = parseIp(addr);
  if (!bytes) return null;
  const max = bytes.length * 8;
  if (len === undefined) return { bytes, bits: max };
  if (!/^\d{1,3}$/.test(len) || Number(len) > max) return null;
  return { bytes, bits: Number(len) };
}

export function inCidr(ip: number[], range: Cidr): boolean {
  if (ip.length !== range.bytes.length) return false;
  let bits = range.bits;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((ip[i]! & mask) !== (range.bytes[i]! & mask)) return false;
  }
  return true;
}

const ipOperator = (negated: boolean): BaseOperator => ({
  negated,
  variables: false,
  compile: (p): ValueTest | null => {
    const range = parseCidr(p);
    if (!range) return null;
    return (v) => {
      const ip = parseIp(v);
      return ip !== null && inCidr(ip, range);
    };
  },
});

export const ipOperators: OperatorTable = {
  IpAddress: ipOperator(false),
  NotIpAddress: ipOperator(true),
};
