import { createHash } from 'node:crypto';
import { systemClock, type Clock } from '../clock.js';

export interface VerificationCacheOptions {
  /** Most entries kept; the least recently used goes first (default 10,000). */
  maxEntries?: number;
  /** How long a successful verification is trusted (default 10 minutes). */
  ttlMillis?: number;
  clock?: Clock;
}

interface Entry {
  tokenId: string;
  /** The stored hash that was verified: a changed or re-created record does not match. */
  hash: string;
  expiresAt: number;
}

/**
 * Remembers tokens that passed the PBKDF2 check, so a valid token costs PBKDF2 once
 * per TTL rather than once per request. Keys are SHA-256 digests of the token value:
 * the plain token is never kept in memory beyond the request. Bounded (LRU) and
 * expiring; `evictToken` drops every entry of a deleted token at once.
 */
export class VerificationCache {
  private readonly entries = new Map<string, Entry>();
  private readonly keysByToken = new Map<string, Set<string>>();
  private readonly maxEntries: number;
  private readonly ttlMillis: number;
  private readonly clock: Clock;

  constructor(options: VerificationCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.ttlMillis = options.ttlMillis ?? 10 * 60_000;
    this.clock = options.clock ?? systemClock;
    if (!(this.maxEntries >= 1)) throw new RangeError(`VerificationCache maxEntries must be at least 1, got ${this.maxEntries}`);
    if (!(this.ttlMillis > 0)) throw new RangeError(`VerificationCache ttlMillis must be positive, got ${this.ttlMillis}`);
  }

  static keyOf(tokenValue: string): string {
    return createHash('sha256').update(tokenValue, 'utf8').digest('base64');
  }

  /** True when `tokenValue` was verified against this very record hash and the entry has not expired. */
  has(tokenValue: string, tokenId: string, hash: string): boolean {
    const key = VerificationCache.keyOf(tokenValue);
    const entry = this.entries.get(key);
    if (!entry) return false;
    if (entry.expiresAt <= this.clock.now() || entry.tokenId !== tokenId || entry.hash !== hash) {
      this.remove(key, entry);
      return false;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return true;
  }

  add(tokenValue: string, tokenId: string, hash: string): void {
    const key = VerificationCache.keyOf(tokenValue);
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    const entry: Entry = { tokenId, hash, expiresAt: this.clock.now() + this.ttlMillis };
    this.entries.set(key, entry);
    let keys = this.keysByToken.get(tokenId);
    if (!keys) this.keysByToken.set(tokenId, (keys = new Set()));
    keys.add(key);
    while (this.entries.size > this.maxEntries) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, Entry];
      this.remove(oldestKey, oldest);
    }
  }

  evictToken(tokenId: string): void {
    const keys = this.keysByToken.get(tokenId);
    if (!keys) return;
    for (const key of keys) this.entries.delete(key);
    this.keysByToken.delete(tokenId);
  }

  clear(): void {
    this.entries.clear();
    this.keysByToken.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    const keys = this.keysByToken.get(entry.tokenId);
    if (keys) {
      keys.delete(key);
      if (keys.size === 0) this.keysByToken.delete(entry.tokenId);
    }
  }
}
