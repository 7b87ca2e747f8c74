import { START_TIME, type LoggingEvent } from '../src/logging-event.js';
import { resolveDatePattern, SimpleDateFormat } from './date/simple-date-format.js';
import type { Layout } from './layout.js';
import { renderThrowable } from './throwable.js';

export interface TTCCLayoutOptions {
  /**
   * log4j's `DateFormat`: `NULL` (no time stamp), `RELATIVE` (ms since start, the
   * default), `ABSOLUTE`, `DATE`, `ISO8601`, a SimpleDateFormat pattern, or a function.
   * `null` means `NULL`.
   */
  dateFormat?: string | ((timestamp: number) => string) | null;
  /** Zone for a date format; default the process's. */
  timeZone?: string;
  threadPrinting?: boolean;
  categoryPrefixing?: boolean;
  contextPrinting?: boolean;
}

const relative = (timestamp: number): string => String(timestamp - START_TIME);

function dateFunction(format: TTCCLayoutOptions['dateFormat'], timeZone: string | undefined): ((timestamp: number) => string) | null {
  if (format === undefined) return relative;
  if (format === null || typeof format === 'function') return format;
  const name = format.trim().toUpperCase();
  if (name === 'NULL') return null;
  if (name === 'RELATIVE') return relative;
  const formatter = new SimpleDateFormat(resolveDatePattern(format), timeZone);
  return (timestamp) => formatter.format(timestamp);
}

/** log4j's TTCCLayout: time, thread, level, category and context, then `- message`. */
export class TTCCLayout implements Layout {
  dateFormat: ((timestamp: number) => string) | null;
  threadPrinting: boolean;
  categoryPrefixing: boolean;
  contextPrinting: boolean;

  constructor(options: TTCCLayoutOptions = {}) {
    this.dateFormat = dateFunction(options.dateFormat, options.timeZone);
    this.threadPrinting = options.threadPrinting ?? true;
    this.categoryPrefixing = options.categoryPrefixing ?? true;
    this.contextPrinting = options.contextPrinting ?? true;
  }

  format(event: LoggingEvent): string {
    let line = this.dateFormat ? this.dateFormat(event.timestamp) + ' ' : '';
    if (this.threadPrinting) line += '[' + event.threadName + '] ';
    line += event.level.name + ' ';
    if (this.categoryPrefixing) line += event.loggerName + ' ';
    if (this.contextPrinting && event.ndc !== '') line += event.ndc + ' ';
    line += '- ' + event.message + '\n';
    return event.error ? line + renderThrowable(event.error) : line;
  }
}
