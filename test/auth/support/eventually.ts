/**
 * Waits for something another part writes at the end of an event-loop turn or a
 * browser shows after a navigation (a log line in a file, a row in a page): asks
 * `probe` again every 50 ms, up to `attempts` times, and fails naming `what` with
 * the last answer. Never a statement about how long it took.
 */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, attempts = 100): Promise<T> {
  let last: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    last = await probe();
    if (last !== undefined && last !== null && last !== false) return last as T;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what}: not seen after ${attempts} looks (last: ${String(last)})`);
}
