import { getLogger } from '../../log-manager.js';
import { InternalLog } from '../../internal-log.js';
import type { TokenStore } from '../store/token-store.js';
import { systemScheduler, type IntervalScheduler } from '../interval-scheduler.js';

const log = getLogger('com.atlassian.pats.service.LastAccessedTimeBatcher');

export interface LastAccessedBatcherOptions {
  store: TokenStore;
  /** Default: one minute. */
  intervalMillis?: number;
  scheduler?: IntervalScheduler;
}

/**
 * Collects "token used at" times and writes them to the store in one batch per
 * interval, so authentication never waits on (or hammers) the store. Only the
 * latest time per token is kept between flushes.
 */
export class LastAccessedBatcher {
  private pending = new Map<string, number>();
  private readonly store: TokenStore;
  private readonly scheduler: IntervalScheduler;
  private handle: unknown;
  private flushing: Promise<void> = Promise.resolve();

  constructor(options: LastAccessedBatcherOptions) {
    this.store = options.store;
    this.scheduler = options.scheduler ?? systemScheduler;
    this.handle = this.scheduler.setInterval(() => void this.flush(), options.intervalMillis ?? 60_000);
  }

  record(tokenId: string, at: number): void {
    const previous = this.pending.get(tokenId);
    if (previous === undefined || previous < at) this.pending.set(tokenId, at);
  }

  /** Forgets a token that was deleted, so its time is not written back. */
  forget(tokenId: string): void {
    this.pending.delete(tokenId);
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Writes what has been collected; resolves when the store has it. Never rejects. */
  flush(): Promise<void> {
    return this.enqueueWrite(true);
  }

  /**
   * Stops the timer and writes the last batch. `quiet` skips the DEBUG line, for
   * when the logging system itself has already shut down.
   */
  async close(options: { quiet?: boolean } = {}): Promise<void> {
    if (this.handle !== undefined) {
      this.scheduler.clearInterval(this.handle);
      this.handle = undefined;
    }
    await this.enqueueWrite(!options.quiet);
  }

  private enqueueWrite(logIt: boolean): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeBatch(logIt));
    return this.flushing;
  }

  private async writeBatch(logIt: boolean): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    if (logIt) log.debug(`Persisting last accessed time for [${batch.size}] tokens`);
    try {
      await this.store.touch(batch);
    } catch (cause) {
      // Keep the times for the next attempt unless newer ones arrived meanwhile.
      for (const [id, at] of batch) this.record(id, at);
      InternalLog.error(`writing token last-accessed times failed: ${(cause as Error).message}`);
    }
  }
}
