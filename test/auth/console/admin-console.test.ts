import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import connect from 'connect';
import { MemoryAppender } from '../../../appenders/memory-appender.js';
import { AuditLog } from '../../../src/auth/audit/audit-log.js';
import { MemoryAuditSource } from '../../../src/auth/audit/memory-audit-source.js';
import { createAuthModule, type AuthModule } from '../../../src/auth/auth-module.js';
import { adminConsole, type AdminConsoleHandler, type AdminConsoleOptions } from '../../../src/auth/console/admin-console.js';
import type { ConsolePageFactory } from '../../../src/auth/console/console-page.js';
import { CONTENT_SECURITY_POLICY } from '../../../src/auth/console/console-response.js';
import { html } from '../../../src/auth/console/html.js';
import { MemoryTokenStore } from '../../../src/auth/store/memory-token-store.js';
import { GroupPermissions } from '../../../src/auth/tokens/token-permissions.js';
import { InMemoryUserDirectory } from '../../../src/auth/users/user-directory.js';
import { Level } from '../../../src/level.js';
import { LogManager, getLogger } from '../../../src/log-manager.js';
import { ConsoleClient } from './console-client.js';

/** A small real page: a counter administrators add to, and a page of one's own every user may open. */
function testPages(state: { count: number }): ConsolePageFactory[] {
  return [
    () => ({
      segment: 'counter', title: 'Counter', access: 'administrators',
      render: (context) => html`<p id="count">Count: ${state.count}</p><p id="query">${context.query.get('q')}</p>
<form method="post" action="${context.actionUrl('add')}">${context.csrfField}<label for="by">By</label><input id="by" name="by"><button>Add</button></form>`,
      actions: {
        add: (form) => {
          const by = Number(form.get('by'));
          if (!Number.isInteger(by)) return { status: 422, message: `"${form.get('by')}" is not a <number>` };
          state.count += by;
          getLogger('test.CounterPage').info(`added ${by}`);
          return { flash: `Added ${by}`, query: 'q=after' };
        },
        reveal: () => ({ flash: 'Made a secret', reveal: html`<p id="secret">${'s3cret<'}</p>` }),
      },
      endpoints: { value: (context) => ({ count: state.count, from: context.clientAddress }) },
    }),
    () => ({ segment: 'mine', title: 'Mine', access: 'authenticated', render: (context) => html`<p>Yours, ${context.user.name}; administrator: ${String(context.isAdministrator)}</p>` }),
  ];
}

type Mount = (handler: AdminConsoleHandler) => Server;
const mounts: Record<string, { options: Partial<AdminConsoleOptions>; mount: Mount }> = {
  'node:http with basePath': {
    options: { basePath: '/admin' },
    mount: (handler) => createServer((req, res) => handler(req, res)),
  },
  'Express at app.use("/admin")': {
    options: {},
    mount: (handler) => {
      const app = express();
      app.use('/admin', handler);
      app.get('/{*path}', (_req, res) => { res.status(200).send('app'); });
      return createServer(app);
    },
  },
  'Connect at app.use("/admin")': {
    options: {},
    mount: (handler) => {
      const app = connect();
      app.use('/admin', handler);
      app.use((_req, res) => res.end('app'));
      return createServer(app);
    },
  },
};

