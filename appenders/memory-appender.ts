import type { LoggingEvent } from '../src/logging-event.js';
import { AppenderSkeleton, type AppenderOptions } from './appender-skeleton.js';

export interface MemoryAppenderOptions extends AppenderOptions {
  /** Keep at most this many events, dropping the oldest (default: no limit). */
  maxEvents?: number;
}

/**
 * Keeps events (and their rendered text when a layout is set) in memory, for tests
 * and for showing recent log lines in an admin page.
 */
export class MemoryAppender extends AppenderSkeleton {
  readonly events: LoggingEvent[] = [];
  readonly lines: string[] = [];
  private readonly maxEvents: number;

  constructor(options: MemoryAppenderOptions = {}) {
    super(options);
    this.maxEvents = options.maxEvents ?? Infinity;
  }

  protected write(event: LoggingEvent): void {
    this.events.push(event);
    if (this.layout) this.lines.push(this.layout.format(event));
    if (this.events.length > this.maxEvents) {
      this.events.shift();
      if (this.layout) this.lines.shift();
    }
  }

  /** The rendered records joined, as a file appender would have written them. */
  get text(): string {
    return this.lines.join('');
  }

  get messages(): string[] {
    return this.events.map((event) => event.message);
  }

  clear(): void {
    this.events.length = 0;
    this.lines.length = 0;
  }
}
