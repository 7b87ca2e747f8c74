import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hmacSigningKey } from '../../src/auth/audit/chain/audit-keys.js';
import pg from 'pg';
import { AuditLog } from '../../src/auth/audit/audit-log.js';
import { PostgresAuditStorage } from '../../src/auth/audit/postgres/postgres-audit-storage.js';
import { ed25519Pair, readLines, tempDir, tokenRecord, writeLines, writeRun, type Ed25519Pair } from '../auth/support/chained-audit-log.js';
import { requirePostgres } from '../auth/store/postgres/postgres-server.js';

const bin = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

function logwarden(args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, cwd });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('cli/audit-verify-command (logwarden audit verify)', function () {
  this.timeout(30_000);
  let dir: string;
  let file: string;
  let publicKey: string;
  let key: Ed25519Pair;

  beforeEach(async () => {
    dir = tempDir('audit-verify-cli-');
    file = path.join(dir, 'logs', 'audit.log');
    fs.mkdirSync(path.dirname(file));
    key = ed25519Pair();
    publicKey = path.join(dir, 'audit-public.pem');
    fs.writeFileSync(publicKey, key.publicPem);
    await writeRun(file, key.signing, 12);
    await writeRun(file, key.signing, 12);
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('an intact log: exit 0, "intact", the files oldest first, signatures checked', () => {
    const run = logwarden(['audit', 'verify', file, '--key', publicKey]);
    expect(run.code, run.stderr).to.equal(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).to.equal(`${file}: intact`);
    expect(lines[1]).to.match(/^ {2}files: audit\.log\.\d+, .*audit\.log\.1, audit\.log$/);
    expect(run.stdout).to.include('verified: 24 records and');
    expect(run.stdout).to.include(`signatures: checked, signed by ${key.signing.id}`);
    expect(run.stdout).to.include('end: closed by the writer (close checkpoint)');
  });

  it('a folder stands for the logs in it; a relative path is read from the working directory', () => {
    const run = logwarden(['audit', 'verify', 'logs', '--key', 'audit-public.pem'], {}, dir);
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout.split('\n')[0]).to.equal(`${file}: intact`);
  });

  it('without --key it says that signatures were not checked', () => {
    const run = logwarden(['audit', 'verify', file]);
    expect(run.code).to.equal(0);
    expect(run.stdout).to.include('signatures: NOT checked (no --key)');
  });

  it('a broken log: exit 1, the kind, file and line; --json carries the same', () => {
    const target = `${file}.1`;
    const lines = readLines(target);
    const at = lines.findIndex((line, i) => i > 0 && !line.includes('"checkpoint":') && !lines[i - 1]!.includes('"checkpoint":'));
    expect(at).to.be.greaterThan(0);
    lines.splice(at, 1);
    writeLines(target, lines);
    const text = logwarden(['audit', 'verify', file, '--key', publicKey]);
    expect(text.code).to.equal(1);
    expect(text.stdout.split('\n')[0]).to.match(new RegExp(`^${file.replace(/[.\\/]/g, '\\$&')}: BROKEN \\(deleted\\) at audit\\.log\\.1 line ${at + 1} \\(seq \\d+\\)$`));
    const json = logwarden(['audit', 'verify', file, '--key', publicKey, '--json']);
    expect(json.code).to.equal(1);
    const parsed = JSON.parse(json.stdout) as { intact: boolean; exitCode: number; logs: { break: { kind: string; file: string; line: number } }[] };
    expect(parsed.intact).to.equal(false);
    expect(parsed.exitCode).to.equal(1);
    expect(parsed.logs[0]!.break).to.deep.include({ kind: 'deleted', file: target, line: at + 1 });
  });

  it('an HMAC secret from the environment', async () => {
    const secret = 'an HMAC secret of at least 32 bytes, for the CLI test';
    const hmacFile = path.join(dir, 'hmac', 'audit.log');
    fs.mkdirSync(path.dirname(hmacFile));
    await writeRun(hmacFile, hmacSigningKey(Buffer.from(secret)), 4);
    const run = logwarden(['audit', 'verify', hmacFile, '--key-env', 'AUDIT_SECRET'], { AUDIT_SECRET: secret });
    expect(run.code, run.stdout + run.stderr).to.equal(0);
    expect(run.stdout).to.match(/signed by hmac:[0-9a-f]{16}/);
  });

  it('an unreadable log or a bad key: exit 2 with the reason on stderr, never the key itself', () => {
    const missing = logwarden(['audit', 'verify', path.join(dir, 'nowhere.log')]);
    expect(missing.code).to.equal(2);
    expect(missing.stderr).to.include('nowhere.log: no such audit log');
    const shortSecret = path.join(dir, 'short.secret');
    fs.writeFileSync(shortSecret, 'hunter2\n');
    const badKey = logwarden(['audit', 'verify', file, '--key', shortSecret]);
    expect(badKey.code).to.equal(2);
    expect(badKey.stderr).to.equal(`logwarden audit verify: audit key file ${shortSecret}: an HMAC secret needs at least 32 bytes, this one has 7\n`);
    const unknownOption = logwarden(['audit', 'verify', file, '--frobnicate']);
    expect(unknownOption.code).to.equal(2);
    expect(unknownOption.stderr).to.include('unknown option --frobnicate');
  });

  it('--help prints the usage and the exit codes; logwarden --help lists the command', () => {
    const help = logwarden(['audit', 'verify', '--help']);
    expect(help.code).to.equal(0);
    expect(help.stdout).to.match(/^Usage: logwarden audit verify <file\|folder>/);
    expect(help.stdout).to.include('Exit codes: 0 intact, 1 broken, 2 unreadable');
    expect(logwarden(['--help']).stdout).to.match(/\n {2}audit verify +verify a chained audit log/);
  });
});

describe('cli/audit-verify-command --postgres: a node\'s chain in the audit table', function () {
  this.timeout(30_000);

  it('verifies each --node from the table that PG* names; a row changed in SQL is found with its kind and seq', async function () {
    const server = await requirePostgres(this);
    const db = await server.createDatabase('auditverifycli');
    const key = ed25519Pair();
    for (const node of ['node-a', 'node-b']) {
      const storage = new PostgresAuditStorage({ ...db, node });
      const audit = new AuditLog({ loggerName: `cli.audit.${db.database}.${node}`, appender: storage.appender, chain: { key: key.signing, head: await storage.chainHead() } });
      for (let i = 0; i < 3; i++) audit.tokenCreated('alice', tokenRecord(`${node}-${i}`), '10.0.0.1');
      audit.close();
      await storage.close();
    }
    const client = new pg.Client(db);
    await client.connect();
    try {
      // node-a's second record: seq 3, after the start checkpoint and the first record.
      await client.query("UPDATE logwarden_audit SET record = replace(record, '10.0.0.1', '10.6.6.6') WHERE node = 'node-a' AND record LIKE '%token node-a-1\"%'");
    } finally {
      await client.end();
    }
    const dir = tempDir('audit-verify-cli-pg-');
    const publicKey = path.join(dir, 'audit-public.pem');
    fs.writeFileSync(publicKey, key.publicPem);
    const env = { PGHOST: db.host, PGPORT: String(db.port), PGUSER: db.user, PGDATABASE: db.database };
    try {
      const both = logwarden(['audit', 'verify', '--postgres', '--node', 'node-a', '--node', 'node-b', '--key', publicKey, '--closed'], env);
      expect(both.code, both.stderr).to.equal(1);
      expect(both.stdout).to.match(/^logwarden_audit node=node-a: BROKEN \(modified\) at logwarden_audit node=node-a line \d+ \(seq 3\)$/m);
      expect(both.stdout).to.match(/^logwarden_audit node=node-b: intact$/m);
      const onlyB = logwarden(['audit', 'verify', '--postgres', '--node=node-b', '--key', publicKey, '--closed'], env);
      expect(onlyB.code, onlyB.stderr).to.equal(0);
      const noNode = logwarden(['audit', 'verify', '--postgres'], env);
      expect([noNode.code, noNode.stderr.split('\n')[0]]).to.deep.equal([2, 'logwarden audit verify: --postgres needs --node <NAME>: each node has a chain of its own']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
