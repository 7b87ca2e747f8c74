import type { TokenInfo } from '../../tokens/token-record.js';
import type { TokenScope } from '../../tokens/token-scope.js';
import { BadRequestError } from '../json-body.js';
import type { QueryParameters } from './query-parameters.js';

/** Epoch milliseconds a JavaScript Date can hold. */
const MAX_MILLIS = 8_640_000_000_000_000;

interface Range {
  readonly from: number;
  readonly until: number;
}

/**
 * The filters of resolution's `GET /user/tokensByFilter`. Every bound is epoch
 * milliseconds and inclusive. A token never used has no last use and one that
 * never expires has no expiry, so a range on either leaves them out, as does
 * `notValidAfter`. `tokenScope=0` ("no scope") is accepted and matches nothing:
 * every token here has a scope.
 */
export interface TokenFilter {
  /** Owners to keep; empty: every user the caller may see. */
  readonly users: readonly string[];
  /** Case-insensitive text the description contains. */
  readonly description?: string;
  /** Tokens that are no longer valid after this instant. */
  readonly notValidAfter?: number;
  readonly scope?: TokenScope | 'none';
  readonly created?: Range;
  readonly lastUsed?: Range;
  readonly expires?: Range;
}

export function tokenFilterOf(query: QueryParameters): TokenFilter {
  const scope = query.integer('tokenScope', 0, 2);
  const description = query.string('descriptionFilter');
  const notValidAfter = query.integer('notValidAfter', 0, MAX_MILLIS);
  return {
    users: query.strings('userFilter'),
    ...(description === undefined || description === '' ? {} : { description: description.toLowerCase() }),
    ...(notValidAfter === undefined ? {} : { notValidAfter }),
    ...(scope === undefined ? {} : { scope: scope === 0 ? 'none' : scope === 1 ? 'READ_ONLY' : 'READ_WRITE' }),
    ...range(query, 'created', 'fromCreated', 'untilCreated'),
    ...range(query, 'lastUsed', 'fromLastUsed', 'untilLastUsed'),
    ...range(query, 'expires', 'fromExpiresDuring', 'untilExpiresDuring'),
  };
}

export function filterMatches(filter: TokenFilter, token: TokenInfo): boolean {
  if (filter.users.length > 0 && !filter.users.includes(token.owner)) return false;
  if (filter.description !== undefined && !token.description.toLowerCase().includes(filter.description)) return false;
  if (filter.notValidAfter !== undefined && (token.expiresAt === null || token.expiresAt > filter.notValidAfter)) return false;
  if (filter.scope !== undefined && filter.scope !== token.scope) return false;
  return within(filter.created, token.createdAt) && within(filter.lastUsed, token.lastAccessedAt) && within(filter.expires, token.expiresAt);
}

function range(query: QueryParameters, name: 'created' | 'lastUsed' | 'expires', fromKey: string, untilKey: string): Partial<Record<typeof name, Range>> {
  const from = query.integer(fromKey, 0, MAX_MILLIS);
  const until = query.integer(untilKey, 0, MAX_MILLIS);
  if (from === undefined && until === undefined) return {};
  if (from !== undefined && until !== undefined && from > until) {
    throw new BadRequestError(400, `Query parameter "${fromKey}" is after "${untilKey}"`);
  }
  return { [name]: { from: from ?? 0, until: until ?? MAX_MILLIS } };
}

function within(range: Range | undefined, at: number | null): boolean {
  if (range === undefined) return true;
  return at !== null && at >= range.from && at <= range.until;
}
