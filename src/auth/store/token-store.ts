import type { TokenRecord } from '../tokens/token-record.js';

/** Raised by `insert` when the owner already holds the maximum number of tokens. */
export class TokenLimitError extends Error {
  constructor(readonly owner: string, readonly limit: number) {
    super(`User already has the maximum of ${limit} tokens`);
    this.name = 'TokenLimitError';
  }
}

export type TokenPatch = Partial<Pick<TokenRecord, 'description' | 'lastAccessedAt'>>;

/**
 * Where tokens live. Every mutation is atomic with respect to the others: `insert`
 * checks the per-owner limit and adds the record in one step, so concurrent
 * creations cannot overshoot it. A mutation that rejects has changed nothing, not
 * even what reads return: the token service audits a change, and tells the caller
 * it happened, only once its promise resolves.
 */
export interface TokenStore {
  get(id: string): Promise<TokenRecord | undefined>;
  listByOwner(owner: string): Promise<TokenRecord[]>;
  /** Every user's tokens: what an administrator's filtered listing searches. */
  listAll(): Promise<TokenRecord[]>;
  /** Adds a record; rejects with TokenLimitError when the owner has `maxPerOwner` already, and on a duplicate id. */
  insert(record: TokenRecord, maxPerOwner?: number): Promise<void>;
  update(id: string, patch: TokenPatch): Promise<TokenRecord | undefined>;
  delete(id: string): Promise<TokenRecord | undefined>;
  deleteByOwner(owner: string): Promise<TokenRecord[]>;
  /** Records last-accessed times for many tokens at once; unknown ids are ignored. */
  touch(lastAccessed: ReadonlyMap<string, number>): Promise<void>;
}
