import type { OtlpClock } from '../../../appenders/otlp/otlp-appender.js';

export interface PendingTimer {
  readonly ms: number;
  readonly due: number;
  readonly callback: () => void;
}

/**
 * An OtlpClock whose time moves only when a test fires a timer: backoff and batch
 * delays are checked by the waits the appender asks for, never by sleeping.
 */
export class ManualClock implements OtlpClock {
  time: number;
  readonly timers = new Set<PendingTimer>();
  private waiting: (() => void)[] = [];

  constructor(start: number) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { ms, due: this.time + ms, callback };
    this.timers.add(timer);
    for (const wake of this.waiting.splice(0)) wake();
    return timer;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as PendingTimer);
  }

  /** The one pending timer, once the appender has set it (resolves when it does). */
  async nextTimer(): Promise<PendingTimer> {
    while (this.timers.size === 0) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.timers.size !== 1) throw new Error(`expected one pending timer, found ${this.timers.size}`);
    return [...this.timers][0]!;
  }

  /** Moves time to the timer's due time and runs it. */
  fire(timer: PendingTimer): void {
    if (!this.timers.delete(timer)) throw new Error('that timer is not pending');
    this.time = Math.max(this.time, timer.due);
    timer.callback();
  }
}
