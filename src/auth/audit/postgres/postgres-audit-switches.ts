import type pg from 'pg';
import { describeConnection, safeMessage, type PostgresConnectionOptions } from '../../store/postgres/postgres-connection.js';
import type { AuditSwitches } from '../audit-log.js';
import { readAuditSwitches, type AuditSwitchStore } from '../audit-switch-store.js';

const ROW = 'auditSwitches';

/**
 * The audit switches in the shared audit database: one row of
 * `logwarden_audit_settings`, its value the switches as JSON, replaced in one
 * statement. Every node reads it when it starts; a change made on one node
 * reaches the others at their next start.
 */
export class PostgresAuditSwitches implements AuditSwitchStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly ensureSchema: () => Promise<void>,
    private readonly connection: PostgresConnectionOptions,
  ) {}

  get location(): string {
    return `logwarden_audit_settings at ${describeConnection(this.connection)}`;
  }

  async load(): Promise<AuditSwitches | null> {
    await this.ensureSchema();
    const rows = await this.query<{ value: string }>('reading', 'SELECT value FROM logwarden_audit_settings WHERE name = $1', [ROW]);
    if (rows.length === 0) return null;
    let value: unknown;
    try {
      value = JSON.parse(rows[0]!.value);
    } catch (cause) {
      throw new Error(`Audit settings in ${this.location}: row "${ROW}": not valid JSON: ${(cause as Error).message}`, { cause });
    }
    return readAuditSwitches(value, (where, problem) => {
      throw new Error(`Audit settings in ${this.location}: row "${ROW}": ${where}: ${problem}`);
    });
  }

  async save(switches: AuditSwitches): Promise<void> {
    await this.ensureSchema();
    await this.query('saving', `INSERT INTO logwarden_audit_settings (name, value) VALUES ($1, $2)
      ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value, changed_at = now()`, [ROW, JSON.stringify(switches)]);
  }

  private async query<T extends pg.QueryResultRow>(what: string, text: string, values: unknown[]): Promise<T[]> {
    try {
      return (await this.pool.query<T>(text, values)).rows;
    } catch (error) {
      throw new Error(`Audit settings in ${this.location}: ${what} failed: ${safeMessage(error, this.connection)}`);
    }
  }
}
