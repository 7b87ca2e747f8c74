import type { Level } from './level.js';

/** Where a logging call was made; captured only when a layout asks for it. */
export interface LocationInfo {
  readonly className: string;
  readonly methodName: string;
  readonly fileName: string;
  readonly lineNumber: string;
}

/** The OpenTelemetry span active when an event was made (W3C trace-context ids, lower-case hex). */
export interface TraceContext {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceFlags: number;
}

/**
 * One logging call, as appenders, filters and layouts see it. Plain data, so a
 * layout can be tested with fixed values.
 */
export interface LoggingEvent {
  /** Milliseconds since the epoch. */
  readonly timestamp: number;
  readonly level: Level;
  readonly loggerName: string;
  readonly message: string;
  readonly threadName: string;
  readonly mdc: Readonly<Record<string, string>>;
  readonly ndc: string;
  readonly error?: Error;
  readonly location?: LocationInfo;
  /** Key/value pairs of this one event (an object argument or a `with({...})` child), kept as values, not text. */
  readonly fields?: Readonly<Record<string, unknown>>;
  /** Present only when an OpenTelemetry span was active in the caller's context. */
  readonly trace?: TraceContext;
}

/** Time the framework was loaded: `%r` prints milliseconds since then, as log4j does. */
export const START_TIME = Date.now();
