import { expect } from 'chai';
import { MemoryAppender } from '../../../../appenders/memory-appender.js';
import * as auth from '../../../../src/auth/index.js';
import { PostgresTokenStore } from '../../../../src/auth/store/postgres/postgres-token-store.js';
import { InternalLog } from '../../../../src/internal-log.js';
import { LogManager } from '../../../../src/log-manager.js';
import { requirePostgres, type PostgresServer, type TestDatabase } from './postgres-server.js';

/** Checks `condition` until it holds; fails naming `what` after `deadlineMillis`. */
async function eventually(what: string, deadlineMillis: number, condition: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + deadlineMillis;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${deadlineMillis} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('auth/store/postgres: two auth modules (nodes) on one database', function () {
  this.timeout(60_000);
  let server: PostgresServer;
  let db: TestDatabase;
  let nodes: auth.AuthModule[] = [];
  let admin: auth.User;
  const reports: string[] = [];
  let previousSink: ReturnType<typeof InternalLog.setSink> | undefined;

  before(async function () {
    server = await requirePostgres(this);
  });
  beforeEach(async () => {
    await LogManager.resetConfiguration();
    db = await server.createDatabase('nodes');
    reports.length = 0;
    previousSink = InternalLog.setSink((line) => reports.push(line));
  });
  afterEach(async () => {
    if (!server.running) await server.start();
    for (const node of nodes) await node.close();
    nodes = [];
    if (previousSink) InternalLog.setSink(previousSink);
  });

  async function startNodes(count: number, policy: auth.TokenPolicy = {}): Promise<auth.AuthModule[]> {
    const users = new auth.InMemoryUserDirectory([{ name: 'admin', groups: ['jira-administrators'] }]);
    admin = (await users.findUser('admin'))!;
    nodes = Array.from({ length: count }, () => auth.createAuthModule({
      flavour: 'jira', users, timeZone: 'UTC', policy,
      store: { postgres: { ...db, reconnectDelayMillis: 20, maxReconnectDelayMillis: 200 } },
      audit: { appender: new MemoryAppender() },
      permissions: new auth.GroupPermissions({ adminGroups: ['jira-administrators'] }),
    }));
    for (const node of nodes) await storeOf(node).ready();
    return nodes;
  }

  function storeOf(node: auth.AuthModule): PostgresTokenStore {
    return node.store as PostgresTokenStore;
  }

  function request(token: string) {
    return { method: 'GET', path: '/rest/api/2/myself', authorization: `Bearer ${token}`, remoteAddress: '10.0.0.1' };
  }

  async function status(node: auth.AuthModule, token: string): Promise<number> {
    return (await node.authenticator.authenticate(request(token))).status;
  }

  it('a token made on node A works on node B; deleted on B, it is refused on A within a second', async () => {
    const [a, b] = await startNodes(2);
    const { token, info } = await a!.service.create(admin, { validity: { days: 30 } });
    expect(await status(b!, token)).to.equal(200);
    expect(await status(a!, token)).to.equal(200);
    expect(a!.verifier.cache.size).to.equal(1);

    await b!.service.delete(admin, info.id);
    await eventually('node A refuses the token deleted on node B', 1000, async () => (await status(a!, token)) === 401);
    expect(a!.verifier.cache.size, 'the proof of the deleted token is evicted on A').to.equal(0);
  });

  it('a description changed on one node is what the other node reports next', async () => {
    const [a, b] = await startNodes(2);
    const { token, info } = await a!.service.create(admin, { validity: { days: 30 }, description: 'before' });
    expect((await a!.authenticator.authenticate(request(token))).token!.description).to.equal('before');
    await b!.service.rename(admin, info.id, 'after');
    await eventually('node A sees the new description', 1000, async () => (await a!.authenticator.authenticate(request(token))).token!.description === 'after');
  });

  it('20 concurrent creations across both nodes respect the per-owner limit exactly', async () => {
    const [a, b] = await startNodes(2, { maxTokensPerUser: 5 });
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a! : b!).service.create(admin, { validity: { days: 30 } })));
    const created = outcomes.filter((o): o is PromiseFulfilledResult<auth.CreatedToken> => o.status === 'fulfilled');
    expect(created).to.have.length(5);
    expect((await a!.service.list(admin)).length).to.equal(5);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect((outcome.reason as Error).message).to.equal('A user may have at most 5 tokens');
    }
  });

  it('fails closed while the database is down, and both nodes recover by themselves when it is back', async () => {
    const [a, b] = await startNodes(2);
    const { token } = await a!.service.create(admin, { validity: { days: 30 } });
    expect(await status(a!, token)).to.equal(200);
    expect(await status(b!, token)).to.equal(200);

    await server.kill();
    await eventually('both nodes notice the lost connection', 5000, () => !storeOf(a!).listening && !storeOf(b!).listening);
    expect(await status(a!, token), 'a token node A verified before cannot be re-checked').to.equal(401);
    expect(await status(b!, token)).to.equal(401);
    expect(reports.some((line) => line.includes('not listening for logwarden_tokens'))).to.equal(true);

    await server.start();
    await eventually('both nodes listen again', 10_000, () => storeOf(a!).listening && storeOf(b!).listening);
    expect(await status(a!, token)).to.equal(200);
    expect(await status(b!, token)).to.equal(200);
    expect(reports.some((line) => line.includes('listening for logwarden_tokens again'))).to.equal(true);
  });

  it('loses no acknowledged creation when the database is killed mid-traffic', async () => {
    const [a, b] = await startNodes(2, { maxTokensPerUser: 1000 });
    const acknowledged: auth.CreatedToken[] = [];
    let failures = 0;
    let stop = false;
    const traffic = [a!, b!].map(async (node) => {
      while (!stop) {
        try {
          acknowledged.push(await node.service.create(admin, { validity: { days: 30 } }));
        } catch {
          failures++;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }
    });
    await eventually('some creations are acknowledged', 10_000, () => acknowledged.length >= 10);
    await server.kill();
    await eventually('creations fail while the database is down', 10_000, () => failures >= 2);
    await server.start();
    const before = acknowledged.length;
    await eventually('creations succeed again', 10_000, () => acknowledged.length >= before + 10);
    stop = true;
    await Promise.all(traffic);

    const stored = new Set((await a!.service.list(admin)).map((info) => info.id));
    for (const created of acknowledged) expect(stored.has(created.info.id), created.info.id).to.equal(true);
    for (const created of acknowledged.slice(0, 5)) expect(await status(b!, created.token)).to.equal(200);
  });
});
