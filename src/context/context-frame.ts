import { AsyncLocalStorage } from 'node:async_hooks';
import * as workerThreads from 'node:worker_threads';

/**
 * The diagnostic context of one async flow: MDC, NDC and thread name together, so
 * that an event needs a single AsyncLocalStorage lookup. Fields are replaced, never
 * mutated (copy on write), so an event can keep a reference instead of a copy.
 */
export interface ContextFrame {
  mdc: Readonly<Record<string, string>>;
  ndcStack: readonly string[];
  /** The NDC stack joined by single spaces, as log4j's `NDC.get()` returns it. */
  ndc: string;
  threadName: string;
}

export const EMPTY_MDC: Readonly<Record<string, string>> = Object.freeze(Object.create(null));

function defaultThreadName(): string {
  if (workerThreads.isMainThread) return 'main';
  // Newer Node versions expose the name given to `new Worker(..., { name })`.
  const named = (workerThreads as { threadName?: unknown }).threadName;
  return typeof named === 'string' && named !== '' ? named : `Thread-${workerThreads.threadId}`;
}

const storage = new AsyncLocalStorage<ContextFrame>();

/** Used outside any `run`: one process-wide frame, like log4j's MDC outside a thread. */
const processFrame: ContextFrame = { mdc: EMPTY_MDC, ndcStack: [], ndc: '', threadName: defaultThreadName() };

export function currentFrame(): ContextFrame {
  return storage.getStore() ?? processFrame;
}

/** Runs `fn` in a child frame that starts as a copy of the current one. */
export function runInChildFrame<T>(adjust: (frame: ContextFrame) => void, fn: () => T): T {
  const parent = currentFrame();
  const frame: ContextFrame = {
    mdc: parent.mdc,
    ndcStack: parent.ndcStack,
    ndc: parent.ndc,
    threadName: parent.threadName,
  };
  adjust(frame);
  return storage.run(frame, fn);
}

/** Restores the process-wide frame to its initial state (for `resetConfiguration` in tests). */
export function resetProcessFrame(): void {
  processFrame.mdc = EMPTY_MDC;
  processFrame.ndcStack = [];
  processFrame.ndc = '';
  processFrame.threadName = defaultThreadName();
}
