import type { LoggingEvent } from '../../../src/logging-event.js';
import type { ConverterFactory } from './converter.js';
import { javaMapText, javaValueText } from './java-map-text.js';

/**
 * Log4j 2's `%K` / `%map` / `%MAP`, which print a MapMessage's entries: here the
 * event's structured fields (`log.info({ user: 'jdoe' }, 'msg')`). Without a key,
 * `{key=value, key2=value2}` (keys sorted, as Log4j 2's map keeps them); `%K{key}`
 * prints that one value. An event without fields prints nothing, as Log4j 2 does
 * for a message that is not a MapMessage; a key it does not have prints nothing.
 */
export const mapFields: ConverterFactory = (options) => {
  const key = options[0]?.trim() || undefined;
  if (key === undefined) return { format: (e: LoggingEvent) => (e.fields ? javaMapText(e.fields) : '') };
  return {
    format: (e: LoggingEvent) => {
      const fields = e.fields;
      if (!fields || !Object.prototype.hasOwnProperty.call(fields, key)) return '';
      const value = fields[key];
      return value === undefined || value === null ? '' : javaValueText(value);
    },
  };
};
