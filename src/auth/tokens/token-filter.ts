import type { TokenInfo } from './token-record.js';
import type { TokenScope } from './token-scope.js';

/** Inclusive bounds in epoch milliseconds. */
export interface TokenTimeRange {
  readonly from: number;
  readonly until: number;
}

/**
 * What an administrator narrows a listing of every user's tokens by (resolution's
 * `tokensByFilter`, the console's token pages). A token never used has no last use
 * and one that never expires has no expiry, so a range on either leaves them out,
 * as does `notValidAfter`. Scope `none` ("no scope", resolution's `tokenScope=0`)
 * matches nothing: every token here has a scope.
 */
export interface TokenFilter {
  /** Owners to keep; empty: every user the caller may see. */
  readonly users: readonly string[];
  /** Lower-case text the description contains (case-insensitively). */
  readonly description?: string;
  /** Tokens that are no longer valid after this instant. */
  readonly notValidAfter?: number;
  readonly scope?: TokenScope | 'none';
  readonly created?: TokenTimeRange;
  readonly lastUsed?: TokenTimeRange;
  readonly expires?: TokenTimeRange;
}

export function filterMatches(filter: TokenFilter, token: TokenInfo): boolean {
  if (filter.users.length > 0 && !filter.users.includes(token.owner)) return false;
  if (filter.description !== undefined && !token.description.toLowerCase().includes(filter.description)) return false;
  if (filter.notValidAfter !== undefined && (token.expiresAt === null || token.expiresAt > filter.notValidAfter)) return false;
  if (filter.scope !== undefined && filter.scope !== token.scope) return false;
  return within(filter.created, token.createdAt) && within(filter.lastUsed, token.lastAccessedAt) && within(filter.expires, token.expiresAt);
}

function within(range: TokenTimeRange | undefined, at: number | null): boolean {
  if (range === undefined) return true;
  return at !== null && at >= range.from && at <= range.until;
}
