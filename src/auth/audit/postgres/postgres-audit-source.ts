import type pg from 'pg';
import { parseAuditRecord, type AuditRecord } from '../audit-record.js';
import type { AuditSource } from '../audit-source.js';
import { describeConnection, safeMessage, type PostgresConnectionOptions } from '../../store/postgres/postgres-connection.js';

const PAGE_ROWS = 1000;

interface AuditRow {
  id: string;
  node: string;
  record: string;
}

/**
 * Reads the audit records of every node from the shared table, page by page (so
 * memory holds one page of rows, not the table), each with a `Node` attribute
 * naming the node that wrote it. Retention deletes rows by the records' own time.
 */
export class PostgresAuditSource implements AuditSource {
  constructor(
    private readonly pool: pg.Pool,
    private readonly ensureSchema: () => Promise<void>,
    private readonly connection: PostgresConnectionOptions,
  ) {}

  async *records(): AsyncIterable<AuditRecord> {
    await this.ensureSchema();
    let after = '0';
    for (;;) {
      // By the column: `id` alone would be the text the list selects, which sorts 10 before 9.
      const rows = await this.query<AuditRow>('reading audit records',
        'SELECT id::text, node, record FROM logwarden_audit WHERE id > $1::bigint ORDER BY logwarden_audit.id LIMIT $2', [after, PAGE_ROWS]);
      for (const row of rows) {
        const record = parseAuditRecord(row.record);
        if (record) yield { ...record, extraAttributes: [...record.extraAttributes, { name: 'Node', value: row.node }] };
      }
      if (rows.length < PAGE_ROWS) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  async purgeOlderThan(cutoff: number): Promise<void> {
    await this.ensureSchema();
    await this.query('purging audit records', 'DELETE FROM logwarden_audit WHERE at < to_timestamp($1::double precision / 1000)', [cutoff]);
  }

  private async query<T extends pg.QueryResultRow>(what: string, text: string, values: unknown[]): Promise<T[]> {
    try {
      return (await this.pool.query<T>(text, values)).rows;
    } catch (error) {
      throw new Error(`Audit table at ${describeConnection(this.connection)}: ${what} failed: ${safeMessage(error, this.connection)}`);
    }
  }
}
