import { START_TIME, type LoggingEvent } from '../src/logging-event.js';
import type { Layout } from './layout.js';
import { renderThrowable } from './throwable.js';

export interface TTCCLayoutOptions {
  /** Formats the time stamp; null prints none (log4j's `DateFormat=NULL`). Default: ms since start (`RELATIVE`). */
  dateFormat?: ((timestamp: number) => string) | null;
  threadPrinting?: boolean;
  categoryPrefixing?: boolean;
  contextPrinting?: boolean;
}

const relative = (timestamp: number): string => String(timestamp - START_TIME);

/** log4j's TTCCLayout: time, thread, level, category and context, then `- message`. */
export class TTCCLayout implements Layout {
  dateFormat: ((timestamp: number) => string) | null;
  threadPrinting: boolean;
  categoryPrefixing: boolean;
  contextPrinting: boolean;

  constructor(options: TTCCLayoutOptions = {}) {
    this.dateFormat = options.dateFormat === undefined ? relative : options.dateFormat;
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
