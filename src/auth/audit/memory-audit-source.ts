import type { MemoryAppender } from '../../../appenders/memory-appender.js';
import { parseAuditRecord, type AuditRecord } from './audit-record.js';
import type { AuditSource } from './audit-source.js';

/** Reads back the audit records a MemoryAppender on the audit logger has collected. */
export class MemoryAuditSource implements AuditSource {
  constructor(private readonly appender: MemoryAppender) {}

  async *records(): AsyncIterable<AuditRecord> {
    for (const event of [...this.appender.events]) {
      const record = parseAuditRecord(event.message);
      if (record) yield record;
    }
  }
}
