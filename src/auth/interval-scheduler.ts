/** Repeating timers, injectable so tests can fire them by hand. */
export interface IntervalScheduler {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const systemScheduler: IntervalScheduler = {
  setInterval(fn, ms) {
    const handle = setInterval(fn, ms);
    // A pending flush must not keep the host process alive.
    handle.unref();
    return handle;
  },
  clearInterval(handle) {
    clearInterval(handle as ReturnType<typeof setInterval>);
  },
};
