import { START_TIME } from '../../../src/logging-event.js';
import type { ConverterFactory } from './converter.js';

export const message: ConverterFactory = () => ({ format: (e) => e.message });

export const level: ConverterFactory = () => ({ trusted: true, contextual: true, format: (e) => e.level.name });

export const thread: ConverterFactory = () => ({ contextual: true, format: (e) => e.threadName });

/** `%r`: milliseconds between framework start and the event. */
export const relativeTime: ConverterFactory = () => ({ trusted: true, format: (e) => String(e.timestamp - START_TIME) });

export const lineSeparator: ConverterFactory = (_options, context) => {
  const separator = context.lineSeparator;
  return { trusted: true, contextual: true, constantText: separator, format: () => separator };
};
