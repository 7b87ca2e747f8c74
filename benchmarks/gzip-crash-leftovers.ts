/**
 * Partial gzip archives after crashes (issue 13, item 6): a child process logs
 * continuously through a RollingFileAppender (2MB files, MaxBackupIndex 3, gzip)
 * and is killed with SIGKILL after 300-800 ms, again and again; then one more
 * appender starts on the file and closes. Prints the `.part` files left after the
 * kills and after that start. About 8 s for 10 kills.
 *
 * Run: node dist/benchmarks/gzip-crash-leftovers.js [kills]   (default 10)
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { getLogger } from '../src/log-manager.js';
import { RollingFileAppender } from '../appenders/rolling-file-appender.js';
import type { LoggingEvent } from '../src/logging-event.js';

const settings = { layout: { format: (event: LoggingEvent) => `${String(event.message)}\n` }, maxFileSize: '2MB', maxBackupIndex: 3, compress: true };

function child(file: string): void {
  const log = getLogger('gzip-crash');
  log.addAppender(new RollingFileAppender({ ...settings, file }));
  let line = 0;
  const turn = (): void => {
    for (let k = 0; k < 2000; k++) log.info(`line ${line++} ${Math.random()}`);
    setImmediate(turn);
  };
  turn();
}

function killedAfter(file: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [fileURLToPath(import.meta.url), 'child', file], { stdio: 'ignore' });
    setTimeout(() => proc.kill('SIGKILL'), ms);
    proc.on('exit', () => resolve());
  });
}

async function main(kills: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logwarden-gzip-crash-'));
  const file = path.join(dir, 'app.log');
  const partials = (): number => fs.readdirSync(dir).filter((name) => name.endsWith('.part')).length;
  try {
    for (let i = 0; i < kills; i++) await killedAfter(file, 300 + Math.floor(Math.random() * 500));
    // Each start cleans up after the run before, so only the last run's are left here.
    console.log(`after ${kills} SIGKILLs: ${partials()} .part file(s); ${fs.readdirSync(dir).sort().join(' ')}`);
    const appender = new RollingFileAppender({ ...settings, file });
    await appender.close();
    const names = fs.readdirSync(dir).sort();
    console.log(`after the next start: ${partials()} .part file(s); ${names.join(' ')}`);
    for (const name of names.filter((n) => n.endsWith('.gz'))) zlib.gunzipSync(fs.readFileSync(path.join(dir, name)));
    console.log('every .gz decompresses');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') child(process.argv[3]!);
else await main(Number(process.argv[2] ?? 10));
