import { pbkdf2, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Atlassian's `{PKCS5S2}` password/token hash: PBKDF2-HMAC-SHA1 over the UTF-8
 * bytes, 16-byte salt, 10,000 iterations, 32-byte key, stored as the prefix and
 * Base64(salt + key). Hashes from any other correct implementation verify.
 */
const PREFIX = '{PKCS5S2}';
const SALT_LENGTH = 16;
const KEY_LENGTH = 32;
const ITERATIONS = 10_000;
const DIGEST = 'sha1';
const STRICT_BASE64 = /^[A-Za-z0-9+/]{64}$/;

interface DecodedHash {
  salt: Buffer;
  key: Buffer;
}

function decode(hash: string): DecodedHash | null {
  if (typeof hash !== 'string' || !hash.startsWith(PREFIX)) return null;
  const body = hash.slice(PREFIX.length);
  // 48 bytes encode to exactly 64 Base64 characters without padding.
  if (!STRICT_BASE64.test(body)) return null;
  const raw = Buffer.from(body, 'base64');
  if (raw.length !== SALT_LENGTH + KEY_LENGTH) return null;
  return { salt: raw.subarray(0, SALT_LENGTH), key: raw.subarray(SALT_LENGTH) };
}

function format(salt: Buffer, key: Buffer): string {
  return PREFIX + Buffer.concat([salt, key]).toString('base64');
}

function checkSalt(salt: Buffer): Buffer {
  if (salt.length !== SALT_LENGTH) throw new RangeError(`PKCS5S2 salt must be ${SALT_LENGTH} bytes, got ${salt.length}`);
  return salt;
}

function deriveAsync(plain: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(plain, salt, ITERATIONS, KEY_LENGTH, DIGEST, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export const pkcs5s2 = {
  prefix: PREFIX,

  /** Hashes with a fresh random salt (or the given one, for reproducible tests). */
  encode(plain: string, salt: Buffer = randomBytes(SALT_LENGTH)): string {
    return format(checkSalt(salt), pbkdf2Sync(plain, salt, ITERATIONS, KEY_LENGTH, DIGEST));
  },

  /** True when `hash` is a well-formed `{PKCS5S2}` hash of `plain`; compared in constant time. */
  matches(plain: string, hash: string): boolean {
    const decoded = decode(hash);
    if (!decoded) return false;
    return timingSafeEqual(pbkdf2Sync(plain, decoded.salt, ITERATIONS, KEY_LENGTH, DIGEST), decoded.key);
  },

  /** As `encode`, computed on the libuv thread pool so a server's event loop keeps running. */
  async encodeAsync(plain: string, salt: Buffer = randomBytes(SALT_LENGTH)): Promise<string> {
    return format(checkSalt(salt), await deriveAsync(plain, salt));
  },

  async matchesAsync(plain: string, hash: string): Promise<boolean> {
    const decoded = decode(hash);
    if (!decoded) return false;
    return timingSafeEqual(await deriveAsync(plain, decoded.salt), decoded.key);
  },

  isWellFormed(hash: string): boolean {
    return decode(hash) !== null;
  },
};
