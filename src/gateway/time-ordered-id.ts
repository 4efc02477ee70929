import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(16 * 256);
let poolOffset = pool.length;
const hex: string[] = Array.from({ length: 256 }, (_unused, value) => value.toString(16).padStart(2, '0'));

/**
 * A UUID version 7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then random bits. Ids that
 * grow with time keep the log tables' id indexes append-only (a random UUIDv4 lands on a random
 * B-tree page every insert), and still sort by creation. Random bytes come from a pooled buffer
 * so one id costs one small copy, not a call into the CSPRNG.
 */
export function timeOrderedId(now = Date.now()): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  bytes[0] = Math.floor(now / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(now / 2 ** 32) & 0xff;
  bytes[2] = (now >>> 24) & 0xff;
  bytes[3] = (now >>> 16) & 0xff;
  bytes[4] = (now >>> 8) & 0xff;
  bytes[5] = now & 0xff;
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  let text = '';
  for (let index = 0; index < 16; index++) {
    text += hex[bytes[index]];
    if (index === 3 || index === 5 || index === 7 || index === 9) text += '-';
  }
  return text;
}
