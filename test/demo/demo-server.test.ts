import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo, type Demo } from '../../src/demo/demo-server.js';
import { LogManager } from '../../src/log-manager.js';
import { REDACTED_USER_NAME } from '../../src/auth/loggable-user-name.js';
import { InternalLog } from '../../src/internal-log.js';
import { LINE_KINDS, driveTraffic, whereLinesLanded } from '../../src/demo/traffic.js';
import { SmallFileSystem } from '../auth/support/small-file-system.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: () => any;
}

function call(demo: Demo, method: string, path: string, options: { headers?: Record<string, string>; body?: string; auth?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.auth) headers.Authorization = options.auth;
    if (options.body !== undefined) headers['Content-Type'] ??= 'application/json';
    const req = httpRequest({ host: '127.0.0.1', port: demo.port, method, path, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Every file under `dir`: a secret must be in none of them. */
function logFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** A demo with the repository's configuration in a fresh directory; `console: false` leaves the console appender out. */
async function startDemoIn(prefix: string, options: { console: boolean; auditKeyFile?: string }): Promise<{ dir: string; logDir: string; demo: Demo }> {
  await LogManager.resetConfiguration();
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const logDir = join(dir, 'logs');
  mkdirSync(join(dir, 'conf'));
  const properties = readFileSync(join(repo, 'conf/demo.properties'), 'utf8');
  expect(properties).to.include('log4j.rootLogger=INFO, console, filelog');
  writeFileSync(join(dir, 'conf/demo.properties'), options.console ? properties : properties.replace('log4j.rootLogger=INFO, console, filelog', 'log4j.rootLogger=INFO, filelog'));
  const demo = await startDemo({
    port: 0, logDir, dataDir: join(dir, 'data'), configFile: join(dir, 'conf/demo.properties'),
    watch: false, adminPassword: 'admin', automationPassword: 'automation', rateLimitRequests: 3, auditKeyFile: options.auditKeyFile ?? null,
  });
  return { dir, logDir, demo };
}

async function createToken(demo: Demo, body: object): Promise<string> {
  const reply = await call(demo, 'POST', '/rest/de.resolution.apitokenauth/latest/user/token', { auth: basic('admin', 'admin'), body: JSON.stringify(body) });
  expect(reply.status, reply.body).to.equal(200);
  return reply.json().plainTextToken;
}

const basic = (user: string, secret: string) => 'Basic ' + Buffer.from(`${user}:${secret}`).toString('base64');
const bearer = (token: string) => `Bearer ${token}`;
const JIRA_LINE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}[+-]\d{4} (\S+) (INFO|DEBUG|WARN|ERROR|TRACE) (\S+) (\d+x\d+x\d+) (\S+) (\S+) (\S+) \[([^\]]+)\] (.*)$/;
const SECURITY_LINE = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (\S+) (\S+) (\d+x\d+x\d+) (\S+) (\S+) (\S+) (.*)$/;

describe('demo server (npm start)', function () {
  this.timeout(30000);
  let dir: string;
  let logDir: string;
  let demo: Demo;

  const mainLog = () => readFileSync(join(logDir, 'atlassian-jira.log'), 'utf8').split('\n').filter(Boolean);
  const securityLog = () => readFileSync(join(logDir, 'atlassian-jira-security.log'), 'utf8').split('\n').filter(Boolean);
  const flushed = async () => {
    // The file appenders write at the end of each event-loop turn; give them one.
    await new Promise((resolve) => setTimeout(resolve, 50));
  };
  const createToken = async (body: object): Promise<string> => {
    const reply = await call(demo, 'POST', '/rest/de.resolution.apitokenauth/latest/user/token', { auth: basic('admin', 'admin'), body: JSON.stringify(body) });
    expect(reply.status, reply.body).to.equal(200);
    return reply.json().plainTextToken;
  };

  before(async () => {
    await LogManager.resetConfiguration();
    dir = mkdtempSync(join(tmpdir(), 'logwarden-demo-'));
    logDir = join(dir, 'logs');
    mkdirSync(join(dir, 'conf'));
    // The demo's own configuration, less the console appender that would write into the test report.
    const properties = readFileSync(join(repo, 'conf/demo.properties'), 'utf8');
    expect(properties).to.include('log4j.rootLogger=INFO, console, filelog');
    writeFileSync(join(dir, 'conf/demo.properties'), properties.replace('log4j.rootLogger=INFO, console, filelog', 'log4j.rootLogger=INFO, filelog'));
    demo = await startDemo({
      port: 0, logDir, dataDir: join(dir, 'data'), configFile: join(dir, 'conf/demo.properties'),
      watch: false, adminPassword: 'admin', automationPassword: 'automation', rateLimitRequests: 3,
    });
  });

  after(async () => {
    await demo.close();
    await LogManager.resetConfiguration();
    rmSync(dir, { recursive: true, force: true });
  });

  it("logs each of resolution's lines in the main log with the Jira layout", async () => {
    const token = await createToken({ tokenDescription: 'API Token from 2020-09-22', tokenScope: 2, tokenValidityTimeInMonths: 1 });
    const readOnly = await createToken({ tokenDescription: 'read only', tokenScope: 1 });
    expect((await call(demo, 'GET', '/rest/api/2/myself', { auth: bearer(token) })).status).to.equal(200);
    expect((await call(demo, 'GET', '/rest/ssh/1.0/keys', { auth: basic('admin', 'admin') })).status).to.equal(401);
    expect((await call(demo, 'GET', '/rest/ssh/1.0/keys', { auth: basic('admin', token), headers: { 'X-Forwarded-For': '203.0.113.7' } })).status).to.equal(403);
    expect((await call(demo, 'GET', '/rest/api/2/myself', { auth: basic('admin', 'wrong') })).status).to.equal(401);
    const readOnlyPut = await call(demo, 'PUT', '/rest/api/2/myself', { auth: bearer(readOnly), body: '{"displayName":"x"}' });
    expect(readOnlyPut.status).to.equal(403);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(demo, 'GET', '/rest/api/2/myself', { auth: bearer(readOnly) })).status);
    expect(statuses).to.deep.equal([200, 200, 200, 429]);
    await flushed();

    const requestLines = mainLog().filter((line) => / http-nio-\d+-exec-\d+ /.test(line));
    const messages = requestLines.map((line) => {
      const match = JIRA_LINE.exec(line);
      expect(match, line).to.not.equal(null);
      return { logger: match![8], message: match![9], url: match![7] };
    }).filter((l) => l.logger === 'd.resolution.apitokenauth.ApiTokenAuthenticationService');
    const texts = messages.map((m) => m.message.replace(/created on .*? (AM|PM)\./, 'created on <date>.'));
    expect(texts).to.include('Found a matching token "API Token from 2020-09-22" with Read & Write scope and authenticated user admin. Token was created on <date>. REST endpoint: /rest/api/2/myself');
    expect(texts).to.include('Token verification for user admin failed: No valid API token was provided and basic auth with password is disabled. REST endpoint: /rest/ssh/1.0/keys');
    expect(texts).to.include('Token verification for user admin failed: IP address 203.0.113.7 of request is not allowed to access the REST API and basic auth with password is disabled. REST endpoint: /rest/ssh/1.0/keys');
    expect(texts).to.include('User admin tried to authenticate with an invalid token or regular password. Passing the request further to the default authenticator. REST endpoint: /rest/api/2/myself');
    expect(texts).to.include('Token verification for user admin failed: The token scope is read-only and only covers GET, HEAD and OPTIONS requests. Request method type was PUT. REST endpoint: /rest/api/2/myself');
    expect(texts).to.include('User admin has been rate limited. The API token allows executing 3 requests within 1 minutes.');
    expect(messages.find((m) => m.message.startsWith('Found a matching token "API Token'))!.message)
      .to.match(/Token was created on [A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d\d:\d\d (AM|PM)\. /);
    expect(messages.every((m) => m.url === m.message.replace(/^.* REST endpoint: /, '') || m.message.includes('rate limited'))).to.equal(true);
    const joined = mainLog().join('\n') + securityLog().join('\n');
    expect(joined).not.to.include(token);
    expect(joined).not.to.include(readOnly);
  });

  it('routes SSO audit lines to the security log, not the main log', async () => {
    const reply = await call(demo, 'POST', '/demo/sso/login', { auth: basic('admin', 'admin'), body: '{"user":"johndoe","method":"Kerberos","passed":true}' });
    expect(reply.status).to.equal(200);
    await call(demo, 'POST', '/demo/sso/login', { auth: basic('admin', 'admin'), body: '{"user":"johndoe","method":"SAML","passed":false,"reason":"Signature invalid"}' });
    await flushed();
    const security = securityLog();
    const passed = security.find((l) => l.endsWith("The user 'johndoe' has PASSED authentication using Kerberos"));
    expect(passed, security.join('\n')).to.not.equal(undefined);
    const fields = SECURITY_LINE.exec(passed!)!;
    expect(fields[1]).to.match(/^http-nio-\d+-exec-\d+$/);
    expect(fields[2]).to.equal('admin');
    expect(fields[6]).to.equal('/demo/sso/login');
    expect(security.some((l) => l.endsWith("The user 'johndoe' has FAILED authentication using SAML. Reason: Signature invalid"))).to.equal(true);
    expect(mainLog().some((l) => l.includes('johndoe'))).to.equal(false);
    const diagnostics = readFileSync(join(logDir, 'kantega-diagnostics.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(diagnostics.at(-1)).to.include({ context: 'SAML', message: "Authentication of user 'johndoe' failed: Signature invalid" });
  });

  it('keeps the MDC of 200 concurrent requests apart, with unique well-formed request ids', async () => {
    const replies = await Promise.all(Array.from({ length: 200 }, (_, i) =>
      call(demo, 'GET', `/rest/api/2/probe/${i}`, { auth: basic('automation-user', 'automation'), headers: { 'X-Forwarded-For': `10.0.${i >> 8}.${i & 255}` } })));
    expect(replies.every((r) => r.status === 404)).to.equal(true);
    const ids = replies.map((r) => String(r.headers['x-arequestid']));
    expect(new Set(ids).size).to.equal(200);
    for (const id of ids) expect(id).to.match(/^\d{1,4}x\d+x\d+$/);
    await flushed();
    const probes = mainLog().map((l) => JIRA_LINE.exec(l)).filter((m) => m && m[7]!.startsWith('/rest/api/2/probe/'));
    expect(probes).to.have.length(200);
    for (const m of probes) {
      const i = Number(m![7]!.slice('/rest/api/2/probe/'.length));
      expect(m![9], 'message of the same request').to.include(`REST endpoint: /rest/api/2/probe/${i}`);
      expect(m![6], 'address chain of the same request').to.equal(`10.0.${i >> 8}.${i & 255},127.0.0.1`);
      expect(ids).to.include(m![4]);
      expect(m![1]).to.match(/^http-nio-\d+-exec-\d+$/);
    }
  });

  it('answers bad requests with 4xx and a JSON error, and stays up', async () => {
    const oversized = await call(demo, 'GET', '/status', { headers: { 'X-Big': 'a'.repeat(20000) } });
    expect(oversized.status).to.equal(431);
    expect(oversized.json()).to.deep.equal({ status: 431, message: 'Request header fields too large' });
    const malformed = await call(demo, 'POST', '/rest/de.resolution.apitokenauth/latest/user/token', { auth: basic('admin', 'admin'), body: '{"description": ' });
    expect(malformed.status).to.equal(400);
    expect(malformed.json().errorMessage).to.match(/^Malformed JSON body/);
    const unknown = await call(demo, 'DELETE', '/rest/de.resolution.apitokenauth/latest/user/token/0123456789abcdef', { auth: basic('admin', 'admin') });
    expect(unknown.status).to.equal(404);
    const traversal = await call(demo, 'DELETE', '/rest/de.resolution.apitokenauth/latest/user/token/..%2F..%2Fetc%2Fpasswd', { auth: basic('admin', 'admin') });
    expect(traversal.status).to.equal(400);
    expect(traversal.json()).to.deep.equal({ errorMessage: 'Invalid token id' });
    const patUnknown = await call(demo, 'GET', '/rest/pat/latest/tokens/999999999999', { auth: basic('admin', 'admin') });
    expect(patUnknown.status).to.equal(404);
    expect(patUnknown.json()).to.have.keys('exception', 'error');
    const badMethod = await call(demo, 'POST', '/demo/sso/login', { auth: basic('admin', 'admin'), body: '{"user":"x","method":"NTLM","passed":true}' });
    expect(badMethod.status).to.equal(400);
    expect(badMethod.json()).to.deep.equal({ status: 400, message: 'method must be "Kerberos" or "SAML"' });
    const garbage = await call(demo, 'GET', '/rest/api/2/myself', { auth: 'Basic %%%not-base64%%%' });
    expect(garbage.status).to.equal(401);
    expect(garbage.headers['www-authenticate']).to.be.a('string');
    for (const reply of [malformed, unknown, traversal, patUnknown, garbage]) expect(reply.body).not.to.match(/\n\s+at /);
    const anonymous = await call(demo, 'GET', '/rest/api/2/myself');
    expect(anonymous.status).to.equal(401);
    expect(anonymous.headers['www-authenticate'], 'the authenticator\'s challenge').to.equal('Basic realm="logwarden", Bearer realm="logwarden"');
    const anonymousTokens = await call(demo, 'GET', '/rest/de.resolution.apitokenauth/latest/user/token');
    expect(anonymousTokens.headers['www-authenticate']).to.equal('Basic realm="logwarden", Bearer realm="logwarden"');
    expect((await call(demo, 'GET', '/status')).json()).to.deep.equal({ state: 'RUNNING', user: null });
  });

  it('gives a token one rate-limit budget across the password-enabled and the token-only routes', async () => {
    const token = await createToken({ tokenDescription: 'one budget', tokenScope: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await call(demo, 'GET', '/rest/api/2/myself', { auth: bearer(token) })).status);
      statuses.push((await call(demo, 'GET', '/rest/ssh/1.0/keys', { auth: bearer(token) })).status);
    }
    expect(statuses).to.deep.equal([200, 200, 200, 429, 429, 429]);
  });

  it('throttles a guessed password: 429 with Retry-After, one WARN line in the main log, one audit record', async () => {
    const guess = (secret: string) => call(demo, 'GET', '/rest/api/2/myself', { auth: basic('mallory', secret), headers: { 'X-Forwarded-For': '198.51.100.23' } });
    const replies = [];
    for (let i = 0; i < 8; i++) replies.push(await guess(`guess-${i}`));
    expect(replies.map((r) => r.status)).to.deep.equal([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(replies[5]!.headers['retry-after']).to.equal('60');
    expect(replies[5]!.json()).to.deep.equal({ status: 429, message: 'Too many failed attempts; try again later' });
    await flushed();
    const warnings = mainLog().filter((line) => line.includes('Too many failed authentication attempts'));
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(/ WARN .* \[logwarden\.auth\.FailedAttemptThrottle\] Too many failed authentication attempts for user mallory from address 198\.51\.100\.23 \(5 within 15 minutes, or a repeat after a refusal\): further attempts are refused for 60 seconds$/);
    const throttled = (await demo.auth.audit.query({ text: 'throttled' })).records;
    expect(throttled.map((r) => [r.source, r.affectedObjects.map((o) => o.name)])).to.deep.equal([['198.51.100.23', ['mallory']]]);
  });

  it('serves the personal access token API with its shapes', async () => {
    const created = await call(demo, 'POST', '/rest/pat/latest/tokens', { auth: basic('automation-user', 'automation'), body: '{"name":"CI","expirationDuration":30}' });
    expect(created.status, created.body).to.equal(201);
    const { id, rawToken, name } = created.json();
    expect(name).to.equal('CI');
    expect(rawToken).to.have.length(44);
    const byToken = await call(demo, 'GET', `/rest/pat/latest/tokens/${id}`, { auth: bearer(rawToken) });
    expect(byToken.status).to.equal(200);
    expect(byToken.json()).to.include({ id, name: 'CI' });
    const listed = await call(demo, 'GET', '/rest/pat/latest/tokens', { auth: bearer(rawToken) });
    expect(listed.json().map((t: { id: number }) => t.id)).to.deep.equal([id]);
    expect((await call(demo, 'DELETE', `/rest/pat/latest/tokens/${id}`, { auth: basic('automation-user', 'automation') })).status).to.equal(204);
    expect((await call(demo, 'GET', '/rest/pat/latest/tokens', { auth: bearer(rawToken) })).status).to.equal(401);
  });

  it('answers the README walk-through\'s token requests with the products\' bodies and shapes', async () => {
    const admin = basic('admin', 'admin');
    const base = '/rest/de.resolution.apitokenauth/latest';
    const post = async (path: string, body: string, status = 200) => {
      const reply = await call(demo, 'POST', path, { auth: admin, body });
      expect(reply.status, reply.body).to.equal(status);
      return reply.json();
    };
    const token = await post(`${base}/user/token`, '{"tokenDescription":"API Token from 2020-09-22","tokenScope":2,"tokenValidityTimeInMonths":1}');
    expect(token).to.include({ tokenDescription: 'API Token from 2020-09-22', tokenScope: 2, tokenForUserKey: 'admin' });
    expect(token.tokenExpirationDateTime).to.equal(new Date(token.tokenExpirationDateTimeMillis).toISOString());
    const readOnly = await post(`${base}/user/token`, '{"tokenDescription":"Read only","tokenScope":1}');
    expect((await call(demo, 'GET', '/rest/api/2/myself', { auth: bearer(token.plainTextToken) })).status).to.equal(200);

    const mine = (await call(demo, 'GET', `${base}/user/token`, { auth: admin })).json();
    const listed = mine.content.find((t: { id: string }) => t.id === token.id);
    expect(listed).to.include({ description: 'API Token from 2020-09-22', created: token.created, validUntil: token.tokenExpirationDateTimeMillis });
    expect(listed.lastAccessed).to.be.a('number');
    const filtered = (await call(demo, 'GET', `${base}/user/tokensByFilter?userFilter=admin&descriptionFilter=read&tokenScope=1&page=0&limit=10`, { auth: admin })).json();
    expect(filtered.content.map((t: { id: string }) => t.id)).to.include(readOnly.id);
    for (const t of filtered.content) {
      expect([t.userKey, t.tokenScope]).to.deep.equal(['admin', 1]);
      expect(t.description.toLowerCase()).to.include('read');
    }

    const expiry = new Date(Date.now() + 30 * 864e5).toISOString();
    const other = await post(`${base}/user/token`, `{"tokenDescription":"token for another user","tokenForUserKey":"automation-user","tokenExpirationDateTime":"${expiry}"}`);
    expect(other).to.include({ tokenForUserKey: 'automation-user', tokenExpirationDateTime: expiry, tokenExpirationDateTimeMillis: Date.parse(expiry) });
    const renamed = await call(demo, 'PATCH', `${base}/user/token/${other.id}`, { auth: admin, body: '{"tokenDescription":"Updated token description"}' });
    expect(renamed.json()).to.include({ id: other.id, userKey: 'automation-user', description: 'Updated token description' });
    const deleted = await call(demo, 'DELETE', `${base}/user/token/${other.id}`, { auth: admin });
    expect([deleted.status, deleted.body]).to.deep.equal([200, 'true']);
    const tooLong = await call(demo, 'POST', `${base}/user/token`, { auth: admin, body: '{"tokenDescription":"CI","tokenValidityTimeInMonths":13}' });
    expect([tooLong.status, tooLong.json()]).to.deep.equal([400, { errorMessage: 'Token validity of 13 months exceeds the maximum of 12 months' }]);

    const pat = await post('/rest/pat/latest/tokens', '{"name":"CI","expirationDuration":30}', 201);
    const pats = await call(demo, 'GET', '/rest/pat/latest/tokens', { auth: bearer(pat.rawToken) });
    expect(pats.json().find((t: { id: number }) => t.id === pat.id)).to.deep.equal({ id: pat.id, name: 'CI', createdAt: pat.createdAt, expiringAt: pat.expiringAt, lastAccessedAt: null });
    const defaulted = await post('/rest/pat/latest/tokens', '{"name":"no duration"}', 201);
    expect(Date.parse(defaulted.expiringAt) - Date.parse(defaulted.createdAt), 'the demo\'s default: 90 days').to.equal(90 * 864e5);

    await flushed();
    expect(mainLog().some((line) => line.includes('Found a matching token "API Token from 2020-09-22" with Read & Write scope and authenticated user admin.'))).to.equal(true);
    const audit = readFileSync(join(logDir, 'audit', 'audit.log'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    const createdRecord = audit.find((r) => r.type.action === 'Token created' && r.affectedObjects.some((o: { id: string }) => o.id === token.id));
    expect(createdRecord.affectedObjects).to.deep.include({ name: 'API Token from 2020-09-22', type: 'TOKEN', id: token.id });
    for (const file of logFiles(logDir)) {
      const text = readFileSync(file, 'utf8');
      for (const secret of [token.plainTextToken, readOnly.plainTextToken, pat.rawToken, defaulted.rawToken, other.plainTextToken]) expect(text, file).not.to.include(secret);
    }
  });

  it('npm run demo:traffic provokes every kind of line, each in the file the configuration routes it to', async () => {
    const results = await driveTraffic({ baseUrl: demo.url, adminPassword: 'admin', automationPassword: 'automation' });
    expect(results.filter((r) => r.status >= 500)).to.deep.equal([]);
    await flushed();
    const landed = whereLinesLanded(logDir);
    const expected: Record<string, string> = {
      'token authenticated': 'atlassian-jira.log',
      'no valid token, password disabled': 'atlassian-jira.log',
      'IP address not allowed': 'atlassian-jira.log',
      'passed to the default authenticator': 'atlassian-jira.log',
      'read-only token on a write method': 'atlassian-jira.log',
      'rate limited': 'atlassian-jira.log',
      'SSO login passed': 'atlassian-jira-security.log',
      'SSO login failed': 'atlassian-jira-security.log',
      'SSO diagnostics (JSON)': 'kantega-diagnostics.log',
      'audit: token created': join('audit', 'audit.log'),
      'audit: failed authentication': join('audit', 'audit.log'),
    };
    for (const kind of LINE_KINDS) {
      expect([...(landed.get(kind.name)?.keys() ?? [])], kind.name).to.deep.equal([expected[kind.name]]);
    }
  });
});

describe('demo server with its configuration watched', function () {
  this.timeout(30000);
  let dir: string;
  let demo: Demo;

  before(async () => {
    await LogManager.resetConfiguration();
    dir = mkdtempSync(join(tmpdir(), 'logwarden-demo-watch-'));
    mkdirSync(join(dir, 'conf'));
    const properties = readFileSync(join(repo, 'conf/demo.properties'), 'utf8').replace('log4j.rootLogger=INFO, console, filelog', 'log4j.rootLogger=INFO, filelog');
    writeFileSync(join(dir, 'conf/demo.properties'), properties);
    demo = await startDemo({ port: 0, logDir: join(dir, 'logs'), dataDir: join(dir, 'data'), configFile: join(dir, 'conf/demo.properties'), watch: true });
  });
  after(async () => {
    await demo.close();
    await LogManager.resetConfiguration();
    rmSync(dir, { recursive: true, force: true });
  });

  it('changes levels live when conf/demo.properties is edited', async () => {
    const mainLog = () => readFileSync(join(dir, 'logs', 'atlassian-jira.log'), 'utf8');
    const passedOn = (text: string) => text.split('\n').filter((l) => l.includes('Passing the request further')).length;
    await call(demo, 'GET', '/rest/api/2/myself', { auth: basic('admin', 'wrong') });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(passedOn(mainLog())).to.equal(1);

    const file = join(dir, 'conf/demo.properties');
    writeFileSync(file, readFileSync(file, 'utf8').replace('log4j.logger.de.resolution.apitokenauth=INFO', 'log4j.logger.de.resolution.apitokenauth=WARN'));
    const start = Date.now();
    let quiet = false;
    while (!quiet && Date.now() - start < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const before = passedOn(mainLog());
      await call(demo, 'GET', '/rest/api/2/myself', { auth: basic('admin', 'wrong') });
      await new Promise((resolve) => setTimeout(resolve, 50));
      quiet = passedOn(mainLog()) === before;
    }
    expect(quiet, 'INFO lines of de.resolution.apitokenauth stop after the edit').to.equal(true);
    expect(Date.now() - start).to.be.below(3000);
  });
});

describe('demo server with its token store on a full disk', function () {
  this.timeout(30000);
  let dir: string;
  let disk: SmallFileSystem | null;
  let demo: Demo | undefined;

  const start = async () => startDemo({
    port: 0, logDir: join(dir, 'logs'), dataDir: disk!.dir, configFile: join(dir, 'conf/demo.properties'),
    watch: false, adminPassword: 'admin', automationPassword: 'automation',
  });
  const restart = async () => {
    await demo!.close();
    // A new process would start without the old instance's appenders.
    await LogManager.resetConfiguration();
    demo = await start();
  };

  before(async function () {
    await LogManager.resetConfiguration();
    dir = mkdtempSync(join(tmpdir(), 'logwarden-demo-full-'));
    disk = SmallFileSystem.mount(join(dir, 'data'));
    if (!disk) this.skip();
    mkdirSync(join(dir, 'conf'));
    writeFileSync(join(dir, 'conf/demo.properties'), readFileSync(join(repo, 'conf/demo.properties'), 'utf8').replace('log4j.rootLogger=INFO, console, filelog', 'log4j.rootLogger=INFO, filelog'));
    demo = await start();
  });
  after(async () => {
    await demo?.close();
    disk?.unmount();
    await LogManager.resetConfiguration();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a deletion that cannot be written fails as a whole and can be retried; a restart finds what the caller was told', async () => {
    const admin = basic('admin', 'admin');
    const tokens = '/rest/de.resolution.apitokenauth/latest/user/token';
    const created = await call(demo!, 'POST', tokens, { auth: admin, body: '{"tokenDescription":"kept"}' });
    expect(created.status, created.body).to.equal(200);
    const { id, plainTextToken: token } = created.json();
    const works = async () => (await call(demo!, 'GET', '/rest/api/2/myself', { auth: bearer(token) })).status;

    disk!.fill();
    const internal: string[] = [];
    const previousSink = InternalLog.setSink((line) => internal.push(line));
    expect((await call(demo!, 'DELETE', `${tokens}/${id}`, { auth: admin })).status).to.equal(500);
    expect(await works(), 'the token still works').to.equal(200);
    expect((await call(demo!, 'DELETE', `${tokens}/${id}`, { auth: admin })).status, 'the retry finds the token').to.equal(500);
    expect((await call(demo!, 'POST', tokens, { auth: admin, body: '{"tokenDescription":"never stored"}' })).status).to.equal(500);
    await restart();
    InternalLog.setSink(previousSink);
    expect(internal.join('\n'), 'last-accessed times could not be written either').to.match(/last-accessed times failed: .*ENOSPC/);
    expect(await works(), 'after a restart').to.equal(200);
    expect((await call(demo!, 'GET', tokens, { auth: admin })).json().content.map((t: { id: string }) => t.id)).to.deep.equal([id]);

    disk!.free();
    expect((await call(demo!, 'DELETE', `${tokens}/${id}`, { auth: admin })).status).to.equal(200);
    expect(await works()).to.equal(401);
    await restart();
    expect(await works(), 'after a restart').to.equal(401);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const actions = (await demo!.auth.audit.query({ text: id })).records.map((r) => r.type.action).filter((a) => a.startsWith('Token '));
    expect(actions, 'one deletion, audited when it happened').to.deep.equal(['Token deleted', 'Token created']);
  });
});

describe('demo server keeps secrets out of its logs', function () {
  this.timeout(30000);
  let dir: string;
  let logDir: string;
  let demo: Demo;

  const mainLog = () => readFileSync(join(logDir, 'atlassian-jira.log'), 'utf8').split('\n').filter(Boolean);
  const flushed = () => new Promise((resolve) => setTimeout(resolve, 50));

  before(async () => {
    ({ dir, logDir, demo } = await startDemoIn('logwarden-demo-secrets-', { console: false }));
  });

  after(async () => {
    await demo.close();
    await LogManager.resetConfiguration();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a malformed query parameter with a 400 and writes no query string into any log file', async () => {
    const secret = `pw-${randomBytes(8).toString('hex')}`;
    const admin = basic('admin', 'admin');
    const bad = await call(demo, 'GET', `/rest/auditing/1.0/events?limit=ten&os_password=${secret}`, { auth: admin });
    expect(bad.status, bad.body).to.equal(400);
    expect(bad.json()).to.deep.equal({ status: 400, message: `Query parameter "limit" must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}` });
    for (const query of ['offset=-1', 'from=yesterday', 'to=1e3', 'offset=1.5', 'limit=', 'limit=1&limit=2', 'text=a&text=b']) {
      const reply = await call(demo, 'GET', `/rest/auditing/1.0/events?${query}&os_password=${secret}`, { auth: admin });
      expect(reply.status, query).to.equal(400);
      expect(reply.json(), query).to.have.keys('status', 'message');
      expect(reply.body, query).not.to.include(secret);
    }
    const good = await call(demo, 'GET', `/rest/auditing/1.0/events?limit=5&from=0&os_password=${secret}`, { auth: admin });
    expect(good.status, good.body).to.equal(200);
    expect(good.json().limit).to.equal(5);
    expect((await call(demo, 'GET', `/rest/api/2/myself?os_username=admin&os_password=${secret}`, { auth: basic('admin', 'wrong') })).status).to.equal(401);
    await flushed();
    const lines = mainLog();
    expect(lines.some((l) => JIRA_LINE.exec(l)?.[7] === '/rest/auditing/1.0/events'), 'the requests are logged, by path').to.equal(true);
    const files = logFiles(logDir);
    expect(files.map((f) => relative(logDir, f))).to.include.members(['atlassian-jira.log', join('audit', 'audit.log')]);
    for (const file of files) expect(readFileSync(file, 'utf8'), file).not.to.include(secret);
  });

  it('redacts a token sent as the Basic user name in the main log, the MDC and the audit log', async () => {
    const apiTokenValue = await createToken(demo, { tokenDescription: 'sent as a user name', tokenScope: 1 });
    const pat = await call(demo, 'POST', '/rest/pat/latest/tokens', { auth: basic('admin', 'admin'), body: '{"name":"sent as a user name","expirationDuration":30}' });
    expect(pat.status, pat.body).to.equal(201);
    const patValue: string = pat.json().rawToken;
    for (const token of [apiTokenValue, patValue]) {
      expect((await call(demo, 'GET', '/rest/api/2/myself', { auth: basic(token, '') })).status).to.equal(401);
      expect((await call(demo, 'GET', '/rest/ssh/1.0/keys', { auth: basic(token, '') })).status).to.equal(401);
    }
    await flushed();
    const lines = mainLog().map((l) => JIRA_LINE.exec(l)).filter((m) => m !== null);
    const texts = lines.map((m) => m[9]);
    expect(texts.filter((t) => t === `User ${REDACTED_USER_NAME} tried to authenticate with an invalid token or regular password. Passing the request further to the default authenticator. REST endpoint: /rest/api/2/myself`)).to.have.length(2);
    expect(texts.filter((t) => t === `Token verification for user ${REDACTED_USER_NAME} failed: No valid API token was provided and basic auth with password is disabled. REST endpoint: /rest/ssh/1.0/keys`)).to.have.length(2);
    const audit = readFileSync(join(logDir, 'audit', 'audit.log'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const redacted = audit.filter((r) => r.type.action === 'Failed authentication' && r.affectedObjects.some((o: { name: string }) => o.name === REDACTED_USER_NAME));
    expect(redacted).to.have.length(4);
    for (const file of logFiles(logDir)) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.to.include(apiTokenValue);
      expect(text, file).not.to.include(patValue);
    }
    for (const m of lines) expect(m[3], 'jira.username').not.to.include(apiTokenValue.slice(0, 16));
  });

  it('refuses a token on the IP-restricted route when a trusted proxy forwards an address that cannot be determined', async () => {
    const token = await createToken(demo, { tokenDescription: 'behind a proxy', tokenScope: 2 });
    for (const hop of ['garbage', '10.0.0.5%eth0', 'unknown', '10.0.0.5, ']) {
      const reply = await call(demo, 'GET', '/rest/ssh/1.0/keys', { auth: bearer(token), headers: { 'X-Forwarded-For': hop } });
      expect(reply.status, hop).to.equal(403);
    }
    expect((await call(demo, 'GET', '/rest/ssh/1.0/keys', { auth: bearer(token), headers: { 'X-Forwarded-For': '10.0.0.5' } })).status).to.equal(200);
    await flushed();
    const unknown = mainLog().map((l) => JIRA_LINE.exec(l)).filter((m) => m !== null && m[9]!.includes('IP address unknown of request'));
    expect(unknown).to.have.length(4);
    for (const m of unknown) {
      expect(m![9]).to.equal('Token verification for user admin failed: IP address unknown of request is not allowed to access the REST API and basic auth with password is disabled. REST endpoint: /rest/ssh/1.0/keys');
      expect(m![6], 'the logged chain').to.equal('unknown,127.0.0.1');
    }
  });
});

describe('demo server with its console appender', function () {
  this.timeout(30000);

  it('writes no token sent as the user name and no query string to the console', async () => {
    const secret = `pw-${randomBytes(8).toString('hex')}`;
    const printed: string[] = [];
    const write = process.stdout.write;
    // The demo's own configuration logs to stdout; what it writes there is kept out of the test report and read here.
    process.stdout.write = ((chunk: string | Uint8Array) => printed.push(String(chunk)) > 0) as typeof process.stdout.write;
    let started: { dir: string; demo: Demo } | undefined;
    let token: string;
    try {
      started = await startDemoIn('logwarden-demo-console-', { console: true });
      token = await createToken(started.demo, { tokenDescription: 'sent as a user name', tokenScope: 1 });
      expect((await call(started.demo, 'GET', '/rest/api/2/myself', { auth: basic(token, '') })).status).to.equal(401);
      expect((await call(started.demo, 'GET', `/rest/auditing/1.0/events?limit=ten&os_password=${secret}`, { auth: basic('admin', 'admin') })).status).to.equal(400);
    } finally {
      await started?.demo.close();
      process.stdout.write = write;
      await LogManager.resetConfiguration();
      if (started) rmSync(started.dir, { recursive: true, force: true });
    }
    const text = printed.join('');
    expect(text).to.include(`User ${REDACTED_USER_NAME} tried to authenticate with an invalid token or regular password.`);
    expect(text).to.include(' /rest/auditing/1.0/events ');
    expect(text).not.to.include(token!);
    expect(text).not.to.include(secret);
  });
});

describe('demo server with a chained audit log (DEMO_AUDIT_KEY_FILE)', function () {
  this.timeout(30000);

  it('signs its audit log; the audit REST endpoint reads it as before, and logwarden audit verify finds it intact and closed', async () => {
    const keyDir = mkdtempSync(join(tmpdir(), 'logwarden-demo-audit-key-'));
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const privateFile = join(keyDir, 'audit-signing.pem');
    const publicFile = join(keyDir, 'audit-public.pem');
    writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    writeFileSync(publicFile, publicKey.export({ type: 'spki', format: 'pem' }));
    let started: { dir: string; logDir: string; demo: Demo } | undefined;
    try {
      started = await startDemoIn('logwarden-demo-chained-', { console: false, auditKeyFile: privateFile });
      await createToken(started.demo, { tokenDescription: 'chained', tokenScope: 1 });
      const events = await call(started.demo, 'GET', '/rest/auditing/1.0/events?limit=10', { auth: basic('admin', 'admin') });
      expect(events.status).to.equal(200);
      expect(events.body).to.include('Token created');
      expect(events.body).not.to.include('"chain"');
      await started.demo.close();
      // As `npm start` does after closing the demo: logging is shut down, so the close checkpoint is on disk.
      await LogManager.resetConfiguration();
      const bin = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
      const verify = spawnSync(process.execPath, [bin, 'audit', 'verify', join(started.logDir, 'audit'), '--key', publicFile, '--closed'], { encoding: 'utf8' });
      expect(verify.status, verify.stdout + verify.stderr).to.equal(0);
      expect(verify.stdout).to.include(': intact');
      expect(readFileSync(join(started.logDir, 'audit', 'audit.log'), 'utf8')).not.to.include(privateKey.export({ type: 'pkcs8', format: 'der' }).subarray(-32).toString('base64'));
    } finally {
      await LogManager.resetConfiguration();
      if (started) rmSync(started.dir, { recursive: true, force: true });
      rmSync(keyDir, { recursive: true, force: true });
    }
  });
});

describe('demo server with an unreadable audit settings file', function () {
  this.timeout(30000);

  it('does not start, naming the file; with the file repaired it starts with the switches saved there', async () => {
    await LogManager.resetConfiguration();
    const dir = mkdtempSync(join(tmpdir(), 'logwarden-demo-settings-'));
    const settings = join(dir, 'data', 'audit-settings.json');
    mkdirSync(join(dir, 'data'));
    mkdirSync(join(dir, 'conf'));
    writeFileSync(join(dir, 'conf/demo.properties'), readFileSync(join(repo, 'conf/demo.properties'), 'utf8').replace('log4j.rootLogger=INFO, console, filelog', 'log4j.rootLogger=INFO, filelog'));
    const start = () => startDemo({
      port: 0, logDir: join(dir, 'logs'), dataDir: join(dir, 'data'), configFile: join(dir, 'conf/demo.properties'),
      watch: false, adminPassword: 'admin', automationPassword: 'automation', auditKeyFile: null,
    });
    let demo: Demo | undefined;
    try {
      writeFileSync(settings, '{"version":1,"auditSwitches":{"successfulAuthentication":"yes"}}');
      let error: Error | undefined;
      await start().then((started) => { demo = started; }, (cause: Error) => { error = cause; });
      expect(error?.message).to.equal(`Audit settings ${settings}: auditSwitches.successfulAuthentication: expected true or false, got "yes"`);

      await LogManager.resetConfiguration();
      writeFileSync(settings, JSON.stringify({ version: 1, auditSwitches: { successfulAuthentication: false, failedApiTokenAttempts: true, allFailedAttempts: true, permissionDenied: false } }));
      demo = await start();
      expect(demo.auth.audit.switches).to.deep.equal({ successfulAuthentication: false, failedApiTokenAttempts: true, allFailedAttempts: true, permissionDenied: false });
    } finally {
      await demo?.close();
      await LogManager.resetConfiguration();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
