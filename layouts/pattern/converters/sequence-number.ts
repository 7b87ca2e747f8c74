import type { ConverterFactory } from './converter.js';

// One counter for every layout of the thread, as Log4j 2's is one for the JVM.
let sequence = 0;

/**
 * Log4j 2's `%sn` / `%sequenceNumber`: 1, 2, 3, ... one more at each line formatted
 * by any layout that prints it, so lines written by two appenders get two numbers.
 */
export const sequenceNumber: ConverterFactory = () => ({ trusted: true, format: () => String(++sequence) });
