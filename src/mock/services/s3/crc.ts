// The two checksum algorithms of S3's flexible checksums that node:zlib and node:crypto do not
// offer: CRC32C (Castagnoli) and CRC64NVME. Both are reflected CRCs with all-ones initial value
// and final XOR, computed a byte at a time from a 256-entry table. S3 gives each as the
// big-endian bytes of the value in base64 (S3 UG, "Checking object integrity").

/** CRC-32C: reflected polynomial 0x82F63B78 (RFC 3720 §12.1, iSCSI). */
const CRC32C_POLY = 0x82f63b78;

/** CRC-64/NVME: reflected polynomial 0x9A6C9329AC4BC9B5 (NVM Express NVM Command Set
 * Specification, §5.2.1.3.4 "64b CRC"). Held as two 32-bit halves: BigInt arithmetic per
 * byte would make a 10 MB body take seconds. */
const CRC64_POLY_HI = 0x9a6c9329;
const CRC64_POLY_LO = 0xac4bc9b5;

const crc32cTable = new Uint32Array(256);
const crc64Hi = new Uint32Array(256);
const crc64Lo = new Uint32Array(256);

for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ CRC32C_POLY : c >>> 1;
  crc32cTable[n] = c >>> 0;

  let hi = 0;
  let lo = n;
  for (let k = 0; k < 8; k++) {
    const carry = lo & 1;
    // Shift the 64-bit value right by one across the halves.
    lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
    hi = hi >>> 1;
    if (carry) {
      hi = (hi ^ CRC64_POLY_HI) >>> 0;
      lo = (lo ^ CRC64_POLY_LO) >>> 0;
    }
  }
  crc64Hi[n] = hi;
  crc64Lo[n] = lo;
}

/** CRC-32C of `data` as an unsigned 32-bit number. */
export function crc32c(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = crc32cTable[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** CRC-64/NVME of `data` as its eight big-endian bytes. */
export function crc64nvme(data: Uint8Array): Buffer {
  let hi = 0xffffffff;
  let lo = 0xffffffff;
  for (let i = 0; i < data.length; i++) {
    const idx = (lo ^ data[i]!) & 0xff;
    // (crc >> 8) ^ table[idx], with the 64-bit value in two halves.
    lo = (((lo >>> 8) | (hi << 24)) ^ crc64Lo[idx]!) >>> 0;
    hi = ((hi >>> 8) ^ crc64Hi[idx]!) >>> 0;
  }
  const out = Buffer.alloc(8);
  out.writeUInt32BE((hi ^ 0xffffffff) >>> 0, 0);
  out.writeUInt32BE((lo ^ 0xffffffff) >>> 0, 4);
  return out;
}
