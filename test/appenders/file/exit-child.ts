/**
 * Child process for the exit tests: logs numbered lines through a real logger and a
 * RollingFileAppender, then ends in the way named by its third argument.
 * Usage: node exit-child.js <file> <lines> <exit|exit-after-noise|exit-listener|throw|sigterm|sigint|sighup|host-sigterm|host-sigterm-survives|stream|natural> [maxBufferSize]
 */
import fs from 'node:fs';
import path from 'node:path';
import { getLogger } from '../../../src/log-manager.js';
import { RollingFileAppender } from '../../../appenders/rolling-file-appender.js';

const [file, countText, mode, maxBufferSize] = process.argv.slice(2);
const count = Number(countText);
const log = getLogger('exit.child');
log.addAppender(new RollingFileAppender({
  name: 'exit-child',
  file,
  layout: { format: (event) => `${event.message}\n` },
  maxFileSize: '1MB',
  maxBackupIndex: 1000,
  maxBufferSize,
}));

const filler = 'x'.repeat(60);
function logLines(from: number, to: number): void {
  for (let i = from; i < to; i++) log.info(`line ${i} ${filler}`);
}

switch (mode) {
  case 'exit':
    logLines(0, count);
    process.exit(0);
    break;
  case 'exit-after-noise':
    // More than a pipe holds: the rest waits in Node's stderr queue.
    process.stderr.write(`${'n'.repeat(256 * 1024)}\n`);
    logLines(0, count);
    process.exit(0);
    break;
  case 'exit-listener':
    // Registered after the appender's own exit listener, so it runs after the flush.
    process.on('exit', () => log.info('said at exit'));
    logLines(0, count);
    process.exit(0);
    break;
  case 'throw':
    setImmediate(() => {
      logLines(0, count);
      throw new Error('boom from exit-child');
    });
    break;
  case 'sigterm':
  case 'sigint':
  case 'sighup':
    logLines(0, count);
    process.kill(process.pid, mode.toUpperCase() as NodeJS.Signals);
    setTimeout(() => process.exit(42), 10_000);
    break;
  case 'host-sigterm':
    process.on('SIGTERM', () => {
      log.info('host handler says goodbye');
      process.exit(3);
    });
    logLines(0, count);
    process.kill(process.pid, 'SIGTERM');
    setTimeout(() => process.exit(42), 10_000);
    break;
  case 'host-sigterm-survives':
    // The host stays up after SIGTERM, and the disk gets room again (the full-disk
    // tests put a filler file next to the log).
    process.on('SIGTERM', () => {
      fs.rmSync(path.join(path.dirname(file!), 'filler'), { force: true });
      setTimeout(() => process.exit(0), 1500);
    });
    logLines(0, count);
    process.kill(process.pid, 'SIGTERM');
    break;
  case 'stream': {
    // Logs until killed; tells the parent once `count` lines are logged.
    let next = 0;
    const batch = (): void => {
      logLines(next, next + 1000);
      next += 1000;
      if (next === count) process.stdout.write('ready\n');
      setImmediate(batch);
    };
    batch();
    break;
  }
  case 'natural': {
    // Logs across event-loop turns, then lets the process end by itself.
    let next = 0;
    const batch = (): void => {
      logLines(next, Math.min(next + 1000, count));
      next += 1000;
      if (next < count) setImmediate(batch);
    };
    batch();
    break;
  }
  default:
    throw new Error(`exit-child: unknown mode ${String(mode)}`);
}
