import { systemClock, type Clock } from '../clock.js';

export interface RateLimiterOptions {
  /** N in "N requests within M minutes". */
  requests: number;
  /** M in "N requests within M minutes". */
  minutes: number;
  clock?: Clock;
  /** Keys tracked at most; the least recently used is forgotten first (default 100,000). */
  maxKeys?: number;
}

export interface RateLimitResult {
  readonly allowed: boolean;
  /** When refused: milliseconds until the next request would be allowed. */
  readonly retryAfterMillis: number;
}

const ALLOWED: RateLimitResult = Object.freeze({ allowed: true, retryAfterMillis: 0 });

/**
 * "N requests within M minutes" per key (a token id), as a sliding window: each key
 * keeps the times of its last N allowed requests in a ring, so a request is allowed
 * when fewer than N of them fall inside the window. Refused requests do not count.
 */
export class RateLimiter {
  readonly requests: number;
  readonly minutes: number;
  private readonly windowMillis: number;
  private readonly clock: Clock;
  private readonly maxKeys: number;
  private readonly rings = new Map<string, { times: Float64Array; next: number }>();

  constructor(options: RateLimiterOptions) {
    if (!(Number.isInteger(options.requests) && options.requests > 0)) {
      throw new RangeError(`Rate limit requests must be a positive whole number, got ${options.requests}`);
    }
    if (!(Number.isInteger(options.minutes) && options.minutes > 0)) {
      throw new RangeError(`Rate limit minutes must be a positive whole number, got ${options.minutes}`);
    }
    this.requests = options.requests;
    this.minutes = options.minutes;
    this.windowMillis = options.minutes * 60_000;
    this.clock = options.clock ?? systemClock;
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  tryAcquire(key: string): RateLimitResult {
    const now = this.clock.now();
    let ring = this.rings.get(key);
    if (ring) {
      this.rings.delete(key);
    } else {
      ring = { times: new Float64Array(this.requests).fill(-Infinity), next: 0 };
    }
    this.rings.set(key, ring);
    if (this.rings.size > this.maxKeys) this.rings.delete(this.rings.keys().next().value as string);

    // The slot about to be overwritten holds the oldest of the last N allowed requests.
    const oldest = ring.times[ring.next]!;
    if (now - oldest < this.windowMillis) {
      return { allowed: false, retryAfterMillis: oldest + this.windowMillis - now };
    }
    ring.times[ring.next] = now;
    ring.next = (ring.next + 1) % this.requests;
    return ALLOWED;
  }

  /** Forgets a key (a deleted token). */
  forget(key: string): void {
    this.rings.delete(key);
  }
}
