import { expect } from 'chai';
import pg from 'pg';
import { PostgresTokenStore } from '../../../../src/auth/store/postgres/postgres-token-store.js';
import { TokenLimitError } from '../../../../src/auth/store/token-store.js';
import { InternalLog } from '../../../../src/internal-log.js';
import { rejectionOf } from '../../support/rejection.js';
import { sampleRecord } from '../token-records.js';
import { CommitCuttingProxy } from './commit-cutting-proxy.js';
import { databasePerTest, sqlRows } from './postgres-server.js';

describe('auth/store/postgres/PostgresTokenStore', function () {
  this.timeout(30_000);
  const suite = databasePerTest<PostgresTokenStore>('tokens');

  function open(options: Partial<ConstructorParameters<typeof PostgresTokenStore>[0]> = {}): PostgresTokenStore {
    return suite.opened(new PostgresTokenStore({ ...suite.db, reconnectDelayMillis: 20, maxReconnectDelayMillis: 100, ...options }));
  }

  const sql = <T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> => sqlRows<T>(suite.db, text, values);

  it('keeps every change in the database, where a second store reads it back', async () => {
    const store = open();
    expect(await store.listByOwner('admin')).to.deep.equal([]);
    await store.insert(sampleRecord('a', 'admin', 2000));
    await store.insert({ ...sampleRecord('b', 'bob'), expiresAt: null, family: 'pat', scope: 'READ_WRITE' });
    await store.insert(sampleRecord('c', 'admin', 1000));
    expect(await store.update('a', { description: 'renamed "quoted"\nline' })).to.include({ description: 'renamed "quoted"\nline' });
    await store.touch(new Map([['b', 99], ['unknown', 5]]));
    expect(await store.delete('x')).to.equal(undefined);

    const other = open();
    expect(await other.get('b')).to.deep.equal({ ...sampleRecord('b', 'bob'), expiresAt: null, family: 'pat', scope: 'READ_WRITE', lastAccessedAt: 99 });
    expect((await other.get('a'))!.description).to.equal('renamed "quoted"\nline');
    expect((await other.listByOwner('admin')).map((r) => r.id)).to.deep.equal(['c', 'a']);
    expect((await other.listAll()).map((r) => r.id)).to.deep.equal(['c', 'a', 'b']);
    expect((await other.deleteByOwner('admin')).map((r) => r.id)).to.deep.equal(['c', 'a']);
    expect((await store.delete('b'))!.id).to.equal('b');
    expect(await store.listAll()).to.deep.equal([]);
  });

  it('creates its table on first use and records the schema version; a newer schema is refused', async () => {
    await Promise.all([open().ready(), open().ready(), open().ready()]);
    expect(await sql('SELECT component, version FROM logwarden_schema')).to.deep.equal([{ component: 'tokens', version: 2 }]);
    await sql(`UPDATE logwarden_schema SET version = 7 WHERE component = 'tokens'`);
    const error = await rejectionOf(open().get('a'));
    expect(error.message).to.equal(`Token store postgres://postgres@${suite.db.host}:${suite.db.port}/${suite.db.database}: preparing the token table failed: `
      + 'the tokens schema is at version 7, newer than the 2 this logwarden knows; upgrade logwarden');
  });

  it('refuses a duplicate id and an owner at the limit, and a refused insert leaves nothing', async () => {
    const store = open();
    await store.insert(sampleRecord('a'));
    expect((await rejectionOf(store.insert(sampleRecord('a', 'bob')))).message).to.equal('A token with id a already exists');
    await store.insert(sampleRecord('b'), 2);
    const limit = await rejectionOf(store.insert(sampleRecord('c'), 2));
    expect(limit).to.be.instanceOf(TokenLimitError);
    expect((await store.listAll()).map((r) => [r.id, r.owner])).to.deep.equal([['a', 'admin'], ['b', 'admin']]);
  });

  it('lets exactly the limit through when many creations for one owner race on several stores', async () => {
    const nodes = [open(), open(), open()];
    await Promise.all(nodes.map((node) => node.ready()));
    const outcomes = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => nodes[i % 3]!.insert(sampleRecord(`t${i}`), 7)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).to.have.length(7);
    for (const outcome of outcomes) if (outcome.status === 'rejected') expect(outcome.reason).to.be.instanceOf(TokenLimitError);
    expect(await sql('SELECT count(*)::int AS n FROM logwarden_tokens')).to.deep.equal([{ n: 7 }]);
  });

  it('writes a batch of last-accessed times at once and never moves a time backwards', async () => {
    const store = open();
    for (const id of ['a', 'b', 'c']) await store.insert(sampleRecord(id));
    await store.touch(new Map([['a', 500], ['b', 600]]));
    await store.touch(new Map([['a', 400], ['b', 700], ['c', 1]]));
    expect((await open().listAll()).map((r) => [r.id, r.lastAccessedAt])).to.deep.equal([['a', 500], ['b', 700], ['c', 1]]);
  });

  it('answers reads from memory while it listens, and hears a change made by anyone at once', async () => {
    const store = open();
    await store.insert(sampleRecord('a'));
    await store.ready();
    expect((await store.get('a'))!.description).to.equal('Token a');
    const heard = new Promise<string | null>((resolve) => store.onInvalidate((id) => resolve(id)));
    await sql(`UPDATE logwarden_tokens SET description = 'changed in psql' WHERE id = 'a'`);
    expect(await heard).to.equal('a');
    expect((await store.get('a'))!.description).to.equal('changed in psql');

    // Unannounced, the change is not seen: proof the answer came from memory.
    await sql('ALTER TABLE logwarden_tokens DISABLE TRIGGER logwarden_tokens_changed');
    await sql(`UPDATE logwarden_tokens SET description = 'unannounced' WHERE id = 'a'`);
    expect((await store.get('a'))!.description).to.equal('changed in psql');
  });

  it('tells the truth about a change whose COMMIT was never answered: made when it landed, failed without a trace when not', async () => {
    await open().ready();
    const proxy = new CommitCuttingProxy(`${suite.db.host}/.s.PGSQL.${suite.db.port}`);
    await proxy.start();
    const store = new PostgresTokenStore({ ...suite.db, host: '127.0.0.1', port: proxy.port });
    try {
      await store.insert(sampleRecord('before'));
      proxy.arm('deliver');
      await store.insert(sampleRecord('cut-off'), 5);
      proxy.arm('deliver');
      expect((await store.delete('before'))!.id).to.equal('before');
      proxy.arm('drop');
      expect((await rejectionOf(store.insert(sampleRecord('never')))).message).to.match(/creating a token failed: Connection terminated/);
      expect(proxy.cuts).to.equal(3);
      expect((await sql<{ id: string }>('SELECT id FROM logwarden_tokens')).map((r) => r.id)).to.deep.equal(['cut-off']);
    } finally {
      await store.close();
      await proxy.close();
    }
  });

  it('never names the password: not in its description, its errors or its reports', async () => {
    const password = 'S3cret-Pa55word';
    const reports: string[] = [];
    const previous = InternalLog.setSink((line) => reports.push(line));
    try {
      const store = open({ connectionString: `postgres://app:${password}@127.0.0.1:1/tokens`, host: undefined, port: undefined, user: undefined, database: undefined, password: undefined });
      const error = await rejectionOf(store.get('a'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(store.description).to.equal('postgres://app@127.0.0.1:1/tokens');
      expect(error.message).to.match(/^Token store postgres:\/\/app@127\.0\.0\.1:1\/tokens: preparing the token table failed: .*ECONNREFUSED/);
      expect(reports.join('\n')).to.include('not listening for logwarden_tokens');
      expect(JSON.stringify([error.message, error.stack, reports])).not.to.include(password);
    } finally {
      InternalLog.setSink(previous);
    }
  });
});
