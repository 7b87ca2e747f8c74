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
  /**
   * The record as the pieces `format` joins, for a writer that encodes them itself;
   * undefined when the layout gives whole records only. A new object whenever the
   * way records are cut changes (a pattern recompiled).
   */
  readonly pieces?: RecordPieces | undefined;
}

/**
 * A record cut into a fixed number of pieces whose concatenation is what `format`
 * returns. A piece marked `stable` is the same string object from one record to the
 * next for as long as what it prints stays the same (a Jira line's date within a
 * millisecond, its thread, MDC and logger name), so a writer can keep its encoded
 * bytes and copy them instead of encoding the text again.
 */
export interface RecordPieces {
  readonly stable: readonly boolean[];
  /** Puts the event's pieces into `into[0 … stable.length - 1]`; false when this event must be formatted whole. */
  fill(event: LoggingEvent, into: string[]): boolean;
}
