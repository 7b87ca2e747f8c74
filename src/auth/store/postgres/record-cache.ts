import type { TokenRecord } from '../../tokens/token-record.js';

/** A read in flight: its answer is kept only if nothing about its id changed meanwhile. */
export interface PendingRead {
  stale: boolean;
}

/**
 * Records read from the database, kept only while every change is being heard
 * (the store enables it while its LISTEN connection is up). `null` remembers that
 * an id does not exist. A read that was overtaken by a change of its id, or by
 * the loss of the connection, is not kept: its answer may predate the change.
 * Bounded: the least recently used entry goes first.
 */
export class RecordCache {
  private readonly entries = new Map<string, TokenRecord | null>();
  private readonly reads = new Map<string, Set<PendingRead>>();
  private enabled = false;

  constructor(private readonly maxEntries: number) {
    if (!(maxEntries >= 1)) throw new RangeError(`the token record cache needs at least 1 entry, got ${maxEntries}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached answer for `id` (`null`: known not to exist), or undefined when the database must be asked. */
  lookup(id: string): TokenRecord | null | undefined {
    if (!this.enabled) return undefined;
    const entry = this.entries.get(id);
    if (entry === undefined) return undefined;
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry;
  }

  begin(id: string): PendingRead {
    const read: PendingRead = { stale: !this.enabled };
    let reads = this.reads.get(id);
    if (!reads) this.reads.set(id, (reads = new Set()));
    reads.add(read);
    return read;
  }

  /** Ends a read; its answer is kept when it is still current. */
  complete(id: string, read: PendingRead, value: TokenRecord | null): void {
    const reads = this.reads.get(id);
    reads?.delete(read);
    if (reads?.size === 0) this.reads.delete(id);
    if (read.stale || !this.enabled) return;
    this.entries.set(id, value);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Ends a read that failed. */
  abandon(id: string, read: PendingRead): void {
    const reads = this.reads.get(id);
    reads?.delete(read);
    if (reads?.size === 0) this.reads.delete(id);
  }

  invalidate(id: string): void {
    this.entries.delete(id);
    for (const read of this.reads.get(id) ?? []) read.stale = true;
  }

  invalidateAll(): void {
    this.entries.clear();
    for (const reads of this.reads.values()) for (const read of reads) read.stale = true;
  }

  /** On: every change is heard from now on. Off: changes may be missed, so nothing is kept or answered. */
  setEnabled(enabled: boolean): void {
    this.invalidateAll();
    this.enabled = enabled;
  }
}
