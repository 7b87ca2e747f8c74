import type { ConverterFactory } from './converter.js';
import { date } from './date.js';

/**
 * Log4j 2's named date formats (FixedDateFormat.FixedFormat, with millisecond
 * precision; the _MICROS and _NANOS forms need more than a JavaScript Date holds).
 * Unlike log4j 1.2, `ISO8601` has its `T`.
 */
const NAMED_FORMATS: Readonly<Record<string, string>> = {
  ABSOLUTE: 'HH:mm:ss,SSS',
  ABSOLUTE_PERIOD: 'HH:mm:ss.SSS',
  COMPACT: 'yyyyMMddHHmmssSSS',
  DATE: 'dd MMM yyyy HH:mm:ss,SSS',
  DATE_PERIOD: 'dd MMM yyyy HH:mm:ss.SSS',
  DEFAULT: 'yyyy-MM-dd HH:mm:ss,SSS',
  DEFAULT_PERIOD: 'yyyy-MM-dd HH:mm:ss.SSS',
  ISO8601_BASIC: "yyyyMMdd'T'HHmmss,SSS",
  ISO8601_BASIC_PERIOD: "yyyyMMdd'T'HHmmss.SSS",
  ISO8601: "yyyy-MM-dd'T'HH:mm:ss,SSS",
  ISO8601_OFFSET_DATE_TIME_HH: "yyyy-MM-dd'T'HH:mm:ss,SSSX",
  ISO8601_OFFSET_DATE_TIME_HHMM: "yyyy-MM-dd'T'HH:mm:ss,SSSXX",
  ISO8601_OFFSET_DATE_TIME_HHCMM: "yyyy-MM-dd'T'HH:mm:ss,SSSXXX",
  ISO8601_PERIOD: "yyyy-MM-dd'T'HH:mm:ss.SSS",
  US_MONTH_DAY_YEAR2_TIME: 'dd/MM/yy HH:mm:ss.SSS',
  US_MONTH_DAY_YEAR4_TIME: 'dd/MM/yyyy HH:mm:ss.SSS',
};

/**
 * `%d` / `%date` in Log4j 2 patterns: its named formats, `UNIX` (seconds) and
 * `UNIX_MILLIS`, else a SimpleDateFormat pattern; `{zone}` and bad patterns as `%d`
 * handles them. Without a format, `DEFAULT`.
 */
export const log4j2Date: ConverterFactory = (options, context, keyword) => {
  const spec = options[0]?.trim() || 'DEFAULT';
  if (spec === 'UNIX') return { trusted: true, format: (e) => String(Math.floor(e.timestamp / 1000)) };
  if (spec === 'UNIX_MILLIS') return { trusted: true, format: (e) => String(e.timestamp) };
  return date([NAMED_FORMATS[spec] ?? options[0]!, ...options.slice(1)], context, keyword);
};
