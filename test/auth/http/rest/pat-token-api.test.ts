import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryAppender } from '../../../../appenders/memory-appender.js';
import { MemoryAuditSource } from '../../../../src/auth/audit/memory-audit-source.js';
import { createAuthModule, type AuthModule } from '../../../../src/auth/auth-module.js';
import { authMiddleware } from '../../../../src/auth/http/auth-middleware.js';
import { DEFAULT_BODY_LIMIT } from '../../../../src/auth/http/json-body.js';
import { PAT_API_BASE, patTokenApi, type PatTokenApiOptions } from '../../../../src/auth/http/rest/pat-token-api.js';
import { MemoryTokenStore } from '../../../../src/auth/store/memory-token-store.js';
import type { TokenPolicy } from '../../../../src/auth/tokens/token-service.js';
import { GroupPermissions } from '../../../../src/auth/tokens/token-permissions.js';
import { InMemoryUserDirectory } from '../../../../src/auth/users/user-directory.js';
import { LogManager } from '../../../../src/log-manager.js';
import { captureEverything } from '../../support/log-capture.js';
import { ManualClock } from '../../support/manual-clock.js';
import { httpCall, type Reply } from '../../support/http-call.js';

const NOW = Date.UTC(2026, 10, 23, 5, 9, 37);
const DAY = 86_400_000;
const ALICE = 'Basic ' + Buffer.from('alice:alice-pw').toString('base64');

describe('auth/http/rest/patTokenApi', function () {
  this.timeout(10000);
  let logs: MemoryAppender;
  let auditAppender: MemoryAppender;
  let module: AuthModule | undefined;
  let server: Server | undefined;
  let port: number;

  const call = (method: string, path: string, auth?: string, body?: string): Promise<Reply> => httpCall(port, method, path, auth, body);
  const refusal = async (method: string, path: string, body: string | undefined, status: number) => {
    const reply = await call(method, path, ALICE, body);
    expect(reply.status, reply.body).to.equal(status);
    expect(reply.json()).to.have.keys('exception', 'error');
    return reply.json().error as string;
  };

  async function start(options: PatTokenApiOptions = {}, policy: TokenPolicy = { allowNonExpiring: true }): Promise<void> {
    logs = await captureEverything();
    auditAppender = new MemoryAppender({ name: 'audit' });
    const users = new InMemoryUserDirectory([{ name: 'alice', password: 'alice-pw', groups: ['users'] }]);
    module = createAuthModule({
      flavour: 'jira', users, store: new MemoryTokenStore(), clock: new ManualClock(NOW), timeZone: 'UTC', failedAttemptThrottle: null, policy,
      audit: { appender: auditAppender, source: new MemoryAuditSource(auditAppender) },
      permissions: new GroupPermissions({ adminGroups: ['admins'] }),
    });
    const middleware = authMiddleware({ authenticator: module.authenticator });
    const api = patTokenApi(module.service, users, options);
    server = createServer((req, res) => middleware(req, res, () => {
      void api(req, res).then((handled) => {
        if (!handled) res.writeHead(404).end();
      });
    }));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', () => resolve()));
    port = (server.address() as AddressInfo).port;
  }

  afterEach(async () => {
    server?.close();
    await module?.close();
    server = undefined;
    module = undefined;
    await LogManager.resetConfiguration();
  });

  it('creates a token from {name, expirationDuration} and answers {id, name, createdAt, expiringAt, rawToken}', async () => {
    await start();
    const created = await call('POST', PAT_API_BASE, ALICE, '{"name":"CI","expirationDuration":30}');
    expect(created.status, created.body).to.equal(201);
    const body = created.json();
    expect(body).to.have.keys('id', 'name', 'createdAt', 'expiringAt', 'lastAccessedAt', 'rawToken');
    expect(body).to.deep.include({
      name: 'CI', createdAt: new Date(NOW).toISOString(), expiringAt: new Date(NOW + 30 * DAY).toISOString(), lastAccessedAt: null,
    });
    expect(body.id).to.be.a('number');
    expect(body.rawToken).to.have.length(44);
    const { rawToken, ...shown } = body;

    const listed = await call('GET', PAT_API_BASE, `Bearer ${rawToken}`);
    expect(listed.status, 'the token works as a Bearer token').to.equal(200);
    expect(listed.json(), 'listed without rawToken').to.deep.equal([shown]);
    expect((await call('GET', `${PAT_API_BASE}/${body.id}`, ALICE)).json()).to.deep.equal(shown);
    expect((await call('DELETE', `${PAT_API_BASE}/${body.id}`, ALICE)).status).to.equal(204);
    expect(await refusal('GET', `${PAT_API_BASE}/${body.id}`, undefined, 404)).to.equal('Token not found');
    expect(logs.text + auditAppender.text).not.to.include(rawToken);
  });

  it('gives a token without expirationDuration the configured default, else makes it never expire', async () => {
    await start({ defaultExpirationDays: 90 });
    expect((await call('POST', PAT_API_BASE, ALICE, '{"name":"default"}')).json().expiringAt).to.equal(new Date(NOW + 90 * DAY).toISOString());
    server!.close();
    await module!.close();
    await start();
    const never = await call('POST', PAT_API_BASE, ALICE, '{"name":"never","expirationDuration":null}');
    expect([never.status, never.json().expiringAt]).to.deep.equal([201, null]);
  });

  it('answers a validity the token policy refuses with a 400', async () => {
    await start({}, { maxValidity: { days: 90 } });
    expect(await refusal('POST', PAT_API_BASE, '{"name":"too long","expirationDuration":91}', 400)).to.equal('Token validity of 91 days exceeds the maximum of 90 days');
    expect(await refusal('POST', PAT_API_BASE, '{"name":"forever"}', 400)).to.equal('Tokens that never expire are not allowed');
  });

  it('answers a field of the wrong type with a 400 naming the field, and keeps bodies size-limited', async () => {
    await start();
    const cases: Array<[string, string]> = [
      ['{"name":5}', 'Field "name" must be a string, got 5'],
      ['{"expirationDuration":30}', 'Field "name" is required'],
      ['{"name":"CI","expirationDuration":"30"}', 'Field "expirationDuration" must be a whole number from 1 to 36500, got "30"'],
      ['{"name":"CI","expirationDuration":0}', 'Field "expirationDuration" must be a whole number from 1 to 36500, got 0'],
      ['{"name":"CI","expirationDuration":7.5}', 'Field "expirationDuration" must be a whole number from 1 to 36500, got 7.5'],
    ];
    for (const [body, message] of cases) expect(await refusal('POST', PAT_API_BASE, body, 400), body).to.equal(message);
    expect(await refusal('POST', PAT_API_BASE, JSON.stringify({ name: 'x'.repeat(DEFAULT_BODY_LIMIT) }), 413)).to.match(/exceeds the limit/);
    expect((await call('GET', PAT_API_BASE, ALICE)).json(), 'nothing was created').to.deep.equal([]);
  });

  it('refuses a default that is not a whole number of days', () => {
    const users = new InMemoryUserDirectory([]);
    const service = {} as never;
    for (const days of [0, -1, 1.5, 36_501]) {
      expect(() => patTokenApi(service, users, { defaultExpirationDays: days })).to.throw(RangeError, `defaultExpirationDays must be a whole number from 1 to 36500 or null, got ${days}`);
    }
  });
});
