import { hostname } from 'node:os';
import type pg from 'pg';
import { DatabaseAppender, type DatabaseAppenderOptions } from '../../../../appenders/database/database-appender.js';
import { createPool, describeConnection, safeMessage, type PostgresConnectionOptions } from '../../store/postgres/postgres-connection.js';
import { migrateSchema } from '../../store/postgres/schema-migrations.js';
import type { ChainHead } from '../chain/chain-head.js';
import type { VerifyOptions, VerifyReport } from '../chain/audit-chain-verifier.js';
import { AUDIT_MIGRATIONS } from './audit-schema.js';
import { PostgresAuditChain } from './postgres-audit-chain.js';
import { PostgresAuditSource } from './postgres-audit-source.js';
import { PostgresAuditSwitches } from './postgres-audit-switches.js';

export interface PostgresAuditStorageOptions extends PostgresConnectionOptions,
  Pick<DatabaseAppenderOptions, 'batchSize' | 'maxBufferedRows' | 'retryDelayMillis' | 'maxRetryDelayMillis' | 'closeTimeoutMillis' | 'errorHandler'> {
  /** The name this node's records carry (default: the host name). */
  node?: string;
}

/**
 * The audit log of several nodes in one PostgreSQL table: `appender` writes this
 * node's records (batched, retried while the database is away), `source` reads
 * every node's back for the audit query and REST endpoint and applies retention.
 * Pass both to the AuditLog: `new AuditLog({ appender: s.appender, source: s.source })`;
 * chained, with this node's head: `chain: { key, head: await s.chainHead() }`.
 */
export class PostgresAuditStorage {
  readonly node: string;
  readonly appender: DatabaseAppender;
  readonly source: PostgresAuditSource;
  /** Where the audit switches an administrator chose are kept, for every node (`AuditCoverage.open`). */
  readonly switches: PostgresAuditSwitches;
  private readonly pool: pg.Pool;
  private readonly chain: PostgresAuditChain;
  private schema: Promise<void> | undefined;

  constructor(private readonly options: PostgresAuditStorageOptions = {}) {
    this.node = options.node ?? hostname();
    this.pool = createPool({ ...options, maxConnections: 2 }, 'logwarden audit');
    // Idle connections that die are dropped by the pool; the next query reports the outage.
    this.pool.on('error', () => undefined);
    this.appender = new DatabaseAppender({
      ...options, name: options.node ? `audit-${options.node}` : 'audit', table: 'logwarden_audit',
      columns: [{ name: 'node', value: this.node }, { name: 'record', pattern: '%m' }],
      prepare: () => this.ensureSchema(),
    });
    this.source = new PostgresAuditSource(this.pool, () => this.ensureSchema(), options);
    this.chain = new PostgresAuditChain(this.pool, () => this.ensureSchema(), options);
    this.switches = new PostgresAuditSwitches(this.pool, () => this.ensureSchema(), options);
  }

  /** Where this node's chain stands in the table: read it before the AuditLog starts writing. */
  chainHead(): Promise<ChainHead> {
    return this.chain.head(this.node);
  }

  /** Verifies the chain of `node` (default: this node) from the table. */
  verifyChain(options: VerifyOptions = {}, node: string = this.node): Promise<VerifyReport> {
    return this.chain.verify(node, options);
  }

  /** Resolves once the audit table is at the current version. */
  ready(): Promise<void> {
    return this.ensureSchema();
  }

  /** Writes what is buffered, then closes the connections. */
  async close(): Promise<void> {
    await this.switches.close();
    await this.appender.close();
    await this.pool.end();
  }

  private ensureSchema(): Promise<void> {
    this.schema ??= migrateSchema(this.pool, 'audit', AUDIT_MIGRATIONS).then(() => undefined, (error) => {
      this.schema = undefined;
      throw new Error(`Audit table at ${describeConnection(this.options)}: preparing it failed: ${safeMessage(error, this.options)}`);
    });
    return this.schema;
  }
}
