/**
 * Callers waiting for a transport to have nothing left in flight, each for at most
 * a timeout: `close()` must resolve even when the collector never answers.
 */
export class IdleWaiters {
  private readonly waiters: (() => void)[] = [];

  /** Resolves at the next `wakeAll()` or after `timeoutMs`, whichever comes first. */
  wait(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const waiters = this.waiters;
      const timer = setTimeout(done, timeoutMs);
      function done(): void {
        clearTimeout(timer);
        const index = waiters.indexOf(done);
        if (index >= 0) waiters.splice(index, 1);
        resolve();
      }
      waiters.push(done);
    });
  }

  wakeAll(): void {
    for (const wake of this.waiters.slice()) wake();
  }
}
