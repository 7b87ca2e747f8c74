import type { Layout } from '../../../layouts/layout.js';
import type { LoggingEvent } from '../../logging-event.js';

/** Writes the message alone and a newline: the audit logger's message already is a JSON line. */
export class AuditLineLayout implements Layout {
  format(event: LoggingEvent): string {
    return event.message + '\n';
  }
}
