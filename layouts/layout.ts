import type { LoggingEvent } from '../src/logging-event.js';

/** Turns an event into text. `format` returns the whole record, line separator included. */
export interface Layout {
  format(event: LoggingEvent): string;
  /** Written once when a file is opened / before the first record. */
  readonly header?: string;
  /** Written once when the appender closes. */
  readonly footer?: string;
  /** True when the layout prints the call site (`%F %l %L %M %C`): events then carry a location. */
  readonly requiresLocation?: boolean;
}
