// XXH64, XXH3-64 and XXH3-128 with seed 0 and the default secret, as the xxHash specification
// (Cyan4973/xxHash, doc/xxhash_spec.md) describes them: S3's XXHASH64, XXHASH3 and XXHASH128
// checksums. 64-bit arithmetic in BigInt, which keeps the code as close to the specification
// as it can be; large inputs go through the 32x32-bit accumulate step in plain numbers.

const M64 = (1n << 64n) - 1n;
const P32_1 = 0x9e3779b1n;
const P32_2 = 0x85ebca77n;
const P32_3 = 0xc2b2ae3dn;
const P64_1 = 0x9e3779b185ebca87n;
const P64_2 = 0xc2b2ae3d27d4eb4fn;
const P64_3 = 0x165667b19e3779f9n;
const P64_4 = 0x85ebca77c2b2ae63n;
const P64_5 = 0x27d4eb2f165667c5n;
const MX1 = 0x165667919e3779f9n;
const MX2 = 0x9fb21c651e98df25n;

const SECRET = Buffer.from(
  'b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671fcb79e64eccc0e578825ad07dccff7221' +
    'b8084674f743248ee03590e6813a264c3c2852bb91c300cb88d0658b1b532ea371644897a20df94e3819ef46a9deacd8' +
    'a8fa763fe39c343ff9dcbbc7c70b4f1d8a51e04bcdb45931c89f7ec9d9787364eac5ac8334d3ebc3c581a0fffa1363eb' +
    '170ddd51b7f0da49d316552629d4689e2b16be587d47a1fc8ff8b8d17ad031ce45cb3a8f95160428afd7fbcabb4b407e',
  'hex',
);
const SECRET_LEN = SECRET.length;
const STRIPES_PER_BLOCK = (SECRET_LEN - 64) / 8;
const BLOCK_LEN = 64 * STRIPES_PER_BLOCK;

