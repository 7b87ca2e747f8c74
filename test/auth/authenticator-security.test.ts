import { expect } from 'chai';
import { MDC } from '../../src/context/mdc.js';
import { PatternLayout } from '../../layouts/pattern/pattern-layout.js';
import { apiToken } from '../../src/auth/tokens/api-token.js';
import { patToken } from '../../src/auth/tokens/pat-token.js';
import { ADMIN_PASSWORD, admin, authFixture, basicHeader } from './support/auth-fixture.js';
import { messagesOf } from './support/log-capture.js';

const JIRA_LOGGER = 'de.resolution.apitokenauth.ApiTokenAuthenticationService';
const PATH = '/rest/api/2/myself';
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

describe('auth/Authenticator security', () => {
  it('answers malformed Authorization headers with a 401 decision, never an exception', async () => {
    const f = await authFixture({ basicAuthWithPasswordDisabled: true });
    const headers = [
      'Basic %%%garbage%%%',
      'Basic ' + Buffer.from('no-colon-here').toString('base64'),
      'Basic YWJj=',
      'Basic ' + 'QUFB'.repeat(16 * 1024),
      'Bearer ' + 'x'.repeat(64 * 1024),
      'Bearer t\u00f6ken',
      'Basic ' + Buffer.from([0xc3, 0x28, 0x3a, 0x61]).toString('base64'),
      'Bearer ' + apiToken.newId(),
      'Bearer ' + patToken.generate(patToken.newId()).slice(0, 40),
      'Negotiate YIIG',
    ];
    for (const authorization of headers) {
      const decision = await f.auth.authenticate({ method: 'GET', path: PATH, authorization, remoteAddress: '10.0.0.1' });
      expect(decision, authorization.slice(0, 30)).to.deep.include({ outcome: 'denied', status: 401, user: null, message: 'Authentication failed' });
    }
    for (const message of messagesOf(f.logs, JIRA_LOGGER).filter((m) => m.startsWith('Token verification'))) {
      expect(message).to.equal(`Token verification for user anonymous failed: No valid API token was provided and basic auth with password is disabled. REST endpoint: ${PATH}`);
    }
    for (const event of f.logs.events) expect(event.message.length).to.be.below(2000);
  });

  it('lets a request without credentials through for the host to decide', async () => {
    const f = await authFixture({ basicAuthWithPasswordDisabled: true });
    const decision = await f.auth.authenticate({ method: 'GET', path: PATH, remoteAddress: '10.0.0.1' });
    expect(decision).to.deep.include({ outcome: 'pass', status: 200, user: null });
    expect(messagesOf(f.logs, JIRA_LOGGER)).to.deep.equal([]);
  });

  it('refuses a well-formed token whose id is unknown', async () => {
    const f = await authFixture({ basicAuthWithPasswordDisabled: true });
    await f.service.create(admin, { validity: { days: 1 } });
    for (const token of [apiToken.generate(apiToken.newId()), patToken.generate(patToken.newId())]) {
      const decision = await f.auth.authenticate({ method: 'GET', path: PATH, authorization: `Bearer ${token}`, remoteAddress: '10.0.0.1' });
      expect(decision).to.deep.include({ outcome: 'denied', status: 401 });
    }
  });

  it('refuses a token with a wrong secret for a known id', async () => {
    const f = await authFixture({ basicAuthWithPasswordDisabled: true });
    const { token, info } = await f.service.create(admin, { validity: { days: 1 } });
    const forged = apiToken.generate(info.id);
    expect(forged).to.not.equal(token);
    expect((await f.auth.authenticate({ method: 'GET', path: PATH, authorization: `Bearer ${forged}`, remoteAddress: '10.0.0.1' })).status).to.equal(401);
  });

  it('refuses an expired token, also when its verification is cached', async () => {
    const f = await authFixture({ basicAuthWithPasswordDisabled: true });
    const { token } = await f.service.create(admin, { validity: { days: 1 }, description: 'short' });
    const request = { method: 'GET', path: PATH, authorization: `Bearer ${token}`, remoteAddress: '10.0.0.1' };
    expect((await f.auth.authenticate(request)).outcome).to.equal('authenticated');
    f.clock.advance(86_400_000);
    const decision = await f.auth.authenticate(request);
    expect(decision).to.deep.include({ outcome: 'denied', status: 401 });
    expect(messagesOf(f.logs, JIRA_LOGGER).slice(-2)).to.deep.equal([
      `Token "short" of user admin expired on 2020-09-23T14:43:30.000Z. REST endpoint: ${PATH}`,
      `Token verification for user anonymous failed: No valid API token was provided and basic auth with password is disabled. REST endpoint: ${PATH}`,
    ]);
  });

  it('refuses a deleted token even though its verification was cached', async () => {
    const f = await authFixture({ basicAuthWithPasswordDisabled: true });
    const one = await f.service.create(admin, { validity: { days: 1 } });
    const two = await f.service.create(admin, { validity: { days: 1 } });
    const ask = (token: string) => f.auth.authenticate({ method: 'GET', path: PATH, authorization: `Bearer ${token}`, remoteAddress: '10.0.0.1' });
    expect((await ask(one.token)).outcome).to.equal('authenticated');
    expect((await ask(two.token)).outcome).to.equal('authenticated');
    expect(f.cache.size).to.equal(2);

    await f.service.delete(admin, one.info.id);
    expect(f.cache.size, 'the service evicts the deleted token').to.equal(1);
    expect((await ask(one.token)).status).to.equal(401);

    // Deleted behind the service's back: the cache entry is still there, but the store decides.
    await f.store.delete(two.info.id);
    expect(f.cache.size).to.equal(1);
    expect((await ask(two.token)).status).to.equal(401);
  });

  it('refuses the token and the password of a user who was deactivated', async () => {
    const f = await authFixture();
    const { token } = await f.service.create(admin, { validity: { days: 1 } });
    const request = { method: 'GET', path: PATH, authorization: `Bearer ${token}`, remoteAddress: '10.0.0.1' };
    expect((await f.auth.authenticate(request)).outcome).to.equal('authenticated');
    f.users.setActive('admin', false);
    expect((await f.auth.authenticate(request)).status).to.equal(401);
    expect((await f.auth.authenticate({ ...request, authorization: basicHeader('admin', token) })).status).to.equal(401);
    expect((await f.auth.authenticate({ ...request, authorization: basicHeader('admin', ADMIN_PASSWORD) })).status).to.equal(401);
  });

  it('refuses a token presented with another user name in Basic auth', async () => {
    const f = await authFixture({ basicAuthWithPasswordDisabled: true });
    const { token } = await f.service.create(admin, { validity: { days: 1 } });
    const decision = await f.auth.authenticate({ method: 'GET', path: PATH, authorization: basicHeader('automation-user', token), remoteAddress: '10.0.0.1' });
    expect(decision).to.deep.include({ status: 401, user: null });
  });

  it('does not believe X-Forwarded-For from an untrusted peer', async () => {
    const f = await authFixture({ basicAuthWithPasswordDisabled: true, allowedAddresses: ['10.0.0.0/8'], trustedProxies: ['100.120.0.0/16'] });
    const { token } = await f.service.create(admin, { validity: { days: 1 } });
    const spoofed = await f.auth.authenticate({ method: 'GET', path: PATH, authorization: `Bearer ${token}`, remoteAddress: '203.0.113.9', forwardedFor: '10.1.1.1' });
    expect(spoofed).to.deep.include({ status: 403, clientAddress: '203.0.113.9' });
    expect(messagesOf(f.logs, JIRA_LOGGER).at(-1)).to.include('IP address 203.0.113.9 of request is not allowed');
    const proxied = await f.auth.authenticate({ method: 'GET', path: PATH, authorization: `Bearer ${token}`, remoteAddress: '100.120.0.11', forwardedFor: '10.1.1.1' });
    expect(proxied).to.deep.include({ outcome: 'authenticated', clientAddress: '10.1.1.1' });
  });

  it('cannot be made to forge a log line through user names, token descriptions or URLs', async () => {
    const f = await authFixture({ rateLimit: { requests: 1, minutes: 1 } });
    const forged = '\r\n2020-09-22 15:20:50,922+0000 main INFO admin - - - - [c.a.j.Forged] \u001b[2J\u001b[31mall good\u2028';
    const { token } = await f.service.create(admin, { validity: { days: 1 }, description: `desc${forged}` });
    const path = `/rest/api/2/issue${forged}`;
    await f.auth.authenticate({ method: 'GET', path, authorization: `Bearer ${token}`, remoteAddress: '10.0.0.1' });
    await f.auth.authenticate({ method: 'GET', path, authorization: `Bearer ${token}`, remoteAddress: '10.0.0.1' });
    await f.auth.authenticate({ method: 'GET', path, authorization: basicHeader(`eve${forged}`, 'pw'), remoteAddress: '10.0.0.1' });
    await f.auth.authenticate({ method: `POST${forged}`, path, authorization: basicHeader(`eve${forged}`, 'pw'), remoteAddress: '10.0.0.1' });

    const layout = new PatternLayout('%d %p [%c] %m%n', { timeZone: 'UTC' });
    expect(f.logs.events.length).to.be.greaterThan(3);
    for (const event of f.logs.events) {
      expect(UNSAFE.test(event.message), JSON.stringify(event.message)).to.equal(false);
      expect(layout.format(event).split('\n')).to.have.length(2);
    }
    const found = messagesOf(f.logs, JIRA_LOGGER)[0]!;
    expect(found).to.equal(
      'Found a matching token "desc\\r\\n2020-09-22 15:20:50,922+0000 main INFO admin - - - - [c.a.j.Forged] \\u001b[2J\\u001b[31mall good\\u2028" with Read & Write scope and authenticated user admin. Token was created on Sep 22, 2020 2:43:30 PM. REST endpoint: /rest/api/2/issue\\r\\n2020-09-22 15:20:50,922+0000 main INFO admin - - - - [c.a.j.Forged] \\u001b[2J\\u001b[31mall good\\u2028',
    );
    for (const line of f.auditAppender.lines) expect(line.split('\n')).to.have.length(2);
  });

  it('never writes a token value or a password into any log line or audit record', async () => {
    const f = await authFixture({
      auditSwitches: { successfulAuthentication: true, failedApiTokenAttempts: true, allFailedAttempts: true, permissionDenied: true },
      rateLimit: { requests: 2, minutes: 1 },
    });
    const api = await f.service.create(admin, { validity: { days: 1 }, scope: 'READ_ONLY' });
    const pat = await f.service.create(admin, { validity: { days: 1 }, family: 'pat' });
    const wrongPassword = 'Wr0ng-Secret-Value';
    const requests = [
      { authorization: `Bearer ${api.token}` },
      { authorization: basicHeader('admin', api.token) },
      { authorization: basicHeader('admin', api.token), method: 'PUT' },
      { authorization: `Bearer ${api.token}` },
      { authorization: `Bearer ${pat.token}` },
      { authorization: basicHeader('admin', ADMIN_PASSWORD) },
      { authorization: basicHeader('admin', wrongPassword) },
      { authorization: basicHeader('ghost', wrongPassword) },
      { authorization: basicHeader('automation-user', pat.token) },
    ];
    await MDC.run({ 'jira.username': 'anonymous' }, async () => {
      for (const r of requests) await f.auth.authenticate({ method: r.method ?? 'GET', path: PATH, authorization: r.authorization, remoteAddress: '10.0.0.1' });
    });
    await f.service.delete(admin, api.info.id);
    await f.service.deleteAllForUser(admin, 'admin');

    const layout = new PatternLayout('%d %p %c %X %x %m%n', { timeZone: 'UTC' });
    const everything = f.logs.events.map((e) => layout.format(e)).join('') + f.auditAppender.text + JSON.stringify((await f.audit.query({ limit: 1000 })).records);
    expect(f.logs.events.length).to.be.greaterThan(20);
    expect(f.auditAppender.lines.length).to.be.greaterThan(8);
    const secrets = [api.token, pat.token, ADMIN_PASSWORD, wrongPassword, Buffer.from(pat.token, 'base64').subarray(13).toString('base64')];
    for (const secret of secrets) {
      expect(everything).to.not.include(secret);
      // Nor a large piece of it.
      expect(everything).to.not.include(secret.slice(8, 32));
    }
    for (const r of requests) expect(everything).to.not.include(r.authorization.slice(7));
  });

  it('fails closed, with an ERROR line, when the user directory or store fails', async () => {
    const f = await authFixture();
    const { token } = await f.service.create(admin, { validity: { days: 1 } });
    f.users.findUser = async () => {
      throw new Error('LDAP server unreachable');
    };
    const decision = await f.auth.authenticate({ method: 'GET', path: PATH, authorization: `Bearer ${token}`, remoteAddress: '10.0.0.1' });
    expect(decision).to.deep.include({ outcome: 'denied', status: 401, message: 'Authentication failed' });
    const error = f.logs.events.find((e) => e.level.name === 'ERROR')!;
    expect(error.message).to.equal(`Token verification failed because of an internal error. REST endpoint: ${PATH}`);
    expect(error.error!.message).to.equal('LDAP server unreachable');
  });

  it('logs the endpoint without its query string, which may carry credentials', async () => {
    const f = await authFixture({ basicAuthWithPasswordDisabled: true });
    await f.auth.authenticate({ method: 'GET', path: `${PATH}?os_username=admin&os_password=${ADMIN_PASSWORD}#frag`, authorization: basicHeader('admin', 'x'), remoteAddress: '10.0.0.1' });
    expect(messagesOf(f.logs, JIRA_LOGGER)).to.deep.equal([
      `Token verification for user admin failed: No valid API token was provided and basic auth with password is disabled. REST endpoint: ${PATH}`,
    ]);
  });

  it('throttles repeated wrong passwords: 429 with Retry-After before the password is checked, logged and audited once, over when the back-off ends', async () => {
    const f = await authFixture({ failedAttemptThrottle: { perUserAndAddress: 3 }, auditSwitches: { allFailedAttempts: true } });
    let passwordChecks = 0;
    const verifyPassword = f.users.verifyPassword.bind(f.users);
    f.users.verifyPassword = (name, password) => {
      passwordChecks++;
      return verifyPassword(name, password);
    };
    const attempt = (secret: string, remoteAddress = '203.0.113.7') =>
      f.auth.authenticate({ method: 'GET', path: PATH, authorization: basicHeader('admin', secret), remoteAddress });
    for (let i = 0; i < 3; i++) expect((await attempt('guess' + i)).status).to.equal(401);
    const throttled = await attempt(ADMIN_PASSWORD);
    expect(throttled).to.deep.include({ outcome: 'denied', status: 429, user: null, message: 'Too many failed attempts; try again later' });
    expect(throttled.headers).to.deep.equal({ 'Retry-After': '60' });
    expect((await attempt('guess3')).status).to.equal(429);
    expect(passwordChecks, 'refused without checking the password').to.equal(3);
    expect((await attempt(ADMIN_PASSWORD, '10.0.0.1')).status, 'the same user elsewhere').to.equal(200);

    f.clock.advance(60_000);
    expect((await attempt(ADMIN_PASSWORD)).status).to.equal(200);
    const warnings = f.logs.events.filter((e) => e.level.name === 'WARN');
    expect(warnings.map((e) => e.message)).to.deep.equal([
      'Too many failed authentication attempts for user admin from address 203.0.113.7 (3 within 15 minutes, or a repeat after a refusal): further attempts are refused for 60 seconds',
    ]);
    const actions = (await f.audit.query()).records.map((r) => r.type.action).reverse();
    expect(actions).to.deep.equal(['Failed authentication', 'Failed authentication', 'Failed authentication', 'Authentication throttled']);
  });

  it('throttles an address guessing tokens, and then also refuses its valid tokens until the back-off ends', async () => {
    const f = await authFixture({ failedAttemptThrottle: {} });
    const { token } = await f.service.create(admin, { validity: { days: 1 } });
    const statuses = new Map<number, number>();
    for (let i = 0; i < 240; i++) {
      const guess = i % 2 ? apiToken.generate(apiToken.newId()) : patToken.generate(patToken.newId());
      const { status } = await f.auth.authenticate({ method: 'GET', path: PATH, authorization: `Bearer ${guess}`, remoteAddress: '203.0.113.7' });
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    expect(Object.fromEntries(statuses)).to.deep.equal({ 401: 20, 429: 220 });
    const bearer = (remoteAddress: string) => f.auth.authenticate({ method: 'GET', path: PATH, authorization: `Bearer ${token}`, remoteAddress });
    expect((await bearer('203.0.113.7')).status).to.equal(429);
    expect((await bearer('10.0.0.1')).status).to.equal(200);
    f.clock.advance(60_000);
    expect((await bearer('203.0.113.7')).status).to.equal(200);
  });

  it('gives the same answer for an unknown user as for a wrong password', async () => {
    const f = await authFixture();
    const unknown = await f.auth.authenticate({ method: 'GET', path: PATH, authorization: basicHeader('ghost', 'x'), remoteAddress: '10.0.0.1' });
    const wrong = await f.auth.authenticate({ method: 'GET', path: PATH, authorization: basicHeader('admin', 'x'), remoteAddress: '10.0.0.1' });
    expect(unknown).to.deep.equal(wrong);
  });
});
