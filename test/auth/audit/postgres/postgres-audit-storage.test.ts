import { expect } from 'chai';
import pg from 'pg';
import { AuditLog } from '../../../../src/auth/audit/audit-log.js';
import { InternalLog } from '../../../../src/internal-log.js';
import { PostgresAuditStorage } from '../../../../src/auth/audit/postgres/postgres-audit-storage.js';
import { sampleRecord } from '../../store/token-records.js';
import { ManualClock } from '../../support/manual-clock.js';
import { databasePerTest } from '../../store/postgres/postgres-server.js';

const DAY = 86_400_000;

describe('auth/audit/postgres/PostgresAuditStorage: one audit table for several nodes', function () {
  this.timeout(30_000);
  const suite = databasePerTest<PostgresAuditStorage>('audit');

  /** A node's audit log; each node has its own logger, as each would in its own process. */
  function node(name: string, clock: ManualClock, retentionDays?: number): { storage: PostgresAuditStorage; audit: AuditLog } {
    const storage = suite.opened(new PostgresAuditStorage({ ...suite.db, node: name, retryDelayMillis: 20 }));
    return { storage, audit: new AuditLog({ loggerName: `audit.${suite.db.database}.${name}`, appender: storage.appender, source: storage.source, clock, retentionDays }) };
  }

  async function sql<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
    const client = new pg.Client(suite.db);
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  }

  it('the audit query on either node shows both nodes\' records, each naming its node', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 29, 10, 0, 0));
    const a = node('node-a', clock);
    const b = node('node-b', clock);
    a.audit.tokenCreated('admin', sampleRecord('t1'));
    clock.advance(1000);
    b.audit.tokenDeleted('admin', sampleRecord('t1'));
    await a.storage.appender.flush();
    await b.storage.appender.flush();

    for (const { audit } of [a, b]) {
      const page = await audit.query();
      expect(page.total).to.equal(2);
      expect(page.records.map((r) => [r.type.action, r.extraAttributes.find((x) => x.name === 'Node')?.value])).to.deep.equal([
        ['Token deleted', 'node-b'], ['Token created', 'node-a'],
      ]);
    }
    expect((await b.audit.query({ text: 'token created' })).records[0]!.extraAttributes).to.deep.include({ name: 'Token ID', value: 't1' });
    expect(await sql("SELECT component, version FROM logwarden_schema ORDER BY component")).to.deep.equal([{ component: 'appender batches', version: 1 }, { component: 'audit', version: 4 }]);
  });

  it('reads every record of a table longer than one page of rows, each once', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 29, 10, 0, 0));
    const a = node('node-a', clock);
    for (let i = 1; i <= 1200; i++) a.audit.tokenCreated('admin', sampleRecord(`t${i}`));
    await a.storage.appender.flush();
    const ids: string[] = [];
    for await (const record of a.storage.source.records()) ids.push(record.affectedObjects.find((o) => o.type === 'TOKEN')!.id!);
    expect(ids).to.deep.equal(Array.from({ length: 1200 }, (_, i) => `t${i + 1}`));
  });

  it('retention deletes the records of every node that are older than the period, by their own time', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const a = node('node-a', clock, 30);
    const b = node('node-b', clock, 30);
    a.audit.tokenCreated('admin', sampleRecord('old-a'));
    b.audit.tokenCreated('admin', sampleRecord('old-b'));
    clock.advance(40 * DAY);
    b.audit.tokenCreated('admin', sampleRecord('new-b'));
    await a.storage.appender.flush();
    await b.storage.appender.flush();

    await a.audit.applyRetention();
    expect(await sql('SELECT node, at FROM logwarden_audit')).to.deep.equal([{ node: 'node-b', at: new Date(Date.UTC(2026, 0, 41)) }]);
    expect((await b.audit.query()).records.map((r) => r.affectedObjects[1]!.id)).to.deep.equal(['new-b']);
  });

  it('keeps a node\'s records while the database is away and writes them when it is back', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 29, 10, 0, 0));
    const a = node('node-a', clock);
    await a.storage.ready();
    const reports: string[] = [];
    const previous = InternalLog.setSink((line) => reports.push(line));
    await suite.server.kill();
    try {
      for (let i = 0; i < 5; i++) a.audit.tokenCreated('admin', sampleRecord(`t${i}`));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(a.storage.appender.bufferedRows).to.equal(5);
    } finally {
      await suite.server.start();
    }
    await a.storage.appender.flush();
    InternalLog.setSink(previous);
    expect((await a.audit.query()).total).to.equal(5);
    expect(reports.map((line) => line.replace(/postgres:\/\/\S+/, 'DB'))).to.deep.equal([
      `logwarden:ERROR appender "audit-node-a" failed: cannot write to DB table logwarden_audit: connect ENOENT ${suite.server.socketDir}/.s.PGSQL.${suite.server.port}; keeping up to 100000 rows and retrying`,
      'logwarden:WARN appender "audit-node-a": writing to DB table logwarden_audit again',
    ]);
  });
});
