import { expect } from 'chai';
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

function authExample(): string {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## The auth module'));
  const code = /```js\n([\s\S]*?)```/.exec(section)?.[1];
  expect(code, 'a ```js block in the README section "The auth module"').to.be.a('string');
  return code!;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function get(url: string, authorization?: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: authorization ? { authorization } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => { body += chunk; }).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject).end();
  });
}

describe('README auth example', function () {
  this.timeout(30_000);
  // Inside the package, so that `import ... from 'logwarden/auth'` resolves to this package itself.
  let scratch: string;
  let cwd: string;
  beforeEach(() => {
    mkdirSync(join(repo, '.tmp'), { recursive: true });
    scratch = mkdtempSync(join(repo, '.tmp', 'auth-example-'));
    cwd = mkdtempSync(join(tmpdir(), 'logwarden-auth-example-'));
  });
  afterEach(() => {
    rmSync(scratch, { recursive: true, force: true });
    rmSync(cwd, { recursive: true, force: true });
  });

  it('runs as written: logging configured, anonymous requests refused, credentials accepted', async () => {
    const port = await freePort();
    const script = join(scratch, 'example.mjs');
    // The one change: the port, so the test cannot collide with a server on 8080.
    writeFileSync(script, authExample().replace('.listen(8080,', `.listen(${port},`));
    const child = spawn(process.execPath, [script], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    try {
      const url = `http://127.0.0.1:${port}/`;
      let anonymous;
      for (const deadline = Date.now() + 10_000; ;) {
        anonymous = await get(url).catch(() => undefined);
        if (anonymous || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(anonymous, `the example answers on ${url}; stderr: ${stderr}`).to.not.equal(undefined);
      expect(anonymous!.status).to.equal(401);
      expect(anonymous!.headers['www-authenticate']).to.match(/^Basic realm=/);
      const admin = await get(url, `Basic ${Buffer.from('admin:secret').toString('base64')}`);
      expect(admin).to.include({ status: 200, body: 'hello admin\n' });
      const wrong = await get(url, `Basic ${Buffer.from('admin:wrong').toString('base64')}`);
      expect(wrong.status).to.equal(401);
    } finally {
      child.kill();
      await new Promise((resolve) => child.once('exit', resolve));
    }
    expect(stderr).to.not.include('No appenders could be found');
    expect(stdout).to.match(/ INFO \[ApiTokenAuthenticationService\] anonymous User admin tried to authenticate/);
  });

  it('compiles under tsc --strict, req.auth typed on node:http and Express requests', async () => {
    writeFileSync(join(scratch, 'example.ts'), authExample());
    writeFileSync(join(scratch, 'express-example.ts'), [
      "import express from 'express';",
      "import { authMiddleware, createAuthModule, GroupPermissions, InMemoryUserDirectory, type RequestAuth } from 'logwarden/auth';",
      "const users = new InMemoryUserDirectory([]);",
      "const auth = createAuthModule({ flavour: 'jira', users, permissions: new GroupPermissions({ adminGroups: ['admins'] }), store: { file: 'tokens.json' } });",
      'const app = express();',
      'app.use(authMiddleware({ authenticator: auth.authenticator }));',
      "app.get('/', (req, res) => { const who: RequestAuth | undefined = req.auth; res.send(who?.user ?? 'anonymous'); });",
      '',
    ].join('\n'));
    const tsc = join(repo, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = ['--strict', '--noEmit', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022',
      '--skipLibCheck', '--types', 'node', join(scratch, 'example.ts'), join(scratch, 'express-example.ts')];
    const result = await promisify(execFile)(process.execPath, [tsc, ...args], { cwd: repo }).catch((error: { stdout: string }) => error);
    expect(result.stdout, 'tsc output').to.equal('');
  });
});
