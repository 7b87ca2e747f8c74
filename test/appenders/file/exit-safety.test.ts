import { expect } from 'chai';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeDir, tempDir } from './fixtures.js';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'exit-child.js');

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function run(
  file: string,
  lines: number,
  mode: string,
  onStdout?: (text: string, kill: (signal: NodeJS.Signals) => void) => void,
  maxBufferSize?: string,
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const args = [child, file, String(lines), mode, ...(maxBufferSize === undefined ? [] : [maxBufferSize])];
    const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    proc.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    proc.stdout.on('data', (data: Buffer) => onStdout?.(data.toString(), (signal) => proc.kill(signal)));
    proc.on('error', reject);
    proc.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

/** The active file and its numbered backups, oldest first, as one list of lines. */
function allLines(file: string): string[] {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const backups = fs.readdirSync(dir)
    .filter((name) => name.startsWith(`${base}.`))
    .map((name) => Number(name.slice(base.length + 1)))
    .sort((a, b) => b - a)
    .map((index) => `${file}.${index}`);
  const text = [...backups, file].map((part) => {
    const content = fs.readFileSync(part, 'utf8');
    expect(content === '' || content.endsWith('\n'), `${part} ends with a whole line`).to.equal(true);
    return content;
  }).join('');
  return text === '' ? [] : text.slice(0, -1).split('\n');
}

function expectNumberedLines(lines: string[], count: number): void {
  expect(lines.length).to.equal(count);
  const filler = 'x'.repeat(60);
  for (let i = 0; i < count; i++) {
    if (lines[i] !== `line ${i} ${filler}`) expect.fail(`line ${i} is "${lines[i]}"`);
  }
}

describe('file appender exit safety (child processes)', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => {
    dir = tempDir('exit');
  });
  afterEach(() => removeDir(dir));

  it('keeps every line when the process calls process.exit(0) right after logging', async () => {
    const file = path.join(dir, 'app.log');
    const result = await run(file, 100_000, 'exit');
    expect(result.code, result.stderr).to.equal(0);
    expectNumberedLines(allLines(file), 100_000);
  });

  it('keeps the last few lines, still waiting to be encoded together, when process.exit(0) follows them', async () => {
    const file = path.join(dir, 'app.log');
    const result = await run(file, 7, 'exit');
    expect(result.code, result.stderr).to.equal(0);
    expectNumberedLines(allLines(file), 7);
  });

  it('also writes what a later exit listener logs', async () => {
    const file = path.join(dir, 'app.log');
    const result = await run(file, 1000, 'exit-listener');
    expect(result.code, result.stderr).to.equal(0);
    const lines = allLines(file);
    expect(lines.pop()).to.equal('said at exit');
    expectNumberedLines(lines, 1000);
  });

  it('keeps every line on an uncaught exception, which still prints and exits with 1', async () => {
    const file = path.join(dir, 'app.log');
    const result = await run(file, 20_000, 'throw');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain('boom from exit-child');
    expectNumberedLines(allLines(file), 20_000);
  });

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    it(`keeps every line on ${signal} and still dies of ${signal}`, async () => {
      const file = path.join(dir, 'app.log');
      const result = await run(file, 50_000, signal.toLowerCase());
      expect(result.signal).to.equal(signal);
      expectNumberedLines(allLines(file), 50_000);
    });
  }

  it('leaves a host SIGTERM handler in charge and still writes what it logs', async () => {
    const file = path.join(dir, 'app.log');
    const result = await run(file, 10_000, 'host-sigterm');
    expect(result.code).to.equal(3);
    const lines = allLines(file);
    expect(lines.pop()).to.equal('host handler says goodbye');
    expectNumberedLines(lines, 10_000);
  });

  it('keeps a gapless, duplicate-free prefix when SIGTERM arrives while logging', async () => {
    const file = path.join(dir, 'app.log');
    const result = await run(file, 20_000, 'stream', (text, kill) => {
      if (text.includes('ready')) kill('SIGTERM');
    });
    expect(result.signal).to.equal('SIGTERM');
    const lines = allLines(file);
    expect(lines.length).to.be.at.least(20_000);
    expectNumberedLines(lines, lines.length);
  });
});

