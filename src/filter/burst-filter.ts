import { Level } from '../level.js';
import type { LoggingEvent } from '../logging-event.js';
import { FilterDecision, type Filter } from './filter.js';
import { filterResult } from './filter-result.js';

export interface BurstFilterOptions {
  /** Events at this level and less severe are rate-limited (default WARN). */
  level?: Level;
  /** Events per second let through on average (default 10). */
  rate?: number;
  /** How many may pass at once after a quiet time (default 10 × rate). */
  maxBurst?: number;
  /** For a limited event within the rate, and for any more severe event (default NEUTRAL). */
  onMatch?: string;
  /** For a limited event over the rate (default DENY). */
  onMismatch?: string;
  /** Milliseconds clock; tests give their own. */
  now?: () => number;
}

/**
 * Log4j 2's BurstFilter as a token bucket: up to maxBurst events at `level` or less
 * severe pass at once, then `rate` per second; more severe events always pass. Its
 * state is two numbers, whatever the traffic.
 */
export class BurstFilter implements Filter {
  private readonly level: Level;
  private readonly rate: number;
  private readonly maxBurst: number;
  private readonly onMatch: FilterDecision;
  private readonly onMismatch: FilterDecision;
  private readonly now: () => number;
  private tokens: number;
  private last: number;

  constructor(options: BurstFilterOptions = {}) {
    this.level = options.level ?? Level.WARN;
    this.rate = options.rate ?? 10;
    if (!(this.rate > 0) || !Number.isFinite(this.rate)) throw new Error(`option rate: must be a positive number, got ${String(options.rate)}`);
    this.maxBurst = options.maxBurst ?? this.rate * 10;
    if (!Number.isInteger(this.maxBurst) || this.maxBurst < 1) throw new Error(`option maxBurst: must be a whole number of at least 1, got ${String(options.maxBurst)}`);
    this.onMatch = filterResult(options.onMatch, FilterDecision.NEUTRAL, 'onMatch');
    this.onMismatch = filterResult(options.onMismatch, FilterDecision.DENY, 'onMismatch');
    this.now = options.now ?? Date.now;
    this.tokens = this.maxBurst;
    this.last = this.now();
  }

  decide(event: LoggingEvent): FilterDecision {
    if (event.level.value > this.level.value) return this.onMatch;
    const now = this.now();
    if (now > this.last) {
      this.tokens = Math.min(this.maxBurst, this.tokens + ((now - this.last) / 1000) * this.rate);
      this.last = now;
    }
    if (this.tokens < 1) return this.onMismatch;
    this.tokens -= 1;
    return this.onMatch;
  }
}
