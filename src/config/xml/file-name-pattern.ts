/**
 * What a rolled-file name pattern (logback's `fileNamePattern`, Log4j 2's
 * `filePattern`) says that logwarden's rolling appenders can honour: the date format
 * of its `%d{...}` (which sets the roll period), whether it has a counter `%i`, and
 * whether backups are compressed.
 */
export interface FileNamePattern {
  /** The SimpleDateFormat of `%d{...}` (`yyyy-MM-dd` for a bare `%d`); undefined without `%d`. */
  readonly dateFormat?: string;
  /** The time zone written after the format (`%d{yyyy-MM-dd, UTC}`, Log4j 2's `%d{...}{UTC}`). */
  readonly timeZone?: string;
  readonly counter: boolean;
  readonly compressed: boolean;
}

export function readFileNamePattern(pattern: string): FileNamePattern {
  const date = /%d(?:ate)?(?:\{([^}]*)\})?(?:\{([^}]*)\})?/.exec(pattern);
  let dateFormat: string | undefined;
  let timeZone: string | undefined;
  if (date) {
    const [format = 'yyyy-MM-dd', zone] = (date[1] ?? '').split(',').map((part) => part.trim());
    dateFormat = format === '' ? 'yyyy-MM-dd' : format;
    timeZone = zone || date[2]?.trim() || undefined;
  }
  return { dateFormat, timeZone, counter: /%i\b/.test(pattern), compressed: /\.(gz|zip)$/i.test(pattern.trim()) };
}

/** The log4j 1.2 DatePattern that makes DailyRollingFileAppender roll as often as `dateFormat` changes. */
export function datePatternFor(dateFormat: string): string {
  return `'.'${dateFormat}`;
}
