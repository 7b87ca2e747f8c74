import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryAppender } from '../../appenders/memory-appender.js';
import * as auth from '../../src/auth/index.js';
import { shutdown } from '../../src/log-manager.js';
import { captureEverything, messagesOf } from './support/log-capture.js';
import { ManualClock } from './support/manual-clock.js';

describe('auth/createAuthModule (the logwarden/auth surface)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logwarden-auth-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exports the public pieces', () => {
    for (const name of ['createAuthModule', 'Authenticator', 'TokenService', 'TokenVerifier', 'pkcs5s2', 'FileTokenStore', 'MemoryTokenStore', 'PostgresTokenStore', 'PostgresAuditStorage',
      'InMemoryUserDirectory', 'GroupPermissions', 'IpMatcher', 'RateLimiter', 'AuditLog', 'RotatedFilesAuditSource', 'SsoEvents', 'logSafe']) {
      expect(auth, name).to.have.property(name);
    }
  });

  it('wires one store, cache and batcher: create, authenticate, delete, and last-accessed times reach the file', async () => {
    const logs = await captureEverything();
    const clock = new ManualClock(Date.UTC(2020, 8, 22, 14, 43, 30));
    const file = path.join(dir, 'tokens.json');
    const users = new auth.InMemoryUserDirectory([{ name: 'admin', groups: ['jira-administrators'] }]);
    const auditAppender = new MemoryAppender({ name: 'audit' });
    const admin = (await users.findUser('admin'))!;
    const module = auth.createAuthModule({
      flavour: 'jira', users, clock, timeZone: 'UTC', store: { file },
      audit: { appender: auditAppender, source: new auth.MemoryAuditSource(auditAppender) },
      permissions: new auth.GroupPermissions({ adminGroups: ['jira-administrators'] }),
    });
    const { token, info } = await module.service.create(admin, { validity: { days: 30 } });
    const request = { method: 'GET', path: '/rest/api/2/myself', authorization: `Bearer ${token}`, remoteAddress: '10.0.0.1' };
    expect((await module.authenticator.authenticate(request)).outcome).to.equal('authenticated');
    clock.advance(5_000);
    expect((await module.authenticator.authenticate(request)).outcome).to.equal('authenticated');
    expect(module.batcher.pendingCount).to.equal(1);

    await module.service.delete(admin, info.id);
    expect(module.verifier.cache.size).to.equal(0);
    expect((await module.authenticator.authenticate(request)).status).to.equal(401);
    const audit = await module.audit.query();
    expect(audit.records.map((r) => r.type.action)).to.deep.equal(['Token deleted', 'Token created']);

    const second = await module.service.create(admin, { validity: { days: 30 } });
    await module.authenticator.authenticate({ ...request, authorization: `Bearer ${second.token}` });
    await module.close();
    expect((await new auth.FileTokenStore(file).get(second.info.id))!.lastAccessedAt).to.equal(clock.now());
    expect(messagesOf(logs, 'com.atlassian.pats.service.LastAccessedTimeBatcher')).to.deep.equal(['Persisting last accessed time for [1] tokens']);
  });

  it('gives a token one rate-limit budget across every authenticator of the module', async () => {
    await captureEverything();
    const clock = new ManualClock(Date.UTC(2020, 8, 22, 14, 43, 30));
    const users = new auth.InMemoryUserDirectory([{ name: 'admin', groups: ['users'] }]);
    const module = auth.createAuthModule({
      flavour: 'jira', users, clock, store: new auth.MemoryTokenStore(), audit: { appender: new MemoryAppender() },
      permissions: new auth.GroupPermissions({ adminGroups: [] }), rateLimit: { requests: 3, minutes: 1 },
    });
    const tokenOnly = module.createAuthenticator({ basicAuthWithPasswordDisabled: true });
    const { token } = await module.service.create((await users.findUser('admin'))!, { validity: { days: 1 } });
    const request = { method: 'GET', path: '/rest/api/2/myself', authorization: `Bearer ${token}`, remoteAddress: '10.0.0.1' };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await module.authenticator.authenticate(request)).status);
      statuses.push((await tokenOnly.authenticate({ ...request, path: '/rest/ssh/1.0/keys' })).status);
    }
    expect(statuses).to.deep.equal([200, 200, 200, 429, 429, 429]);
    clock.advance(60_000);
    expect((await tokenOnly.authenticate(request)).status, 'the budget refills for both').to.equal(200);
    await module.close();
  });

  it('throttles failed attempts by default, across every authenticator of the module; null turns it off', async () => {
    await captureEverything();
    const users = new auth.InMemoryUserDirectory([{ name: 'admin', password: 'secret' }]);
    const options = {
      flavour: 'jira' as const, users, store: new auth.MemoryTokenStore(), audit: { appender: new MemoryAppender() },
      permissions: new auth.GroupPermissions({ adminGroups: [] }),
    };
    const module = auth.createAuthModule(options);
    const tokenOnly = module.createAuthenticator({ basicAuthWithPasswordDisabled: true });
    const attempt = (authenticator: auth.Authenticator, secret: string) => authenticator.authenticate({
      method: 'GET', path: '/rest/api/2/myself', authorization: 'Basic ' + Buffer.from(`admin:${secret}`).toString('base64'), remoteAddress: '203.0.113.7',
    });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await attempt(module.authenticator, 'wrong')).status, (await attempt(tokenOnly, 'wrong')).status);
    expect(statuses, 'five failures of one user at one address, whichever route').to.deep.equal([401, 401, 401, 401, 401, 429]);
    expect((await attempt(module.authenticator, 'secret')).status).to.equal(429);
    await module.close();

    const off = auth.createAuthModule({ ...options, failedAttemptThrottle: null });
    expect(off.failedAttemptThrottle).to.equal(null);
    for (let i = 0; i < 6; i++) await attempt(off.authenticator, 'wrong');
    expect((await attempt(off.authenticator, 'secret')).status).to.equal(200);
    await off.close();
  });

  it('writes pending last-accessed times on shutdown()', async () => {
    await captureEverything();
    const file = path.join(dir, 'tokens.json');
    const users = new auth.InMemoryUserDirectory([{ name: 'admin' }]);
    const module = auth.createAuthModule({
      flavour: 'confluence', users, store: { file }, audit: { appender: new MemoryAppender() },
      permissions: new auth.GroupPermissions({ adminGroups: [] }),
    });
    const { token, info } = await module.service.create((await users.findUser('admin'))!, { validity: { days: 1 } });
    await module.authenticator.authenticate({ method: 'GET', path: '/x', authorization: `Bearer ${token}`, remoteAddress: '::1' });
    await shutdown();
    expect((await new auth.FileTokenStore(file).get(info.id))!.lastAccessedAt).to.be.a('number');
    await module.close();
  });
});
