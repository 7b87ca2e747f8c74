import { randomBytes } from 'node:crypto';

/** 100-nanosecond intervals from the UUID epoch (1582-10-15) to the Unix epoch. */
const UUID_EPOCH_OFFSET = 0x01b21dd213814000n;
const INTERVALS_PER_MILLISECOND = 10_000n;

const random = randomBytes(8);
// RFC 4122 4.5: a node id that is not a MAC address has the multicast bit set.
random[0]! |= 0x01;
const NODE = random.subarray(0, 6).toString('hex');
// 14 random bits of clock sequence with the RFC 4122 variant (binary 10) on top.
const CLOCK_SEQUENCE = ((random.readUInt16BE(6) & 0x3fff) | 0x8000).toString(16);

let count = 0;

/**
 * A version 1 (time-based) UUID for a time in milliseconds, as Log4j 2's
 * UuidUtil.getTimeBasedUuid makes them: the count of 100 ns intervals plus a counter
 * (so up to 10,000 UUIDs of one millisecond differ), one random clock sequence and
 * one random node per process (Log4j 2 takes the MAC address; reading it is no
 * business of a logging library).
 */
export function timeBasedUuid(milliseconds: number): string {
  count = (count + 1) % 10_000;
  const time = BigInt(Math.floor(milliseconds)) * INTERVALS_PER_MILLISECOND + UUID_EPOCH_OFFSET + BigInt(count);
  const low = (time & 0xffffffffn).toString(16).padStart(8, '0');
  const mid = ((time >> 32n) & 0xffffn).toString(16).padStart(4, '0');
  const high = (((time >> 48n) & 0x0fffn) | 0x1000n).toString(16).padStart(4, '0');
  return `${low}-${mid}-${high}-${CLOCK_SEQUENCE}-${NODE}`;
}