describe('adminConsole', function () {
  this.timeout(20_000);
  const users = new InMemoryUserDirectory([
    { name: 'admin', password: 'secret', groups: ['admins', 'users'] },
    { name: 'dev', password: 'dev-password', groups: ['users'] },
  ]);
  let memory: MemoryAppender;
  let auditLines: MemoryAppender;
  let module: AuthModule;
  let server: Server | null;
  let state: { count: number };

  function start(mount: Mount, options: Partial<AdminConsoleOptions> = {}): Promise<ConsoleClient> {
    const handler = adminConsole({ auth: module, users, administratorGroups: ['admins'], pages: testPages(state), ...options });
    server = mount(handler);
    return new Promise((resolve) => server!.listen(0, '127.0.0.1', () => resolve(new ConsoleClient((server!.address() as AddressInfo).port))));
  }

  beforeEach(async () => {
    await LogManager.resetConfiguration();
    memory = new MemoryAppender({ name: 'memory' });
    getLogger().addAppender(memory);
    getLogger().level = Level.INFO;
    auditLines = new MemoryAppender({ name: 'audit-lines' });
    module = createAuthModule({
      flavour: 'jira', users, store: new MemoryTokenStore(), timeZone: 'UTC',
      permissions: new GroupPermissions({ adminGroups: ['admins'] }),
      audit: new AuditLog({ appender: auditLines, source: new MemoryAuditSource(auditLines), switches: { allFailedAttempts: true, permissionDenied: true } }),
    });
    state = { count: 0 };
    server = null;
  });
  afterEach(async () => {
    if (server) await new Promise((resolve) => { server!.close(resolve); server!.closeAllConnections(); });
    await module.close();
    await LogManager.resetConfiguration();
  });

  for (const [name, { options, mount }] of Object.entries(mounts)) {
    describe(`mounted by ${name}`, () => {
      it('shows the login form without a session, logs in, and serves the page under the mount path', async () => {
        const client = await start(mount, options);
        const form = await client.get('/admin/counter?q=1');
        expect(form.status).to.equal(200);
        expect(form.body).to.include('<label for="login-username">Username</label>').and.include('<label for="login-password">Password</label>').and.include('>Log in</button>');
        expect(form.body).to.include('action="/admin/login"').and.include('name="return" value="/admin/counter"');
        const login = await client.post('/admin/login', { csrf: client.csrf, return: '/admin/counter', username: 'admin', password: 'secret' });
        expect(login.status).to.equal(303);
        expect(login.headers.location).to.equal('/admin/counter');
        const page = await client.get('/admin/counter?q=1');
        expect(page.status).to.equal(200);
        expect(page.body).to.include('<h1>Counter</h1>').and.include('<p id="count">Count: 0</p>').and.include('<p id="query">1</p>');
        expect(page.body).to.include('href="/admin/assets/console.css"').and.include('src="/admin/assets/console.js"');
      });

      if (!name.startsWith('node:http')) {
        it('leaves paths outside the mount to the application', async () => {
          const client = await start(mount, options);
          const reply = await client.get('/elsewhere');
          expect(reply.body).to.equal('app');
        });
      }

      it('runs an action posted with the session\'s CSRF token, then redirects to the page with the flash', async () => {
        const client = await start(mount, options);
        await client.logIn('/admin', 'admin', 'secret');
        await client.get('/admin/counter');
        const posted = await client.post('/admin/counter/add', { csrf: client.csrf, by: '5' });
        expect(posted.status).to.equal(303);
        expect(posted.headers.location).to.equal('/admin/counter?q=after');
        expect(state.count).to.equal(5);
        // Logged while serving the session's request: the line names its user, as a REST request's would.
        expect(memory.events.find((e) => e.message === 'added 5')?.mdc['jira.username']).to.equal('admin');
        const page = await client.get('/admin/counter?q=after');
        expect(page.body).to.include('role="status">Added 5</div>');
        expect((await client.get('/admin/counter')).body).not.to.include('Added 5');
        expect(JSON.parse((await client.get('/admin/counter/value')).body)).to.deep.equal({ count: 5, from: '127.0.0.1' });
      });
    });
  }

  it('answers a plain node:http request outside its basePath with 404', async () => {
    const client = await start((handler) => createServer((req, res) => handler(req, res)), { basePath: '/admin' });
    expect((await client.get('/administrator')).status).to.equal(404);
    expect((await client.get('/')).status).to.equal(404);
  });

  it('sets the session cookie HttpOnly, SameSite=Strict, with the mount path, Secure only when asked or over TLS', async () => {
    const plain = await start((handler) => createServer((req, res) => handler(req, res)), { basePath: '/admin' });
    const login = await plain.logIn('/admin', 'admin', 'secret');
    const cookies = login.headers['set-cookie'] as string[];
    const session = cookies.find((c) => c.startsWith('lw_console='))!;
    expect(session).to.match(/^lw_console=[A-Za-z0-9_-]{43}; Path=\/admin; HttpOnly; SameSite=Strict$/);
    expect(cookies.find((c) => c.startsWith('lw_console_login='))).to.include('Max-Age=0');
    await new Promise((resolve) => { server!.close(resolve); server!.closeAllConnections(); });

    const secure = await start((handler) => createServer((req, res) => handler(req, res)), { basePath: '/admin', secureCookies: true });
    const secureLogin = await secure.logIn('/admin', 'admin', 'secret');
    expect((secureLogin.headers['set-cookie'] as string[]).find((c) => c.startsWith('lw_console='))).to.match(/; HttpOnly; SameSite=Strict; Secure$/);
  });

  it('gives every login a fresh session id, and logout ends the session', async () => {
    const client = await start((handler) => createServer((req, res) => handler(req, res)), { basePath: '/admin' });
    const planted = 'A'.repeat(43);
    client.cookies.set('lw_console', planted);
    await client.logIn('/admin', 'admin', 'secret');
    const first = client.cookies.get('lw_console')!;
    expect(first).not.to.equal(planted);
    client.cookies.delete('lw_console');
    await client.logIn('/admin', 'admin', 'secret');
    const second = client.cookies.get('lw_console')!;
    expect(second).not.to.equal(first);
    await client.get('/admin/counter');
    const out = await client.post('/admin/logout', { csrf: client.csrf });
    expect(out.status).to.equal(303);
    expect(String(out.headers['set-cookie'])).to.match(/lw_console=; Path=\/admin; Max-Age=0/);
    client.cookies.set('lw_console', second);
    expect((await client.get('/admin/counter')).body).to.include('>Log in</button>');
  });

  it('returns after login only to a path of its own, also when mounted at the root (no //other.host)', async () => {
    const client = await start((handler) => createServer((req, res) => handler(req, res)));
    for (const target of ['//evil.example/', '/\\evil.example/', '//evil.example/counter']) {
      client.cookies.delete('lw_console');
      await client.get('/');
      const login = await client.post('/login', { csrf: client.csrf, return: target, username: 'admin', password: 'secret' });
      expect(login.status).to.equal(303);
      expect(login.headers.location, target).to.equal('/');
    }
    client.cookies.delete('lw_console');
    await client.get('/');
    const inside = await client.post('/login', { csrf: client.csrf, return: '/counter', username: 'admin', password: 'secret' });
    expect(inside.headers.location).to.equal('/counter');
  });

  it('sends the strict Content-Security-Policy, nosniff and no-store with every page', async () => {
    const client = await start((handler) => createServer((req, res) => handler(req, res)), { basePath: '/admin' });
    for (const reply of [await client.get('/admin/'), await client.logIn('/admin', 'admin', 'secret'), await client.get('/admin/counter')]) {
      expect(reply.headers['content-security-policy']).to.equal(CONTENT_SECURITY_POLICY);
      expect(reply.headers['x-content-type-options']).to.equal('nosniff');
      expect(reply.headers['cache-control']).to.equal('no-store');
    }
    expect(CONTENT_SECURITY_POLICY).to.include("default-src 'none'").and.include("script-src 'self'").and.include("style-src 'self'")
      .and.include("img-src 'self'").and.include("form-action 'self'").and.include("frame-ancestors 'none'").and.include("base-uri 'none'");
    const page = await client.get('/admin/counter');
    expect(page.body).not.to.match(/<script>|<script [^>]*>[^<]|style=|\son[a-z]+=/);
  });

  it('serves its stylesheet and script itself, with their content types and revalidation', async () => {
    const client = await start((handler) => createServer((req, res) => handler(req, res)), { basePath: '/admin' });
    const css = await client.get('/admin/assets/console.css');
    expect(css.status).to.equal(200);
    expect(css.headers['content-type']).to.equal('text/css; charset=utf-8');
    const js = await client.get('/admin/assets/console.js');
    expect(js.headers['content-type']).to.equal('text/javascript; charset=utf-8');
    expect(js.headers['content-security-policy']).to.equal(CONTENT_SECURITY_POLICY);
    const icon = await client.get('/admin/assets/icon.svg');
    expect([icon.status, icon.headers['content-type']]).to.deep.equal([200, 'image/svg+xml']);
    expect((await client.get('/admin/')).body).to.include('<link rel="icon" href="/admin/assets/icon.svg"');
    const again = await client.get('/admin/assets/console.js', { 'If-None-Match': String(js.headers.etag) });
    expect(again.status).to.equal(304);
  });

  describe('CSRF', () => {
    async function loggedIn(): Promise<ConsoleClient> {
      const client = await start((handler) => createServer((req, res) => handler(req, res)), { basePath: '/admin' });
      await client.logIn('/admin', 'admin', 'secret');
      await client.get('/admin/counter');
      return client;
    }

    it('refuses a post without the session\'s token (403) and runs nothing', async () => {
      const client = await loggedIn();
      const csrf = client.csrf;
      expect((await client.post('/admin/counter/add', { by: '5' })).status).to.equal(403);
      expect((await client.post('/admin/counter/add', { csrf: csrf.slice(1) + 'A', by: '5' })).status).to.equal(403);
      expect(state.count).to.equal(0);
      expect(memory.events.map((e) => e.message).join('\n')).to.include('without the session\'s CSRF token');
    });

    it('refuses a post from another origin or another site (403) even with the token', async () => {
      const client = await loggedIn();
      const csrf = client.csrf;
      expect((await client.post('/admin/counter/add', { csrf, by: '5' }, { Origin: 'https://evil.example' })).status).to.equal(403);
      expect((await client.post('/admin/counter/add', { csrf, by: '5' }, { Origin: 'null' })).status).to.equal(403);
      expect((await client.post('/admin/counter/add', { csrf, by: '5' }, { 'Sec-Fetch-Site': 'cross-site' })).status).to.equal(403);
      expect((await client.post('/admin/counter/add', { csrf, by: '5' }, { 'Sec-Fetch-Site': 'same-site' })).status).to.equal(403);
      expect(state.count).to.equal(0);
      expect((await client.post('/admin/counter/add', { csrf, by: '5' })).status).to.equal(303);
      expect(state.count).to.equal(5);
    });

    it('refuses a cross-site login and a login without the login form\'s token', async () => {
      const client = await start((handler) => createServer((req, res) => handler(req, res)), { basePath: '/admin' });
      await client.get('/admin/');
      const csrf = client.csrf;
      expect((await client.post('/admin/login', { csrf, username: 'admin', password: 'secret' }, { Origin: 'https://evil.example' })).status).to.equal(403);
      expect((await client.post('/admin/login', { csrf: 'x', username: 'admin', password: 'secret' })).status).to.equal(403);
      expect(client.cookies.has('lw_console')).to.equal(false);
    });

    it('accepts a post from an origin it is told to trust (a proxy that rewrites Host)', async () => {
      const client = await start((handler) => createServer((req, res) => handler(req, res)), { basePath: '/admin', trustedOrigins: ['https://logs.example.com'] });
      await client.logIn('/admin', 'admin', 'secret');
      await client.get('/admin/counter');
      expect((await client.post('/admin/counter/add', { csrf: client.csrf, by: '2' }, { Origin: 'https://logs.example.com' })).status).to.equal(303);
    });
  });

  it('shows what an action reveals in the answer to the post only: no redirect, nothing kept for a later page', async () => {
    const client = await start((handler) => createServer((req, res) => handler(req, res)), { basePath: '/admin' });
    await client.logIn('/admin', 'admin', 'secret');
    await client.get('/admin/counter');
    const posted = await client.post('/admin/counter/reveal', { csrf: client.csrf });
    expect(posted.status).to.equal(200);
    expect(posted.headers.location).to.equal(undefined);
    expect(posted.headers['cache-control']).to.equal('no-store');
    expect(posted.body).to.include('role="status">Made a secret</div>').and.include('<p id="secret">s3cret&lt;</p>');
    expect((await client.get('/admin/counter')).body).not.to.include('s3cret').and.not.to.include('Made a secret');
  });

  it('answers a refused action with its status and the page, the message escaped', async () => {
    const client = await start((handler) => createServer((req, res) => handler(req, res)), { basePath: '/admin' });
    await client.logIn('/admin', 'admin', 'secret');
    await client.get('/admin/counter');
    const reply = await client.post('/admin/counter/add', { csrf: client.csrf, by: '<b>' });
    expect(reply.status).to.equal(422);
    expect(reply.body).to.include('<h1>Counter</h1>').and.include('role="alert">&quot;&lt;b&gt;&quot; is not a &lt;number&gt;</div>');
  });

  it('lets a non-administrator into pages open to every user only; other pages are 403 and audited', async () => {
    const client = await start((handler) => createServer((req, res) => handler(req, res)), { basePath: '/admin' });
    const login = await client.logIn('/admin', 'dev', 'dev-password');
    expect(login.status).to.equal(303);
    const home = await client.get('/admin/');
    expect(home.headers.location).to.equal('/admin/mine');
    const mine = await client.get('/admin/mine');
    expect(mine.body).to.include('Yours, dev; administrator: false');
    expect(mine.body).not.to.include('href="/admin/counter"');
    const denied = await client.get('/admin/counter');
    expect(denied.status).to.equal(403);
    expect(denied.body).to.include('Only administrators may open Counter.');
    expect((await client.get('/admin/counter/value')).status).to.equal(403);
    expect((await client.post('/admin/counter/add', { csrf: client.csrf, by: '1' })).status).to.equal(403);
    expect(state.count).to.equal(0);
    const audit = auditLines.events.map((e) => e.message).join('\n');
    expect(audit).to.include('Permission denied');
  });

  it('checks a login through the REST authenticator: a wrong password is a 401 with the product\'s log line and an audit record', async () => {
    const client = await start((handler) => createServer((req, res) => handler(req, res)), { basePath: '/admin' });
    const reply = await client.logIn('/admin', 'admin', 'wrong');
    expect(reply.status).to.equal(401);
    expect(reply.body).to.include('Sorry, your username and password are incorrect.');
    expect(client.cookies.has('lw_console')).to.equal(false);
    expect(memory.events.map((e) => e.message)).to.include(
      'User admin tried to authenticate with an invalid token or regular password. Passing the request further to the default authenticator. REST endpoint: /admin/login');
    expect(auditLines.events.map((e) => e.message).join('\n')).to.include('Failed authentication');
    expect(memory.events.map((e) => e.message).join('\n')).not.to.include('wrong');
  });

  it('refuses a username with a colon (400) instead of checking, logging and auditing the user named before it', async () => {
    const client = await start((handler) => createServer((req, res) => handler(req, res)), { basePath: '/admin' });
    const reply = await client.logIn('/admin', 'admin:wrong', 'guess');
    expect(reply.status).to.equal(400);
    expect(reply.body).to.include('A username cannot contain a colon.');
    expect(memory.events.map((e) => e.message).join('\n')).not.to.include('User admin tried');
    expect(auditLines.events).to.have.length(0);
  });

  it('throttles logins with the REST API\'s failed-attempt throttle (429)', async () => {
    const client = await start((handler) => createServer((req, res) => handler(req, res)), { basePath: '/admin' });
    let last = 0;
    for (let i = 0; i < 30 && last !== 429; i++) last = (await client.logIn('/admin', 'admin', `wrong-${i}`)).status;
    expect(last).to.equal(429);
    const right = await client.logIn('/admin', 'admin', 'secret');
    expect(right.status).to.equal(429);
    expect(right.body).to.include('Too many failed attempts');
  });

  it('refuses page definitions that would clash, naming them', () => {
    const page: ConsolePageFactory = () => ({ segment: 'login', title: 'Bad', access: 'authenticated', render: () => html`` });
    expect(() => adminConsole({ auth: module, users, administratorGroups: [], pages: [page] })).to.throw('segment "login"');
    const twice: ConsolePageFactory = () => ({ segment: 'same', title: 'Same', access: 'authenticated', render: () => html`` });
    expect(() => adminConsole({ auth: module, users, administratorGroups: [], pages: [twice, twice] })).to.throw('"same"');
  });
});
