/**
 * Memory under a tight logging loop: 1,000,000 lines through a real logger and a
 * FileAppender, never yielding to the event loop, so asynchronous writes cannot
 * drain anything and only the appender's buffer bound keeps memory in check.
 * Prints peak heap and RSS, then checks the file holds every line.
 *
 * Run: node dist/benchmarks/file-appender-memory.js [lines] [maxBufferSize]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getLogger, shutdown } from '../src/log-manager.js';
import { FileAppender } from '../appenders/file-appender.js';
import { SimpleLayout } from '../layouts/simple-layout.js';

const lines = Number(process.argv[2] ?? 1_000_000);
const maxBufferSize = process.argv[3] ?? '8MB';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logwarden-memory-'));
const file = path.join(dir, 'memory.log');
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const log = getLogger('bench.memory');
log.additivity = false;
const appender = new FileAppender({ file, layout: new SimpleLayout(), maxBufferSize });
log.addAppender(appender);

const baseline = process.memoryUsage();
let peakHeap = baseline.heapUsed;
let peakRss = baseline.rss;
let peakPending = 0;
const started = process.hrtime.bigint();
for (let i = 0; i < lines; i++) {
  log.info(`request ${i} handled for user admin from 10.0.0.1 in 12 ms`);
  if (i % 10_000 === 0) {
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    peakRss = Math.max(peakRss, usage.rss);
    peakPending = Math.max(peakPending, appender.pendingBytes);
  }
}
const loopMs = Number(process.hrtime.bigint() - started) / 1e6;
await shutdown();
const totalMs = Number(process.hrtime.bigint() - started) / 1e6;

const text = fs.readFileSync(file, 'latin1');
let count = 0;
for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
fs.rmSync(dir, { recursive: true, force: true });

console.log(`lines logged        ${lines.toLocaleString('en')} (${count === lines ? 'all on disk' : `ONLY ${count} on disk`})`);
console.log(`buffer bound        ${maxBufferSize}; peak not yet on disk ${mb(peakPending)}`);
console.log(`heap used           baseline ${mb(baseline.heapUsed)}, peak ${mb(peakHeap)}`);
console.log(`rss                 baseline ${mb(baseline.rss)}, peak ${mb(peakRss)}`);
console.log(`time                loop ${loopMs.toFixed(0)} ms, until closed ${totalMs.toFixed(0)} ms (${Math.round(lines / (totalMs / 1000)).toLocaleString('en')} lines/s)`);
if (count !== lines) process.exitCode = 1;
