import type pg from 'pg';
import { ChannelListener } from '../../store/postgres/channel-listener.js';
import { clientConfig, describeConnection, safeMessage, type PostgresConnectionOptions } from '../../store/postgres/postgres-connection.js';
import type { AuditSwitches } from '../audit-log.js';
import { readAuditSwitches, type AuditSwitchStore } from '../audit-switch-store.js';
import { AUDIT_SETTINGS_CHANNEL } from './audit-schema.js';

const ROW = 'auditSwitches';

/**
 * The audit switches in the shared audit database: one row of
 * `logwarden_audit_settings`, its value the switches as JSON, replaced in one
 * statement. Every node reads it when it starts, and a trigger announces each
 * change, whoever made it, to the nodes that `watch`: they read it again.
 */
export class PostgresAuditSwitches implements AuditSwitchStore {
  private readonly listeners = new Set<ChannelListener>();

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

  /** Listens on a connection of its own; after a lost connection, `changed` is called again once listening, for what was missed. */
  watch(changed: () => void): () => Promise<void> {
    const listener = new ChannelListener({
      config: clientConfig(this.connection, 'logwarden audit settings'),
      channel: AUDIT_SETTINGS_CHANNEL,
      describe: `Audit settings in ${this.location}`,
      meanwhile: 'a change of the audit switches made on another node is applied here once it is back',
      safeMessage: (error) => safeMessage(error, this.connection),
      onMessage: () => changed(),
      onConnected: () => changed(),
      onLost: () => undefined,
    });
    this.listeners.add(listener);
    return async () => {
      this.listeners.delete(listener);
      await listener.close();
    };
  }

  /** Stops every watch. */
  async close(): Promise<void> {
    const listeners = [...this.listeners];
    this.listeners.clear();
    await Promise.all(listeners.map((listener) => listener.close()));
  }

  private async query<T extends pg.QueryResultRow>(what: string, text: string, values: unknown[]): Promise<T[]> {
    try {
      return (await this.pool.query<T>(text, values)).rows;
    } catch (error) {
      throw new Error(`Audit settings in ${this.location}: ${what} failed: ${safeMessage(error, this.connection)}`);
    }
  }
}
