import { currentFrame, EMPTY_MDC, runInChildFrame } from './context-frame.js';

function frozenCopy(base: Readonly<Record<string, string>>, changes: Record<string, unknown>): Readonly<Record<string, string>> {
  // Copied key by key: Object.assign from a null-prototype (dictionary-mode) object costs about twice as much.
  const next: Record<string, string> = Object.create(null);
  for (const key in base) next[key] = base[key]!;
  for (const key of Object.keys(changes)) {
    const value = changes[key];
    if (value === undefined || value === null) delete next[key];
    else next[key] = String(value);
  }
  return Object.freeze(next);
}

/**
 * Mapped Diagnostic Context. Inside `MDC.run` values belong to that async context
 * and everything it awaits or schedules; outside any `run`, one process-wide map.
 * A context starts with a copy of its parent's values; changes never flow back up.
 */
export const MDC = {
  run<T>(values: Record<string, unknown>, fn: () => T): T {
    return runInChildFrame((frame) => {
      frame.mdc = frozenCopy(frame.mdc, values);
    }, fn);
  },

  put(key: string, value: unknown): void {
    const frame = currentFrame();
    frame.mdc = frozenCopy(frame.mdc, { [key]: value });
  },

  get(key: string): string | undefined {
    return currentFrame().mdc[key];
  },

  remove(key: string): void {
    const frame = currentFrame();
    if (key in frame.mdc) frame.mdc = frozenCopy(frame.mdc, { [key]: undefined });
  },

  clear(): void {
    currentFrame().mdc = EMPTY_MDC;
  },

  /** A read-only snapshot of the current values (no copy is made). */
  getContext(): Readonly<Record<string, string>> {
    return currentFrame().mdc;
  },
};
