import { detached } from './detached-string.js';

/**
 * Counts occurrences of at most `capacity` distinct values; later new values are
 * only added to `others`, so an endless stream of distinct values (random
 * addresses, scanned URLs) cannot grow memory.
 */
export class BoundedCounter {
  private readonly counts = new Map<string, number>();
  /** Occurrences of values that arrived after the counter was full. */
  others = 0;

  constructor(readonly capacity: number) {}

  add(value: string, by = 1): void {
    const count = this.counts.get(value);
    if (count !== undefined) this.counts.set(value, count + by);
    else if (this.counts.size < this.capacity) this.counts.set(detached(value), by);
    else this.others += by;
  }

  get distinct(): number {
    return this.counts.size;
  }

  /** The `n` most frequent values, ties in value order, so the result does not depend on reading order. */
  top(n: number): { value: string; count: number }[] {
    return [...this.counts]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, n)
      .map(([value, count]) => ({ value, count }));
  }
}
