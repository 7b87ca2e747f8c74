import { expect } from 'chai';
import { MemoryAppender } from '../../appenders/memory-appender.js';
import { MDC } from '../../src/context/mdc.js';
import { getLogger } from '../../src/log-manager.js';
import { ThreadName } from '../../src/context/thread-name.js';
import type { LoggingEvent } from '../../src/logging-event.js';
import { PatternLayout } from '../../layouts/pattern/pattern-layout.js';
import { presetLayout } from '../../layouts/presets.js';
import type { ProductFlavour } from '../../src/auth/messages/product-flavour.js';
import { patToken } from '../../src/auth/tokens/pat-token.js';
import { ADMIN_PASSWORD, admin, authFixture, basicHeader } from './support/auth-fixture.js';
import { messagesOf } from './support/log-capture.js';
import { ApiTokenMessages } from '../../src/auth/messages/api-token-messages.js';
import { Level } from '../../src/level.js';

const JIRA_LOGGER = 'de.resolution.apitokenauth.ApiTokenAuthenticationService';
const BITBUCKET_LOGGER = 'de.resolution.apitokenauth.platform.auth.ApiTokenAuthSharedBase';
const BITBUCKET_RATE_LOGGER = 'de.resolution.apitokenauth.platform.auth.ApiTokenRateLimiter';
const PATH = '/rest/de.resolution.apitokenauth/latest/user/token';
const JIRA_PATTERN = '%d{yyyy-MM-dd HH:mm:ss,SSSZ} %t %p %X{jira.username} %X{jira.request.id} %X{jira.request.assession.id} %X{jira.request.ipaddr} %X{jira.request.url} [%q{2}] %m%n';

const JIRA_MDC = {
  'jira.username': 'anonymous', 'jira.request.id': '920x447x1', 'jira.request.assession.id': '-',
  'jira.request.ipaddr': '87.173.216.109,100.120.0.11', 'jira.request.url': PATH,
};
const BITBUCKET_MDC = { 'a-request-id': '@A6X2OXx532x2669x0', 'a-request-ip': '79.209.73.23,100.120.0.11', 'a-request-action': 'GET /rest/ssh/1.0/keys HTTP/1.1' };

/**
 * Every INFO line the test produced, rendered with the product's layout, a fixed
 * time, thread and MDC, is exactly the product's prefix, the abbreviated logger
 * name and the message (checked word for word by the test itself) on one line.
 */
function expectRenderedByteForByte(flavour: ProductFlavour): void {
  const capture = getLogger().getAppender('capture') as MemoryAppender;
  const lines = capture.events.filter((e) => e.level.name === 'INFO' && e.loggerName.startsWith('de.resolution.'));
  expect(lines.length).to.be.greaterThan(0);
  for (const event of lines) {
    if (flavour === 'bitbucket') {
      const shortName = event.loggerName === BITBUCKET_RATE_LOGGER ? 'd.r.a.p.auth.ApiTokenRateLimiter' : 'd.r.a.p.auth.ApiTokenAuthSharedBase';
      const fixed = { ...event, timestamp: Date.parse('2021-01-07T08:52:38.540Z'), threadName: 'http-nio-8080-exec-2', mdc: BITBUCKET_MDC };
      expect(presetLayout('bitbucket', { timeZone: 'UTC' }).format(fixed)).to.equal(
        `2021-01-07 08:52:38,540 INFO [http-nio-8080-exec-2] @A6X2OXx532x2669x0 79.209.73.23,100.120.0.11 "GET /rest/ssh/1.0/keys HTTP/1.1" ${shortName} ${event.message}\n`,
      );
    } else {
      const fixed = { ...event, timestamp: Date.parse('2020-09-22T15:20:50.922Z'), threadName: 'http-nio-8080-exec-11', mdc: JIRA_MDC };
      expect(new PatternLayout(JIRA_PATTERN, { timeZone: 'UTC' }).format(fixed)).to.equal(
        `2020-09-22 15:20:50,922+0000 http-nio-8080-exec-11 INFO anonymous 920x447x1 - 87.173.216.109,100.120.0.11 ${PATH} [d.resolution.apitokenauth.ApiTokenAuthenticationService] ${event.message}\n`,
      );
    }
  }
}

function loggerFor(flavour: ProductFlavour): string {
  return flavour === 'bitbucket' ? BITBUCKET_LOGGER : JIRA_LOGGER;
}

