import type { TokenRecord } from '../../../src/auth/tokens/token-record.js';

/** A plausible stored record for store tests (the hash is never checked there). */
export function sampleRecord(id: string, owner = 'admin', createdAt = 1_600_000_000_000): TokenRecord {
  return {
    id, family: 'api', owner, description: `Token ${id}`, scope: 'READ_ONLY',
    hash: '{PKCS5S2}' + 'A'.repeat(64), createdAt, expiresAt: createdAt + 86_400_000, lastAccessedAt: null,
  };
}
