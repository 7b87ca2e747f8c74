import type { LoggingEvent } from '../../../src/logging-event.js';
import type { CompileContext, Converter, ConverterFactory } from './converter.js';
import { date } from './date.js';

/**
 * Log4j 2's named date formats (FixedDateFormat.FixedFormat). Unlike log4j 1.2,
 * `ISO8601` has its `T`. The _MICROS and _NANOS forms end in Log4j 2's `n` digits
 * (see fractionOfSecond).
 */
const NAMED_FORMATS: Readonly<Record<string, string>> = {
  ABSOLUTE: 'HH:mm:ss,SSS',
  ABSOLUTE_MICROS: 'HH:mm:ss,nnnnnn',
  ABSOLUTE_NANOS: 'HH:mm:ss,nnnnnnnnn',
  ABSOLUTE_PERIOD: 'HH:mm:ss.SSS',
  COMPACT: 'yyyyMMddHHmmssSSS',
  DATE: 'dd MMM yyyy HH:mm:ss,SSS',
  DATE_PERIOD: 'dd MMM yyyy HH:mm:ss.SSS',
  DEFAULT: 'yyyy-MM-dd HH:mm:ss,SSS',
  DEFAULT_MICROS: 'yyyy-MM-dd HH:mm:ss,nnnnnn',
  DEFAULT_NANOS: 'yyyy-MM-dd HH:mm:ss,nnnnnnnnn',
  DEFAULT_PERIOD: 'yyyy-MM-dd HH:mm:ss.SSS',
  ISO8601_BASIC: "yyyyMMdd'T'HHmmss,SSS",
  ISO8601_BASIC_PERIOD: "yyyyMMdd'T'HHmmss.SSS",
  ISO8601: "yyyy-MM-dd'T'HH:mm:ss,SSS",
  ISO8601_OFFSET_DATE_TIME_HH: "yyyy-MM-dd'T'HH:mm:ss,SSSX",
  ISO8601_OFFSET_DATE_TIME_HHMM: "yyyy-MM-dd'T'HH:mm:ss,SSSXX",
  ISO8601_OFFSET_DATE_TIME_HHCMM: "yyyy-MM-dd'T'HH:mm:ss,SSSXXX",
  ISO8601_PERIOD: "yyyy-MM-dd'T'HH:mm:ss.SSS",
  ISO8601_PERIOD_MICROS: "yyyy-MM-dd'T'HH:mm:ss.nnnnnn",
  US_MONTH_DAY_YEAR2_TIME: 'dd/MM/yy HH:mm:ss.SSS',
  US_MONTH_DAY_YEAR4_TIME: 'dd/MM/yyyy HH:mm:ss.SSS',
};

/** Where the first run of `n` outside quotes starts and ends in a date pattern, or undefined. */
function fractionRun(pattern: string): { start: number; end: number } | undefined {
  let quoted = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === 'n') {
      let end = i;
      while (pattern[end] === 'n') end++;
      return { start: i, end };
    }
  }
  return undefined;
}

/**
 * The first `digits` (1 to 9) digits of the fraction of the second, cut off as Log4j 2
 * cuts them. A JavaScript time stamp is milliseconds in a double: a logger's events
 * carry whole milliseconds (Date.now()), so every digit past the third is 0; an event
 * made with a fractional time stamp prints its microseconds. Nanoseconds cannot be
 * had (at today's epoch a double resolves about 0.24 µs): digits 7 to 9 are always 0.
 */
export function fractionOfSecond(timestamp: number, digits: number): string {
  const ofSecond = timestamp - Math.floor(timestamp / 1000) * 1000;
  // The half-nanosecond guard keeps 123.456 stored as 123.45599999... at 123456 µs.
  const micros = Math.floor(ofSecond * 1000 + 1e-3);
  const text = String(micros).padStart(6, '0') + '000';
  return text.slice(0, digits);
}

/**
 * A date pattern with Log4j 2's `n` digits (`HH:mm:ss,nnnnnn`): the text before and
 * after the run formatted as SimpleDateFormat patterns, the run as fractionOfSecond.
 * Log4j 2 reads `n` only where its fixed formats have `SSS`; here anywhere, once.
 */
function withFraction(spec: string, run: { start: number; end: number }, rest: readonly string[], context: CompileContext, keyword: string): Converter {
  const digits = Math.min(9, run.end - run.start);
  if (run.end - run.start > 9) context.warn?.(`%${keyword}{${spec}}: more than 9 "n" digits; 9 are printed, as Log4j 2 does`);
  // A blank piece would read as "no pattern" (the default date): it is literal text.
  const piece = (text: string): ((e: LoggingEvent) => string) => (text.trim() === '' ? () => text : date([text, ...rest], context, keyword).format);
  const before = piece(spec.slice(0, run.start));
  const after = piece(spec.slice(run.end));
  return { trusted: true, format: (e) => before(e) + fractionOfSecond(e.timestamp, digits) + after(e) };
}

/**
 * `%d` / `%date` in Log4j 2 patterns: its named formats (the _MICROS / _NANOS ones
 * too), `UNIX` (seconds) and `UNIX_MILLIS`, else a SimpleDateFormat pattern in which
 * a run of `n` prints that many digits of the fraction of the second; `{zone}` and bad
 * patterns as `%d` handles them. Without a format, `DEFAULT`.
 */
export const log4j2Date: ConverterFactory = (options, context, keyword) => {
  const option = options[0]?.trim() || 'DEFAULT';
  if (option === 'UNIX') return { trusted: true, format: (e) => String(Math.floor(e.timestamp / 1000)) };
  if (option === 'UNIX_MILLIS') return { trusted: true, format: (e) => String(Math.floor(e.timestamp)) };
  const spec = NAMED_FORMATS[option] ?? options[0]!;
  const run = fractionRun(spec);
  if (run) return withFraction(spec, run, options.slice(1), context, keyword);
  return date([spec, ...options.slice(1)], context, keyword);
};
