import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const POSTGRES_ROOT = '/usr/lib/postgresql';
/** Only the socket file's name carries it: the server listens on no TCP address. */
const PORT = 54329;

/** Where one test database is: what a PostgresTokenStore or a pg client connects to. */
export interface TestDatabase {
  host: string;
  port: number;
  user: string;
  database: string;
}

interface ServerAccount {
  uid: number;
  gid: number;
  name: string;
}

function newestBinDir(): string | undefined {
  if (!existsSync(POSTGRES_ROOT)) return undefined;
  const versions = readdirSync(POSTGRES_ROOT)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(POSTGRES_ROOT, name, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(POSTGRES_ROOT, versions[0]!, 'bin') : undefined;
}

/** The server refuses to run as root: as root it runs as the `postgres` account the Debian package creates. */
function serverAccount(): ServerAccount | string {
  if (process.getuid?.() !== 0) {
    const me = userInfo();
    return { uid: me.uid, gid: me.gid, name: me.username };
  }
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0 || gid.status !== 0) return 'running as root and there is no postgres account to run the server as';
  return { uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()), name: 'postgres' };
}

/**
 * A real PostgreSQL server for the tests: initdb into a temporary folder, listening
 * only on a Unix socket in a private folder, started once per test run (the first
 * test that asks for it) and removed when the run ends. fsync is off: the tests kill
 * the server process, never the machine, and a killed server keeps every commit
 * the kernel has.
 */
export class PostgresServer {
  readonly socketDir: string;
  readonly port = PORT;
  private readonly dataDir: string;
  private child: ChildProcess | undefined;
  private output = '';
  private databases = 0;

  private constructor(private readonly binDir: string, private readonly account: ServerAccount, private readonly root: string) {
    this.socketDir = join(root, 'socket');
    this.dataDir = join(root, 'data');
  }

  /** Why the tests cannot have a server here, or the initialised (not yet started) server. */
  static create(): PostgresServer | string {
    const binDir = newestBinDir();
    if (!binDir) return `no PostgreSQL server binaries under ${POSTGRES_ROOT}/<version>/bin; install the Debian package postgresql`;
    const account = serverAccount();
    if (typeof account === 'string') return account;
    const root = mkdtempSync(join(tmpdir(), 'logwarden-pg-'));
    const server = new PostgresServer(binDir, account, root);
    for (const dir of [root, server.socketDir]) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      chownSync(dir, account.uid, account.gid);
    }
    const init = spawnSync(join(binDir, 'initdb'), ['-D', server.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], {
      uid: account.uid, gid: account.gid, encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root },
    });
    if (init.status !== 0) {
      rmSync(root, { recursive: true, force: true });
      return `initdb failed as ${account.name}: ${(init.stderr || init.stdout || String(init.error)).trim()}`;
    }
    return server;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  async start(): Promise<void> {
    if (this.child) return;
    this.output = '';
    const child = spawn(join(this.binDir, 'postgres'), [
      '-D', this.dataDir, '-k', this.socketDir, '-p', String(this.port),
      '-c', 'listen_addresses=', '-c', 'fsync=off', '-c', 'max_connections=200', '-c', 'log_min_messages=fatal',
    ], { uid: this.account.uid, gid: this.account.gid, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    this.child = child;
    child.stdout!.on('data', (chunk: Buffer) => { this.output += chunk.toString(); });
    child.stderr!.on('data', (chunk: Buffer) => { this.output += chunk.toString(); });
    const exited = new Promise<never>((_, reject) => child.once('exit', (code, signal) => {
      reject(new Error(`postgres exited (${signal ?? code}) while starting: ${this.output.trim()}`));
    }));
    exited.catch(() => undefined);
    child.once('exit', () => {
      if (this.child === child) this.child = undefined;
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const attempt = await Promise.race([this.ping(), exited]);
      if (attempt === true) return;
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections within 30 s: ${this.output.trim()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** An immediate shutdown (SIGQUIT): what a crash looks like to clients; the next start recovers from the WAL. */
  async kill(): Promise<void> {
    await this.signal('SIGQUIT');
  }

  /** A clean shutdown that does not wait for clients (SIGINT, "fast"). */
  async stop(): Promise<void> {
    await this.signal('SIGINT');
  }

  /** A fresh, empty database on this server. */
  async createDatabase(prefix = 'test'): Promise<TestDatabase> {
    const name = `${prefix}_${process.pid}_${++this.databases}`;
    const client = new pg.Client(this.connection('postgres'));
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${name}`);
    } finally {
      await client.end();
    }
    return this.connection(name);
  }

  connection(database: string): TestDatabase {
    return { host: this.socketDir, port: this.port, user: 'postgres', database };
  }

  /** Stops the server and removes its folder. */
  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.root, { recursive: true, force: true });
  }

  /** For the exit handler: nothing asynchronous can run there. */
  removeNow(): void {
    this.child?.kill('SIGQUIT');
    rmSync(this.root, { recursive: true, force: true });
  }

  private async signal(name: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(name);
    await exited;
    this.child = undefined;
  }

  private async ping(): Promise<boolean> {
    const client = new pg.Client({ ...this.connection('postgres'), connectionTimeoutMillis: 2000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

let shared: Promise<PostgresServer | string> | undefined;
let started: PostgresServer | undefined;

/**
 * The run's server, started by the first caller; a string says why there is none.
 * Tests that kill it must start it again before they finish.
 */
export function sharedPostgres(): Promise<PostgresServer | string> {
  shared ??= (async () => {
    const server = PostgresServer.create();
    if (typeof server === 'string') return server;
    started = server;
    try {
      await server.start();
    } catch (error) {
      return `the PostgreSQL server did not start: ${(error as Error).message}`;
    }
    return server;
  })();
  return shared;
}

/** For a mocha `before`: the server, or a skip that prints why. */
export async function requirePostgres(context: Mocha.Context): Promise<PostgresServer> {
  const server = await sharedPostgres();
  if (typeof server === 'string') {
    console.log(`      skipped: ${server}`);
    context.skip();
  }
  return server as PostgresServer;
}

process.once('exit', () => started?.removeNow());

// Outside mocha (the benchmark starts a server too) the exit handler alone cleans up.
if (typeof after === 'function') {
  after(async () => {
    await started?.remove();
    started = undefined;
  });
}

/** The rows of one statement on a connection of its own (the tests look at the tables behind the code under test). */
export async function sqlRows<T extends pg.QueryResultRow>(db: TestDatabase, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client(db);
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Mocha hooks for a suite of database tests: the run's server (the suite skipped without PostgreSQL), a new database
 * whose name starts with `name` for each test, so no test sees another's rows, and whatever a test opened on it with
 * `opened` closed after that test.
 */
export function databasePerTest<T extends { close(): Promise<void> }>(name: string): {
  readonly server: PostgresServer;
  readonly db: TestDatabase;
  opened(resource: T): T;
} {
  const resources: T[] = [];
  const suite = {
    server: undefined as unknown as PostgresServer,
    db: undefined as unknown as TestDatabase,
    opened(resource: T): T {
      resources.push(resource);
      return resource;
    },
  };
  before(async function () {
    suite.server = await requirePostgres(this);
  });
  beforeEach(async () => {
    suite.db = await suite.server.createDatabase(name);
  });
  afterEach(async () => {
    for (const resource of resources.splice(0)) await resource.close();
  });
  return suite;
}
