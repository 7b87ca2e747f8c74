import type { TokenFilter, TokenTimeRange } from '../../tokens/token-filter.js';
import { BadRequestError } from '../json-body.js';
import type { QueryParameters } from './query-parameters.js';

/** Epoch milliseconds a JavaScript Date can hold. */
const MAX_MILLIS = 8_640_000_000_000_000;

/**
 * The filters of resolution's `GET /user/tokensByFilter`: `userFilter` (repeated),
 * `descriptionFilter`, `notValidAfter`, `tokenScope` (0 none, 1 read-only, 2
 * read/write) and the from/until pairs of created, last used and expiry. Every
 * bound is epoch milliseconds and inclusive.
 */
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

function range(query: QueryParameters, name: 'created' | 'lastUsed' | 'expires', fromKey: string, untilKey: string): Partial<Record<typeof name, TokenTimeRange>> {
  const from = query.integer(fromKey, 0, MAX_MILLIS);
  const until = query.integer(untilKey, 0, MAX_MILLIS);
  if (from === undefined && until === undefined) return {};
  if (from !== undefined && until !== undefined && from > until) {
    throw new BadRequestError(400, `Query parameter "${fromKey}" is after "${untilKey}"`);
  }
  return { [name]: { from: from ?? 0, until: until ?? MAX_MILLIS } };
}
