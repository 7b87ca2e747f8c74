import { createHash } from 'node:crypto';

/** Longest path-safe value: with the rest of a file name it stays under the 255 bytes a name may have. */
const MAX_LENGTH = 128;
const HASH_LENGTH = 16;

/**
 * A looked-up value made safe to put in a file name or an appender name: every
 * character but letters, digits and `_ - . @ + = ,` is percent-encoded as UTF-8 (so
 * `/`, `\`, line breaks and NUL cannot reach a path, and `%` itself is encoded), and a
 * value of only dots is encoded whole (so `..` cannot climb out of a folder). A
 * result longer than 128 characters is cut and ends with `~` and 16 hex digits of
 * the value's SHA-256. Different values stay different.
 */
export function pathSafe(value: string): string {
  if (value !== '' && /^\.+$/.test(value)) return value.replace(/\./g, '%2E');
  const safe = value.replace(/[^A-Za-z0-9_\-.@+=,]/gu, (c) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
  if (safe.length <= MAX_LENGTH) return safe;
  // A name too long to create would drop the key's events; ~ is never in an encoded value, so a cut one cannot meet a whole one.
  return safe.slice(0, MAX_LENGTH - HASH_LENGTH - 1) + '~' + createHash('sha256').update(value).digest('hex').slice(0, HASH_LENGTH);
}