const mul = (a: bigint, b: bigint): bigint => (a * b) & M64;
const add = (a: bigint, b: bigint): bigint => (a + b) & M64;
const rotl = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & M64;
const u64 = (b: Buffer, off: number): bigint => b.readBigUInt64LE(off);
const u32 = (b: Buffer, off: number): bigint => BigInt(b.readUInt32LE(off));
const bswap64 = (x: bigint): bigint => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(x);
  return b.readBigUInt64BE();
};
const bswap32 = (x: number): number => (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0;
/** Low and high 64 bits of the 128-bit product, xor-folded. */
const fold = (a: bigint, b: bigint): bigint => {
  const p = a * b;
  return (p & M64) ^ (p >> 64n);
};

function avalancheXxh64(x: bigint): bigint {
  x = mul(x ^ (x >> 33n), P64_2);
  x = mul(x ^ (x >> 29n), P64_3);
  return x ^ (x >> 32n);
}

function avalanche(x: bigint): bigint {
  x = mul(x ^ (x >> 37n), MX1);
  return x ^ (x >> 32n);
}

/** XXH64 (seed 0) of `data`. */
export function xxh64(data: Buffer): bigint {
  const len = data.length;
  let off = 0;
  let acc: bigint;
  const round = (a: bigint, lane: bigint): bigint => mul(rotl(add(a, mul(lane, P64_2)), 31n), P64_1);
  if (len >= 32) {
    let a1 = add(P64_1, P64_2);
    let a2 = P64_2;
    let a3 = 0n;
    let a4 = (0n - P64_1) & M64;
    for (; off + 32 <= len; off += 32) {
      a1 = round(a1, u64(data, off));
      a2 = round(a2, u64(data, off + 8));
      a3 = round(a3, u64(data, off + 16));
      a4 = round(a4, u64(data, off + 24));
    }
    acc = add(add(rotl(a1, 1n), rotl(a2, 7n)), add(rotl(a3, 12n), rotl(a4, 18n)));
    for (const a of [a1, a2, a3, a4]) acc = add(mul(acc ^ round(0n, a), P64_1), P64_4);
  } else {
    acc = P64_5;
  }
  acc = add(acc, BigInt(len));
  for (; off + 8 <= len; off += 8) acc = add(mul(rotl(acc ^ round(0n, u64(data, off)), 27n), P64_1), P64_4);
  if (off + 4 <= len) {
    acc = add(mul(rotl(acc ^ mul(u32(data, off), P64_1), 23n), P64_2), P64_3);
    off += 4;
  }
  for (; off < len; off++) acc = mul(rotl(acc ^ mul(BigInt(data[off]!), P64_5), 11n), P64_1);
  return avalancheXxh64(acc);
}

/** mixStep of the specification: a 16-byte chunk against 16 bytes of the secret (seed 0). */
const mix16 = (data: Buffer, off: number, secretOff: number): bigint =>
  fold(u64(data, off) ^ u64(SECRET, secretOff), u64(data, off + 8) ^ u64(SECRET, secretOff + 8));

/** The eight accumulators after the large-input rounds (inputs over 240 bytes). The
 * accumulate step multiplies two 32-bit halves, so each accumulator is kept as two 32-bit
 * numbers here: BigInt for every lane of a 10 MB body would take seconds. */
function largeAccumulators(data: Buffer): bigint[] {
  const init = [P32_3, P64_1, P64_2, P64_3, P64_4, P32_2, P64_5, P32_1];
  const lo = new Float64Array(8);
  const hi = new Float64Array(8);
  init.forEach((v, i) => {
    lo[i] = Number(v & 0xffffffffn);
    hi[i] = Number(v >> 32n);
  });
  const addTo = (i: number, l: number, h: number): void => {
    const sum = lo[i]! + l;
    lo[i] = sum % 0x100000000;
    hi[i] = (hi[i]! + h + Math.floor(sum / 0x100000000)) % 0x100000000;
  };
  const accumulate = (off: number, secretOff: number): void => {
    for (let i = 0; i < 8; i++) {
      const dl = data.readUInt32LE(off + i * 8);
      const dh = data.readUInt32LE(off + i * 8 + 4);
      const vl = (dl ^ SECRET.readUInt32LE(secretOff + i * 8)) >>> 0;
      const vh = (dh ^ SECRET.readUInt32LE(secretOff + i * 8 + 4)) >>> 0;
      addTo(i ^ 1, dl, dh);
      // vl * vh is up to 64 bits: split vh so that each partial product stays exact in a double.
      const p0 = vl * (vh & 0xffff);
      const p1 = vl * (vh >>> 16);
      const low = p0 + (p1 % 0x10000) * 0x10000;
      addTo(i, low % 0x100000000, Math.floor(p1 / 0x10000) + Math.floor(low / 0x100000000));
    }
  };
  const scramble = (): void => {
    for (let i = 0; i < 8; i++) {
      let a = (BigInt(hi[i]!) << 32n) | BigInt(lo[i]!);
      a = mul(a ^ (a >> 47n) ^ u64(SECRET, SECRET_LEN - 64 + i * 8), P32_1);
      lo[i] = Number(a & 0xffffffffn);
      hi[i] = Number(a >> 32n);
    }
  };
  const len = data.length;
  const blocks = Math.floor((len - 1) / BLOCK_LEN);
  for (let b = 0; b < blocks; b++) {
    for (let s = 0; s < STRIPES_PER_BLOCK; s++) accumulate(b * BLOCK_LEN + s * 64, s * 8);
    scramble();
  }
  const lastStart = blocks * BLOCK_LEN;
  const fullStripes = Math.floor((len - lastStart - 1) / 64);
  for (let s = 0; s < fullStripes; s++) accumulate(lastStart + s * 64, s * 8);
  accumulate(len - 64, SECRET_LEN - 71);
  return Array.from({ length: 8 }, (_, i) => (BigInt(hi[i]!) << 32n) | BigInt(lo[i]!));
}

function finalMerge(acc: bigint[], init: bigint, secretOff: number): bigint {
  let result = init;
  for (let i = 0; i < 4; i++) {
    result = add(result, fold(acc[i * 2]! ^ u64(SECRET, secretOff + i * 16), acc[i * 2 + 1]! ^ u64(SECRET, secretOff + i * 16 + 8)));
  }
  return avalanche(result);
}

/** XXH3-64 (seed 0, default secret) of `data`. */
export function xxh3(data: Buffer): bigint {
  const len = data.length;
  const n = BigInt(len);
  if (len === 0) return avalancheXxh64(u64(SECRET, 56) ^ u64(SECRET, 64));
  if (len <= 3) {
    const combined = (data[len - 1]! | (len << 8) | (data[0]! << 16) | (data[len >> 1]! << 24)) >>> 0;
    return avalancheXxh64((u32(SECRET, 0) ^ u32(SECRET, 4)) ^ BigInt(combined));
  }
  if (len <= 8) {
    const combined = u32(data, len - 4) | (u32(data, 0) << 32n);
    let v = (u64(SECRET, 8) ^ u64(SECRET, 16)) ^ combined;
    v = v ^ rotl(v, 49n) ^ rotl(v, 24n);
    v = mul(v, MX2);
    v = v ^ add(v >> 35n, n);
    v = mul(v, MX2);
    return v ^ (v >> 28n);
  }
  if (len <= 16) {
    const low = (u64(SECRET, 24) ^ u64(SECRET, 32)) ^ u64(data, 0);
    const high = (u64(SECRET, 40) ^ u64(SECRET, 48)) ^ u64(data, len - 8);
    return avalanche(add(add(add(n, bswap64(low)), high), fold(low, high)));
  }
  if (len <= 128) {
    let acc = mul(n, P64_1);
    for (let i = ((len - 1) >> 5); i >= 0; i--) {
      acc = add(acc, mix16(data, i * 16, i * 32));
      acc = add(acc, mix16(data, len - i * 16 - 16, i * 32 + 16));
    }
    return avalanche(acc);
  }
  if (len <= 240) {
    let acc = mul(n, P64_1);
    for (let i = 0; i < 8; i++) acc = add(acc, mix16(data, i * 16, i * 16));
    acc = avalanche(acc);
    for (let i = 8; i < len >> 4; i++) acc = add(acc, mix16(data, i * 16, (i - 8) * 16 + 3));
    return avalanche(add(acc, mix16(data, len - 16, 119)));
  }
  return finalMerge(largeAccumulators(data), mul(n, P64_1), 11);
}

/** XXH3-128 (seed 0, default secret) of `data`: [high 64 bits, low 64 bits]. */
export function xxh128(data: Buffer): [bigint, bigint] {
  const len = data.length;
  const n = BigInt(len);
  if (len === 0) return [avalancheXxh64(u64(SECRET, 80) ^ u64(SECRET, 88)), avalancheXxh64(u64(SECRET, 64) ^ u64(SECRET, 72))];
  if (len <= 3) {
    const combined = (data[len - 1]! | (len << 8) | (data[0]! << 16) | (data[len >> 1]! << 24)) >>> 0;
    const swapped = bswap32(combined);
    const rotated = ((swapped << 13) | (swapped >>> 19)) >>> 0;
    const low = (u32(SECRET, 0) ^ u32(SECRET, 4)) ^ BigInt(combined);
    const high = (u32(SECRET, 8) ^ u32(SECRET, 12)) ^ BigInt(rotated);
    return [avalancheXxh64(high), avalancheXxh64(low)];
  }
  if (len <= 8) {
    const combined = u32(data, 0) | (u32(data, len - 4) << 32n);
    const v = (u64(SECRET, 16) ^ u64(SECRET, 24)) ^ combined;
    const p = v * add(P64_1, n << 2n);
    let high = p >> 64n;
    let low = p & M64;
    high = add(high, (low << 1n) & M64);
    low ^= high >> 3n;
    low ^= low >> 35n;
    low = mul(low, MX2);
    low ^= low >> 28n;
    return [avalanche(high), low];
  }
  if (len <= 16) {
    const first = u64(data, 0);
    const last = u64(data, len - 8);
    const val1 = (u64(SECRET, 32) ^ u64(SECRET, 40)) ^ first ^ last;
    const val2 = (u64(SECRET, 48) ^ u64(SECRET, 56)) ^ last;
    const p = val1 * P64_1;
    let low = add(p & M64, (BigInt(len - 1) << 54n) & M64);
    let high = add(add(p >> 64n, val2), mul(val2 & 0xffffffffn, P32_2 - 1n));
    low ^= bswap64(high);
    const p2 = low * P64_2;
    low = p2 & M64;
    high = add(p2 >> 64n, mul(high, P64_2));
    return [avalanche(high), avalanche(low)];
  }
  const acc = [mul(n, P64_1), 0n];
  const mixTwo = (off1: number, off2: number, secretOff: number): void => {
    acc[0] = add(acc[0]!, mix16(data, off1, secretOff)) ^ add(u64(data, off2), u64(data, off2 + 8));
    acc[1] = add(acc[1]!, mix16(data, off2, secretOff + 16)) ^ add(u64(data, off1), u64(data, off1 + 8));
  };
  if (len > 240) {
    const accs = largeAccumulators(data);
    return [finalMerge(accs, ~mul(n, P64_2) & M64, SECRET_LEN - 75), finalMerge(accs, mul(n, P64_1), 11)];
  }
  if (len <= 128) {
    for (let i = ((len - 1) >> 5); i >= 0; i--) mixTwo(i * 16, len - i * 16 - 16, i * 32);
  } else {
    for (let i = 0; i < 4; i++) mixTwo(i * 32, i * 32 + 16, i * 32);
    acc[0] = avalanche(acc[0]!);
    acc[1] = avalanche(acc[1]!);
    for (let i = 4; i < len >> 5; i++) mixTwo(i * 32, i * 32 + 16, (i - 4) * 32 + 3);
    // The last 32 bytes, halves swapped (seed 0, so the negated seed is 0 too).
    mixTwo(len - 16, len - 32, 103);
  }
  const low = add(acc[0]!, acc[1]!);
  const high = add(add(mul(acc[0]!, P64_1), mul(acc[1]!, P64_4)), mul(n, P64_2));
  return [(0n - avalanche(high)) & M64, avalanche(low)];
}
