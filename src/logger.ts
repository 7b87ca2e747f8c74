import { formatWithOptions, inspect } from 'node:util';
import { Level } from './level.js';
import type { LocationInfo, LoggingEvent } from './logging-event.js';
import type { Appender } from '../appenders/appender.js';
import { currentFrame } from './context/context-frame.js';
import { captureLocation } from './location.js';
import { defaultErrorHandler } from './error-handler.js';
import { InternalLog } from './internal-log.js';
import type { Hierarchy } from './hierarchy.js';
import { activeTrace } from './active-trace.js';
import { ChildLogger, childFields } from './child-logger.js';
import { eventFields, isPlainObject, type EventFields } from './event-fields.js';

/**
 * A message, a lazy message function, or anything printable; an Error as last
 * argument is the throwable. A plain object first is the event's fields (then the
 * message follows it: `log.info({ orderId }, 'paid %d', amount)`), and so is an
 * Error first when a message follows it (`log.error(err, 'upload failed')`).
 */
export type LogMethod = (message?: unknown, ...args: unknown[]) => void;

function noop(): void {}

/** The arguments after the message, for the usual call that has none: no array made per event. */
const NO_ARGS: unknown[] = Object.freeze([]) as unknown as unknown[];

const INSPECT_OPTIONS = { breakLength: Infinity, depth: 4 } as const;

/** `instanceof Error`, false for a Proxy whose prototype cannot be read (a revoked one) instead of an exception in the caller. */
function isError(value: unknown): value is Error {
  try {
    return value instanceof Error;
  } catch {
    return false;
  }
}

function renderValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  if (typeof value === 'object' && value !== null || typeof value === 'symbol') return inspect(value, INSPECT_OPTIONS);
  return String(value);
}

// The per-level methods are installed as own properties: the shared implementation
// when the level is enabled, `noop` when it is not, so a disabled call costs nothing.
// They read `arguments` instead of a rest parameter, which would make an array for
// every call, also for the usual one with a message only.
function traceImpl(this: Logger, message?: unknown): void {
  this.emit(Level.TRACE, message, arguments.length > 1 ? Array.prototype.slice.call(arguments, 1) : NO_ARGS);
}
function debugImpl(this: Logger, message?: unknown): void {
  this.emit(Level.DEBUG, message, arguments.length > 1 ? Array.prototype.slice.call(arguments, 1) : NO_ARGS);
}
function infoImpl(this: Logger, message?: unknown): void {
  this.emit(Level.INFO, message, arguments.length > 1 ? Array.prototype.slice.call(arguments, 1) : NO_ARGS);
}
function warnImpl(this: Logger, message?: unknown): void {
  this.emit(Level.WARN, message, arguments.length > 1 ? Array.prototype.slice.call(arguments, 1) : NO_ARGS);
}
function errorImpl(this: Logger, message?: unknown): void {
  this.emit(Level.ERROR, message, arguments.length > 1 ? Array.prototype.slice.call(arguments, 1) : NO_ARGS);
}
function fatalImpl(this: Logger, message?: unknown): void {
  this.emit(Level.FATAL, message, arguments.length > 1 ? Array.prototype.slice.call(arguments, 1) : NO_ARGS);
}

/**
 * A named logger in the hierarchy. Obtain one with `getLogger(name)`; never construct
 * it directly.
 */
export class Logger {
  readonly name: string;
  /** Nearest existing ancestor (root for top-level names; null only for root). */
  parent: Logger | null = null;

  trace: LogMethod = noop;
  debug: LogMethod = noop;
  info: LogMethod = noop;
  warn: LogMethod = noop;
  error: LogMethod = noop;
  fatal: LogMethod = noop;

  private ownLevel: Level | null = null;
  private ownAdditivity = true;
  private readonly ownAppenders: Appender[] = [];
  /** Lowest level value that gets through: effective level and repository threshold together. */
  private enabledFrom = Level.DEBUG.value;
  /** Appenders reached through additivity; null until the next event recomputes it. */
  private targets: Appender[] | null = null;
  private targetsNeedLocation = false;

  /** @internal */
  constructor(name: string, private readonly hierarchy: Hierarchy) {
    this.name = name;
  }

  get level(): Level | null {
    return this.ownLevel;
  }

  /** Sets this logger's own level; null (or undefined) inherits from the nearest ancestor. */
  set level(level: Level | string | null | undefined) {
    const resolved = typeof level === 'string' ? Level.toLevel(level) : level ?? null;
    if (typeof level === 'string' && resolved === undefined) {
      throw new Error(`Unknown level "${level}" for logger "${this.name}"`);
    }
    if (resolved === null && this === this.hierarchy.root) {
      throw new Error('The root logger must have a level; it cannot inherit');
    }
    this.ownLevel = resolved ?? null;
    this.hierarchy.levelsChanged(this);
  }

  get additivity(): boolean {
    return this.ownAdditivity;
  }

  set additivity(additive: boolean) {
    this.ownAdditivity = additive;
    this.hierarchy.appendersChanged(this);
  }

  /** The level in force: own level, else the nearest ancestor's. */
  getEffectiveLevel(): Level {
    for (let logger: Logger | null = this; logger !== null; logger = logger.parent) {
      if (logger.ownLevel !== null) return logger.ownLevel;
    }
    return Level.DEBUG;
  }

  isEnabledFor(level: Level): boolean {
    return level.value >= this.enabledFrom;
  }
  isTraceEnabled(): boolean {
    return Level.TRACE.value >= this.enabledFrom;
  }
  isDebugEnabled(): boolean {
    return Level.DEBUG.value >= this.enabledFrom;
  }
  isInfoEnabled(): boolean {
    return Level.INFO.value >= this.enabledFrom;
  }
  isWarnEnabled(): boolean {
    return Level.WARN.value >= this.enabledFrom;
  }
  isErrorEnabled(): boolean {
    return Level.ERROR.value >= this.enabledFrom;
  }
  isFatalEnabled(): boolean {
    return Level.FATAL.value >= this.enabledFrom;
  }

