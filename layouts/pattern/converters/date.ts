import { DEFAULT_DATE_PATTERN, resolveDatePattern, SimpleDateFormat } from '../../date/simple-date-format.js';
import { resolveTimeZone, type TimeZone } from '../../date/time-zone.js';
import type { ConverterFactory } from './converter.js';

/**
 * `%d`, `%d{ISO8601|ABSOLUTE|DATE|<SimpleDateFormat>}`, `%d{pattern}{TZ}` (and
 * logback's `%d{"pattern", TZ}`). Without a zone option the layout's zone applies.
 * Like log4j and logback, a date pattern that cannot be used prints ISO8601
 * (`yyyy-MM-dd HH:mm:ss,SSS`) and an unknown zone is GMT (Java's
 * TimeZone.getTimeZone); both are reported to the context's `warn`.
 */
export const date: ConverterFactory = (options, context, keyword) => {
  const spec = options[0]?.trim() ? options[0] : DEFAULT_DATE_PATTERN;
  const zoneOption = options[1]?.trim();
  let zone: TimeZone = context.timeZone;
  if (zoneOption) {
    try {
      zone = resolveTimeZone(zoneOption);
    } catch {
      context.warn?.(`unknown time zone "${zoneOption}" for %${keyword}: GMT is used, as Java does for a zone it does not know`);
      zone = resolveTimeZone('GMT');
    }
  }
  let formatter: SimpleDateFormat;
  try {
    formatter = new SimpleDateFormat(resolveDatePattern(spec), zone);
  } catch (error) {
    context.warn?.(`bad date pattern {${spec}} for %${keyword} (${(error as Error).message}): the date is printed as ISO8601, as log4j and logback do`);
    formatter = new SimpleDateFormat(DEFAULT_DATE_PATTERN, zone);
  }
  return { trusted: true, format: (e) => formatter.format(e.timestamp) };
};
