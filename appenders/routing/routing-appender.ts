import type { LoggingEvent } from '../../src/logging-event.js';
import type { Appender } from '../appender.js';
import { AppenderSkeleton, type AppenderOptions } from '../appender-skeleton.js';
import type { EventText } from './event-lookup.js';

/** One of Log4j 2's `<Route>`s. */
export interface Route {
  /** Events whose key is this take the route; undefined for the default route. */
  readonly key?: string;
  /** The appenders a `<Route ref>` names: shared, not owned. */
  readonly appenders?: readonly Appender[];
  /** Makes the route's own appender for a key, from the first event with that key. */
  readonly create?: (event: LoggingEvent) => Appender;
}

export interface RoutingAppenderOptions extends AppenderOptions {
  /** The route key of an event (Log4j 2's `<Routes pattern>`). */
  readonly key: EventText;
  readonly routes: readonly Route[];
  /**
   * Most appenders the routes may have made and keep open at once (default 100):
   * past it the one used least recently is closed, and made again if its key
   * comes back. Log4j 2 has no bound; a key taken from user input must not be able
   * to open a file per value.
   */
  readonly maxAppenders?: number;
  /** Log4j 2's IdlePurgePolicy timeToLive, in ms: a made appender unused that long is closed. */
  readonly idleTimeout?: number;
  /** How often idle appenders are looked for, in ms (default: idleTimeout). */
  readonly checkInterval?: number;
  /** Some route's appender prints the call site. */
  readonly requiresLocation?: boolean;
}

interface Made {
  readonly appender: Appender | undefined;
  /** Time of its last event, for the idle purge. */
  lastUsed: number;
  /** Count of routed events at its last use, for least-recently-used order (times tie within a millisecond). */
  lastUse: number;
}

/**
 * Log4j 2's RoutingAppender: each event goes to the route whose key equals the
 * event's key, else to the default route; an event no route takes is dropped, as
 * in Log4j 2. A route either names appenders of the configuration or makes its own
 * appender per key (a file per user, say), which it owns and closes: when it has
 * been idle longer than `idleTimeout`, when `maxAppenders` are open and another key
 * needs one, and at close. An appender that cannot be made is reported once per key
 * to the error handler, and that key's events are dropped until it is purged.
 */
export class RoutingAppender extends AppenderSkeleton {
  readonly forwardsTo: readonly Appender[];
  private readonly key: EventText;
  private readonly byKey = new Map<string, Route>();
  private readonly fallback: Route | undefined;
  private readonly made = new Map<string, Made>();
  private uses = 0;
  /** Closes of released appenders still under way: close and flush wait for them, so no line is lost at shutdown. */
  private readonly closing = new Set<Promise<void>>();
  private readonly maxAppenders: number;
  private readonly idleTimeout: number | undefined;
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly location: boolean;

  constructor(options: RoutingAppenderOptions) {
    super(options);
    this.key = options.key;
    for (const route of options.routes) {
      if (route.key === undefined) this.fallback ??= route;
      else if (!this.byKey.has(route.key)) this.byKey.set(route.key, route);
    }
    this.forwardsTo = options.routes.flatMap((route) => route.appenders ?? []);
    this.maxAppenders = Math.max(1, options.maxAppenders ?? 100);
    this.idleTimeout = options.idleTimeout;
    this.location = options.requiresLocation === true || this.forwardsTo.some((appender) => appender.requiresLocation === true);
    if (this.idleTimeout !== undefined) {
      this.timer = setInterval(() => this.purgeIdle(Date.now()), Math.max(1, options.checkInterval ?? this.idleTimeout));
      this.timer.unref();
    }
  }

  override get requiresLocation(): boolean {
    return this.location;
  }

  /** Keys whose appender the routes have made and keep open (or failed to make). */
  get madeKeys(): string[] {
    return [...this.made.keys()];
  }

  protected write(event: LoggingEvent): void {
    const key = this.key(event);
    const route = this.byKey.get(key) ?? this.fallback;
    if (!route) return;
    if (route.appenders) {
      for (const appender of route.appenders) appender.append(event);
      return;
    }
    if (!route.create) return;
    let made = this.made.get(key);
    if (!made) made = this.make(key, route.create, event);
    made.lastUsed = event.timestamp;
    made.lastUse = ++this.uses;
    made.appender?.append(event);
  }

  private make(key: string, create: (event: LoggingEvent) => Appender, event: LoggingEvent): Made {
    if (this.made.size >= this.maxAppenders) this.evictLeastRecentlyUsed();
    let appender: Appender | undefined;
    try {
      appender = create(event);
    } catch (cause) {
      this.errorHandler.error(this.name, cause, `route "${key}": no appender could be made; its events are dropped`);
    }
    const made: Made = { appender, lastUsed: event.timestamp, lastUse: this.uses };
    this.made.set(key, made);
    return made;
  }

  private evictLeastRecentlyUsed(): void {
    let oldest: string | undefined;
    let oldestUse = Infinity;
    for (const [key, made] of this.made) {
      if (made.lastUse < oldestUse) {
        oldest = key;
        oldestUse = made.lastUse;
      }
    }
    if (oldest !== undefined) this.release(oldest);
  }

  /** Closes the made appenders not used since `now - idleTimeout` (run on a timer when idleTimeout is set). */
  purgeIdle(now: number): void {
    if (this.idleTimeout === undefined) return;
    for (const [key, made] of this.made) if (now - made.lastUsed > this.idleTimeout) this.release(key);
  }

  private release(key: string): void {
    const made = this.made.get(key);
    this.made.delete(key);
    const appender = made?.appender;
    if (!appender?.close) return;
    const done: Promise<void> = Promise.resolve()
      .then(() => appender.close!())
      .catch((cause: unknown) => this.errorHandler.error(this.name, cause, `closing the appender of route "${key}" failed`))
      .finally(() => this.closing.delete(done));
    this.closing.add(done);
  }

  override async flush(): Promise<void> {
    await Promise.all([...[...this.made.values()].map((made) => made.appender?.flush?.()), ...this.closing]);
  }

  protected override async onClose(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    const appenders = [...this.made.values()].map((made) => made.appender);
    this.made.clear();
    await Promise.all([...appenders.map((appender) => appender?.close?.()), ...this.closing]);
  }
}
