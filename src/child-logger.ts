import type { Appender } from '../appenders/appender.js';
import { copyEachValue, isPlainObject, type EventFields } from './event-fields.js';
import { Level } from './level.js';
import type { Logger } from './logger.js';

/** Checks and snapshots the fields given to `with`: later changes to the caller's object do not reach the child. */
export function childFields(loggerName: string, bound: EventFields | undefined, fields: unknown): EventFields {
  if (!isPlainObject(fields)) {
    let got: string;
    try {
      got = fields === null ? 'null' : Array.isArray(fields) ? 'an array' : typeof fields === 'object' ? `a ${fields.constructor?.name ?? 'object'}` : typeof fields;
    } catch {
      got = 'an object that cannot be read (a revoked Proxy?)';
    }
    throw new TypeError(`with() on logger "${loggerName}": expected a plain object of fields, got ${got}`);
  }
  return Object.freeze({ ...bound, ...copyEachValue(fields) });
}

/**
 * A logger that adds fields to every event it makes: `log.with({ requestId })`
 * (pino's `child(bindings)`). It is a view of its logger, not a logger of the
 * hierarchy: it has the logger's name and logs through the logger's level,
 * appenders and additivity as they are at each call (a level set on the logger
 * applies to its children at once). Making one costs an object and a copy of the
 * fields; it is not registered anywhere and is collected when dropped. Levels and
 * appenders are set on the logger (`getLogger(name)`), not on a child.
 */
export class ChildLogger {
  /** @internal Use `logger.with(fields)`. */
  constructor(
    /** The logger of the hierarchy this child logs through. */
    readonly logger: Logger,
    /** The fields every event of this child carries, under the event's own. */
    readonly fields: EventFields,
  ) {}

  get name(): string {
    return this.logger.name;
  }

  get level(): Level | null {
    return this.logger.level;
  }

  get additivity(): boolean {
    return this.logger.additivity;
  }

  get appenders(): readonly Appender[] {
    return this.logger.appenders;
  }

  getEffectiveLevel(): Level {
    return this.logger.getEffectiveLevel();
  }

  isEnabledFor(level: Level): boolean {
    return this.logger.isEnabledFor(level);
  }
  isTraceEnabled(): boolean {
    return this.logger.isTraceEnabled();
  }
  isDebugEnabled(): boolean {
    return this.logger.isDebugEnabled();
  }
  isInfoEnabled(): boolean {
    return this.logger.isInfoEnabled();
  }
  isWarnEnabled(): boolean {
    return this.logger.isWarnEnabled();
  }
  isErrorEnabled(): boolean {
    return this.logger.isErrorEnabled();
  }
  isFatalEnabled(): boolean {
    return this.logger.isFatalEnabled();
  }

  trace(message?: unknown, ...args: unknown[]): void {
    if (this.logger.isTraceEnabled()) this.logger.emit(Level.TRACE, message, args, this.fields);
  }
  debug(message?: unknown, ...args: unknown[]): void {
    if (this.logger.isDebugEnabled()) this.logger.emit(Level.DEBUG, message, args, this.fields);
  }
  info(message?: unknown, ...args: unknown[]): void {
    if (this.logger.isInfoEnabled()) this.logger.emit(Level.INFO, message, args, this.fields);
  }
  warn(message?: unknown, ...args: unknown[]): void {
    if (this.logger.isWarnEnabled()) this.logger.emit(Level.WARN, message, args, this.fields);
  }
  error(message?: unknown, ...args: unknown[]): void {
    if (this.logger.isErrorEnabled()) this.logger.emit(Level.ERROR, message, args, this.fields);
  }
  fatal(message?: unknown, ...args: unknown[]): void {
    if (this.logger.isFatalEnabled()) this.logger.emit(Level.FATAL, message, args, this.fields);
  }

  /** Logs at any level, custom ones included. */
  log(level: Level, message?: unknown, ...args: unknown[]): void {
    if (this.logger.isEnabledFor(level)) this.logger.emit(level, message, args, this.fields);
  }

  /** A child with these fields over this child's (the new values win). */
  with(fields: Record<string, unknown>): ChildLogger {
    return new ChildLogger(this.logger, childFields(this.logger.name, this.fields, fields));
  }
}

/** What a Logger and its `with` children have in common: the logging calls and the settings they log by. */
export type LoggerView = Pick<ChildLogger,
  'name' | 'level' | 'additivity' | 'appenders' | 'getEffectiveLevel' | 'isEnabledFor'
  | 'isTraceEnabled' | 'isDebugEnabled' | 'isInfoEnabled' | 'isWarnEnabled' | 'isErrorEnabled' | 'isFatalEnabled'
  | 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'log' | 'with'>;
