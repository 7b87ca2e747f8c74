import { DEFAULT_DATE_PATTERN, resolveDatePattern, SimpleDateFormat } from '../../date/simple-date-format.js';
import { resolveTimeZone } from '../../date/time-zone.js';
import type { ConverterFactory } from './converter.js';

/**
 * `%d`, `%d{ISO8601|ABSOLUTE|DATE|<SimpleDateFormat>}`, `%d{pattern}{TZ}` (and
 * logback's `%d{"pattern", TZ}`). Without a zone option the layout's zone applies.
 */
export const date: ConverterFactory = (options, context, keyword) => {
  const spec = options[0]?.trim() ? options[0] : DEFAULT_DATE_PATTERN;
  const zoneOption = options[1]?.trim();
  let formatter: SimpleDateFormat;
  try {
    formatter = new SimpleDateFormat(resolveDatePattern(spec), zoneOption ? resolveTimeZone(zoneOption) : context.timeZone);
  } catch (error) {
    throw new Error(`Bad option for %${keyword}: ${(error as Error).message}`);
  }
  return { trusted: true, format: (e) => formatter.format(e.timestamp) };
};
