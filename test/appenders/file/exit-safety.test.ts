import { expect } from 'chai';
import { spawn } from 'node:child_process';
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

function run(file: string, lines: number, mode: string, onStdout?: (text: string, kill: (signal: NodeJS.Signals) => void) => void): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, file, String(lines), mode], { stdio: ['ignore', 'pipe', 'pipe'] });
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
    expect(result.code).to.equal(0);
    expectNumberedLines(allLines(file), 100_000);
  });

  it('also writes what a later exit listener logs', async () => {
    const file = path.join(dir, 'app.log');
    const result = await run(file, 1000, 'exit-listener');
    expect(result.code).to.equal(0);
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
