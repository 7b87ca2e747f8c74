import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import type { LoggingEvent } from '../../src/logging-event.js';
import { InternalLog } from '../../src/internal-log.js';
import { LogManager } from '../../src/log-manager.js';
import { LostRecordsError } from '../../src/lost-records-error.js';
import { createPool, describeConnection, safeMessage, type PostgresConnectionOptions } from '../../src/auth/store/postgres/postgres-connection.js';
import { AppenderSkeleton, type AppenderOptions } from '../appender-skeleton.js';
import { ExitFlush, type ExitFlushable } from '../file/exit-flush.js';
import { clientConfig } from '../../src/auth/store/postgres/postgres-connection.js';
import type { ExitWrite } from './exit-writer.js';
import { insertStatement } from './insert-statement.js';
import { batchOutcome, MARKER_MIGRATIONS, type PendingBatch } from './batch-marker.js';
import { migrateSchema } from '../../src/auth/store/postgres/schema-migrations.js';
import { randomUUID } from 'node:crypto';
import { BACKEND_QUERY } from '../../src/auth/store/postgres/commit-outcome.js';
import { parseColumns, quotedIdentifier, rowRenderer, type DatabaseColumn, type RowRenderer } from './database-columns.js';

const EXIT_WRITER = fileURLToPath(new URL('./exit-writer.js', import.meta.url));

/** PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PARAMETERS = 65_535;

export interface DatabaseAppenderOptions extends AppenderOptions, PostgresConnectionOptions {
  /** The table rows go to (`name` or `schema.name`); it must exist. */
  table: string;
  columns: readonly DatabaseColumn[];
  /** Rows per INSERT (default 500). */
  batchSize?: number;
  /** Rows kept while the database is slow or away; beyond it new rows are dropped and counted (default 100,000). */
  maxBufferedRows?: number;
  /** First wait before retrying after a failure (default 250 ms), doubled up to `maxRetryDelayMillis` (default 5 s). */
  retryDelayMillis?: number;
  maxRetryDelayMillis?: number;
  /** Awaited before each batch, e.g. a schema migration that creates the table; a rejection counts as a failed write. */
  prepare?: () => Promise<void>;
  /** How long `close()` keeps trying to write what is buffered while the database is away (default 5 s). */
  closeTimeoutMillis?: number;
}

type Row = (string | null)[];

/** What a configuration file gives: log4j-style option names, `Columns` as text, `Url` as the connection string. */
export interface DatabaseAppenderParts extends AppenderOptions {
  url?: string;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  table?: string;
  columns?: string;
  batchSize?: number;
  maxBufferedRows?: number;
  retryDelay?: number;
  maxRetryDelay?: number;
  closeTimeout?: number;
}

function ignore(): void {}

/**
 * Writes events as rows of a PostgreSQL table (log4j's JDBCAppender, Log4j 2's
 * JdbcAppender), with parameterized multi-row INSERTs from a bounded buffer.
 *
 * A row leaves the buffer only once the transaction that inserted it is committed.
 * When the connection breaks while COMMIT is on its way, the outcome is unknown:
 * the batch's marker row (see batch-marker.ts) is looked up once the database
 * answers again and the server process that was committing it is gone, and the
 * batch is sent again only if it did not commit, so a restart of the database
 * neither loses nor repeats a row. While the database
 * is away the failure is reported once, rows wait (up to the bound, then they are
 * dropped and counted), and writing resumes by itself; the recovery is reported
 * with the number of rows lost, if any. `close()` (and `shutdown()`) waits until
 * the buffer is written or, with the database still away, reports what is left.
 */
export class DatabaseAppender extends AppenderSkeleton implements ExitFlushable {
  readonly table: string;
  private readonly quotedTable: string;
  private readonly columnList: string;
  private readonly renderRow: RowRenderer;
  private readonly pool: pg.Pool;
  private readonly connection: PostgresConnectionOptions;
  private readonly where: string;
  private readonly batchRows: number;
  private readonly maxBufferedRows: number;
  private readonly retryDelay: number;
  private readonly maxRetryDelay: number;
  private readonly closeTimeout: number;
  private readonly prepare: (() => Promise<void>) | undefined;
  private closeDeadline = Infinity;
  private rows: Row[] = [];
  private pumping: Promise<void> | undefined;
  /** A transaction whose COMMIT was sent but never answered: its rows are still at the head of the buffer. */
  private unknownOutcome: PendingBatch | undefined;
  /** The batch being written: at exit its connection is cut, so its transaction either committed already or never will. */
  private inFlight: { client: pg.PoolClient; pending: PendingBatch; committing: boolean } | undefined;
  /** The marker of the last committed batch, deleted by the next one. */
  private lastMarker: string | undefined;
  private markers: Promise<void> | undefined;
  /** Bumped when the exit flush takes the buffer over: an answer for an older batch then changes nothing. */
  private generation = 0;
  private failing = false;
  private dropped = 0;
  private droppedUnreported = 0;
  private writtenRows = 0;
  private wake: (() => void) | undefined;
  private readonly unregisterShutdown: () => void;

