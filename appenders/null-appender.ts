import type { LoggingEvent } from '../src/logging-event.js';
import { AppenderSkeleton } from './appender-skeleton.js';

/** log4j's NullAppender: accepts everything, writes nothing. */
export class NullAppender extends AppenderSkeleton {
  protected write(_event: LoggingEvent): void {}
}
