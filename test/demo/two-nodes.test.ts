import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requirePostgres, type PostgresServer, type TestDatabase } from '../auth/store/postgres/postgres-server.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const basic = 'Basic ' + Buffer.from('admin:admin').toString('base64');

async function until<T>(what: string, ms: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('demo: two nodes on one PostgreSQL database (DEMO_DATABASE=postgres, npm run demo:nodes)', function () {
  this.timeout(60_000);
  let server: PostgresServer;
  let db: TestDatabase;
  let dir: string;
  const children: ChildProcess[] = [];

  before(async function () {
    server = await requirePostgres(this);
  });
  beforeEach(async () => {
    db = await server.createDatabase('demo');
    dir = mkdtempSync(join(tmpdir(), 'logwarden-nodes-'));
    mkdirSync(join(dir, 'conf'));
    cpSync(join(ROOT, 'conf/demo.properties'), join(dir, 'conf/demo.properties'));
  });
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** One demo process, as `npm run demo:nodes` starts each; resolves with its URL. */
  async function startNode(node: string): Promise<string> {
    const child = spawn(process.execPath, [join(ROOT, 'dist/src/demo/main.js')], {
      cwd: dir, stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env, PORT: '0', LOG_DIR: join(dir, node), DEMO_DATABASE: 'postgres', DEMO_NODE: node,
        PGHOST: db.host, PGPORT: String(db.port), PGUSER: db.user, PGDATABASE: db.database,
      },
    });
    children.push(child);
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => { out += chunk.toString(); });
    child.stderr!.on('data', (chunk: Buffer) => { err += chunk.toString(); });
    return until(`${node} to start (${err})`, 20_000, () => {
      if (child.exitCode !== null) throw new Error(`${node} exited: ${err}`);
      return /logwarden demo on (http:\/\/\S+)/.exec(out)?.[1];
    });
  }

  async function call(url: string, method: string, path: string, auth: string): Promise<{ status: number; json: () => any }> {
    const reply = await fetch(url + path, { method, headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
    const text = await reply.text();
    return { status: reply.status, json: () => JSON.parse(text) };
  }

  it('a token made on node 1 works on node 2; deleted on node 2, refused on node 1 within a second; either node audits both', async () => {
    const [one, two] = await Promise.all([startNode('node-1'), startNode('node-2')]);
    const created = await call(one, 'POST', '/rest/de.resolution.apitokenauth/latest/user/token', basic);
    expect(created.status).to.equal(200);
    const { id, plainTextToken } = created.json();
    const bearer = `Bearer ${plainTextToken}`;
    expect((await call(two, 'GET', '/rest/api/2/myself', bearer)).status).to.equal(200);
    expect((await call(one, 'GET', '/rest/api/2/myself', bearer)).status).to.equal(200);

    expect((await call(two, 'DELETE', `/rest/de.resolution.apitokenauth/latest/user/token/${id}`, basic)).status).to.equal(200);
    await until('node 1 refuses the token deleted on node 2', 1000, async () => ((await call(one, 'GET', '/rest/api/2/myself', bearer)).status === 401 ? true : undefined));

    for (const url of [one, two]) {
      const nodesOf = async (): Promise<string[] | undefined> => {
        const page = (await call(url, 'GET', '/rest/auditing/1.0/events?text=token', basic)).json();
        const actions = page.records.map((r: any) => `${r.type.action} on ${r.extraAttributes.find((x: any) => x.name === 'Node').value}`);
        return actions.includes('Token created on node-1') && actions.includes('Token deleted on node-2') ? actions : undefined;
      };
      await until(`the audit query on ${url} shows both nodes' events`, 5000, nodesOf);
    }
  });
});
