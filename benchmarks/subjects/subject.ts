/** What the HTTP scenario's request handler logs through: one line per request. */
export interface RequestLogger {
  /** Logs line `i` (the message ending in `#i`); `context` is the request's MDC, for loggers that take fields per call. */
  line(i: number, context: Readonly<Record<string, string>>): void;
  /** Set by the baseline that writes nothing: there is no file to check. */
  readonly discards?: boolean;
  /** Flushes and closes; resolves once every line is in the file. */
  close(): Promise<void>;
}

/**
 * One logger under test: each scenario logs `lines` events and resolves once
 * everything is flushed and closed. A scenario may resolve to the nanoseconds it
 * measured itself, to keep set-up (such as precomputing lines) out of the timing.
 */
export interface Subject {
  readonly name: string;
  /** (a) Jira pattern line with MDC to `file`; `perTurn` lines per event-loop turn, or all in one burst. */
  pattern?(file: string, lines: number, perTurn?: number): Promise<number | void>;
  /** (b) JSON line {level, time, logger, msg, user, requestId} to `file`; `perTurn` as for `pattern`. */
  json?(file: string, lines: number, perTurn?: number): Promise<number | void>;
  /** (k) the content of (b) as an ECS record (pino: its JSON line of (b)); `perTurn` as for `pattern`. */
  ecs?(file: string, lines: number, perTurn?: number): Promise<number | void>;
  /** (c) `debug()` while the level is INFO; returns nothing written. */
  disabled?(calls: number): Promise<number | void>;
  /** (e) the pattern line through size-based rotation (~10 MB files) in `dir`. */
  rolling?(dir: string, lines: number): Promise<number | void>;
  /** (f) the pattern line from 100 concurrent async contexts, each with its own MDC. */
  mdc?(file: string, lines: number): Promise<number | void>;
  /** (h) the logger the HTTP scenario's handler logs one line per request through, writing to `file`. */
  http?(file: string): Promise<RequestLogger>;
  /** (i) the JSON line of (b) with user and requestId as structured fields of each call (pino's `log.info(obj, msg)`). */
  fields?(file: string, lines: number, perTurn?: number): Promise<number | void>;
  /** (i) the same through a child logger made per request of `perTurn` lines with those fields (logwarden's `with`, pino's `child`). */
  child?(file: string, lines: number, perTurn?: number): Promise<number | void>;
  /** (j) the JSON line of (b) with the active OpenTelemetry span's ids, each request of `perTurn` lines in its own span. */
  traced?(file: string, lines: number, perTurn?: number): Promise<number | void>;
  /** (j) the pattern line of (a) logged inside a span per request (ids looked up for each event, not printed). */
  tracedPattern?(file: string, lines: number, perTurn?: number): Promise<number | void>;
  /** (j0) `traced`'s workload and OpenTelemetry set-up, with no span active: its baseline. */
  tracedBaseline?(file: string, lines: number, perTurn?: number): Promise<number | void>;
  /** (j0) `tracedPattern`'s workload and set-up with no span active. */
  tracedPatternBaseline?(file: string, lines: number, perTurn?: number): Promise<number | void>;
}