function only<T>(items: T[]): T {
  expect(items).to.have.length(1);
  return items[0]!;
}

describe('auth/Authenticator', () => {
  describe("resolution's and Atlassian's lines, word for word, per flavour", () => {
    for (const flavour of ['jira', 'confluence', 'bitbucket'] as const) describe(flavour, () => {
      afterEach(function () {
        if (this.currentTest?.state === 'passed') expectRenderedByteForByte(flavour);
      });
      const disabled = flavour === 'bitbucket' ? 'basic auth with password or personal access token is disabled' : 'basic auth with password is disabled';

      it(`${flavour}: success with Basic and with Bearer`, async () => {
        const f = await authFixture({ flavour });
        const { token, info } = await f.service.create(admin, { validity: { days: 30 } });
        const basic = await f.auth.authenticate({ method: 'GET', path: PATH, authorization: basicHeader('admin', token), remoteAddress: '87.173.216.109' });
        expect(basic).to.deep.include({ outcome: 'authenticated', status: 200, user: 'admin', via: 'api-token', clientAddress: '87.173.216.109' });
        expect(basic.token).to.deep.equal(info);
        const bearer = await f.auth.authenticate({ method: 'DELETE', path: PATH, authorization: `Bearer ${token}`, remoteAddress: '87.173.216.109' });
        expect(bearer.outcome).to.equal('authenticated');
        const line = `Found a matching token "API Token from 2020-09-22" with Read & Write scope and authenticated user admin. Token was created on Sep 22, 2020 2:43:30 PM. REST endpoint: ${PATH}`;
        expect(messagesOf(f.logs, loggerFor(flavour))).to.deep.equal([line, line]);
        expect(f.logs.events.find((e) => e.message === line)!.level.name).to.equal('INFO');
      });

      it(`${flavour}: no valid API token while basic auth with password is disabled`, async () => {
        const f = await authFixture({ flavour, basicAuthWithPasswordDisabled: true });
        const decision = await f.auth.authenticate({ method: 'GET', path: '/rest/api/2/myself', authorization: basicHeader('admin', ADMIN_PASSWORD), remoteAddress: '10.0.0.1' });
        expect(decision).to.deep.include({ outcome: 'denied', status: 401, user: null, message: 'Authentication failed' });
        expect(decision.headers).to.deep.equal({ 'WWW-Authenticate': 'Bearer realm="logwarden"' });
        expect(messagesOf(f.logs, loggerFor(flavour))).to.deep.equal([
          `Token verification for user admin failed: No valid API token was provided and ${disabled}. REST endpoint: /rest/api/2/myself`,
        ]);
      });

      it(`${flavour}: IP address not allowed while basic auth with password is disabled`, async () => {
        const f = await authFixture({ flavour, basicAuthWithPasswordDisabled: true, allowedAddresses: ['10.0.0.0/8', '2001:db8::/32'] });
        const { token } = await f.service.create(admin, { validity: { days: 30 } });
        const denied = await f.auth.authenticate({ method: 'GET', path: PATH, authorization: basicHeader('admin', token), remoteAddress: '87.173.216.109' });
        expect(denied).to.deep.include({ outcome: 'denied', status: 403 });
        const allowed = await f.auth.authenticate({ method: 'GET', path: PATH, authorization: basicHeader('admin', token), remoteAddress: '::ffff:10.1.2.3' });
        expect(allowed.outcome).to.equal('authenticated');
        expect(messagesOf(f.logs, loggerFor(flavour))[0]).to.equal(
          `Token verification for user admin failed: IP address 87.173.216.109 of request is not allowed to access the REST API and ${disabled}. REST endpoint: ${PATH}`,
        );
      });

      it(`${flavour}: invalid token or regular password is passed to the default authenticator`, async () => {
        const f = await authFixture({ flavour });
        const good = await f.auth.authenticate({ method: 'GET', path: '/rest/api/2/myself', authorization: basicHeader('admin', ADMIN_PASSWORD), remoteAddress: '10.0.0.1' });
        expect(good).to.deep.include({ outcome: 'authenticated', user: 'admin', via: 'password', token: null });
        const bad = await f.auth.authenticate({ method: 'GET', path: '/rest/api/2/myself', authorization: basicHeader('admin', 'wrong'), remoteAddress: '10.0.0.1' });
        expect(bad).to.deep.include({ outcome: 'denied', status: 401, user: null });
        const line = 'User admin tried to authenticate with an invalid token or regular password. Passing the request further to the default authenticator. REST endpoint: /rest/api/2/myself';
        expect(messagesOf(f.logs, loggerFor(flavour))).to.deep.equal([line, line]);
      });

      it(`${flavour}: read-only scope on a write method is refused with 403`, async () => {
        const f = await authFixture({ flavour });
        const { token } = await f.service.create(admin, { validity: { days: 30 }, scope: 'READ_ONLY', description: 'reader' });
        for (const method of ['GET', 'head', 'OPTIONS']) {
          expect((await f.auth.authenticate({ method, path: PATH, authorization: `Bearer ${token}`, remoteAddress: '10.0.0.1' })).outcome, method).to.equal('authenticated');
        }
        const denied = await f.auth.authenticate({ method: 'POST', path: '/rest/api/2/issue', authorization: `Bearer ${token}`, remoteAddress: '10.0.0.1' });
        expect(denied).to.deep.include({ outcome: 'denied', status: 403, user: 'admin', message: 'The token scope does not allow this request method' });
        expect(messagesOf(f.logs, loggerFor(flavour)).at(-1)).to.equal(
          'Token verification for user admin failed: The token scope is read-only and only covers GET, HEAD and OPTIONS requests. Request method type was POST. REST endpoint: /rest/api/2/issue',
        );
      });

      it(`${flavour}: rate limited per token with 429, logged by the rate limiter logger`, async () => {
        const f = await authFixture({ flavour, rateLimit: { requests: 2, minutes: 5 } });
        const { token } = await f.service.create(admin, { validity: { days: 30 } });
        const other = await f.service.create(admin, { validity: { days: 30 } });
        const request = { method: 'GET', path: PATH, authorization: `Bearer ${token}`, remoteAddress: '10.0.0.1' };
        expect((await f.auth.authenticate(request)).status).to.equal(200);
        f.clock.advance(60_000);
        expect((await f.auth.authenticate(request)).status).to.equal(200);
        const limited = await f.auth.authenticate(request);
        expect(limited).to.deep.include({ outcome: 'denied', status: 429 });
        expect(limited.headers).to.deep.equal({ 'Retry-After': '240' });
        expect((await f.auth.authenticate({ ...request, authorization: `Bearer ${other.token}` })).status, 'per token').to.equal(200);
        const rateLogger = flavour === 'bitbucket' ? BITBUCKET_RATE_LOGGER : JIRA_LOGGER;
        const rateEvent = f.logs.events.find((e) => e.message.startsWith('User admin has been rate limited'))!;
        expect(rateEvent.loggerName).to.equal(rateLogger);
        expect(rateEvent.level.name).to.equal('INFO');
        expect(rateEvent.message).to.equal('User admin has been rate limited. The API token allows executing 2 requests within 5 minutes.');
      });
    });
  });

  it('builds no INFO message (its date included) while INFO is off for the product logger', async () => {
    const f = await authFixture({ flavour: 'jira' });
    const { token } = await f.service.create(admin, { validity: { days: 30 } });
    getLogger(JIRA_LOGGER).level = Level.WARN;
    const found = ApiTokenMessages.prototype.found;
    let built = 0;
    ApiTokenMessages.prototype.found = function (...args) {
      built++;
      return found.apply(this, args);
    };
    try {
      const result = await f.auth.authenticate({ method: 'GET', path: PATH, authorization: `Bearer ${token}`, remoteAddress: '87.173.216.109' });
      expect(result.outcome).to.equal('authenticated');
      expect(built).to.equal(0);
      getLogger(JIRA_LOGGER).level = Level.INFO;
      await f.auth.authenticate({ method: 'GET', path: PATH, authorization: `Bearer ${token}`, remoteAddress: '87.173.216.109' });
      expect(built).to.equal(1);
      expect(messagesOf(f.logs, JIRA_LOGGER)).to.have.length(1);
    } finally {
      ApiTokenMessages.prototype.found = found;
    }
  });

  describe('personal access tokens: com.atlassian.pats TRACE/DEBUG lines', () => {
    it('traces lookup, verification, cache use, mismatch, unknown ids and expiry without the token value', async () => {
      const f = await authFixture({ flavour: 'jira' });
      const { token, info } = await f.service.create(admin, { validity: { days: 1 }, family: 'pat', description: 'bamboo' });
      const hash = (await f.store.get(info.id))!.hash;
      const ask = (value: string) => f.auth.authenticate({ method: 'GET', path: PATH, authorization: `Bearer ${value}`, remoteAddress: '192.168.0.1' });
      const pats = () => f.logs.events.filter((e) => e.loggerName.startsWith('com.atlassian.pats.')).map((e) => `${e.level.name} ${e.loggerName.split('.').pop()} ${e.message}`);

      expect((await ask(token)).via).to.equal('personal-access-token');
      expect(pats()).to.deep.equal([
        'TRACE TokenBasedAuthenticationFilter >>> TokenBasedAuthenticationFilter.doFilter',
        `TRACE DefaultTokenAuthenticationService Got tokenId: [${info.id}] from token`,
        `TRACE CachingTokenValidator Verifying user token with hashed token: [${hash}]`,
        `DEBUG DefaultTokenAuthenticationService Authenticated user: [admin] with token id: [${info.id}]`,
      ]);
      f.logs.clear();
      await ask(token);
      expect(pats()).to.include(`DEBUG CachingTokenValidator Token with id: [${info.id}] was verified before, using the cached result`);
      f.logs.clear();
      await ask(patToken.generate(info.id));
      expect(pats().at(-1)).to.equal(`DEBUG CachingTokenValidator Provided token does not match the hashed token with id: [${info.id}]`);
      f.logs.clear();
      await ask(patToken.generate('100000000000'));
      expect(pats().at(-1)).to.equal('DEBUG DefaultTokenAuthenticationService No token found for tokenId: [100000000000]');
      f.logs.clear();
      f.clock.advance(2 * 86_400_000);
      expect((await ask(token)).status).to.equal(401);
      expect(pats().at(-1)).to.equal(`DEBUG DefaultTokenAuthenticationService Token with id: [${info.id}] has expired`);
    });
  });

  it('refuses tokens of a user who may not use tokens', async () => {
    const { GroupPermissions } = await import('../../src/auth/tokens/token-permissions.js');
    const f = await authFixture({ flavour: 'jira', permissions: new GroupPermissions({ useGroups: ['api-users'], adminGroups: [] }), basicAuthWithPasswordDisabled: true });
    const { token } = await f.service.create(admin, { validity: { days: 1 } });
    const decision = await f.auth.authenticate({ method: 'GET', path: PATH, authorization: `Bearer ${token}`, remoteAddress: '10.0.0.1' });
    expect(decision).to.deep.include({ outcome: 'denied', status: 401 });
  });

  describe('rendered through the product layouts, byte for byte', () => {
    function render(layout: { format(e: LoggingEvent): string }, event: LoggingEvent, at: string): string {
      return layout.format({ ...event, timestamp: Date.parse(at) });
    }

    it('Jira: the "Found a matching token" line', async () => {
      const f = await authFixture({ flavour: 'jira', trustedProxies: ['100.120.0.0/16'] });
      const { token } = await f.service.create(admin, { validity: { days: 30 } });
      const mdc = {
        'jira.username': 'anonymous', 'jira.request.id': '920x447x1', 'jira.request.assession.id': '-',
        'jira.request.ipaddr': '87.173.216.109,100.120.0.11', 'jira.request.url': PATH,
      };
      const decision = await MDC.run(mdc, () => ThreadName.run('http-nio-8080-exec-11', () => f.auth.authenticate({
        method: 'GET', path: PATH, authorization: basicHeader('admin', token), remoteAddress: '100.120.0.11', forwardedFor: '87.173.216.109',
      })));
      expect(decision.addressChain.join(',')).to.equal(mdc['jira.request.ipaddr']);
      const event = only(f.logs.events.filter((e) => e.loggerName === JIRA_LOGGER));
      expect(render(new PatternLayout(JIRA_PATTERN, { timeZone: 'UTC' }), event, '2020-09-22T15:20:50.922Z')).to.equal(
        '2020-09-22 15:20:50,922+0000 http-nio-8080-exec-11 INFO anonymous 920x447x1 - 87.173.216.109,100.120.0.11 /rest/de.resolution.apitokenauth/latest/user/token [d.resolution.apitokenauth.ApiTokenAuthenticationService] Found a matching token "API Token from 2020-09-22" with Read & Write scope and authenticated user admin. Token was created on Sep 22, 2020 2:43:30 PM. REST endpoint: /rest/de.resolution.apitokenauth/latest/user/token\n',
      );
    });

    it('Jira, PAT flavour: the CachingTokenValidator TRACE line with the hashed token', async () => {
      const f = await authFixture({ flavour: 'jira' });
      const seedHash = '{PKCS5S2}iOmgEVwCpHPgaWWxcrfauKEZtLy5Qy/o3gBQTqxuFVqjtG2XD4MzLweWSPI/bw0d';
      await f.store.insert({
        id: '355510638677', family: 'pat', owner: 'admin', description: 'bamboo', scope: 'READ_WRITE',
        hash: seedHash, createdAt: Date.UTC(2022, 9, 1), expiresAt: null, lastAccessedAt: null,
      });
      const token = patToken.generate('355510638677');
      const mdc = {
        'jira.username': 'anonymous', 'jira.request.id': '904x1468x1', 'jira.request.assession.id': '-',
        'jira.request.ipaddr': '192.168.0.1', 'jira.request.url': '/rest/bamboo/latest/deploy/SCRUM1/SCRUM1-19',
      };
      await MDC.run(mdc, () => ThreadName.run('http-nio-8080-exec-4', () => f.auth.authenticate({
        method: 'GET', path: mdc['jira.request.url'], authorization: `Bearer ${token}`, remoteAddress: '192.168.0.1',
      })));
      const layout = new PatternLayout(JIRA_PATTERN, { timeZone: 'UTC' });
      const validator = only(f.logs.events.filter((e) => e.loggerName === 'com.atlassian.pats.service.CachingTokenValidator' && e.level.name === 'TRACE'));
      expect(render(layout, validator, '2022-10-11T15:04:09.211Z')).to.equal(
        '2022-10-11 15:04:09,211+0000 http-nio-8080-exec-4 TRACE anonymous 904x1468x1 - 192.168.0.1 /rest/bamboo/latest/deploy/SCRUM1/SCRUM1-19 [c.a.pats.service.CachingTokenValidator] Verifying user token with hashed token: [{PKCS5S2}iOmgEVwCpHPgaWWxcrfauKEZtLy5Qy/o3gBQTqxuFVqjtG2XD4MzLweWSPI/bw0d]\n',
      );
      const filter = only(f.logs.events.filter((e) => e.loggerName === 'com.atlassian.pats.web.filter.TokenBasedAuthenticationFilter'));
      expect(render(layout, filter, '2022-10-11T15:04:09.202Z')).to.equal(
        '2022-10-11 15:04:09,202+0000 http-nio-8080-exec-4 TRACE anonymous 904x1468x1 - 192.168.0.1 /rest/bamboo/latest/deploy/SCRUM1/SCRUM1-19 [c.a.p.web.filter.TokenBasedAuthenticationFilter] >>> TokenBasedAuthenticationFilter.doFilter\n',
      );
      expect(messagesOf(f.logs, 'com.atlassian.pats.service.DefaultTokenAuthenticationService')[0]).to.equal('Got tokenId: [355510638677] from token');
    });

    it('Bitbucket: the "Found a matching token" line through the logback preset', async () => {
      const f = await authFixture({ flavour: 'bitbucket', now: Date.UTC(2021, 0, 6, 14, 14, 46) });
      const { token } = await f.service.create({ name: 'automation-user', active: true, groups: ['users'] }, { validity: { days: 30 }, scope: 'READ_ONLY' });
      const mdc = { 'a-request-id': '@A6X2OXx532x2669x0', 'a-request-ip': '79.209.73.23,100.120.0.11', 'a-request-action': 'GET /rest/ssh/1.0/keys HTTP/1.1' };
      await MDC.run(mdc, () => ThreadName.run('http-nio-8080-exec-2', () => f.auth.authenticate({
        method: 'GET', path: '/rest/ssh/1.0/keys', authorization: basicHeader('automation-user', token), remoteAddress: '79.209.73.23',
      })));
      const event = only(f.logs.events.filter((e) => e.loggerName === BITBUCKET_LOGGER));
      expect(render(presetLayout('bitbucket', { timeZone: 'UTC' }), event, '2021-01-07T08:52:38.540Z')).to.equal(
        '2021-01-07 08:52:38,540 INFO [http-nio-8080-exec-2] @A6X2OXx532x2669x0 79.209.73.23,100.120.0.11 "GET /rest/ssh/1.0/keys HTTP/1.1" d.r.a.p.auth.ApiTokenAuthSharedBase Found a matching token "API Token from 2021-01-06" with Read Only scope and authenticated user automation-user. Token was created on Jan 6, 2021 2:14:46 PM. REST endpoint: /rest/ssh/1.0/keys\n',
      );
    });
  });
});
