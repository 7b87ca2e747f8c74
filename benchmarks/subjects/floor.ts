import { closeSync, openSync, writeSync } from 'node:fs';
import { jiraLine } from './jira-line.js';
import { JSON_REQUEST_ID, JSON_USER, LOGGER_NAME, message } from '../workload.js';
import type { Subject } from './subject.js';

const BATCH = 64 * 1024;

/**
 * What the disk allows with no logger at all: precomputed lines (flat strings, as a
 * layout produces them), joined into 64 KiB batches and written with writeSync.
 * Joining and encoding are timed (any logger must do both); making the lines is not.
 */
function writeAll(file: string, lines: string[]): number {
  const flat = lines.map((line) => Buffer.from(line).toString());
  const start = process.hrtime.bigint();
  const fd = openSync(file, 'w');
  let chunk = '';
  for (const line of flat) {
    chunk += line;
    if (chunk.length >= BATCH) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  if (chunk) writeSync(fd, chunk);
  closeSync(fd);
  return Number(process.hrtime.bigint() - start);
}

export const floor: Subject = {
  name: 'I/O floor',
  async pattern(file, count) {
    const time = Date.now();
    const lines = Array.from({ length: count }, (_, i) => jiraLine(time, 'INFO', message(i)));
    return writeAll(file, lines);
  },
  async json(file, count) {
    const time = Date.now();
    const lines = Array.from({ length: count }, (_, i) =>
      JSON.stringify({ level: 'INFO', time, logger: LOGGER_NAME, msg: message(i), user: JSON_USER, requestId: JSON_REQUEST_ID }) + '\n');
    return writeAll(file, lines);
  },
};
