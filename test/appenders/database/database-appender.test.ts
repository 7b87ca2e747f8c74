import { expect } from 'chai';
import pg from 'pg';
import { DatabaseAppender, type DatabaseAppenderOptions } from '../../../appenders/database/database-appender.js';
import { OncePerCauseErrorHandler } from '../../../src/error-handler.js';
import { InternalLog } from '../../../src/internal-log.js';
import { Level } from '../../../src/level.js';
import type { LoggingEvent } from '../../../src/logging-event.js';
import { requirePostgres, sqlRows, type PostgresServer, type TestDatabase } from '../../auth/store/postgres/postgres-server.js';

function event(message: string, overrides: Partial<LoggingEvent> = {}): LoggingEvent {
  return { timestamp: Date.UTC(2026, 10, 29, 12, 0, 0, 123), level: Level.INFO, loggerName: 'com.shop.Cart', message, threadName: 'main', mdc: {}, ndc: '', ...overrides };
}

async function until(what: string, deadlineMillis: number, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + deadlineMillis;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${deadlineMillis} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('appenders/database/DatabaseAppender with a real PostgreSQL', function () {
  this.timeout(120_000);
  let server: PostgresServer;
  let db: TestDatabase;
  const appenders: DatabaseAppender[] = [];
  const reports: string[] = [];
  let previousSink: ReturnType<typeof InternalLog.setSink> | undefined;

  before(async function () {
    server = await requirePostgres(this);
  });
  beforeEach(async () => {
    db = await server.createDatabase('appender');
    await sql('CREATE TABLE app_log (at timestamptz NOT NULL, level text, logger text, message text, user_name text, node text)');
    reports.length = 0;
    previousSink = InternalLog.setSink((line) => reports.push(line));
  });
  afterEach(async () => {
    if (!server.running) await server.start();
    for (const appender of appenders.splice(0)) await appender.close();
    if (previousSink) InternalLog.setSink(previousSink);
  });

  const sql = <T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> => sqlRows<T>(db, text, values);

  function appender(options: Partial<DatabaseAppenderOptions> = {}): DatabaseAppender {
    const created = new DatabaseAppender({
      ...db, name: 'db', table: 'app_log', errorHandler: new OncePerCauseErrorHandler(), retryDelayMillis: 20, maxRetryDelayMillis: 200,
      columns: [
        { name: 'at', timestamp: true },
        { name: 'level', pattern: '%p' },
        { name: 'logger', pattern: '%c' },
        { name: 'message', pattern: '%m' },
        { name: 'user_name', pattern: '%X{user}' },
        { name: 'node', value: 'node-a' },
      ],
      ...options,
    });
    appenders.push(created);
    return created;
  }

  it('maps each event to a row by column, every value a parameter (SQL in a message is just text)', async () => {
    const db1 = appender();
    const hostile = `x'); DROP TABLE app_log; --`;
    db1.append(event('Invoice INV-42 is overdue', { mdc: { user: 'admin' } }));
    db1.append(event(hostile, { level: Level.ERROR }));
    await db1.flush();
    const rows = await sql('SELECT at, level, logger, message, user_name, node FROM app_log ORDER BY level DESC');
    expect(rows).to.deep.equal([
      { at: new Date(Date.UTC(2026, 10, 29, 12, 0, 0, 123)), level: 'INFO', logger: 'com.shop.Cart', message: 'Invoice INV-42 is overdue', user_name: 'admin', node: 'node-a' },
      { at: new Date(Date.UTC(2026, 10, 29, 12, 0, 0, 123)), level: 'ERROR', logger: 'com.shop.Cart', message: hostile, user_name: '', node: 'node-a' },
    ]);
    expect(db1.written).to.equal(2);
  });

  it('refuses table and column names that are not plain SQL names, and columns without exactly one source', () => {
    expect(() => appender({ table: 'app_log; DROP TABLE x' })).to.throw('Table "app_log; DROP TABLE x" is not a plain SQL name');
    expect(() => appender({ columns: [{ name: 'a"b', pattern: '%m' }] })).to.throw('Column "a\\"b" is not a plain SQL name');
    expect(() => appender({ columns: [{ name: 'message', pattern: '%m', value: 'x' }] })).to.throw('Column message: give exactly one of pattern, timestamp or value');
    expect(() => appender({ columns: [] })).to.throw('a database appender needs at least one column');
  });

  it('writes 100,000 lines each once while the database is restarted in the middle', async () => {
    const db1 = appender({ maxBufferedRows: 100_000 });
    for (let i = 0; i < 100_000; i++) {
      db1.append(event(String(i)));
      if (i === 50_000) {
        await server.kill();
        await until('the appender notices the outage', 10_000, () => reports.some((line) => line.includes('cannot write to')));
        await server.start();
      } else if (i % 2000 === 1999) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    await db1.flush();
    const [counts] = await sql<{ total: number; distinct: number; min: number; max: number }>(
      'SELECT count(*)::int AS total, count(DISTINCT message)::int AS distinct, min(message::int) AS min, max(message::int) AS max FROM app_log');
    expect(counts).to.deep.equal({ total: 100_000, distinct: 100_000, min: 0, max: 99_999 });
    expect(db1.droppedRows).to.equal(0);
    expect(reports.filter((line) => line.includes('cannot write to'))).to.have.length(1);
    expect(reports.some((line) => line.includes('appender "db": writing to') && line.includes('again'))).to.equal(true);
  });

  it('counts and reports the rows dropped when the buffer overflows while the database is away', async () => {
    const db1 = appender({ maxBufferedRows: 1000 });
    await server.kill();
    for (let i = 0; i < 5000; i++) db1.append(event(String(i)));
    expect(db1.droppedRows).to.equal(4000);
    await server.start();
    await db1.flush();
    expect(await sql('SELECT count(*)::int AS n FROM app_log')).to.deep.equal([{ n: 1000 }]);
    expect(reports.some((line) => line.includes('buffer of 1000 rows is full'))).to.equal(true);
    expect(reports.some((line) => line.includes('4000 rows were dropped while the buffer was full'))).to.equal(true);
  });

  it('reports what it could not write when closed with the database away', async () => {
    const db1 = appender({ closeTimeoutMillis: 300 });
    await server.kill();
    for (let i = 0; i < 10; i++) db1.append(event(String(i)));
    await db1.close();
    expect(reports.some((line) => line.includes('10 rows could not be written at close'))).to.equal(true);
  });
});
