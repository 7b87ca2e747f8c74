import type { ConverterFactory } from './converter.js';

/**
 * Log4j 2's `%marker` / `%markerSimpleName`: the event's marker, nothing when it has
 * none. Events here carry no markers, so these always print nothing (and
 * `%notEmpty{[%marker]}` prints nothing), as Log4j 2 does for an event without one.
 */
export const marker: ConverterFactory = () => ({ trusted: true, contextual: true, format: () => '' });
