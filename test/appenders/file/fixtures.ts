import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Level } from '../../../src/level.js';
import type { LoggingEvent } from '../../../src/logging-event.js';
import type { ErrorHandler } from '../../../src/error-handler.js';
import type { Layout } from '../../../layouts/layout.js';
import type { FileManagerOptions } from '../../../appenders/file/file-manager.js';

/** Shared pieces of the file appender tests: temp directories, events, a plain layout, a recording error handler. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `logwarden-${prefix}-`));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export function event(message: string, timestamp = Date.now()): LoggingEvent {
  return { timestamp, level: Level.INFO, loggerName: 'test', message, threadName: 'main', mdc: {}, ndc: '' };
}

export const messageLayout: Layout = { format: (e) => `${e.message}\n` };

export class RecordingErrorHandler implements ErrorHandler {
  readonly errors: Array<{ name: string; code: string | undefined; message: string }> = [];
  recoveries = 0;
  error(appenderName: string, cause: unknown): void {
    const error = cause as NodeJS.ErrnoException;
    this.errors.push({ name: appenderName, code: error.code, message: error.message });
  }
  recovered(): void {
    this.recoveries++;
  }
}

export function openFdCount(): number {
  return fs.readdirSync('/proc/self/fd').length;
}

export function readLines(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return text === '' ? [] : text.slice(0, -1).split('\n');
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** FileManager settings for tests: small chunks, so a few records make several writes. */
export const managerOptions: FileManagerOptions = {
  append: true,
  encoding: 'utf8',
  mode: 0o644,
  bufferSize: 1024,
  bufferedIO: false,
  flushInterval: 1000,
  immediateFlush: false,
  maxBufferSize: 1024 * 1024,
  overflow: 'block',
  retryInterval: 1000,
};
