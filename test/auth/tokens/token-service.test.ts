import { expect } from 'chai';
import { MemoryAppender } from '../../../appenders/memory-appender.js';
import { AuditLog } from '../../../src/auth/audit/audit-log.js';
import { MemoryAuditSource } from '../../../src/auth/audit/memory-audit-source.js';
import { pkcs5s2 } from '../../../src/auth/crypto/pkcs5s2.js';
import { MemoryTokenStore } from '../../../src/auth/store/memory-token-store.js';
import { apiToken } from '../../../src/auth/tokens/api-token.js';
import { patToken } from '../../../src/auth/tokens/pat-token.js';
import { TokenNotFoundError, TokenPermissionError, TokenValidationError } from '../../../src/auth/tokens/token-errors.js';
import { GroupPermissions } from '../../../src/auth/tokens/token-permissions.js';
import { TokenService, type TokenPolicy } from '../../../src/auth/tokens/token-service.js';
import { expiryOf } from '../../../src/auth/tokens/token-validity.js';
import { VerificationCache } from '../../../src/auth/tokens/verification-cache.js';
import { InMemoryUserDirectory, type User } from '../../../src/auth/users/user-directory.js';
import { captureEverything } from '../support/log-capture.js';
import { ManualClock } from '../support/manual-clock.js';
import { rejectionOf } from '../support/rejection.js';

const CREATED = Date.UTC(2020, 8, 22, 14, 43, 30);
const DAY = 86_400_000;

const alice: User = { name: 'alice', active: true, groups: ['users'] };
const bob: User = { name: 'bob', active: true, groups: ['users'] };
const admin: User = { name: 'admin', active: true, groups: ['users', 'admins'] };
const carol: User = { name: 'carol', active: false, groups: ['users'] };

function setup(policy: TokenPolicy = {}) {
  const clock = new ManualClock(CREATED);
  const store = new MemoryTokenStore();
  const auditAppender = new MemoryAppender({ name: 'audit' });
  const audit = new AuditLog({ appender: auditAppender, source: new MemoryAuditSource(auditAppender), clock });
  const cache = new VerificationCache({ clock });
  const users = new InMemoryUserDirectory([alice, bob, admin, carol]);
  const service = new TokenService({
    store, users, audit, cache, clock, policy, timeZone: 'UTC',
    permissions: new GroupPermissions({ adminGroups: ['admins'], createGroups: ['users'] }),
  });
  return { clock, store, audit, auditAppender, cache, service };
}

