import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { DatabaseAppender } from '../../../appenders/database/database-appender.js';
import { parseColumns } from '../../../appenders/database/database-columns.js';
import { configure } from '../../../src/config/configure.js';
import { getLogger, LogManager } from '../../../src/log-manager.js';
import { MDC } from '../../../src/context/mdc.js';
import { requirePostgres, type PostgresServer, type TestDatabase } from '../../auth/store/postgres/postgres-server.js';

describe('appenders/database: DatabaseAppender from a configuration file', function () {
  this.timeout(30_000);
  let server: PostgresServer;
  let db: TestDatabase;
  let dir: string;

  before(async function () {
    server = await requirePostgres(this);
  });
  beforeEach(async () => {
    db = await server.createDatabase('configured');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logwarden-dbconf-'));
    const client = new pg.Client(db);
    await client.connect();
    await client.query('CREATE TABLE app_log (at timestamptz, level text, message text, user_name text, node text)');
    await client.end();
  });
  afterEach(async () => {
    await LogManager.resetConfiguration();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function rows(): Promise<unknown[]> {
    const client = new pg.Client(db);
    await client.connect();
    try {
      return (await client.query('SELECT level, message, user_name, node FROM app_log ORDER BY at, message')).rows;
    } finally {
      await client.end();
    }
  }

  function databaseAppender(loggerName: string): DatabaseAppender {
    const found = getLogger(loggerName).appenders.find((a) => a instanceof DatabaseAppender);
    expect(found, 'the configured DatabaseAppender').to.be.instanceOf(DatabaseAppender);
    return found as DatabaseAppender;
  }

  it('is configured from log4j.properties with a table and a column mapping', async () => {
    const file = path.join(dir, 'log4j.properties');
    fs.writeFileSync(file, [
      'log4j.logger.shop=INFO, db',
      'log4j.additivity.shop=false',
      'log4j.appender.db=logwarden.DatabaseAppender',
      `log4j.appender.db.Host=${db.host}`,
      `log4j.appender.db.Port=${db.port}`,
      `log4j.appender.db.User=${db.user}`,
      `log4j.appender.db.Database=${db.database}`,
      'log4j.appender.db.Table=app_log',
      "log4j.appender.db.Columns=at=@timestamp, level=%p, message=%m, user_name=%X{user}, node='node-a'",
      '',
    ].join('\n'));
    configure(file);
    await MDC.run({ user: 'admin' }, async () => getLogger('shop').warn('Invoice INV-42 is overdue, says %s', 'billing'));
    await databaseAppender('shop').flush();
    expect(await rows()).to.deep.equal([{ level: 'WARN', message: 'Invoice INV-42 is overdue, says billing', user_name: 'admin', node: 'node-a' }]);
  });

  it('is configured from YAML (here its object form), by short name', async () => {
    configure({
      loggers: { shop: { level: 'INFO', additivity: false, appenders: ['db'] } },
      appenders: {
        db: { class: 'database', Url: `postgres://${db.user}@localhost/${db.database}?host=${encodeURIComponent(db.host)}&port=${db.port}`, Table: 'app_log', Columns: 'at=@timestamp, level=%p, message=%m' },
      },
    });
    getLogger('shop').info('hello');
    await databaseAppender('shop').flush();
    expect(await rows()).to.deep.equal([{ level: 'INFO', message: 'hello', user_name: null, node: null }]);
  });

  it('is configured from Log4j 2 XML: <JDBC tableName> with <Column> children; a ConnectionFactory is warned about by name', async () => {
    const file = path.join(dir, 'log4j2.xml');
    fs.writeFileSync(file, `<?xml version="1.0" encoding="UTF-8"?>
<Configuration>
  <Appenders>
    <JDBC name="db" tableName="app_log" host="${db.host}" port="${db.port}" user="${db.user}" database="${db.database}">
      <ConnectionFactory class="org.example.Pool" method="getConnection"/>
      <Column name="at" isEventTimestamp="true"/>
      <Column name="level" pattern="%p"/>
      <Column name="message" pattern="%m"/>
      <Column name="user_name" pattern="%X{user}"/>
      <Column name="node" literal="'node-b'"/>
    </JDBC>
  </Appenders>
  <Loggers>
    <Logger name="shop" level="INFO" additivity="false"><AppenderRef ref="db"/></Logger>
    <Root level="OFF"/>
  </Loggers>
</Configuration>
`);
    const handle = configure(file);
    expect(handle.warnings).to.have.length(1);
    expect(handle.warnings[0]).to.match(/JDBC\[@name="db"\]\/ConnectionFactory: JDBC element <ConnectionFactory> is not supported; ignored/);
    await MDC.run({ user: 'admin' }, async () => getLogger('shop').error('Payment declined'));
    await databaseAppender('shop').flush();
    expect(await rows()).to.deep.equal([{ level: 'ERROR', message: 'Payment declined', user_name: 'admin', node: 'node-b' }]);
  });

  it('skips a Log4j 2 Column whose literal is an SQL expression, with a warning: values never go into the SQL', () => {
    const file = path.join(dir, 'log4j2.xml');
    fs.writeFileSync(file, `<Configuration><Appenders>
  <JDBC name="db" tableName="app_log"><Column name="message" pattern="%m"/><Column name="at" literal="now()"/></JDBC>
</Appenders><Loggers><Root level="INFO"><AppenderRef ref="db"/></Root></Loggers></Configuration>`);
    const handle = configure(file);
    expect(handle.warnings).to.have.length(1);
    expect(handle.warnings[0]).to.match(/Column at: literal now\(\) is an SQL expression, which is not supported .*column skipped$/);
  });

  it('is configured from logback XML: class="logwarden.DatabaseAppender" with option elements; logback\'s DBAppender is warned about', async () => {
    const file = path.join(dir, 'logback.xml');
    fs.writeFileSync(file, `<configuration>
  <appender name="db" class="logwarden.DatabaseAppender">
    <url>postgres://${db.user}@localhost/${db.database}?host=${encodeURIComponent(db.host)}&amp;port=${db.port}</url>
    <table>app_log</table>
    <columns>at=@timestamp, level=%p, message=%m, node='node-c'</columns>
  </appender>
  <appender name="fixed" class="ch.qos.logback.classic.db.DBAppender">
    <connectionSource class="ch.qos.logback.core.db.DriverManagerConnectionSource"><url>jdbc:postgresql://db/app</url></connectionSource>
  </appender>
  <logger name="shop" level="INFO" additivity="false"><appender-ref ref="db"/></logger>
  <logger name="other" level="INFO"><appender-ref ref="fixed"/></logger>
  <root level="OFF"/>
</configuration>
`);
    const handle = configure(file);
    expect(handle.warnings.some((w) => /appender\[@name="fixed"\]: logback's DBAppender \(fixed logging_event schema\) is not supported; skipped/.test(w)), handle.warnings.join('\n')).to.equal(true);
    getLogger('shop').warn('Stock low');
    await databaseAppender('shop').flush();
    expect(await rows()).to.deep.equal([{ level: 'WARN', message: 'Stock low', user_name: null, node: 'node-c' }]);
  });

  it('refuses a configuration without a table or columns, or with an SQL fragment for a name', () => {
    const entry = (options: Record<string, string>) => () => configure({ root: 'INFO, db', appenders: { db: { class: 'database', ...options } } });
    expect(entry({ Columns: 'message=%m' })).to.throw(/Table is required/);
    expect(entry({ Table: 'app_log' })).to.throw(/Columns is required/);
    expect(entry({ Table: 'app_log; DROP TABLE app_log', Columns: 'message=%m' })).to.throw(/is not a plain SQL name/);
  });

  it('reads a column list: a comma inside a pattern does not start a new column', () => {
    expect(parseColumns("at=@timestamp, time=%d{HH:mm:ss,SSS}, node='a, b', message=%m")).to.deep.equal([
      { name: 'at', timestamp: true }, { name: 'time', pattern: '%d{HH:mm:ss,SSS}' }, { name: 'node', value: 'a, b' }, { name: 'message', pattern: '%m' },
    ]);
    expect(() => parseColumns('message')).to.throw('Columns: expected name=source, got "message"');
  });
});
