import pg from 'pg';
import { DatabaseAppender } from '../appenders/database/database-appender.js';
import { NullAppender } from '../appenders/null-appender.js';
import * as auth from '../src/auth/index.js';
import { Level } from '../src/level.js';
import { LogManager } from '../src/log-manager.js';
import { PostgresServer } from '../test/auth/store/postgres/postgres-server.js';

/**
 * `node dist/benchmarks/postgres-nodes.js`: token verification throughput with the
 * PostgreSQL store (two nodes on one database) and the DatabaseAppender's rows per
 * second, against a private server it starts (initdb in a temp folder) or, when
 * PGHOST is set, the server the environment names (it creates its tables there).
 * BENCH_SECONDS (default 3) per verification case, BENCH_ROWS (default 200,000).
 */
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const rowCount = Number(process.env.BENCH_ROWS ?? 200_000);

async function database(): Promise<{ connection: auth.PostgresConnectionOptions; stop(): Promise<void> }> {
  if (process.env.PGHOST) return { connection: {}, stop: async () => undefined };
  const server = PostgresServer.create();
  if (typeof server === 'string') throw new Error(`cannot start PostgreSQL: ${server}`);
  await server.start();
  const db = await server.createDatabase('bench');
  return { connection: db, stop: () => server.remove() };
}

/** Calls `verify` from `concurrency` loops for `seconds`; verifications per second. */
async function rate(concurrency: number, verify: () => Promise<unknown>): Promise<number> {
  let done = 0;
  const end = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < end) {
      await verify();
      done++;
    }
  }));
  return done / (Number(process.hrtime.bigint() - started) / 1e9);
}

const { connection, stop } = await database();
try {
  await LogManager.resetConfiguration();
  const users = new auth.InMemoryUserDirectory([{ name: 'admin', groups: ['jira-administrators'] }]);
  const admin = (await users.findUser('admin'))!;
  const node = (storeCache: number, proofCache: number): auth.AuthModule => auth.createAuthModule({
    flavour: 'jira', users, policy: { maxTokensPerUser: 100 }, audit: { appender: new NullAppender() },
    store: { postgres: { ...connection, cacheEntries: storeCache } }, cache: { maxEntries: proofCache },
    permissions: new auth.GroupPermissions({ adminGroups: ['jira-administrators'] }),
  });
  // B keeps everything in memory; C and D keep one record (and D one proof), and use two tokens in turn, so every call misses.
  const nodes = [node(10_000, 10_000), node(10_000, 10_000), node(1, 10_000), node(1, 1)];
  for (const each of nodes) await (each.store as auth.PostgresTokenStore).ready();
  const [a, b, c, d] = nodes as [auth.AuthModule, auth.AuthModule, auth.AuthModule, auth.AuthModule];
  const tokens = [(await a.service.create(admin, { validity: { days: 30 } })).token, (await a.service.create(admin, { validity: { days: 30 } })).token];
  let turn = 0;
  const valid = (on: auth.AuthModule) => async (): Promise<void> => {
    const result = await on.verifier.verify(tokens[turn++ % 2]!);
    if (result.status !== 'valid') throw new Error(`verification gave ${result.status}`);
  };

  console.log(`token verification, tokens made on node A, ${seconds} s each, 2 vCPUs shared with the server:`);
  const hit = await rate(32, valid(b));
  console.log(`  node B, cache hit (record and proof in memory):      ${Math.round(hit).toLocaleString('en-US')} /s`);
  const recordMiss = await rate(32, valid(c));
  console.log(`  node C, record miss (one SELECT, proof in memory):   ${Math.round(recordMiss).toLocaleString('en-US')} /s`);
  const fullMiss = await rate(4, valid(d));
  console.log(`  node D, full miss (one SELECT, PBKDF2 10,000 rounds): ${Math.round(fullMiss).toLocaleString('en-US')} /s`);
  for (const each of nodes) await each.close();

  const setup = new pg.Client(connection);
  await setup.connect();
  await setup.query('CREATE TABLE bench_log (at timestamptz, level text, logger text, message text)');
  const appender = new DatabaseAppender({
    ...connection, table: 'bench_log', maxBufferedRows: rowCount,
    columns: [{ name: 'at', timestamp: true }, { name: 'level', pattern: '%p' }, { name: 'logger', pattern: '%c' }, { name: 'message', pattern: '%m' }],
  });
  const started = process.hrtime.bigint();
  for (let i = 0; i < rowCount; i++) {
    appender.append({ timestamp: Date.now(), level: Level.INFO, loggerName: 'com.shop.Cart', message: `Invoice INV-${i} is overdue`, threadName: 'main', mdc: {}, ndc: '' });
  }
  await appender.flush();
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const stored = (await setup.query<{ n: number }>('SELECT count(*)::int AS n FROM bench_log')).rows[0]!.n;
  console.log(`DatabaseAppender: ${rowCount.toLocaleString('en-US')} rows in ${elapsed.toFixed(2)} s = ${Math.round(rowCount / elapsed).toLocaleString('en-US')} rows/s (batches of 500; ${stored.toLocaleString('en-US')} in the table)`);
  await appender.close();
  await setup.end();
} finally {
  await stop();
}
