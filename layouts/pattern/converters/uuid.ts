import { randomUUID } from 'node:crypto';
import type { ConverterFactory } from './converter.js';
import { timeBasedUuid } from './time-based-uuid.js';

/**
 * Log4j 2's `%u` / `%uuid`: a new UUID for every line, `{RANDOM}` a version 4 UUID,
 * `{TIME}` (the default) a version 1 UUID made from the event's time (see timeBasedUuid).
 */
export const uuid: ConverterFactory = (options, context, keyword) => {
  const kind = (options[0] ?? '').trim().toUpperCase();
  if (kind === 'RANDOM') return { trusted: true, format: () => randomUUID() };
  if (kind !== '' && kind !== 'TIME') context.warn?.(`bad option {${options[0]}} for %${keyword}: expected RANDOM or TIME; TIME is used, as Log4j 2 does`);
  return { trusted: true, format: (e) => timeBasedUuid(e.timestamp) };
};
