import { randomBytes } from 'node:crypto';

/**
 * Resolution-style API token: 16 hex characters of id followed by 32 Base64url
 * characters (24 random bytes). The id lets the store find the one candidate
 * record, so a request costs at most one PBKDF2 check.
 */
const ID_LENGTH = 16;
const SECRET_BYTES = 24;
const SHAPE = /^[0-9a-f]{16}[A-Za-z0-9_-]{32}$/;

export const API_TOKEN_LENGTH = 48;

export const apiToken = {
  newId(): string {
    return randomBytes(ID_LENGTH / 2).toString('hex');
  },

  generate(id: string): string {
    if (!/^[0-9a-f]{16}$/.test(id)) throw new TypeError(`API token id must be 16 hex characters, got "${id}"`);
    return id + randomBytes(SECRET_BYTES).toString('base64url');
  },

  /** The token id, or null when `value` does not have the API token shape. */
  parseId(value: string): string | null {
    return value.length === API_TOKEN_LENGTH && SHAPE.test(value) ? value.slice(0, ID_LENGTH) : null;
  },
};
