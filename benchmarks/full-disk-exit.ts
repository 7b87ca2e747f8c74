/**
 * Accounting at exit with the disk still full (issue 13, item 5): a child process
 * logs numbered lines into a RollingFileAppender on a small tmpfs that is already
 * nearly full, and ends by `process.exit()`, by itself, or by SIGTERM. Every line
 * logged must be either whole in the file or in the count of lost records the
 * child reports on stderr. Needs the right to mount (root). About 5 s.
 *
 * Run: node dist/benchmarks/full-disk-exit.js [lines]   (default 200000)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getLogger } from '../src/log-manager.js';
import { RollingFileAppender } from '../appenders/rolling-file-appender.js';

const MODES = ['exit', 'natural', 'sigterm'] as const;

function child(file: string, lines: number, mode: string): void {
  const log = getLogger('full-disk');
  log.addAppender(new RollingFileAppender({ name: 'full-disk', file, layout: { format: (event) => `${event.message}\n` }, maxFileSize: '1MB', maxBackupIndex: 3 }));
  const filler = 'x'.repeat(60);
  let next = 0;
  const batch = (size: number): void => {
    for (const end = Math.min(next + size, lines); next < end; next++) log.info(`line ${next} ${filler}`);
  };
  if (mode === 'exit') {
    batch(lines);
    process.exit(0);
  }
  const turn = (): void => {
    batch(1000);
    if (next < lines) setImmediate(turn);
    else if (mode === 'sigterm') process.kill(process.pid, 'SIGTERM');
  };
  turn();
}

function wholeLines(dir: string): number {
  let count = 0;
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith('app.log')) continue;
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    if (text !== '' && !text.endsWith('\n')) console.log(`  ${name} ends with a cut line`);
    count += text.split('\n').filter((line) => /^line \d+ x{60}$/.test(line)).length;
  }
  return count;
}

function main(lines: number): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logwarden-full-disk-'));
  const mountPoint = path.join(dir, 'small-fs');
  fs.mkdirSync(mountPoint);
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountPoint]).status !== 0) {
    console.log('cannot mount a tmpfs here (needs root)');
    process.exitCode = 1;
    return;
  }
  try {
    console.log(`${lines} lines of 68 bytes, 56 KB free\nmode      whole lines in file   reported lost   sum`);
    for (const mode of MODES) {
      for (const name of fs.readdirSync(mountPoint)) fs.rmSync(path.join(mountPoint, name));
      fs.writeFileSync(path.join(mountPoint, 'filler'), Buffer.alloc(200 * 1024));
      const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), 'child', path.join(mountPoint, 'app.log'), String(lines), mode], { encoding: 'utf8' });
      const reported = [...run.stderr.matchAll(/(\d+) record\(s\) for \S+ were lost/g)].reduce((sum, match) => sum + Number(match[1]), 0);
      const inFile = wholeLines(mountPoint);
      const sum = inFile + reported;
      console.log(`${mode.padEnd(9)} ${String(inFile).padStart(19)}   ${String(reported).padStart(13)}   ${sum}${sum === lines ? '' : `  MISMATCH (${lines - sum} unaccounted)`}`);
    }
  } finally {
    spawnSync('umount', [mountPoint]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') child(process.argv[3]!, Number(process.argv[4]), process.argv[5]!);
else main(Number(process.argv[2] ?? 200_000));
