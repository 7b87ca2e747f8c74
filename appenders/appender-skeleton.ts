import { Level } from '../src/level.js';
import type { LoggingEvent } from '../src/logging-event.js';
import { defaultErrorHandler, type ErrorHandler } from '../src/error-handler.js';
import { passesFilters, type Filter } from '../src/filter/filter.js';
import type { Layout } from '../layouts/layout.js';
import type { Appender } from './appender.js';

export interface AppenderOptions {
  name?: string;
  layout?: Layout;
  threshold?: Level | string;
  filters?: Filter[];
  errorHandler?: ErrorHandler;
}

let anonymousCount = 0;

/**
 * The part every appender shares (log4j's AppenderSkeleton): threshold, filter
 * chain, layout, error handler, and the rule that a failing or closed appender
 * reports instead of throwing into the logging call.
 */
export abstract class AppenderSkeleton implements Appender {
  name: string;
  layout: Layout | undefined;
  threshold: Level;
  readonly filters: Filter[];
  errorHandler: ErrorHandler;
  protected closed = false;

  constructor(options: AppenderOptions = {}) {
    this.name = options.name ?? `${this.constructor.name}-${++anonymousCount}`;
    this.layout = options.layout;
    this.threshold = typeof options.threshold === 'string'
      ? Level.toLevel(options.threshold, Level.ALL)
      : options.threshold ?? Level.ALL;
    this.filters = options.filters ? [...options.filters] : [];
    this.errorHandler = options.errorHandler ?? defaultErrorHandler;
  }

  get requiresLocation(): boolean {
    return this.layout?.requiresLocation ?? false;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  addFilter(filter: Filter): void {
    this.filters.push(filter);
  }

  clearFilters(): void {
    this.filters.length = 0;
  }

  append(event: LoggingEvent): void {
    if (event.level.value < this.threshold.value) return;
    if (this.closed) {
      this.errorHandler.error(this.name, new Error('appender is closed; event dropped'), `logging after close: ${event.loggerName}`);
      return;
    }
    if (this.filters.length !== 0 && !passesFilters(this.filters, event)) return;
    try {
      this.write(event);
    } catch (cause) {
      this.errorHandler.error(this.name, cause);
    }
  }

  /** Renders with the layout, or `LEVEL - message` when none is set (log4j warns and does the same). */
  protected render(event: LoggingEvent): string {
    if (this.layout) return this.layout.format(event);
    return `${event.level.name} - ${event.message}\n`;
  }

  /** Delivers one event that passed threshold and filters. May throw: the skeleton reports it. */
  protected abstract write(event: LoggingEvent): void;

  flush(): void | Promise<void> {}

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.onClose();
  }

  /** Releases the appender's resources after the last write. */
  protected onClose(): void | Promise<void> {}
}
