import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeDir, tempDir } from '../fixtures.js';

const app = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'cluster-app.js');
const logwarden = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'src', 'index.js');

describe('cluster writer start', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('writer-start');
  });
  afterEach(() => removeDir(dir));

  /** Runs an ES module script (a file, so that cluster workers run it too) in a fresh process; returns what it printed, line by line. */
  function runScript(script: string): string[] {
    const file = path.join(dir, 'script.mjs');
    fs.writeFileSync(file, script);
    const run = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
    if (run.status !== 0) throw new Error(`script failed (${run.status}): ${run.stderr}`);
    return run.stdout.trim().split('\n');
  }

  // The sockets the process holds, by descriptor.
  const sockets = `(await import('node:fs')).readdirSync('/proc/self/fd').map((fd) => { try { return (fs.readlinkSync('/proc/self/fd/' + fd)); } catch { return ''; } }).filter((link) => link.startsWith('socket:')).length`;

  it('opens nothing when logwarden is loaded, and listens once the process starts a worker thread', () => {
    const printed = runScript(`
      import fs from 'node:fs';
      const before = ${sockets};
      const { clusterLogging } = await import(${JSON.stringify(logwarden)});
      console.log('loaded', clusterLogging.listening, ${sockets} - before);
      const { Worker } = await import('node:worker_threads');
      await new Promise((resolve) => new Worker('0', { eval: true }).on('exit', resolve));
      console.log('worker started', clusterLogging.listening);
    `);
    expect(printed).to.deep.equal(['loaded false 0', 'worker started true']);
  });

  it('listens once a cluster primary forks a worker', () => {
    const printed = runScript(`
      const cluster = (await import('node:cluster')).default;
      const { clusterLogging } = await import(${JSON.stringify(logwarden)});
      if (cluster.isPrimary) {
        console.log('loaded', clusterLogging.listening);
        await new Promise((resolve) => cluster.fork().on('exit', resolve));
        console.log('forked', clusterLogging.listening);
      } else process.exit(0);
    `);
    expect(printed).to.deep.equal(['loaded false', 'forked true']);
  });

  it('stays closed for workers started after close()', () => {
    const printed = runScript(`
      const { clusterLogging } = await import(${JSON.stringify(logwarden)});
      await clusterLogging.close();
      const { Worker } = await import('node:worker_threads');
      await new Promise((resolve) => new Worker('0', { eval: true }).on('exit', resolve));
      console.log('worker started', clusterLogging.listening);
    `);
    expect(printed).to.deep.equal(['worker started false']);
  });
});

interface AppResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the fixture application and waits until it and every worker have closed their output. */
function runApp(mode: string, dir: string, workers: number, lines: number, maxFileSize: string, maxBackupIndex: number): Promise<AppResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [app, mode, dir, String(workers), String(lines), maxFileSize, String(maxBackupIndex)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    proc.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Numbered backups of `base` in `dir`, oldest first, then the active file: the order lines were written in. */
function rollingSet(dir: string, base: string): string[] {
  const indexes = fs.readdirSync(dir)
    .filter((name) => new RegExp(`^${base.replace(/\./g, '\\.')}\\.\\d+$`).test(name))
    .map((name) => Number(name.slice(base.length + 1)))
    .sort((a, b) => b - a);
  const files = indexes.map((index) => path.join(dir, `${base}.${index}`));
  if (fs.existsSync(path.join(dir, base))) files.push(path.join(dir, base));
  return files;
}

/** Every line of the files, in order; each file must end with a whole line. */
function linesOf(files: string[]): string[] {
  const lines: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    if (text === '') continue;
    expect(text.endsWith('\n'), `${file} ends with a whole line`).to.equal(true);
    lines.push(...text.slice(0, -1).split('\n'));
  }
  return lines;
}

const LINE = /^w(\d+) (\d+) x{50}$/;

/**
 * Checks that `lines` holds, for each worker, its numbers 0..count-1 exactly once
 * and in logging order, every line whole (a line torn or glued to another would
 * not match).
 */
