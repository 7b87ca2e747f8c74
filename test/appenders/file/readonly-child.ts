/**
 * Child process for the read-only directory test when the suite runs as root (root
 * can write anywhere, so the parent runs this as an unprivileged user): one logger,
 * a FileAppender aimed into a read-only directory, a second appender that must keep
 * receiving. Prints a JSON summary.
 * Usage: node readonly-child.js <file in a read-only directory>
 */
import { getLogger } from '../../../src/log-manager.js';
import { MemoryAppender } from '../../../appenders/memory-appender.js';
import { FileAppender } from '../../../appenders/file-appender.js';
import { RecordingErrorHandler } from './fixtures.js';

const errors = new RecordingErrorHandler();
const log = getLogger('readonly.child');
const memory = new MemoryAppender();
const file = new FileAppender({ name: 'locked', file: process.argv[2], errorHandler: errors, retryInterval: 20 });
log.addAppender(file);
log.addAppender(memory);
for (let i = 0; i < 100; i++) log.info(`line ${i}`);
setTimeout(() => {
  process.stdout.write(JSON.stringify({ errors: errors.errors, received: memory.events.length, pending: file.pendingBytes }));
  process.exit(0);
}, 200);
