import { Level } from '../../src/level.js';

/**
 * The OpenTelemetry log data model's SeverityNumber for a level: the first number
 * of each range (TRACE 1, DEBUG 5, INFO 9, WARN 13, ERROR 17, FATAL 21), as the
 * data model maps log4j's levels. A custom level takes the range of the standard
 * level at or below it; one below TRACE is TRACE.
 */
export function severityNumber(level: Level): number {
  const value = level.value;
  if (value >= Level.FATAL.value) return 21;
  if (value >= Level.ERROR.value) return 17;
  if (value >= Level.WARN.value) return 13;
  if (value >= Level.INFO.value) return 9;
  if (value >= Level.DEBUG.value) return 5;
  return 1;
}