function expectEachLineOnce(lines: string[], counts: Map<number, number>, extra: (line: string) => boolean = () => false): void {
  const next = new Map<number, number>();
  for (const line of lines) {
    const match = LINE.exec(line);
    if (!match) {
      if (extra(line)) continue;
      expect.fail(`torn or foreign line: "${line.slice(0, 120)}"`);
    }
    const worker = Number(match[1]);
    const n = Number(match[2]);
    const expected = next.get(worker) ?? 0;
    if (n !== expected) expect.fail(`worker ${worker}: line ${n} where ${expected} was expected (lost, repeated or out of order)`);
    next.set(worker, expected + 1);
  }
  for (const [worker, count] of counts) expect(next.get(worker) ?? 0, `lines of worker ${worker}`).to.equal(count);
}

function loggedCounts(stdout: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const match of stdout.matchAll(/^logged (\d+) (\d+)$/gm)) counts.set(Number(match[1]), Number(match[2]));
  return counts;
}

function backupIndexes(dir: string, base: string): number[] {
  return fs.readdirSync(dir)
    .filter((name) => name.startsWith(`${base}.`) && /^\d+$/.test(name.slice(base.length + 1)))
    .map((name) => Number(name.slice(base.length + 1)));
}

describe('cluster logging (real node:cluster and worker_threads)', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => {
    dir = tempDir('cluster');
  });
  afterEach(() => removeDir(dir));

  for (const mode of ['cluster', 'threads'] as const) {
    it(`${mode}: 4 workers x 50,000 lines, each calling process.exit() right after logging, into one rolling file: every line once, whole, in order`, async () => {
      const result = await runApp(mode, dir, 4, 50_000, '256KB', 1000);
      expect(result.code, result.stderr).to.equal(0);
      expect(result.stderr).to.equal('');
      const counts = loggedCounts(result.stdout);
      expect([...counts.values()]).to.deep.equal([50_000, 50_000, 50_000, 50_000]);
      // One writer: no per-process files, only app.log and its numbered backups.
      const names = fs.readdirSync(dir);
      expect(names.filter((name) => !/^app\.log(\.\d+)?$/.test(name))).to.deep.equal([]);
      const indexes = backupIndexes(dir, 'app.log');
      expect(indexes.length).to.be.greaterThan(20);
      expect(Math.max(...indexes)).to.equal(indexes.length);
      const files = rollingSet(dir, 'app.log');
      for (const file of files.slice(0, -1)) {
        // A file exceeds MaxFileSize by at most one record.
        expect(fs.statSync(file).size).to.be.within(256 * 1024, 256 * 1024 + 80);
      }
      const lines = linesOf(files);
      expect(lines.length).to.equal(200_000);
      expectEachLineOnce(lines, counts);
    });
  }

  it('cluster: workers dying of an uncaught exception right after logging lose nothing', async () => {
    const result = await runApp('throw', dir, 4, 20_000, '256KB', 1000);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stderr.match(/Error: worker \d gives up/g)).to.have.length(4);
    const counts = loggedCounts(result.stdout);
    expect([...counts.values()]).to.deep.equal([20_000, 20_000, 20_000, 20_000]);
    const lines = linesOf(rollingSet(dir, 'app.log'));
    expect(lines.length).to.equal(80_000);
    expectEachLineOnce(lines, counts);
  });

  it('cluster: workers getting SIGTERM right after logging lose nothing', async () => {
    const result = await runApp('sigterm', dir, 4, 20_000, '256KB', 1000);
    expect(result.code, result.stderr).to.equal(0);
    const counts = loggedCounts(result.stdout);
    expect([...counts.values()]).to.deep.equal([20_000, 20_000, 20_000, 20_000]);
    const lines = linesOf(rollingSet(dir, 'app.log'));
    expect(lines.length).to.equal(80_000);
    expectEachLineOnce(lines, counts);
  });

  it('cluster: workers with ImmediateFlush killed by SIGKILL right after logging lose nothing', async () => {
    const result = await runApp('sigkill', dir, 4, 5_000, '64KB', 1000);
    expect(result.code, result.stderr).to.equal(0);
    const counts = loggedCounts(result.stdout);
    expect([...counts.values()]).to.deep.equal([5_000, 5_000, 5_000, 5_000]);
    const lines = linesOf(rollingSet(dir, 'app.log'));
    expect(lines.length).to.equal(20_000);
    expectEachLineOnce(lines, counts);
  });

  it('cluster: MaxBackupIndex bounds the backups while 4 workers roll one file many times', async () => {
    const result = await runApp('cluster', dir, 4, 5_000, '16KB', 3);
    expect(result.code, result.stderr).to.equal(0);
    expect(backupIndexes(dir, 'app.log').sort()).to.deep.equal([1, 2, 3]);
    const lines = linesOf(rollingSet(dir, 'app.log'));
    // What is kept is the newest part (three full backups and the active file; lines
    // are 55 to 58 bytes), each line whole and once, per worker consecutive up to its last line.
    expect(lines.length).to.be.within(Math.floor(3 * 16 * 1024 / 58), Math.ceil(4 * (16 * 1024 + 58) / 55));
    const last = new Map<number, number>();
    for (const line of lines) {
      const match = LINE.exec(line);
      if (!match) expect.fail(`torn line: "${line}"`);
      const worker = Number(match[1]);
      const n = Number(match[2]);
      if (last.has(worker)) expect(n, `worker ${worker} after ${last.get(worker)}`).to.equal(last.get(worker)! + 1);
      last.set(worker, n);
    }
    for (const n of last.values()) expect(n).to.equal(4_999);
  });

  it('the primary dying mid-run: workers fall back to files of their own, report it once each, and no line is lost or doubled', async () => {
    const result = await runApp('primary-dies', dir, 4, 0, '256KB', 1000);
    const counts = loggedCounts(result.stdout);
    expect(counts.size).to.equal(4);
    const reports = result.stderr.split('\n').filter((line) => line.includes('is unreachable'));
    for (let id = 0; id < 4; id++) {
      expect(reports.filter((line) => line.includes(`"worker-${id}"`)), `reports of worker ${id}`).to.have.length(1);
    }
    const fallbackBases = [...new Set(fs.readdirSync(dir)
      .map((name) => /^(app\.log\.pid\d+)(\.\d+)?$/.exec(name)?.[1])
      .filter((base): base is string => base !== undefined))];
    expect(fallbackBases).to.have.length(4);
    // The primary's file holds the start of each worker's lines, its own file the rest.
    const lines = [...linesOf(rollingSet(dir, 'app.log')), ...fallbackBases.flatMap((base) => linesOf(rollingSet(dir, base)))];
    const atExit = lines.filter((line) => / said at exit$/.test(line));
    expect(atExit.sort()).to.deep.equal(['w0 said at exit', 'w1 said at exit', 'w2 said at exit', 'w3 said at exit']);
    expectEachLineOnce(lines, counts, (line) => / said at exit$/.test(line));
    expect([...counts.values()].every((count) => count > 0)).to.equal(true);
  });

  it('no writer listening: each worker reports it once and writes every line to a file of its own', async () => {
    const result = await runApp('no-writer', dir, 4, 10_000, '256KB', 1000);
    expect(result.code, result.stderr).to.equal(0);
    const reports = result.stderr.split('\n').filter((line) => line.includes('is unreachable'));
    expect(reports).to.have.length(4);
    expect(fs.existsSync(path.join(dir, 'app.log'))).to.equal(false);
    const bases = fs.readdirSync(dir).filter((name) => /^app\.log\.pid\d+$/.test(name));
    expect(bases).to.have.length(4);
    const counts = loggedCounts(result.stdout);
    for (const base of bases) {
      const lines = linesOf(rollingSet(dir, base));
      const worker = Number(LINE.exec(lines[0]!)![1]);
      expectEachLineOnce(lines, new Map([[worker, counts.get(worker)!]]));
      expect(lines).to.have.length(10_000);
    }
  });

  it('disableClustering: each worker process writes its own file itself', async () => {
    const result = await runApp('disabled', dir, 4, 20_000, '256KB', 1000);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stderr).to.equal('');
    for (let id = 0; id < 4; id++) {
      expect(result.stdout).to.contain(`holds ${id} true`);
      const lines = linesOf(rollingSet(dir, `app-${id}.log`));
      expectEachLineOnce(lines, new Map([[id, 20_000]]));
    }
    expect(fs.existsSync(path.join(dir, 'app.log'))).to.equal(false);
  });
});
