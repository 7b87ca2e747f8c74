import type { TokenScope } from './token-scope.js';

/** The two token families: resolution-style API tokens and Atlassian-style personal access tokens. */
export type TokenFamily = 'api' | 'pat';

/** A stored token. Only the `{PKCS5S2}` hash of the token value is kept. */
export interface TokenRecord {
  readonly id: string;
  readonly family: TokenFamily;
  readonly owner: string;
  readonly description: string;
  readonly scope: TokenScope;
  readonly hash: string;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  /** Epoch milliseconds; null for a non-expiring token. */
  readonly expiresAt: number | null;
  readonly lastAccessedAt: number | null;
}

/** What listings and decisions expose: everything but the hash. */
export type TokenInfo = Omit<TokenRecord, 'hash'>;

export function tokenInfo(record: TokenRecord): TokenInfo {
  const { hash: _hash, ...info } = record;
  return info;
}