  /** Logs at any level, custom ones included. */
  log(level: Level, message?: unknown, ...args: unknown[]): void {
    if (level.value < this.enabledFrom) return;
    this.emit(level, message, args);
  }

  addAppender(appender: Appender): void {
    if (!appender || typeof appender.append !== 'function') {
      throw new TypeError(`addAppender on logger "${this.name}": expected an object with append(event)`);
    }
    if (this.ownAppenders.includes(appender)) return;
    this.ownAppenders.push(appender);
    this.hierarchy.appendersChanged(this);
  }

  /** Detaches an appender (by object or name) without closing it; returns it if found. */
  removeAppender(appender: Appender | string): Appender | undefined {
    const index = typeof appender === 'string'
      ? this.ownAppenders.findIndex((a) => a.name === appender)
      : this.ownAppenders.indexOf(appender);
    if (index < 0) return undefined;
    const [removed] = this.ownAppenders.splice(index, 1);
    this.hierarchy.appendersChanged(this);
    return removed;
  }

  /** Detaches every appender and returns them (the caller decides whether to close). */
  removeAllAppenders(): Appender[] {
    const removed = this.ownAppenders.splice(0);
    if (removed.length) this.hierarchy.appendersChanged(this);
    return removed;
  }

  getAppender(name: string): Appender | undefined {
    return this.ownAppenders.find((a) => a.name === name);
  }

  get appenders(): readonly Appender[] {
    return this.ownAppenders;
  }

  /** @internal Recomputes the enabled methods after a level or threshold change. */
  refreshLevel(): void {
    const from = Math.max(this.getEffectiveLevel().value, this.hierarchy.threshold.value);
    this.enabledFrom = from;
    this.trace = Level.TRACE.value >= from ? traceImpl : noop;
    this.debug = Level.DEBUG.value >= from ? debugImpl : noop;
    this.info = Level.INFO.value >= from ? infoImpl : noop;
    this.warn = Level.WARN.value >= from ? warnImpl : noop;
    this.error = Level.ERROR.value >= from ? errorImpl : noop;
    this.fatal = Level.FATAL.value >= from ? fatalImpl : noop;
  }

  /** @internal Forgets the cached appender list; the next event recomputes it. */
  invalidateTargets(): void {
    this.targets = null;
  }

  private computeTargets(): Appender[] {
    const targets: Appender[] = [];
    for (let logger: Logger | null = this; logger !== null; logger = logger.parent) {
      for (const appender of logger.ownAppenders) targets.push(appender);
      if (!logger.ownAdditivity) break;
    }
    this.targetsNeedLocation = targets.some((a) => a.requiresLocation === true);
    this.targets = targets;
    if (targets.length === 0) this.hierarchy.noAppendersFor(this);
    return targets;
  }

  private evaluateLazy(supplier: () => unknown): string {
    try {
      return renderValue(supplier());
    } catch (cause) {
      InternalLog.error(`message function for logger "${this.name}" threw: ${cause instanceof Error ? cause.message : String(cause)}`);
      return '<message function threw>';
    }
  }

  /**
   * A child that adds `fields` to every event it makes and logs through this
   * logger's level, appenders and additivity as they are at each call (see ChildLogger).
   */
  with(fields: Record<string, unknown>): ChildLogger {
    return new ChildLogger(this, childFields(this.name, undefined, fields));
  }

  /**
   * @internal Builds the event and hands it to every appender reached. Level already
   * checked. `bound` are the fields of the `with` child making the call.
   */
  emit(level: Level, message: unknown, args: unknown[], bound?: EventFields): void {
    const targets = this.targets ?? this.computeTargets();
    if (targets.length === 0) return;
    const location: LocationInfo | undefined = this.targetsNeedLocation ? captureLocation(2) : undefined;

    let error: Error | undefined;
    let count = args.length;
    if (count !== 0 && isError(args[count - 1])) {
      error = args[count - 1] as Error;
      count--;
    }
    let fields = bound;
    let first = 0;
    if (typeof message === 'object' && message !== null) {
      const next = count !== 0 ? args[0] : undefined;
      const messageFollows = typeof next === 'string' || typeof next === 'function';
      if (isPlainObject(message)) {
        fields = eventFields(bound, message);
        if (messageFollows) {
          message = next;
          first = 1;
        }
      } else if (isError(message) && error === undefined && messageFollows) {
        error = message;
        message = next;
        first = 1;
      }
    }
    let text: string;
    if (typeof message === 'string') {
      text = count === first ? message : formatWithOptions(INSPECT_OPTIONS, message, ...args.slice(first, count));
    } else if (typeof message === 'function') {
      text = this.evaluateLazy(message as () => unknown);
    } else if (isError(message) && error === undefined && count === 0) {
      error = message;
      text = message.message;
    } else {
      text = renderValue(message);
      for (let i = 0; i < count; i++) text += ' ' + renderValue(args[i]);
    }

    const frame = currentFrame();
    const event: LoggingEvent = {
      timestamp: Date.now(),
      level,
      loggerName: this.name,
      message: text,
      threadName: frame.threadName,
      mdc: frame.mdc,
      ndc: frame.ndc,
      error,
      location,
      fields,
      trace: activeTrace(),
    };
    for (let i = 0; i < targets.length; i++) {
      const appender = targets[i]!;
      try {
        appender.append(event);
      } catch (cause) {
        defaultErrorHandler.error(appender.name ?? appender.constructor.name, cause);
      }
    }
  }
}
