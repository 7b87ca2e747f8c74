import type { ErrorHandler } from '../../src/error-handler.js';

/** Where an appender's error handler is found when a transport has something to report. */
export interface ReportTarget {
  readonly name: string;
  readonly errorHandler: ErrorHandler;
}

/**
 * A transport's voice: failures go to the appender's error handler (which reports
 * each cause once), and messages dropped because the bounded buffer was full are
 * counted. The count is reported when the collector is reachable again, so one
 * outage gives one line with the number lost, not one line per message.
 */
export class DeliveryReport {
  /** Messages dropped since the appender was created. */
  dropped = 0;
  private droppedInOutage = 0;
  private failing = false;

  constructor(
    private readonly target: ReportTarget,
    private readonly destination: string,
    private readonly bound: number,
  ) {}

  failure(cause: unknown, context?: string): void {
    this.failing = true;
    this.target.errorHandler.error(this.target.name, cause, context ?? this.destination);
  }

  drop(count: number): void {
    if (this.droppedInOutage === 0) {
      this.failure(new Error(`buffer of ${this.bound} messages is full; dropping and counting further messages until ${this.destination} takes them again`));
    }
    this.dropped += count;
    this.droppedInOutage += count;
  }

  /** The destination takes messages again: report what was lost, and let the next failure be reported anew. */
  recovered(): void {
    if (!this.failing) return;
    if (this.droppedInOutage > 0) {
      this.target.errorHandler.error(this.target.name, new Error(`${this.droppedInOutage} messages were dropped while ${this.destination} was unreachable (buffer bound ${this.bound})`));
      this.droppedInOutage = 0;
    }
    this.failing = false;
    this.target.errorHandler.recovered(this.target.name);
  }

  /** Reports messages that could not be sent before close; they count as dropped. */
  undelivered(count: number): void {
    if (count === 0) return;
    this.dropped += count;
    this.target.errorHandler.error(this.target.name, new Error(`${count} messages could not be delivered to ${this.destination} before close`));
  }
}
