import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyAuditChain } from '../../../../src/auth/audit/chain/audit-chain-verifier.js';
import { auditLogFiles } from '../../../../src/auth/audit/chain/audit-log-files.js';
import { ed25519Pair, tempDir } from '../../support/chained-audit-log.js';

const writer = fileURLToPath(new URL('../../support/chained-audit-writer.js', import.meta.url));

/** Lines on disk so far; a file the writer renames away between listing and reading counts next time. */
function linesWritten(file: string): number {
  let lines = 0;
  for (const f of auditLogFiles(file)) {
    try {
      lines += fs.readFileSync(f.path, 'utf8').split('\n').length - 1;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return lines;
}

describe('auth/audit/chain after a SIGKILL', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => { dir = tempDir('audit-chain-kill-'); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a writer killed while writing leaves a log that verifies up to its last complete line; the next start seals it and continues the chain', async () => {
    const key = ed25519Pair();
    const file = path.join(dir, 'audit.log');
    const env = { ...process.env, AUDIT_KEY_PEM: key.privatePem };
    const child = spawn(process.execPath, [writer, file, 'forever'], { env, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    try {
      while (!fs.existsSync(`${file}.2`) || linesWritten(file) < 3000) await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      child.kill('SIGKILL');
    }
    expect(await exited).to.equal('SIGKILL');

    const killed = await verifyAuditChain(file, { keys: [key.verifying] });
    expect(killed.break, JSON.stringify(killed.break)).to.equal(null);
    expect(killed.closed).to.equal(false);
    // The last complete line: in the live file, or in the newest backup when the kill came right after a rollover.
    const lastComplete = auditLogFiles(file).reverse().map((f) => {
      const text = fs.readFileSync(f.path, 'utf8');
      return { file: f.path, line: text.split('\n').length - 1 };
    }).find((f) => f.line > 0)!;
    expect(killed.verifiedThrough).to.deep.include(lastComplete);

    const restart = spawnSync(process.execPath, [writer, file, '10'], { env, encoding: 'utf8' });
    expect(restart.status, restart.stderr).to.equal(0);
    const resumed = await verifyAuditChain(file, { keys: [key.verifying], closed: true });
    expect(resumed.break, JSON.stringify(resumed.break)).to.equal(null);
    expect(resumed.records).to.equal(killed.records + 10);
    expect(resumed.notes.join()).to.include('the writer restarted after an unclean end and sealed what it found');
  });

  it('a process that just ends seals its log with a close checkpoint; one that shut logging down first leaves it open, without an error', async () => {
    const key = ed25519Pair();
    const env = { ...process.env, AUDIT_KEY_PEM: key.privatePem };
    const ended = path.join(dir, 'ended', 'audit.log');
    const run = spawnSync(process.execPath, [writer, ended, '30', 'exit'], { env, encoding: 'utf8' });
    expect(run.status).to.equal(0);
    expect(run.stderr).to.equal('');
    const report = await verifyAuditChain(ended, { keys: [key.verifying], closed: true });
    expect(report.break).to.equal(null);
    expect(report.lastCheckpoint!.reason).to.equal('close');

    const shut = path.join(dir, 'shut', 'audit.log');
    const shutRun = spawnSync(process.execPath, [writer, shut, '30', 'shutdown'], { env, encoding: 'utf8' });
    expect(shutRun.status).to.equal(0);
    expect(shutRun.stderr).to.equal('');
    const open = await verifyAuditChain(shut, { keys: [key.verifying] });
    expect(open.intact).to.equal(true);
    expect(open.closed).to.equal(false);
    expect(open.records).to.equal(30);
  });

  it('verifying a log while its writer rolls it over again and again never reports a break', async () => {
    const key = ed25519Pair();
    const file = path.join(dir, 'audit.log');
    const child = spawn(process.execPath, [writer, file, 'forever'], { env: { ...process.env, AUDIT_KEY_PEM: key.privatePem }, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const breaks: unknown[] = [];
    let rollovers = 0;
    // A rollover gives the live file a new inode; counting files would miss those made
    // once the writer reaches MaxBackupIndex (within a second here).
    const liveInode = (): number => fs.statSync(file, { throwIfNoEntry: false })?.ino ?? -1;
    try {
      while (!fs.existsSync(`${file}.1`)) await new Promise((resolve) => setTimeout(resolve, 10));
      for (let i = 0; i < 50 && (i < 10 || rollovers === 0); i++) {
        const before = liveInode();
        const report = await verifyAuditChain(file, { keys: [key.verifying] });
        if (report.break) breaks.push(report.break);
        rollovers += liveInode() !== before ? 1 : 0;
      }
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    expect(breaks).to.deep.equal([]);
    expect(rollovers, 'the writer rolled over while the log was verified').to.be.greaterThan(0);
  });
});
