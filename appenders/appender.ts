import type { LoggingEvent } from '../src/logging-event.js';

/**
 * Anything with `append(event)` can receive events. The optional members let the
 * framework flush and close it on shutdown or reconfiguration.
 */
export interface Appender {
  readonly name?: string;
  append(event: LoggingEvent): void;
  /** Pushes buffered output to its destination; resolves when it is there. */
  flush?(): void | Promise<void>;
  /** Flushes and releases resources; later appends are reported, not thrown. */
  close?(): void | Promise<void>;
  /** True when the appender's layout prints the call site, so events must carry a location. */
  readonly requiresLocation?: boolean;
  /**
   * Appenders this one passes events to without owning them (LevelGate, a
   * RoutingAppender's `ref` routes): the framework counts them as attached while
   * this one is, and closes them itself; this one never closes them.
   */
  readonly forwardsTo?: readonly Appender[];
}
