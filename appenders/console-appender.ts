import type { LoggingEvent } from '../src/logging-event.js';
import { AppenderSkeleton, type AppenderOptions } from './appender-skeleton.js';

/** Anything that takes text: process.stdout, a socket, a test's collector. */
export interface TextSink {
  write(text: string): unknown;
}

export interface ConsoleAppenderOptions extends AppenderOptions {
  /** `System.out` (default) or `System.err`, as log4j names them. */
  target?: 'System.out' | 'System.err';
  /** Overrides the target: write to this sink instead. */
  stream?: TextSink;
}

/**
 * Writes each record to stdout or stderr. Node writes to files and TTYs
 * synchronously and to pipes synchronously on Linux, so a record is out of the
 * process when append returns.
 */
export class ConsoleAppender extends AppenderSkeleton {
  target: 'System.out' | 'System.err';
  private readonly stream: TextSink | undefined;

  constructor(options: ConsoleAppenderOptions = {}) {
    super(options);
    const target = options.target ?? 'System.out';
    if (target !== 'System.out' && target !== 'System.err') {
      throw new Error(`ConsoleAppender "${this.name}": Target must be System.out or System.err, got "${String(target)}"`);
    }
    this.target = target;
    this.stream = options.stream;
  }

  protected write(event: LoggingEvent): void {
    const out = this.stream ?? (this.target === 'System.err' ? process.stderr : process.stdout);
    out.write(this.render(event));
  }

  protected override onClose(): void {
    if (this.layout?.footer) (this.stream ?? process.stdout).write(this.layout.footer);
  }
}
