import type { LoggingEvent } from '../src/logging-event.js';
import type { Layout } from './layout.js';
import { renderThrowable } from './throwable.js';

/** log4j's SimpleLayout: `LEVEL - message`, then the throwable's stack if any. */
export class SimpleLayout implements Layout {
  format(event: LoggingEvent): string {
    const line = `${event.level.name} - ${event.message}\n`;
    return event.error ? line + renderThrowable(event.error) : line;
  }
}