  constructor(options: DatabaseAppenderOptions) {
    super(options);
    this.table = options.table;
    this.quotedTable = quotedIdentifier(options.table, 'Table');
    this.renderRow = rowRenderer(options.columns);
    this.columnList = options.columns.map((column) => quotedIdentifier(column.name, 'Column')).join(', ');
    this.batchRows = Math.max(1, Math.min(options.batchSize ?? 500, Math.floor(MAX_PARAMETERS / options.columns.length)));
    this.maxBufferedRows = options.maxBufferedRows ?? 100_000;
    if (!(this.maxBufferedRows >= 1)) throw new RangeError(`maxBufferedRows must be at least 1, got ${options.maxBufferedRows}`);
    this.retryDelay = options.retryDelayMillis ?? 250;
    this.maxRetryDelay = options.maxRetryDelayMillis ?? 5000;
    this.closeTimeout = options.closeTimeoutMillis ?? 5000;
    this.prepare = options.prepare;
    this.connection = options;
    this.where = `${describeConnection(options)} table ${options.table}`;
    this.pool = createPool({ ...options, maxConnections: 1 }, `logwarden appender ${this.name}`);
    // A connection that dies idle is dropped by the pool; the next batch reports the outage.
    this.pool.on('error', () => undefined);
    this.unregisterShutdown = LogManager.onShutdown(() => this.close());
    ExitFlush.register(this);
  }

  /** The options a configuration file's entry stands for; throws what the constructor would, opening nothing. */
  static optionsOf(parts: DatabaseAppenderParts): DatabaseAppenderOptions {
    if (!parts.table) throw new Error('Table is required: the table the rows go to');
    if (!parts.columns) throw new Error('Columns is required, e.g. at=@timestamp, level=%p, message=%m');
    const options: DatabaseAppenderOptions = {
      ...parts, connectionString: parts.url, table: parts.table, columns: parseColumns(parts.columns),
      retryDelayMillis: parts.retryDelay, maxRetryDelayMillis: parts.maxRetryDelay, closeTimeoutMillis: parts.closeTimeout,
    };
    quotedIdentifier(options.table, 'Table');
    return options;
  }

  /** Rows written so far. */
  get written(): number {
    return this.writtenRows;
  }

  /** Rows dropped so far because the buffer was full. */
  get droppedRows(): number {
    return this.dropped;
  }

  /** Rows waiting to be written. */
  get bufferedRows(): number {
    return this.rows.length;
  }

  protected write(event: LoggingEvent): void {
    const row = this.renderRow(event);
    if (this.rows.length >= this.maxBufferedRows) {
      if (this.dropped === 0 || this.droppedUnreported === 0) {
        this.errorHandler.error(this.name, new Error(`buffer of ${this.maxBufferedRows} rows is full (${this.where}); dropping rows until the database catches up`));
      }
      this.dropped++;
      this.droppedUnreported++;
      return;
    }
    this.rows.push(row);
    this.pumping ??= this.pump();
  }

