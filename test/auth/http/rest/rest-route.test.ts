import { expect } from 'chai';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryAppender } from '../../../../appenders/memory-appender.js';
import { createAuthModule, type AuthModule } from '../../../../src/auth/auth-module.js';
import { authMiddleware } from '../../../../src/auth/http/auth-middleware.js';
import { asUser } from '../../../../src/auth/http/rest/rest-route.js';
import { MemoryTokenStore } from '../../../../src/auth/store/memory-token-store.js';
import { GroupPermissions } from '../../../../src/auth/tokens/token-permissions.js';
import { InMemoryUserDirectory } from '../../../../src/auth/users/user-directory.js';
import { Level } from '../../../../src/level.js';
import { LogManager, getLogger } from '../../../../src/log-manager.js';

describe('auth/http/rest/asUser', () => {
  let memory: MemoryAppender;
  let module: AuthModule;
  let server: Server;
  let port: number;
  const users = new InMemoryUserDirectory([{ name: 'admin', password: 'secret', groups: ['admins'] }]);

  beforeEach(async () => {
    await LogManager.resetConfiguration();
    memory = new MemoryAppender({ name: 'memory' });
    getLogger().addAppender(memory);
    getLogger().level = Level.INFO;
    module = createAuthModule({ flavour: 'jira', users, store: new MemoryTokenStore(), permissions: new GroupPermissions({ adminGroups: ['admins'] }) });
    const middleware = authMiddleware({ authenticator: module.authenticator });
    server = createServer((req, res) => middleware(req, res, () => {
      void asUser(req, res, users, (status, message) => ({ status, message }), async () => {
        throw new Error('handler bug');
      });
    }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    port = (server.address() as AddressInfo).port;
  });

  afterEach(async () => {
    server.close();
    await module.close();
    await LogManager.resetConfiguration();
  });

  it('answers an unexpected error with a 500 and logs the request path without its query string', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({
        host: '127.0.0.1', port, path: '/rest/things?os_password=hunter2-secret&limit=ten', agent: false,
        headers: { Authorization: 'Basic ' + Buffer.from('admin:secret').toString('base64') },
      }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).to.equal(500);
    expect(memory.events.map((e) => e.message)).to.include('REST request failed: GET /rest/things');
    for (const event of memory.events) expect(event.message + JSON.stringify(event.mdc)).not.to.include('hunter2-secret');
  });
});
