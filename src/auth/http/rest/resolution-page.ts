import type { QueryParameters } from './query-parameters.js';

/**
 * Enough for every token one user may hold under the default policy, so a
 * client that never pages (resolution's own examples do not) sees them all.
 */
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

export interface Paging {
  /** From 0, as in resolution's `?page=0&limit=1`. */
  readonly page: number;
  readonly limit: number;
}

/**
 * A page of resolution's listings: the tokens in `content`, as the product's
 * clients read them (`jq '.content[]'`). Its documentation names no other field;
 * the counts are added so that a client can tell when it has seen every page.
 */
export interface Page<T> {
  readonly content: T[];
  readonly page: number;
  readonly limit: number;
  readonly totalElements: number;
  readonly totalPages: number;
  readonly last: boolean;
}

export function pagingOf(query: QueryParameters): Paging {
  return {
    page: query.integer('page', 0, Number.MAX_SAFE_INTEGER) ?? 0,
    limit: query.integer('limit', 1, MAX_LIMIT) ?? DEFAULT_LIMIT,
  };
}

export function pageOf<T>(items: readonly T[], { page, limit }: Paging): Page<T> {
  const start = page * limit;
  const totalPages = Math.ceil(items.length / limit);
  return {
    content: items.slice(start, start + limit),
    page,
    limit,
    totalElements: items.length,
    totalPages,
    last: page >= totalPages - 1,
  };
}
