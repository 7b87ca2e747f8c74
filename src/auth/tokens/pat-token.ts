import { randomBytes, randomInt } from 'node:crypto';

/**
 * Atlassian-style personal access token: Base64 of a 12-digit token id, ':', and
 * 20 random bytes (33 bytes, so exactly 44 characters and no padding).
 */
const ID_DIGITS = 12;
const SECRET_BYTES = 20;
const RAW_LENGTH = ID_DIGITS + 1 + SECRET_BYTES;
const SHAPE = /^[A-Za-z0-9+/]{44}$/;
const COLON = 0x3a;

export const PAT_TOKEN_LENGTH = 44;

export const patToken = {
  /** A random 12-digit id without a leading zero (the seed products print ids like 355510638677). */
  newId(): string {
    return String(randomInt(100_000_000_000, 1_000_000_000_000));
  },

  generate(id: string): string {
    if (!/^[0-9]{12}$/.test(id)) throw new TypeError(`PAT id must be 12 digits, got "${id}"`);
    return Buffer.concat([Buffer.from(id + ':', 'ascii'), randomBytes(SECRET_BYTES)]).toString('base64');
  },

  /** The token id, or null when `value` is not a well-formed PAT. */
  parseId(value: string): string | null {
    if (value.length !== PAT_TOKEN_LENGTH || !SHAPE.test(value)) return null;
    const raw = Buffer.from(value, 'base64');
    if (raw.length !== RAW_LENGTH || raw[ID_DIGITS] !== COLON) return null;
    for (let i = 0; i < ID_DIGITS; i++) {
      const byte = raw[i]!;
      if (byte < 0x30 || byte > 0x39) return null;
    }
    return raw.toString('ascii', 0, ID_DIGITS);
  },
};
