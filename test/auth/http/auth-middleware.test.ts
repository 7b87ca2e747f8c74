import { expect } from 'chai';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import connect from 'connect';
import { createAuthModule, type AuthModule } from '../../../src/auth/auth-module.js';
import { MemoryTokenStore } from '../../../src/auth/store/memory-token-store.js';
import { InMemoryUserDirectory } from '../../../src/auth/users/user-directory.js';
import { GroupPermissions } from '../../../src/auth/tokens/token-permissions.js';
import { authMiddleware, type AuthenticatedRequest, type AuthMiddleware } from '../../../src/auth/http/auth-middleware.js';
import { getLogger, LogManager } from '../../../src/log-manager.js';
import { MemoryAppender } from '../../../appenders/memory-appender.js';
import { Level } from '../../../src/level.js';
import type { ProductFlavour } from '../../../src/auth/messages/product-flavour.js';
import { REDACTED_USER_NAME } from '../../../src/auth/loggable-user-name.js';
import { patToken } from '../../../src/auth/tokens/pat-token.js';

const handlerLog = getLogger('com.example.Handler');

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingMessage['headers']; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const handler = (req: IncomingMessage, res: ServerResponse) => {
  handlerLog.info('handled');
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({ user: (req as AuthenticatedRequest).auth?.user ?? null }));
};

type Mount = (middleware: AuthMiddleware) => Server;
const mounts: Record<string, Mount> = {
  'node:http': (middleware) => createServer((req, res) => middleware(req, res, () => handler(req, res))),
  Express: (middleware) => {
    const app = express();
    app.use(middleware);
    app.get('/{*path}', handler);
    return createServer(app);
  },
  Connect: (middleware) => {
    const app = connect();
    app.use(middleware);
    app.use(handler);
    return createServer(app);
  },
};

