import { expect } from 'chai';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { requirePostgres, type PostgresServer, type TestDatabase } from '../../auth/store/postgres/postgres-server.js';

const appenderModule = new URL('../../../appenders/database/database-appender.js', import.meta.url).href;
const levelModule = new URL('../../../src/level.js', import.meta.url).href;

/** Logs `count` lines in bursts, some batches in flight, then ends the way `how` says. */
const CHILD = `
import { DatabaseAppender } from ${JSON.stringify(appenderModule)};
import { Level } from ${JSON.stringify(levelModule)};
const [how, count, db] = [process.argv[2], Number(process.argv[3]), JSON.parse(process.argv[4])];
const appender = new DatabaseAppender({ ...db, table: 'app_log', columns: [{ name: 'message', pattern: '%m' }], batchSize: 200 });
let next = 0;
const burst = (n) => {
  for (const end = Math.min(count, next + n); next < end; next++) {
    appender.append({ timestamp: Date.now(), level: Level.INFO, loggerName: 'x', message: String(next), threadName: 'main', mdc: {}, ndc: '' });
  }
};
burst(count / 2);
setTimeout(() => {
  burst(count);
  if (how === 'exit') process.exit(0);
  if (how === 'throw') throw new Error('boom');
  if (how === 'sigterm') process.kill(process.pid, 'SIGTERM');
}, 15);
`;

describe('appenders/database/DatabaseAppender at process exit', function () {
  this.timeout(60_000);
  let server: PostgresServer;
  let db: TestDatabase;
  let dir: string;

  before(async function () {
    server = await requirePostgres(this);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logwarden-dbexit-'));
    fs.writeFileSync(path.join(dir, 'child.mjs'), CHILD);
  });
  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    db = await server.createDatabase('exit');
    const client = new pg.Client(db);
    await client.connect();
    await client.query('CREATE TABLE app_log (message text)');
    await client.end();
  });

  async function run(how: string, count: number): Promise<{ code: number | null; signal: string | null; stderr: string }> {
    const child = spawn(process.execPath, [path.join(dir, 'child.mjs'), how, String(count), JSON.stringify(db)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  }

  async function counts(): Promise<{ total: number; distinct: number }> {
    const client = new pg.Client(db);
    await client.connect();
    try {
      return (await client.query('SELECT count(*)::int AS total, count(DISTINCT message)::int AS distinct FROM app_log')).rows[0];
    } finally {
      await client.end();
    }
  }

  for (const [how, expected] of [['exit', { code: 0, signal: null }], ['throw', { code: 1, signal: null }], ['sigterm', { code: null, signal: 'SIGTERM' }]] as const) {
    it(`writes every line, each once, when the process ends by ${how === 'exit' ? 'process.exit()' : how === 'throw' ? 'an uncaught exception' : 'SIGTERM'}`, async () => {
      const ended = await run(how, 20_000);
      expect({ code: ended.code, signal: ended.signal }, ended.stderr).to.deep.equal(expected);
      expect(await counts()).to.deep.equal({ total: 20_000, distinct: 20_000 });
    });
  }
});
