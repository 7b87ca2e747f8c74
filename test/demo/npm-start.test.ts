import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface Run {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly errors: () => string;
  readonly exit: Promise<number | null>;
}

const started: ChildProcess[] = [];

/** Each run leads its own process group, so a server left behind by a failed case can still be killed. */
function run(command: string, args: string[], env: Record<string, string>): Run {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  started.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { err += chunk.toString(); });
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, errors: () => err, exit };
}

async function until<T>(probe: () => T | undefined, what: string, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const answers = (url: string): Promise<boolean> => new Promise((resolve) => {
  const req = request(`${url}/status`, (res) => { res.resume(); resolve(true); });
  req.on('error', () => resolve(false));
  req.end();
});

describe('npm start', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'logwarden-start-')); });
  afterEach(() => {
    for (const child of started.splice(0)) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // the whole group has exited
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`stops the server when npm gets ${signal}`, async () => {
      // --ignore-scripts skips prestart's build: the suite runs on the build it was started from.
      const npm = run('npm', ['start', '--ignore-scripts'], { PORT: '0', LOG_DIR: join(dir, 'logs') });
      const url = await until(() => /logwarden demo on (http:\/\/\S+)/.exec(npm.output())?.[1], 'the demo to listen');
      expect(await answers(url)).to.equal(true);
      npm.child.kill(signal);
      await npm.exit;
      // The server, npm's child, is gone too: nothing answers on its port.
      const deadline = Date.now() + 5_000;
      while (await answers(url)) {
        if (Date.now() > deadline) throw new Error(`the demo still answers on ${url} after npm got ${signal}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
  }

  it('says in one line that the port is busy, and exits 1', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    try {
      const demo = run(process.execPath, ['dist/src/demo/main.js'], { PORT: String(port), LOG_DIR: join(dir, 'logs') });
      expect(await demo.exit).to.equal(1);
      expect(demo.errors()).to.equal(`logwarden demo: cannot listen on 127.0.0.1:${port}: the port is already in use (set PORT to a free port)\n`);
    } finally {
      busy.close();
    }
  });

  it('says in one line that PORT is invalid, and exits 1', async () => {
    const demo = run(process.execPath, ['dist/src/demo/main.js'], { PORT: 'eighty', LOG_DIR: join(dir, 'logs') });
    expect(await demo.exit).to.equal(1);
    expect(demo.errors()).to.equal('logwarden demo: PORT must be a number from 0 to 65535 (0 picks a free port), not "eighty"\n');
  });
});
