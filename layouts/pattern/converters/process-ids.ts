import { threadId } from 'node:worker_threads';
import type { ConverterFactory } from './converter.js';

/**
 * Log4j 2's `%pid` / `%processId`: the id of the process. A layout formats in the
 * process (and thread) that logs, so the value is read once. Log4j 2's option, a
 * default for when the id cannot be had, is accepted; Node always has it.
 */
export const processId: ConverterFactory = () => {
  const pid = String(process.pid);
  return { trusted: true, contextual: true, format: () => pid };
};

/**
 * Log4j 2's `%tid` / `%threadId` / `%T`: Node's id of the thread that logs (0 for the
 * main thread, n for the n-th worker started; Java counts its main thread as 1).
 */
export const threadIdConverter: ConverterFactory = () => {
  const id = String(threadId);
  return { trusted: true, contextual: true, format: () => id };
};
