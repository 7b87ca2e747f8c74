/**
 * Child process for the interrupted-compression tests: fills a RollingFileAppender
 * (gzip on, 1MB files) past MaxFileSize, and kills itself with SIGKILL as soon as
 * the compression of its rolled file has started writing its partial archive.
 * Usage: node gzip-crash-child.js <file> <first line number>
 * Exits with 2 if the compression finished before it could be interrupted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { RollingFileAppender } from '../../../appenders/rolling-file-appender.js';
import { event, messageLayout } from './fixtures.js';

const [file, firstText] = process.argv.slice(2) as [string, string];
const first = Number(firstText);
const appender = new RollingFileAppender({ file, layout: messageLayout, maxFileSize: '1MB', maxBackupIndex: 2, compress: true });
// Random digits compress slowly enough to be caught in the middle.
for (let i = first; i < first + 16_000; i++) appender.append(event(`line ${i} ${Math.random()} ${Math.random()} ${Math.random()}`));

const dir = path.dirname(file);
const waitForPartial = (): void => {
  const names = fs.readdirSync(dir);
  if (names.some((name) => name.endsWith(`.part`) && name.includes(`.gz.${process.pid}-`))) process.kill(process.pid, 'SIGKILL');
  else if (names.includes(`${path.basename(file)}.1.gz`)) process.exit(2);
  else setImmediate(waitForPartial);
};
// Once written, the rollover has run and its compression has started.
void appender.flush().then(waitForPartial);