describe('file appender exit with the disk still full (child processes)', function () {
  this.timeout(30_000);
  let dir: string;
  let mountPoint: string;
  before(function () {
    dir = tempDir('exit-full');
    mountPoint = path.join(dir, 'small-fs');
    fs.mkdirSync(mountPoint);
    // Needs the right to mount (root in a container or CI runner).
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountPoint]).status !== 0) {
      removeDir(dir);
      this.skip();
    }
  });
  after(() => {
    spawnSync('umount', [mountPoint]);
    removeDir(dir);
  });
  beforeEach(() => {
    for (const name of fs.readdirSync(mountPoint)) fs.rmSync(path.join(mountPoint, name));
    // About 56 KB stay free: the disk fills up in the middle of the first chunk, cutting a line.
    fs.writeFileSync(path.join(mountPoint, 'filler'), Buffer.alloc(200 * 1024));
  });

  /** Sum of every count of lost records the child reported on stderr. */
  function reportedLost(stderr: string): number {
    return [...stderr.matchAll(/(\d+) record\(s\) for \S+ were lost/g)].reduce((sum, match) => sum + Number(match[1]), 0);
  }

  // 30,000 lines (2 MB) against a 1 MB bound: some records are still queued, others were refused.
  const cases: Array<{ mode: string; extra?: string; expectEnd: (result: ChildResult) => void }> = [
    { mode: 'exit', expectEnd: (result) => expect(result.code).to.equal(0) },
    { mode: 'natural', expectEnd: (result) => expect(result.code).to.equal(0) },
    { mode: 'sigterm', expectEnd: (result) => expect(result.signal).to.equal('SIGTERM') },
    { mode: 'throw', expectEnd: (result) => expect(result.code).to.equal(1) },
    { mode: 'exit-listener', extra: 'said at exit', expectEnd: (result) => expect(result.code).to.equal(0) },
    { mode: 'host-sigterm', extra: 'host handler says goodbye', expectEnd: (result) => expect(result.code).to.equal(3) },
  ];
  for (const { mode, extra, expectEnd } of cases) {
    it(`${mode}: every line is either whole in the file or in the reported count of lost records`, async () => {
      const file = path.join(mountPoint, 'app.log');
      const result = await run(file, 30_000, mode, undefined, '1MB');
      expectEnd(result);
      const lines = allLines(file);
      // The cut-off end of the last line makes room for a short one logged later.
      const extraInFile = extra !== undefined && lines[lines.length - 1] === extra ? lines.pop()! : undefined;
      expect(lines.length, 'lines in the file').to.be.greaterThan(0);
      expectNumberedLines(lines, lines.length);
      const logged = 30_000 + (extra === undefined ? 0 : 1);
      expect(lines.length + (extraInFile === undefined ? 0 : 1) + reportedLost(result.stderr), `in the file + reported lost; stderr:\n${result.stderr}`).to.equal(logged);
      expect(result.stderr).to.match(/were dropped earlier because the buffer was full/);
    });
  }

  it('a host SIGTERM listener that keeps the process alive: nothing is called lost, and the lines are written once there is room', async () => {
    const file = path.join(mountPoint, 'app.log');
    const result = await run(file, 3000, 'host-sigterm-survives');
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stderr, 'no count of lost records').not.to.match(/record\(s\) for/);
    expectNumberedLines(allLines(file), 3000);
  });

  it('the count reaches stderr even when the stderr pipe is full and read only later', () => {
    const file = path.join(mountPoint, 'app.log');
    // The shell pipe is read half a second after the child has exited.
    const script = `"${process.execPath}" "${child}" "${file}" 3000 exit-after-noise 2>&1 >/dev/null | (sleep 0.5; cat)`;
    const result = spawnSync('sh', ['-c', script], { encoding: 'utf8', maxBuffer: 4 * 1024 * 1024 });
    expect(result.status).to.equal(0);
    expect(allLines(file).length + reportedLost(result.stdout)).to.equal(3000);
  });
});
