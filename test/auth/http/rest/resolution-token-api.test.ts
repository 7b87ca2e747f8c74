import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryAppender } from '../../../../appenders/memory-appender.js';
import { MemoryAuditSource } from '../../../../src/auth/audit/memory-audit-source.js';
import { createAuthModule, type AuthModule } from '../../../../src/auth/auth-module.js';
import { authMiddleware } from '../../../../src/auth/http/auth-middleware.js';
import { DEFAULT_BODY_LIMIT } from '../../../../src/auth/http/json-body.js';
import { RESOLUTION_API_BASE, resolutionTokenApi } from '../../../../src/auth/http/rest/resolution-token-api.js';
import { MemoryTokenStore } from '../../../../src/auth/store/memory-token-store.js';
import type { TokenRecord } from '../../../../src/auth/tokens/token-record.js';
import { GroupPermissions } from '../../../../src/auth/tokens/token-permissions.js';
import { InMemoryUserDirectory } from '../../../../src/auth/users/user-directory.js';
import { LogManager } from '../../../../src/log-manager.js';
import { captureEverything } from '../../support/log-capture.js';
import { ManualClock } from '../../support/manual-clock.js';
import { httpCall, type Reply } from '../../support/http-call.js';

const NOW = Date.UTC(2026, 10, 23, 5, 9, 37);
const DAY = 86_400_000;
const TOKEN = `${RESOLUTION_API_BASE}/user/token`;
const FILTER = `${RESOLUTION_API_BASE}/user/tokensByFilter`;

const basic = (user: string, secret: string) => 'Basic ' + Buffer.from(`${user}:${secret}`).toString('base64');
const ADMIN = basic('admin', 'admin-pw');
const ALICE = basic('alice', 'alice-pw');

/** Stored tokens with known times, for the listing and filter tests (their hashes are never checked). */
function seeded(id: string, owner: string, fields: Partial<TokenRecord> = {}): TokenRecord {
  return {
    id, family: 'api', owner, description: `Token ${id}`, scope: 'READ_WRITE', hash: '{PKCS5S2}' + 'A'.repeat(64),
    createdAt: NOW - 10 * DAY, expiresAt: NOW + 10 * DAY, lastAccessedAt: null, ...fields,
  };
}

