import { expect } from 'chai';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryAppender } from '../../../appenders/memory-appender.js';
import { RollingFileAppender } from '../../../appenders/rolling-file-appender.js';
import { AuditLog } from '../../../src/auth/audit/audit-log.js';
import { hmacSigningKey } from '../../../src/auth/audit/chain/audit-keys.js';
import { MemoryAuditSource } from '../../../src/auth/audit/memory-audit-source.js';
import { RotatedFilesAuditSource } from '../../../src/auth/audit/rotated-files-audit-source.js';
import type { TokenRecord } from '../../../src/auth/tokens/token-record.js';
import { getLogger } from '../../../src/log-manager.js';
import { captureEverything } from '../support/log-capture.js';
import { ManualClock } from '../support/manual-clock.js';
import { ADMIN_PASSWORD, admin, authFixture, basicHeader } from '../support/auth-fixture.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 10, 12, 0, 0);

function token(id: string, owner = 'alice', description = `token ${id}`): TokenRecord {
  return { id, family: 'api', owner, description, scope: 'READ_ONLY', hash: '{PKCS5S2}x', createdAt: T0, expiresAt: null, lastAccessedAt: null };
}

describe('auth/audit/AuditLog', () => {
  beforeEach(async () => {
    await captureEverything();
  });

  it('writes one JSON line per record to its own non-additive logger', async () => {
    const root = await captureEverything();
    const appender = new MemoryAppender({ name: 'audit' });
    const audit = new AuditLog({ appender, clock: new ManualClock(T0) });
    audit.tokenCreated('alice', token('a'), '10.0.0.1');
    expect(appender.lines).to.have.length(1);
    expect(appender.lines[0]!.endsWith('}\n')).to.equal(true);
    expect(JSON.parse(appender.lines[0]!).type.action).to.equal('Token created');
    expect(root.events, 'audit records stay out of the main log').to.deep.equal([]);
    expect(getLogger('logwarden.audit').additivity).to.equal(false);
  });

  it('queries by time range, author, category and text, newest first, with paging', async () => {
    const clock = new ManualClock(T0);
    const appender = new MemoryAppender();
    const audit = new AuditLog({ appender, source: new MemoryAuditSource(appender), clock });
    for (let i = 0; i < 10; i++) {
      audit.tokenCreated(i % 2 ? 'bob' : 'alice', token(`t${i}`, 'alice', i === 7 ? 'Deploy Pipeline' : `token ${i}`));
      clock.advance(DAY);
    }
    const all = await audit.query();
    expect(all.total).to.equal(10);
    expect(all.records[0]!.extraAttributes[0]!.value).to.equal('t9');

    const byAuthor = await audit.query({ author: 'bob' });
    expect(byAuthor.records.map((r) => r.extraAttributes[0]!.value)).to.deep.equal(['t9', 't7', 't5', 't3', 't1']);

    const range = await audit.query({ from: T0 + 2 * DAY, to: new Date(T0 + 5 * DAY) });
    expect(range.records.map((r) => r.extraAttributes[0]!.value)).to.deep.equal(['t4', 't3', 't2']);

    expect((await audit.query({ text: 'deploy pipeline' })).records.map((r) => r.extraAttributes[0]!.value)).to.deep.equal(['t7']);
    expect((await audit.query({ category: 'API tokens' })).total).to.equal(10);
    expect((await audit.query({ category: 'Users and groups' })).total).to.equal(0);

    const page = await audit.query({ offset: 3, limit: 4 });
    expect(page).to.deep.include({ total: 10, offset: 3, limit: 4 });
    expect(page.records.map((r) => r.extraAttributes[0]!.value)).to.deep.equal(['t6', 't5', 't4', 't3']);

    let error: Error | undefined;
    try {
      await audit.query({ offset: 1.5 });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).to.equal('Audit query: offset must be a non-negative integer, got 1.5');
  });

  it('leaves records older than the retention period out of queries', async () => {
    const clock = new ManualClock(T0);
    const appender = new MemoryAppender();
    const audit = new AuditLog({ appender, source: new MemoryAuditSource(appender), clock, retentionDays: 3 });
    audit.tokenCreated('alice', token('old'));
    clock.advance(5 * DAY);
    audit.tokenCreated('alice', token('new'));
    expect((await audit.query()).records.map((r) => r.extraAttributes[0]!.value)).to.deep.equal(['new']);
    audit.retentionDays = null;
    expect((await audit.query()).total).to.equal(2);
    expect(() => { audit.retentionDays = 0; }).to.throw(/positive whole number of days/);
  });

  it('writes through a RollingFileAppender and queries across rotated files; retention purges old backups', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logwarden-audit-'));
    try {
      const file = path.join(dir, 'audit.log');
      const clock = new ManualClock(T0);
      const appender = new RollingFileAppender({ name: 'audit-file', file, maxFileSize: '2KB', maxBackupIndex: 20 });
      const source = new RotatedFilesAuditSource({ file, maxBackupIndex: 20 });
      const audit = new AuditLog({ appender, source, clock, retentionDays: 30 });
      for (let i = 0; i < 40; i++) {
        audit.tokenCreated('alice', token(`t${i}`));
        clock.advance(60_000);
      }
      await appender.flush();
      const files = source.files();
      expect(files.length).to.be.greaterThan(3);
      const page = await audit.query({ limit: 1000 });
      expect(page.total).to.equal(40);
      expect(page.records[0]!.extraAttributes[0]!.value).to.equal('t39');
      expect(page.records[39]!.extraAttributes[0]!.value).to.equal('t0');

      // The oldest backups were last written 40 days ago; the newer ones stay.
      const old = files.slice(-2);
      const longAgo = new Date(clock.now() - 40 * DAY);
      for (const backup of old) fs.utimesSync(backup, longAgo, longAgo);
      await audit.applyRetention();
      for (const backup of old) expect(fs.existsSync(backup)).to.equal(false);
      expect(fs.existsSync(file)).to.equal(true);
      expect((await audit.query({ limit: 1000 })).total).to.be.below(40);
      await appender.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads gzipped backups too', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logwarden-audit-'));
    try {
      const file = path.join(dir, 'audit.log');
      const clock = new ManualClock(T0);
      const appender = new RollingFileAppender({ name: 'audit-gz', file, maxFileSize: '1KB', maxBackupIndex: 10, compress: true });
      const audit = new AuditLog({ appender, source: new RotatedFilesAuditSource({ file }), clock });
      for (let i = 0; i < 12; i++) audit.tokenCreated('alice', token(`t${i}`));
      await appender.close();
      expect(fs.readdirSync(dir).some((name) => name.endsWith('.gz'))).to.equal(true);
      expect((await audit.query({ limit: 100 })).total).to.equal(12);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a chained log is queried as before: checkpoints are skipped and records come back without their chain member', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logwarden-audit-'));
    try {
      const file = path.join(dir, 'audit.log');
      const clock = new ManualClock(T0);
      const appender = new RollingFileAppender({ name: 'audit-chained', file, maxFileSize: '2KB', maxBackupIndex: 10 });
      const audit = new AuditLog({
        appender, source: new RotatedFilesAuditSource({ file }), clock, loggerName: 'logwarden.audit.chained',
        chain: { key: hmacSigningKey(Buffer.from('a secret of thirty-two bytes or more')), checkpointEveryRecords: 3 },
      });
      for (let i = 0; i < 7; i++) audit.tokenCreated('alice', token(`t${i}`));
      audit.close();
      await appender.close();
      const lines = fs.readdirSync(dir).flatMap((name) => fs.readFileSync(path.join(dir, name), 'utf8').split('\n').filter(Boolean));
      expect(lines.filter((line) => line.includes('"checkpoint":')).length, 'start, two intervals, close').to.equal(4);
      const page = await audit.query({ limit: 100 });
      expect(page.total).to.equal(7);
      expect(page.records.every((record) => !('chain' in record))).to.equal(true);
      expect((await audit.query({ text: '"seq"' })).total, 'text search does not see chain members').to.equal(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a chained log needs its file, from the appender or `chain.file`; an unchained one has no key to rotate', () => {
    const key = hmacSigningKey(Buffer.from('a secret of thirty-two bytes or more'));
    expect(() => new AuditLog({ appender: new MemoryAppender(), loggerName: 'logwarden.audit.nofile', chain: { key } }))
      .to.throw('Audit chain: give `chain.file`, the live audit file (the appender has no `file`)');
    expect(() => new AuditLog({ appender: new MemoryAppender(), loggerName: 'logwarden.audit.unchained' }).rotateKey(key))
      .to.throw('This audit log is not chained: there is no key to rotate');
  });

  it('applies the retention on a schedule, now and then daily, until stopped', async () => {
    const purged: number[] = [];
    const clock = new ManualClock(T0);
    const source = { records: new MemoryAuditSource(new MemoryAppender()).records, purgeOlderThan: async (cutoff: number) => { purged.push(cutoff); } };
    const audit = new AuditLog({ source, clock, retentionDays: 7 });
    const timers: Array<{ fn: () => void; ms: number }> = [];
    const stop = audit.scheduleRetention({ scheduler: { setInterval: (fn, ms) => timers.push({ fn, ms }), clearInterval: () => timers.splice(0) } });
    await Promise.resolve();
    expect(purged).to.deep.equal([T0 - 7 * DAY]);
    expect(timers[0]!.ms).to.equal(DAY);
    clock.advance(DAY);
    timers[0]!.fn();
    await Promise.resolve();
    expect(purged).to.deep.equal([T0 - 7 * DAY, T0 - 6 * DAY]);
    stop();
    expect(timers).to.deep.equal([]);
  });

  it('skips torn or foreign lines when reading files back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logwarden-audit-'));
    try {
      const file = path.join(dir, 'audit.log');
      const appender = new MemoryAppender();
      new AuditLog({ appender, clock: new ManualClock(T0) }).tokenDeleted('alice', token('a'));
      fs.writeFileSync(file, 'not json\n{"timestamp":"x"}\n' + appender.lines[0] + '{"timestamp":"2024-01-10T12:00:00.000Z","aut');
      const audit = new AuditLog({ source: new RotatedFilesAuditSource({ file }) });
      const page = await audit.query();
      expect(page.total).to.equal(1);
      expect(page.records[0]!.type.action).to.equal('Token deleted');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to query without a source', async () => {
    let error: Error | undefined;
    try {
      await new AuditLog().query();
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).to.match(/no source to query/);
  });

  describe('switchable authentication events (all off by default)', () => {
    const PATH = '/rest/api/2/myself';
    async function scenario(switches: Parameters<typeof authFixture>[0]) {
      const f = await authFixture(switches);
      const { token: value } = await f.service.create(admin, { validity: { days: 1 }, scope: 'READ_ONLY', description: 'reader' });
      const ask = (authorization: string, method = 'GET') => f.auth.authenticate({ method, path: PATH, authorization, remoteAddress: '87.173.216.109' });
      await ask(`Bearer ${value}`);
      await ask(basicHeader('admin', 'wrong'));
      await ask(`Bearer ${value}`, 'POST');
      return (await f.audit.query({ limit: 100 })).records.filter((r) => r.type.action !== 'Token created');
    }

    it('records nothing about authentication by default', async () => {
      expect(await scenario({})).to.deep.equal([]);
      expect(await scenario({ basicAuthWithPasswordDisabled: true })).to.deep.equal([]);
    });

    it('successful authentication: author Anonymous, the user and token as affected objects', async () => {
      const records = await scenario({ auditSwitches: { successfulAuthentication: true } });
      const record = records.find((r) => r.type.action === 'Successful authentication')!;
      expect(records).to.have.length(1);
      expect(record.author).to.deep.equal({ id: 'anonymous', name: 'Anonymous', type: 'user' });
      expect(record.affectedObjects.map((o) => `${o.type}:${o.name}`)).to.deep.equal(['USER:admin', 'TOKEN:reader']);
      expect(record.source).to.equal('87.173.216.109');
      expect(record.extraAttributes).to.deep.include({ name: 'REST endpoint', value: PATH });
    });

    it('failed API-token attempts: only while basic auth with password is disabled', async () => {
      expect(await scenario({ auditSwitches: { failedApiTokenAttempts: true } })).to.deep.equal([]);
      const records = await scenario({ basicAuthWithPasswordDisabled: true, auditSwitches: { failedApiTokenAttempts: true } });
      expect(records.map((r) => r.type.action)).to.deep.equal(['Failed authentication']);
      expect(records[0]!.extraAttributes).to.deep.include({ name: 'Reason', value: 'No valid API token' });
    });

    it('all failed attempts: also password failures with basic auth enabled', async () => {
      const records = await scenario({ auditSwitches: { allFailedAttempts: true } });
      expect(records.map((r) => r.type.action)).to.deep.equal(['Failed authentication']);
      expect(records[0]!.affectedObjects).to.deep.equal([{ name: 'admin', type: 'USER', id: 'admin' }]);
    });

    it('permission denied: a read-only token used for a write', async () => {
      const records = await scenario({ auditSwitches: { permissionDenied: true } });
      expect(records.map((r) => r.type.action)).to.deep.equal(['Permission denied']);
      expect(records[0]!.extraAttributes).to.deep.include({ name: 'Method', value: 'POST' });
    });

    it('a successful password login is not a token authentication and is not audited', async () => {
      const f = await authFixture({ auditSwitches: { successfulAuthentication: true } });
      const decision = await f.auth.authenticate({ method: 'GET', path: PATH, authorization: basicHeader('admin', ADMIN_PASSWORD), remoteAddress: '10.0.0.1' });
      expect(decision.via).to.equal('password');
      expect((await f.audit.query()).total).to.equal(0);
    });
  });
});