describe('authMiddleware', () => {
  let memory: MemoryAppender;
  let modules: AuthModule[];

  const users = new InMemoryUserDirectory([
    { name: 'admin', password: 'secret', groups: ['admins', 'users'] },
    { name: 'automation-user', password: 'bot-password', groups: ['users'] },
  ]);

  function authModule(flavour: ProductFlavour, extra: Partial<Parameters<typeof createAuthModule>[0]> = {}): AuthModule {
    const module = createAuthModule({
      flavour, users, store: new MemoryTokenStore(),
      permissions: new GroupPermissions({ adminGroups: ['admins'] }),
      timeZone: 'UTC', ...extra,
    });
    modules.push(module);
    return module;
  }

  beforeEach(async () => {
    await LogManager.resetConfiguration();
    memory = new MemoryAppender({ name: 'memory' });
    getLogger().addAppender(memory);
    getLogger().level = Level.INFO;
    modules = [];
  });
  afterEach(async () => {
    for (const module of modules) await module.close();
    await LogManager.resetConfiguration();
  });

  for (const [name, mount] of Object.entries(mounts)) {
    describe(`mounted in ${name}`, () => {
      it('authenticates a token, scopes the request in the MDC and names the thread Tomcat-style', async () => {
        const auth = authModule('jira');
        const { token } = await auth.service.create((await users.findUser('automation-user'))!, { validity: { days: 1 }, description: 'CI' });
        const server = mount(authMiddleware({ authenticator: auth.authenticator }));
        const port = await listen(server);
        try {
          const reply = await get(port, '/rest/api/2/myself?expand=groups', { Authorization: `Bearer ${token}` });
          expect(reply.status).to.equal(200);
          expect(JSON.parse(reply.body)).to.deep.equal({ user: 'automation-user' });
          expect(reply.headers['x-arequestid']).to.match(/^\d+x1x1$/);
          const handled = memory.events.find((e) => e.message === 'handled')!;
          expect(handled.threadName).to.equal(`http-nio-${port}-exec-1`);
          expect(handled.mdc).to.deep.include({
            'jira.username': 'automation-user',
            'jira.request.id': reply.headers['x-arequestid'],
            'jira.request.assession.id': '-',
            'jira.request.ipaddr': '127.0.0.1',
            'jira.request.url': '/rest/api/2/myself',
          });
          const found = memory.events.find((e) => e.message.startsWith('Found a matching token'))!;
          expect(found.mdc['jira.username'], 'anonymous until authenticated').to.equal('anonymous');
          expect(found.threadName).to.equal(handled.threadName);
        } finally {
          server.close();
        }
      });

      it('lets requests without credentials through as anonymous', async () => {
        const server = mount(authMiddleware({ authenticator: authModule('jira').authenticator }));
        const port = await listen(server);
        try {
          const reply = await get(port, '/public');
          expect(JSON.parse(reply.body)).to.deep.equal({ user: null });
          expect(memory.events.find((e) => e.message === 'handled')!.mdc['jira.username']).to.equal('anonymous');
        } finally {
          server.close();
        }
      });

      it('answers a refused request itself with a JSON body and WWW-Authenticate, without calling the handler', async () => {
        const auth = authModule('jira', { basicAuthWithPasswordDisabled: true });
        const server = mount(authMiddleware({ authenticator: auth.authenticator }));
        const port = await listen(server);
        try {
          const reply = await get(port, '/rest/api/2/myself', { Authorization: 'Basic ' + Buffer.from('admin:secret').toString('base64') });
          expect(reply.status).to.equal(401);
          expect(reply.headers['content-type']).to.match(/^application\/json/);
          expect(JSON.parse(reply.body)).to.deep.equal({ status: 401, message: 'Authentication failed' });
          expect(reply.headers['www-authenticate']).to.match(/^Bearer realm=/);
          expect(memory.events.some((e) => e.message === 'handled')).to.equal(false);
        } finally {
          server.close();
        }
      });
    });
  }

  it('answers 429 with Retry-After when a token is rate limited', async () => {
    const auth = authModule('jira', { rateLimit: { requests: 1, minutes: 5 } });
    const { token } = await auth.service.create((await users.findUser('admin'))!, { validity: { days: 1 } });
    const server = mounts['node:http']!(authMiddleware({ authenticator: auth.authenticator }));
    const port = await listen(server);
    try {
      expect((await get(port, '/a', { Authorization: `Bearer ${token}` })).status).to.equal(200);
      const limited = await get(port, '/a', { Authorization: `Bearer ${token}` });
      expect(limited.status).to.equal(429);
      expect(Number(limited.headers['retry-after'])).to.be.within(1, 300);
      expect(JSON.parse(limited.body).status).to.equal(429);
    } finally {
      server.close();
    }
  });

  it('answers 401 to anonymous requests when authentication is required', async () => {
    const server = mounts['node:http']!(authMiddleware({ authenticator: authModule('jira').authenticator, requireAuthentication: (req) => req.url !== '/public' }));
    const port = await listen(server);
    try {
      expect((await get(port, '/public')).status).to.equal(200);
      const refused = await get(port, '/private');
      expect(refused.status).to.equal(401);
      expect(JSON.parse(refused.body)).to.deep.equal({ status: 401, message: 'Authentication required' });
      expect(refused.headers['www-authenticate']).to.equal('Basic realm="logwarden", Bearer realm="logwarden"');
    } finally {
      server.close();
    }
  });

  it('sets Bitbucket request fields and believes X-Forwarded-For only from trusted proxies', async () => {
    const auth = authModule('bitbucket', { trustedProxies: ['127.0.0.1'] });
    const server = mounts['node:http']!(authMiddleware({ authenticator: auth.authenticator }));
    const port = await listen(server);
    try {
      const reply = await get(port, '/rest/ssh/1.0/keys', { 'X-Forwarded-For': '79.209.73.23', Cookie: 'JSESSIONID=abc123' });
      expect(reply.headers['x-arequestid']).to.match(/^@[0-9A-Z]{6}x\d+x1x0$/);
      const handled = memory.events.find((e) => e.message === 'handled')!;
      expect(handled.mdc['a-request-id']).to.equal(reply.headers['x-arequestid']);
      expect(handled.mdc['a-request-ip']).to.equal('79.209.73.23,127.0.0.1');
      expect(handled.mdc['a-request-action']).to.equal('GET /rest/ssh/1.0/keys HTTP/1.1');
      expect(handled.mdc['a-request-session-id']).to.match(/^[A-Za-z0-9_-]{7}$/);
      expect(handled.mdc['a-request-session-id']).not.to.include('abc123');
    } finally {
      server.close();
    }
  });

  it('puts the user name into the MDC log-safe, so it cannot break a line', async () => {
    users.addUser({ name: 'eve\r\n2020-01-01 INFO forged', password: 'pw', groups: ['users'] });
    const server = mounts['node:http']!(authMiddleware({ authenticator: authModule('jira').authenticator }));
    const port = await listen(server);
    try {
      await get(port, '/x', { Authorization: 'Basic ' + Buffer.from('eve\r\n2020-01-01 INFO forged:pw').toString('base64') });
      expect(memory.events.find((e) => e.message === 'handled')!.mdc['jira.username']).to.equal('eve\\r\\n2020-01-01 INFO forged');
    } finally {
      server.close();
    }
  });

  it('redacts a user name with a token\'s shape in the MDC', async () => {
    const tokenShaped = patToken.generate(patToken.newId());
    users.addUser({ name: tokenShaped, password: 'pw', groups: ['users'] });
    const server = mounts['node:http']!(authMiddleware({ authenticator: authModule('jira').authenticator }));
    const port = await listen(server);
    try {
      const reply = await get(port, '/x', { Authorization: 'Basic ' + Buffer.from(`${tokenShaped}:pw`).toString('base64') });
      expect(JSON.parse(reply.body), 'the request still acts as that user').to.deep.equal({ user: tokenShaped });
      expect(memory.events.find((e) => e.message === 'handled')!.mdc['jira.username']).to.equal(REDACTED_USER_NAME);
      for (const event of memory.events) {
        expect(event.message).not.to.include(tokenShaped);
        expect(JSON.stringify(event.mdc)).not.to.include(tokenShaped);
      }
    } finally {
      server.close();
    }
  });

  it('logs a request that fails in the handler with its path only, never the query string', async () => {
    const middleware = authMiddleware({ authenticator: authModule('jira').authenticator });
    const server = createServer((req, res) => middleware(req, res, () => {
      throw new Error('handler bug');
    }));
    const port = await listen(server);
    try {
      const reply = await get(port, '/rest/api/2/issue?os_password=hunter2-secret');
      expect(reply.status).to.equal(500);
      const failed = memory.events.find((e) => e.message.startsWith('Request failed'))!;
      expect(failed.message).to.equal('Request failed: GET /rest/api/2/issue');
      for (const event of memory.events) expect(event.message + JSON.stringify(event.mdc)).not.to.include('hunter2-secret');
    } finally {
      server.close();
    }
  });

  it('leaves the query string out of Bitbucket\'s request action', async () => {
    const server = mounts['node:http']!(authMiddleware({ authenticator: authModule('bitbucket').authenticator }));
    const port = await listen(server);
    try {
      await get(port, '/rest/ssh/1.0/keys?os_password=hunter2-secret#x');
      expect(memory.events.find((e) => e.message === 'handled')!.mdc['a-request-action']).to.equal('GET /rest/ssh/1.0/keys HTTP/1.1');
    } finally {
      server.close();
    }
  });

  it('ignores X-Forwarded-For from an untrusted peer', async () => {
    const server = mounts['node:http']!(authMiddleware({ authenticator: authModule('jira', { trustedProxies: ['10.1.1.1'] }).authenticator }));
    const port = await listen(server);
    try {
      await get(port, '/x', { 'X-Forwarded-For': '6.6.6.6' });
      expect(memory.events.find((e) => e.message === 'handled')!.mdc['jira.request.ipaddr']).to.equal('127.0.0.1');
    } finally {
      server.close();
    }
  });
});