describe('auth/tokens/TokenService', () => {
  beforeEach(async () => {
    await captureEverything();
  });

  it('creates a token shown once, storing only its {PKCS5S2} hash, with the default description', async () => {
    const { service, store, auditAppender } = setup();
    const created = await service.create(alice, { validity: { days: 30 } });
    expect(apiToken.parseId(created.token)).to.equal(created.info.id);
    expect(created.info).to.deep.include({
      owner: 'alice', family: 'api', description: 'API Token from 2020-09-22', scope: 'READ_WRITE',
      createdAt: CREATED, expiresAt: CREATED + 30 * DAY, lastAccessedAt: null,
    });
    expect(created.info).to.not.have.property('hash');
    const record = (await store.get(created.info.id))!;
    expect(pkcs5s2.matches(created.token, record.hash)).to.equal(true);
    expect(JSON.stringify(record)).to.not.include(created.token);
    expect(auditAppender.text).to.not.include(created.token);
  });

  it('creates personal access tokens in the PAT format', async () => {
    const { service } = setup();
    const created = await service.create(alice, { validity: { months: 1 }, family: 'pat', scope: 'READ_ONLY', description: 'CI' });
    expect(created.token).to.have.length(44);
    expect(patToken.parseId(created.token)).to.equal(created.info.id);
    expect(created.info.expiresAt).to.equal(Date.UTC(2020, 9, 22, 14, 43, 30));
  });

  it('caps validity at the administrator maximum and allows never-expiring tokens only when enabled', async () => {
    const capped = setup({ maxValidity: { days: 90 } });
    let error = await rejectionOf(capped.service.create(alice, { validity: { months: 4 } }));
    expect(error).to.be.instanceOf(TokenValidationError);
    expect(error.message).to.equal('Token validity of 4 months exceeds the maximum of 90 days');
    error = await rejectionOf(capped.service.create(alice, { validity: 'never' }));
    expect(error.message).to.equal('Tokens that never expire are not allowed');
    error = await rejectionOf(capped.service.create(alice, { validity: { days: 0 } }));
    expect(error).to.be.instanceOf(TokenValidationError);
    expect(error.message).to.match(/positive whole number/);

    const open = setup({ maxValidity: null, allowNonExpiring: true });
    const created = await open.service.create(alice, { validity: 'never', description: 'forever' });
    expect(created.info.expiresAt).to.equal(null);
  });

  it('takes an expiry instant, refusing one in the past or beyond the maximum', async () => {
    const { service } = setup({ maxValidity: { days: 90 } });
    const created = await service.create(alice, { validity: { until: CREATED + 5 * DAY } });
    expect(created.info.expiresAt).to.equal(CREATED + 5 * DAY);
    expect((await rejectionOf(service.create(alice, { validity: { until: CREATED } }))).message).to.equal('Token expiry 2020-09-22T14:43:30.000Z is not in the future');
    expect((await rejectionOf(service.create(alice, { validity: { until: CREATED + 91 * DAY } }))).message)
      .to.equal('Token validity of until 2020-12-22T14:43:30.000Z exceeds the maximum of 90 days');
    expect((await rejectionOf(service.create(alice, { validity: { until: 1.5 } as never }))).message).to.match(/\{until: epoch milliseconds\}/);
  });

  it('shows an administrator every user\'s tokens and anyone else their own, oldest first', async () => {
    const { service, clock } = setup();
    const forBob = await service.create(admin, { owner: 'bob', validity: { days: 1 } });
    clock.advance(1000);
    const ownToken = await service.create(alice, { validity: { days: 1 } });
    clock.advance(1000);
    const adminsToken = await service.create(admin, { validity: { days: 1 } });
    expect((await service.listVisible(admin)).map((t) => t.id)).to.deep.equal([forBob.info.id, ownToken.info.id, adminsToken.info.id]);
    expect((await service.listVisible(alice)).map((t) => t.id)).to.deep.equal([ownToken.info.id]);
    expect(await rejectionOf(service.listVisible(carol))).to.be.instanceOf(TokenPermissionError);
  });

  it('adds calendar months as Java does, clamping to the end of a shorter month', () => {
    expect(expiryOf({ months: 1 }, Date.UTC(2020, 0, 31, 10))).to.equal(Date.UTC(2020, 1, 29, 10));
    expect(expiryOf({ months: 13 }, Date.UTC(2020, 0, 31))).to.equal(Date.UTC(2021, 1, 28));
    expect(expiryOf({ months: 12 }, Date.UTC(2020, 1, 29))).to.equal(Date.UTC(2021, 1, 28));
    expect(expiryOf({ days: 2 }, 0)).to.equal(2 * DAY);
    expect(expiryOf('never', 0)).to.equal(null);
  });

  it('checks permissions: own tokens, admins for others, inactive users for nothing', async () => {
    const { service } = setup();
    expect(await rejectionOf(service.create(alice, { owner: 'bob', validity: { days: 1 } }))).to.be.instanceOf(TokenPermissionError);
    expect(await rejectionOf(service.create(carol, { validity: { days: 1 } }))).to.be.instanceOf(TokenPermissionError);
    expect(await rejectionOf(service.create({ name: 'guest', active: true, groups: [] }, { validity: { days: 1 } }))).to.be.instanceOf(TokenPermissionError);
    expect((await rejectionOf(service.create(admin, { owner: 'ghost', validity: { days: 1 } }))).message).to.match(/no such active user/);

    const forBob = await service.create(admin, { owner: 'bob', validity: { days: 1 } });
    expect(forBob.info.owner).to.equal('bob');
    expect((await service.list(bob)).map((t) => t.id)).to.deep.equal([forBob.info.id]);
    expect((await service.list(admin, 'bob')).length).to.equal(1);
    expect(await rejectionOf(service.list(alice, 'bob'))).to.be.instanceOf(TokenPermissionError);
  });

  it('renames and deletes own tokens; another user\'s token looks the same as a missing one', async () => {
    const { service, cache } = setup();
    const mine = await service.create(alice, { validity: { days: 1 }, description: 'old' });
    const bobs = await service.create(bob, { validity: { days: 1 } });
    expect((await service.rename(alice, mine.info.id, 'new')).description).to.equal('new');
    const notYours = await rejectionOf(service.rename(alice, bobs.info.id, 'mine now'));
    const missing = await rejectionOf(service.rename(alice, 'ffffffffffffffff', 'x'));
    expect(notYours).to.be.instanceOf(TokenNotFoundError);
    expect(notYours.message).to.equal(missing.message);
    expect((await rejectionOf(service.rename(alice, mine.info.id, 'x'.repeat(256)))).message).to.match(/256 characters long; the maximum is 255/);

    cache.add(mine.token, mine.info.id, 'h');
    await service.delete(alice, mine.info.id);
    expect(cache.has(mine.token, mine.info.id, 'h'), 'a deleted token leaves the verification cache').to.equal(false);
    expect(await service.list(alice)).to.deep.equal([]);
    expect(await rejectionOf(service.delete(alice, bobs.info.id))).to.be.instanceOf(TokenNotFoundError);
    await service.delete(admin, bobs.info.id);
  });

  it('audits a rename with the description before and after, the token value in no record', async () => {
    const { service, audit, auditAppender } = setup();
    const created = await service.create(alice, { validity: { days: 1 }, description: 'old name' });
    await service.rename(admin, created.info.id, 'new name', '10.0.0.5');
    const renamed = (await audit.query()).records[0]!;
    expect(renamed).to.deep.include({
      author: { id: 'admin', name: 'admin', type: 'user' },
      type: { area: 'SECURITY', category: 'API tokens', action: 'Token renamed', level: 'BASE' },
      affectedObjects: [{ name: 'alice', type: 'USER', id: 'alice' }, { name: 'new name', type: 'TOKEN', id: created.info.id }],
      changedValues: [{ key: 'Description', from: 'old name', to: 'new name' }],
      source: '10.0.0.5',
    });
    expect(auditAppender.text).to.not.include(created.token);
    await rejectionOf(service.rename(alice, created.info.id, 'x'.repeat(256)));
    expect((await audit.query()).total, 'a refused rename is not audited').to.equal(2);
  });

  it('tells whether the policy allows a validity, for forms that offer only those', () => {
    const { service } = setup({ maxValidity: { months: 6 } });
    expect(service.allowsValidity({ days: 30 })).to.equal(true);
    expect(service.allowsValidity({ months: 6 })).to.equal(true);
    expect(service.allowsValidity({ months: 7 })).to.equal(false);
    expect(service.allowsValidity('never')).to.equal(false);
    expect(service.allowsValidity({ days: 0 } as never)).to.equal(false);
    expect(setup({ maxValidity: null, allowNonExpiring: true }).service.allowsValidity('never')).to.equal(true);
  });

  it('deletes all tokens of a user for administrators only', async () => {
    const { service } = setup();
    await service.create(alice, { validity: { days: 1 } });
    await service.create(alice, { validity: { days: 2 } });
    expect(await rejectionOf(service.deleteAllForUser(alice, 'alice'))).to.be.instanceOf(TokenPermissionError);
    expect(await service.deleteAllForUser(admin, 'alice', '10.0.0.5')).to.equal(2);
    expect(await service.list(alice)).to.deep.equal([]);
  });

  it('never lets concurrent creations exceed the per-user maximum', async () => {
    const { service, store } = setup({ maxTokensPerUser: 3 });
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => service.create(alice, { validity: { days: 1 }, description: `t${i}` })));
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(results.length - failures.length).to.equal(3);
    for (const failure of failures) expect((failure.reason as Error).message).to.equal('A user may have at most 3 tokens');
    expect(await store.listByOwner('alice')).to.have.length(3);
  });

  it('always audits token created, token deleted and all tokens deleted, with all switches off', async () => {
    const { service, audit } = setup();
    const created = await service.create(alice, { validity: { days: 1 }, description: 'for CI' }, '87.173.216.109');
    await service.delete(alice, created.info.id, '87.173.216.109');
    await service.create(alice, { validity: { days: 1 } });
    await service.deleteAllForUser(admin, 'alice');
    const page = await audit.query();
    expect(page.records.map((r) => r.type.action)).to.deep.equal(['All tokens of user deleted', 'Token created', 'Token deleted', 'Token created']);
    const first = page.records[3]!;
    expect(first).to.deep.equal({
      timestamp: '2020-09-22T14:43:30.000Z',
      author: { id: 'alice', name: 'alice', type: 'user' },
      type: { area: 'SECURITY', category: 'API tokens', action: 'Token created', level: 'BASE' },
      affectedObjects: [{ name: 'alice', type: 'USER', id: 'alice' }, { name: 'for CI', type: 'TOKEN', id: created.info.id }],
      changedValues: [{ key: 'Description', to: 'for CI' }, { key: 'Scope', to: 'Read & Write' }, { key: 'Expires', to: '2020-09-23T14:43:30.000Z' }],
      source: '87.173.216.109',
      extraAttributes: [{ name: 'Token ID', value: created.info.id }],
    });
    expect(page.records[0]!.author.name).to.equal('admin');
    expect(page.records[0]!.extraAttributes[0]).to.deep.equal({ name: 'Number of tokens', value: '1' });
  });
});