describe('auth/http/rest/resolutionTokenApi', function () {
  this.timeout(10000);
  let logs: MemoryAppender;
  let auditAppender: MemoryAppender;
  let clock: ManualClock;
  let store: MemoryTokenStore;
  let module: AuthModule;
  let server: Server;
  let port: number;

  const call = (method: string, path: string, auth?: string, body?: string, headers: Record<string, string> = {}): Promise<Reply> =>
    httpCall(port, method, path, auth, body, headers);
  const create = async (body: object, auth = ADMIN) => {
    const reply = await call('POST', TOKEN, auth, JSON.stringify(body));
    expect(reply.status, reply.body).to.equal(200);
    return reply.json();
  };
  const refusal = async (method: string, path: string, body: string | undefined, status: number, auth = ADMIN) => {
    const reply = await call(method, path, auth, body);
    expect(reply.status, reply.body).to.equal(status);
    expect(Object.keys(reply.json()), reply.body).to.deep.equal(['errorMessage']);
    return reply.json().errorMessage as string;
  };

  async function start(records: TokenRecord[] = []): Promise<void> {
    logs = await captureEverything();
    clock = new ManualClock(NOW);
    store = new MemoryTokenStore(records);
    const users = new InMemoryUserDirectory([
      { name: 'admin', password: 'admin-pw', groups: ['admins', 'users'] },
      { name: 'alice', password: 'alice-pw', groups: ['users'] },
      { name: 'bob', password: 'bob-pw', groups: ['users'] },
    ]);
    auditAppender = new MemoryAppender({ name: 'audit' });
    module = createAuthModule({
      flavour: 'jira', users, store, clock, timeZone: 'UTC', failedAttemptThrottle: null,
      audit: { appender: auditAppender, source: new MemoryAuditSource(auditAppender) },
      permissions: new GroupPermissions({ adminGroups: ['admins'] }),
      policy: { maxValidity: { months: 12 }, allowNonExpiring: true },
    });
    const middleware = authMiddleware({ authenticator: module.authenticator });
    const api = resolutionTokenApi(module.service, users);
    server = createServer((req, res) => middleware(req, res, () => {
      void api(req, res).then((handled) => {
        if (!handled) res.writeHead(404).end();
      });
    }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.address() as AddressInfo).port;
  }

  afterEach(async () => {
    server.close();
    await module.close();
    await LogManager.resetConfiguration();
  });

  describe('POST /user/token', () => {
    beforeEach(() => start());

    it('creates a token from resolution\'s field names and answers with plainTextToken and the expiry both ways', async () => {
      const created = await create({ tokenDescription: 'CI', tokenValidityTimeInMonths: 6 });
      const expiry = Date.UTC(2027, 4, 23, 5, 9, 37);
      expect(created).to.have.keys('id', 'tokenForUserKey', 'tokenDescription', 'tokenScope', 'created', 'tokenExpirationDateTime', 'tokenExpirationDateTimeMillis', 'plainTextToken');
      expect(created).to.deep.include({
        tokenForUserKey: 'admin', tokenDescription: 'CI', tokenScope: 2, created: NOW,
        tokenExpirationDateTime: '2027-05-23T05:09:37.000Z', tokenExpirationDateTimeMillis: expiry,
      });
      expect(created.plainTextToken).to.be.a('string').and.to.have.length(48);
      const myself = await call('GET', TOKEN, `Bearer ${created.plainTextToken}`);
      expect(myself.status, 'the token works as a Bearer token').to.equal(200);
      const asPassword = await call('GET', TOKEN, basic('admin', created.plainTextToken));
      expect(asPassword.status, 'and as the password of Basic authentication').to.equal(200);
    });

    it('takes the expiry as an ISO 8601 date and time with an offset, or as epoch milliseconds', async () => {
      const byDate = await create({ tokenDescription: 'by date', tokenExpirationDateTime: '2027-01-19T10:29:00.000+02:00' });
      expect(byDate.tokenExpirationDateTimeMillis).to.equal(Date.UTC(2027, 0, 19, 8, 29));
      expect(byDate.tokenExpirationDateTime).to.equal('2027-01-19T08:29:00.000Z');
      const byMillis = await create({ tokenDescription: 'by millis', tokenExpirationDateTimeMillis: NOW + 3 * DAY });
      expect(byMillis.tokenExpirationDateTimeMillis).to.equal(NOW + 3 * DAY);
    });

    it('creates read-only tokens with tokenScope 1, and tokens for other users with tokenForUserKey (administrators)', async () => {
      const readOnly = await create({ tokenDescription: 'ro', tokenScope: 1, tokenForUserKey: 'alice' });
      expect(readOnly).to.deep.include({ tokenScope: 1, tokenForUserKey: 'alice' });
      expect((await call('PUT', TOKEN, `Bearer ${readOnly.plainTextToken}`, '{}')).status, 'read-only refuses a write').to.equal(403);
      const listed = (await call('GET', TOKEN, ALICE)).json().content;
      expect(listed.map((t: { id: string }) => t.id)).to.deep.equal([readOnly.id]);
      expect(await refusal('POST', TOKEN, '{"tokenForUserKey":"bob"}', 403, ALICE)).to.equal('You do not have permission to do this');
    });

    it('still takes this module\'s earlier field names as aliases', async () => {
      const created = await create({ description: 'old names', scope: 'READ_ONLY', validityDays: 30, owner: 'alice' });
      expect(created).to.deep.include({ tokenDescription: 'old names', tokenScope: 1, tokenForUserKey: 'alice', tokenExpirationDateTimeMillis: NOW + 30 * DAY });
      expect((await create({ description: 'months', validityMonths: 1 })).tokenExpirationDateTimeMillis).to.equal(Date.UTC(2026, 11, 23, 5, 9, 37));
      expect(await create({ description: 'forever', nonExpiring: true })).to.deep.include({ tokenExpirationDateTime: null, tokenExpirationDateTimeMillis: 0 });
    });

    it('answers a validity beyond the maximum with a 400 in the products\' error shape', async () => {
      expect(await refusal('POST', TOKEN, '{"tokenDescription":"CI","tokenValidityTimeInMonths":13}', 400))
        .to.equal('Token validity of 13 months exceeds the maximum of 12 months');
      expect(await refusal('POST', TOKEN, '{"tokenExpirationDateTime":"2030-01-01T00:00:00Z"}', 400))
        .to.equal('Token validity of until 2030-01-01T00:00:00.000Z exceeds the maximum of 12 months');
      expect(await refusal('POST', TOKEN, `{"tokenExpirationDateTimeMillis":${NOW - 1}}`, 400))
        .to.equal('Token expiry 2026-11-23T05:09:36.999Z is not in the future');
    });

    it('answers a field of the wrong type, an unknown scope or two ways of saying one thing with a 400 naming the field', async () => {
      const cases: Array<[string, string]> = [
        ['{"tokenValidityTimeInMonths":"6"}', 'Field "tokenValidityTimeInMonths" must be a whole number from 1 to 1200, got "6"'],
        ['{"tokenValidityTimeInMonths":1.5}', 'Field "tokenValidityTimeInMonths" must be a whole number from 1 to 1200, got 1.5'],
        ['{"tokenDescription":42}', 'Field "tokenDescription" must be a string, got 42'],
        ['{"tokenScope":3}', 'Field "tokenScope" must be 1 (read-only) or 2 (read/write), got 3'],
        ['{"tokenScope":"READ_ONLY"}', 'Field "tokenScope" must be 1 (read-only) or 2 (read/write), got "READ_ONLY"'],
        ['{"scope":"ADMIN"}', 'Field "scope" must be "READ_ONLY" or "READ_WRITE", got "ADMIN"'],
        ['{"tokenForUserKey":["bob"]}', 'Field "tokenForUserKey" must be a string, got an array'],
        ['{"tokenExpirationDateTime":"2027-01-19T10:29:00"}', 'Field "tokenExpirationDateTime" must be an ISO 8601 date and time with an offset, such as "2020-10-19T10:29:00.000+02:00", got "2027-01-19T10:29:00"'],
        ['{"tokenExpirationDateTime":"2027-02-30T10:29:00Z"}', 'Field "tokenExpirationDateTime" must be an ISO 8601 date and time with an offset, such as "2020-10-19T10:29:00.000+02:00", got "2027-02-30T10:29:00Z"'],
        ['{"tokenExpirationDateTimeMillis":"soon"}', 'Field "tokenExpirationDateTimeMillis" must be a whole number from 0 to 8640000000000000, got "soon"'],
        ['{"tokenValidityTimeInMonths":6,"tokenExpirationDateTimeMillis":1}', 'Give only one of "tokenValidityTimeInMonths", "tokenExpirationDateTimeMillis"'],
        ['{"tokenDescription":"a","description":"b"}', 'Give only one of "tokenDescription", "description"'],
        ['{"nonExpiring":true,"tokenValidityTimeInMonths":6}', 'Give only one of "nonExpiring", "tokenValidityTimeInMonths"'],
        ['{"nonExpiring":"yes"}', 'Field "nonExpiring" must be true or false, got "yes"'],
      ];
      for (const [body, message] of cases) expect(await refusal('POST', TOKEN, body, 400), body).to.equal(message);
      expect((await call('GET', TOKEN, ADMIN)).json().content, 'nothing was created').to.deep.equal([]);
    });

    it('keeps bodies size-limited, answering in the products\' error shape', async () => {
      const body = JSON.stringify({ tokenDescription: 'x'.repeat(DEFAULT_BODY_LIMIT) });
      expect(await refusal('POST', TOKEN, body, 413)).to.match(/exceeds the limit of 65536 bytes$/);
      const form = await call('POST', TOKEN, ADMIN, '{"tokenDescription":"CI"}', { 'Content-Type': 'application/x-www-form-urlencoded' });
      expect(form.status, 'a form post (what a cross-site page can send) is not read as JSON').to.equal(415);
      expect(form.json()).to.have.keys('errorMessage');
    });

    it('logs the description given as tokenDescription when the token authenticates, and names the token by description and id in the audit record', async () => {
      const created = await create({ tokenDescription: 'Nightly backup', tokenScope: 2 });
      expect((await call('GET', TOKEN, `Bearer ${created.plainTextToken}`)).status).to.equal(200);
      const lines = logs.events.map((e) => e.message);
      expect(lines).to.include(`Found a matching token "Nightly backup" with Read & Write scope and authenticated user admin. Token was created on Nov 23, 2026 5:09:37 AM. REST endpoint: ${TOKEN}`);
      const audit = (await module.audit.query({ text: created.id })).records.filter((r) => r.type.action === 'Token created');
      expect(audit).to.have.length(1);
      expect(audit[0]!.changedValues).to.deep.include({ key: 'Description', to: 'Nightly backup' });
      expect(audit[0]!.extraAttributes).to.deep.include({ name: 'Token ID', value: created.id });
      expect(audit[0]!.affectedObjects).to.deep.include({ name: 'Nightly backup', type: 'TOKEN', id: created.id });
      const everything = JSON.stringify(logs.events.map((e) => [e.message, e.mdc])) + auditAppender.text;
      expect(everything).not.to.include(created.plainTextToken);
      expect(everything).not.to.include(created.plainTextToken.slice(16));
    });
  });

  describe('GET /user/token and PATCH / DELETE /user/token/{id}', () => {
    beforeEach(() => start([
      seeded('00000000000000a1', 'admin', { description: 'first', createdAt: NOW - 3 * DAY, lastAccessedAt: NOW - DAY, scope: 'READ_ONLY' }),
      seeded('00000000000000a2', 'admin', { description: 'second', createdAt: NOW - 2 * DAY, expiresAt: null }),
      seeded('00000000000000a3', 'admin', { description: 'third', createdAt: NOW - DAY }),
      seeded('00000000000000b1', 'alice', { description: 'alice\'s' }),
    ]));

    it('lists the caller\'s tokens in content, times in epoch milliseconds and 0 for never', async () => {
      const reply = await call('GET', TOKEN, ADMIN);
      expect(reply.status).to.equal(200);
      const page = reply.json();
      expect(page).to.deep.equal({
        content: [
          { id: '00000000000000a1', userKey: 'admin', description: 'first', tokenScope: 1, created: NOW - 3 * DAY, lastAccessed: NOW - DAY, validUntil: NOW + 10 * DAY },
          { id: '00000000000000a2', userKey: 'admin', description: 'second', tokenScope: 2, created: NOW - 2 * DAY, lastAccessed: 0, validUntil: 0 },
          { id: '00000000000000a3', userKey: 'admin', description: 'third', tokenScope: 2, created: NOW - DAY, lastAccessed: 0, validUntil: NOW + 10 * DAY },
        ],
        page: 0, limit: 50, totalElements: 3, totalPages: 1, last: true,
      });
      expect((await call('GET', `${TOKEN}/`, ADMIN)).json(), 'the documented trailing slash').to.deep.equal(page);
    });

    it('pages with page and limit', async () => {
      const ids = async (query: string) => {
        const reply = await call('GET', `${TOKEN}?${query}`, ADMIN);
        expect(reply.status, reply.body).to.equal(200);
        const { content, ...rest } = reply.json();
        return { ids: content.map((t: { id: string }) => t.id.slice(-2)), ...rest };
      };
      expect(await ids('page=0&limit=2')).to.deep.equal({ ids: ['a1', 'a2'], page: 0, limit: 2, totalElements: 3, totalPages: 2, last: false });
      expect(await ids('page=1&limit=2')).to.deep.equal({ ids: ['a3'], page: 1, limit: 2, totalElements: 3, totalPages: 2, last: true });
      expect(await ids('page=5&limit=2')).to.deep.include({ ids: [], last: true });
      expect(await refusal('GET', `${TOKEN}?limit=0`, undefined, 400)).to.equal('Query parameter "limit" must be a whole number from 1 to 1000');
      expect(await refusal('GET', `${TOKEN}?page=-1`, undefined, 400)).to.equal(`Query parameter "page" must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`);
    });

    it('renames with tokenDescription and deletes answering 200 true', async () => {
      const renamed = await call('PATCH', `${TOKEN}/00000000000000a1`, ADMIN, '{"tokenDescription":"Updated token description"}');
      expect(renamed.status, renamed.body).to.equal(200);
      expect(renamed.json()).to.deep.include({ id: '00000000000000a1', description: 'Updated token description' });
      expect(await refusal('PATCH', `${TOKEN}/00000000000000a1`, '{}', 400)).to.equal('Field "tokenDescription" is required');
      expect(await refusal('PATCH', `${TOKEN}/00000000000000a1`, '{"tokenDescription":7}', 400)).to.equal('Field "tokenDescription" must be a string, got 7');
      const deleted = await call('DELETE', `${TOKEN}/00000000000000a1`, ADMIN);
      expect([deleted.status, deleted.body]).to.deep.equal([200, 'true']);
      expect(await refusal('DELETE', `${TOKEN}/00000000000000a1`, undefined, 404)).to.equal('No such token');
      expect(await refusal('DELETE', `${TOKEN}/00000000000000b1`, undefined, 404, basic('bob', 'bob-pw'))).to.equal('No such token');
      expect(await refusal('DELETE', `${TOKEN}/..%2Fetc`, undefined, 400)).to.equal('Invalid token id');
    });

    it('deletes every token of a user for an administrator only', async () => {
      expect(await refusal('DELETE', `${RESOLUTION_API_BASE}/admin/user/admin/token`, undefined, 403, ALICE)).to.equal('You do not have permission to do this');
      const reply = await call('DELETE', `${RESOLUTION_API_BASE}/admin/user/admin/token`, ADMIN);
      expect([reply.status, reply.json()]).to.deep.equal([200, { deleted: 3 }]);
      expect((await call('GET', TOKEN, ADMIN)).json().content).to.deep.equal([]);
    });

    it('answers every error in the products\' shape: no credentials, unknown path, wrong method', async () => {
      expect(await refusal('GET', TOKEN, undefined, 401, '')).to.equal('Authentication required');
      expect(await refusal('GET', `${RESOLUTION_API_BASE}/user/nothing`, undefined, 404)).to.equal('Not found');
      expect(await refusal('PUT', TOKEN, undefined, 405)).to.equal('Method not allowed');
      expect(await refusal('POST', FILTER, undefined, 405)).to.equal('Method not allowed');
    });
  });

  describe('GET /user/tokensByFilter', () => {
    const T = (n: number) => NOW - n * DAY;
    beforeEach(() => start([
      seeded('00000000000000a1', 'admin', { description: 'Jenkins deploy', createdAt: T(30), lastAccessedAt: T(2), expiresAt: T(-5), scope: 'READ_ONLY' }),
      seeded('00000000000000a2', 'admin', { description: 'backup', createdAt: T(20), lastAccessedAt: null, expiresAt: null }),
      seeded('00000000000000b1', 'alice', { description: 'jenkins read', createdAt: T(10), lastAccessedAt: T(1), expiresAt: T(-40) }),
      seeded('00000000000000c1', 'bob', { description: 'Bob\'s CI', createdAt: T(5), lastAccessedAt: T(4), expiresAt: T(-100) }),
    ]));

    const filtered = async (query: string, auth = ADMIN): Promise<string[]> => {
      const reply = await call('GET', `${FILTER}${query ? `?${query}` : ''}`, auth);
      expect(reply.status, `${query}: ${reply.body}`).to.equal(200);
      return reply.json().content.map((t: { id: string }) => t.id.slice(-2));
    };

    it('shows an administrator every user\'s tokens, and anyone else only their own', async () => {
      expect(await filtered('')).to.deep.equal(['a1', 'a2', 'b1', 'c1']);
      expect(await filtered('', ALICE)).to.deep.equal(['b1']);
      expect(await filtered('userFilter=bob', ALICE), 'a filter cannot widen what a user sees').to.deep.equal([]);
    });

    it('applies every filter', async () => {
      expect(await filtered('userFilter=alice&userFilter=bob')).to.deep.equal(['b1', 'c1']);
      expect(await filtered('userFilter=admin')).to.deep.equal(['a1', 'a2']);
      expect(await filtered('descriptionFilter=jenkins')).to.deep.equal(['a1', 'b1']);
      expect(await filtered(`notValidAfter=${T(-40)}`)).to.deep.equal(['a1', 'b1']);
      expect(await filtered('tokenScope=1')).to.deep.equal(['a1']);
      expect(await filtered('tokenScope=2')).to.deep.equal(['a2', 'b1', 'c1']);
      expect(await filtered('tokenScope=0'), 'no token here is without a scope').to.deep.equal([]);
      expect(await filtered(`fromCreated=${T(20)}&untilCreated=${T(10)}`)).to.deep.equal(['a2', 'b1']);
      expect(await filtered(`fromCreated=${T(10)}`)).to.deep.equal(['b1', 'c1']);
      expect(await filtered(`untilCreated=${T(20)}`)).to.deep.equal(['a1', 'a2']);
      expect(await filtered(`fromLastUsed=${T(2)}&untilLastUsed=${T(1)}`)).to.deep.equal(['a1', 'b1']);
      expect(await filtered(`untilLastUsed=${T(3)}`), 'a token never used has no last use').to.deep.equal(['c1']);
      expect(await filtered(`fromExpiresDuring=${T(-40)}&untilExpiresDuring=${T(-100)}`)).to.deep.equal(['b1', 'c1']);
      expect(await filtered(`fromExpiresDuring=${T(-6)}`), 'a token that never expires does not expire during anything').to.deep.equal(['b1', 'c1']);
      expect(await filtered(`userFilter=admin&descriptionFilter=JENKINS&tokenScope=1&untilExpiresDuring=${T(-5)}`)).to.deep.equal(['a1']);
    });

    it('pages the filtered tokens', async () => {
      const reply = await call('GET', `${FILTER}?page=1&limit=1&descriptionFilter=jenkins`, ADMIN);
      const { content, ...paging } = reply.json();
      expect(content.map((t: { userKey: string }) => t.userKey)).to.deep.equal(['alice']);
      expect(paging).to.deep.equal({ page: 1, limit: 1, totalElements: 2, totalPages: 2, last: true });
    });

    it('answers a malformed, out-of-range or repeated filter with a 400 naming it', async () => {
      const cases: Array<[string, string]> = [
        ['tokenScope=3', 'Query parameter "tokenScope" must be a whole number from 0 to 2'],
        ['notValidAfter=tomorrow', 'Query parameter "notValidAfter" must be a whole number from 0 to 8640000000000000'],
        ['fromCreated=1.5', 'Query parameter "fromCreated" must be a whole number from 0 to 8640000000000000'],
        ['descriptionFilter=a&descriptionFilter=b', 'Query parameter "descriptionFilter" is given 2 times; give it once'],
        [`fromLastUsed=${T(1)}&untilLastUsed=${T(2)}`, 'Query parameter "fromLastUsed" is after "untilLastUsed"'],
        ['limit=1001', 'Query parameter "limit" must be a whole number from 1 to 1000'],
      ];
      for (const [query, message] of cases) expect(await refusal('GET', `${FILTER}?${query}`, undefined, 400), query).to.equal(message);
    });
  });
});