  /** Resolves when every row buffered so far is written (or the appender gave up at close). */
  override async flush(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  protected override async onClose(): Promise<void> {
    this.unregisterShutdown();
    ExitFlush.unregister(this);
    this.closeDeadline = Date.now() + this.closeTimeout;
    this.wake?.();
    await this.flush();
    await this.pool.end().catch(() => undefined);
  }

  private async pump(): Promise<void> {
    // Lets a synchronous burst of events fill the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    let delay = this.retryDelay;
    while (this.rows.length > 0) {
      const count = Math.min(this.rows.length, this.batchRows);
      const generation = this.generation;
      let error: unknown;
      try {
        await this.writeBatch(this.rows.slice(0, count));
      } catch (caught) {
        error = caught;
      }
      if (generation !== this.generation) continue;
      if (error === undefined) {
        this.rows.splice(0, count);
        this.writtenRows += count;
        delay = this.retryDelay;
        if (this.failing || this.droppedUnreported > 0) this.recovered();
        continue;
      }
      if (!this.failing) {
        this.failing = true;
        this.errorHandler.error(this.name, new Error(`cannot write to ${this.where}: ${safeMessage(error, this.connection)}; keeping up to ${this.maxBufferedRows} rows and retrying`));
      }
      if (this.closed && Date.now() >= this.closeDeadline) {
        this.giveUp();
        break;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(delay, Math.max(0, this.closeDeadline - Date.now())));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
      delay = Math.min(delay * 2, this.maxRetryDelay);
    }
    this.pumping = undefined;
  }

  /** Inserts `rows` in one transaction; resolves once they are committed, here or by an earlier unanswered COMMIT. */
  private async writeBatch(rows: Row[]): Promise<void> {
    await this.prepare?.();
    await this.ensureMarkers();
    if (this.unknownOutcome !== undefined) {
      const outcome = await batchOutcome(async (text, values) => (await this.pool.query(text, values)).rows, this.unknownOutcome);
      if (outcome === 'undecided') throw new Error('the last batch is still being committed');
      const committed = outcome === 'committed';
      if (committed) this.lastMarker = this.unknownOutcome.marker;
      this.unknownOutcome = undefined;
      if (committed) return;
    }
    const client = await this.pool.connect();
    // A checked-out client reports a dying connection as an event too; the failed query already says it.
    client.on('error', ignore);
    const flight: NonNullable<DatabaseAppender['inFlight']> = { client, committing: false, pending: { marker: randomUUID(), rows: rows.length } };
    this.inFlight = flight;
    let broken = false;
    try {
      await client.query('BEGIN');
      const backend = (await client.query<{ pid: number; started: string }>(BACKEND_QUERY)).rows[0];
      flight.pending.pid = backend?.pid;
      flight.pending.backendStart = backend?.started;
      await client.query('INSERT INTO logwarden_appender_batches (batch) VALUES ($1)', [flight.pending.marker]);
      if (this.lastMarker !== undefined) await client.query('DELETE FROM logwarden_appender_batches WHERE batch = $1', [this.lastMarker]);
      await client.query(insertStatement(this.quotedTable, this.columnList, rows.length, rows[0]!.length), rows.flat());
      flight.committing = true;
      await client.query('COMMIT');
      this.lastMarker = flight.pending.marker;
    } catch (error) {
      broken = true;
      if (flight.committing && this.inFlight === flight) this.unknownOutcome = flight.pending;
      else await client.query('ROLLBACK').then(() => { broken = false; }, () => undefined);
      throw error;
    } finally {
      if (this.inFlight === flight) this.inFlight = undefined;
      client.off('error', ignore);
      client.release(broken);
    }
  }

  /**
   * At exit nothing asynchronous runs, so the rows still held are written by a
   * child process, synchronously. The batch in flight has its connection cut
   * first: its transaction then either committed already (the child finds its
   * marker and does not send those rows again) or never will.
   */
  flushForExit(_final: boolean): void {
    if (this.rows.length === 0 && this.unknownOutcome === undefined) return;
    let unknown = this.unknownOutcome;
    const flight = this.inFlight;
    if (flight) {
      (flight.client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
      if (flight.committing) unknown = flight.pending;
    }
    const rows = this.rows;
    const lostBefore = this.droppedUnreported;
    this.rows = [];
    this.unknownOutcome = undefined;
    this.inFlight = undefined;
    this.droppedUnreported = 0;
    this.generation++;
    const input: ExitWrite = {
      config: clientConfig(this.connection, `logwarden appender ${this.name} at exit`),
      table: this.quotedTable, columnList: this.columnList, rows, unknown,
    };
    const child = spawnSync(process.execPath, [EXIT_WRITER], { input: JSON.stringify(input), encoding: 'utf8', timeout: this.closeTimeout });
    if (child.status === 0) {
      this.writtenRows += Number(child.stdout);
    } else {
      const reason = child.error ? child.error.message : child.stderr.trim() || `exit writer ended with ${child.signal ?? child.status}`;
      const lost = rows.length + lostBefore;
      this.errorHandler.error(this.name, new LostRecordsError(lost, `${lost} rows could not be written at exit (${this.where}): ${safeMessage(reason, this.connection)}`));
      return;
    }
    if (lostBefore > 0) this.errorHandler.error(this.name, new LostRecordsError(lostBefore, `${lostBefore} rows were dropped while the buffer was full (${this.where})`));
  }

  /** The marker table, made once (again after a failure). */
  private ensureMarkers(): Promise<void> {
    this.markers ??= migrateSchema(this.pool, 'appender batches', MARKER_MIGRATIONS).then(() => undefined, (error) => {
      this.markers = undefined;
      throw error;
    });
    return this.markers;
  }

  private recovered(): void {
    const lost = this.droppedUnreported;
    this.droppedUnreported = 0;
    if (this.failing) {
      this.failing = false;
      InternalLog.warn(`appender "${this.name}": writing to ${this.where} again`);
    }
    if (lost > 0) this.errorHandler.error(this.name, new LostRecordsError(lost, `${lost} rows were dropped while the buffer was full (${this.where})`));
  }

  /** Closing with the database still away: what cannot be written is counted, not silently lost. */
  private giveUp(): void {
    const lost = this.rows.length + this.droppedUnreported;
    this.rows = [];
    this.droppedUnreported = 0;
    if (lost > 0) this.errorHandler.error(this.name, new LostRecordsError(lost, `${lost} rows could not be written at close (${this.where})`));
  }
}
