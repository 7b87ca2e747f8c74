import * as fs from 'node:fs';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { AuditLogFile } from './audit-log-files.js';

/** One line of a rotated audit log, without its line break. */
export interface LogLine {
  readonly file: string;
  /** 1-based, in its file. */
  readonly line: number;
  readonly bytes: Buffer;
  /** False for a last line with no line break: a write that a crash or a full disk cut. */
  readonly terminated: boolean;
}

/** A file of the log that cannot be read; the verifier answers it with "unreadable", not "broken". */
export class UnreadableLogError extends Error {
  override name = 'UnreadableLogError';
}

/**
 * A listed file was renamed before it was opened (the writer rolled over while the
 * files were being listed and opened): the list is made again.
 */
export class RotatedWhileReadingError extends UnreadableLogError {
  override name = 'RotatedWhileReadingError';
}

const gunzipAsync = promisify(gunzip);
const readAsync = (fd: number, buffer: Buffer, offset: number, length: number, position: null): Promise<number> =>
  new Promise((resolve, reject) => fs.read(fd, buffer, offset, length, position, (error, read) => (error ? reject(error) : resolve(read))));
const READ_CHUNK = 1 << 20;

function unreadable(file: string, cause: unknown): UnreadableLogError {
  const code = (cause as NodeJS.ErrnoException).code;
  return new UnreadableLogError(`${file}: cannot be read (${code ?? (cause as Error).message})`);
}

/** Opened synchronously, so that a whole list is opened between two rollovers of a busy writer. */
function openListed(file: AuditLogFile): number {
  let fd: number;
  try {
    fd = fs.openSync(file.path, 'r');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') throw new RotatedWhileReadingError(`${file.path}: renamed while the log was being opened`);
    throw unreadable(file.path, cause);
  }
  if (fs.fstatSync(fd).ino !== file.ino) {
    fs.closeSync(fd);
    throw new RotatedWhileReadingError(`${file.path}: renamed while the log was being opened`);
  }
  return fd;
}

interface OpenFile {
  readonly file: AuditLogFile;
  readonly fd: number;
}

async function* chunksOf({ file, fd }: OpenFile): AsyncGenerator<Buffer> {
  if (file.gzip) {
    // A rotated file is bounded by the appender's MaxFileSize: it is inflated whole.
    let bytes: Buffer;
    try {
      bytes = await gunzipAsync(await readWhole(fd));
    } catch (cause) {
      throw unreadable(file.path, cause);
    }
    yield bytes;
    return;
  }
  for (;;) {
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    let read: number;
    try {
      read = await readAsync(fd, buffer, 0, READ_CHUNK, null);
    } catch (cause) {
      throw unreadable(file.path, cause);
    }
    if (read === 0) return;
    yield buffer.subarray(0, read);
  }
}

async function readWhole(fd: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (;;) {
    const buffer = Buffer.allocUnsafe(READ_CHUNK);
    const read = await readAsync(fd, buffer, 0, READ_CHUNK, null);
    if (read === 0) return Buffer.concat(chunks);
    chunks.push(buffer.subarray(0, read));
  }
}

async function* linesOf(files: readonly OpenFile[]): AsyncGenerator<LogLine> {
  try {
    for (const open of files) {
      const path = open.file.path;
      let carry: Buffer | null = null;
      let line = 0;
      for await (const chunk of chunksOf(open)) {
        const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
        let start = 0;
        for (let end = data.indexOf(0x0a, start); end !== -1; end = data.indexOf(0x0a, start)) {
          yield { file: path, line: ++line, bytes: data.subarray(start, end), terminated: true };
          start = end + 1;
        }
        carry = start < data.length ? data.subarray(start) : null;
      }
      if (carry) yield { file: path, line: ++line, bytes: carry, terminated: false };
    }
  } finally {
    for (const open of files) fs.closeSync(open.fd);
  }
}

/** The lines of the files in order, with a look ahead for telling one kind of break from another. */
export class LogLines {
  private readonly queue: LogLine[] = [];
  private readonly source: AsyncGenerator<LogLine>;

  private constructor(source: AsyncGenerator<LogLine>) {
    this.source = source;
  }

  /** Lines from elsewhere than files (the rows of one node in the audit table), in the order written. */
  static of(source: AsyncGenerator<LogLine>): LogLines {
    return new LogLines(source);
  }

  /**
   * Opens every file of the list before reading any: the descriptors hold the files
   * the list names, so a rollover during the reading (which renames them all) can
   * neither skip nor repeat one.
   */
  static open(files: readonly AuditLogFile[]): LogLines {
    const opened: OpenFile[] = [];
    try {
      for (const file of files) opened.push({ file, fd: openListed(file) });
    } catch (error) {
      for (const open of opened) fs.closeSync(open.fd);
      throw error;
    }
    return new LogLines(linesOf(opened));
  }

  async next(): Promise<LogLine | null> {
    if (this.queue.length > 0) return this.queue.shift()!;
    const result = await this.source.next();
    return result.done ? null : result.value;
  }

  /** Stops reading, early or not: closes the files. */
  async close(): Promise<void> {
    await this.source.return(undefined);
  }

  /** The line `ahead` places after the one `next` returned last (0: the next one), or null past the end. */
  async peek(ahead: number): Promise<LogLine | null> {
    while (this.queue.length <= ahead) {
      const result = await this.source.next();
      if (result.done) return null;
      this.queue.push(result.value);
    }
    return this.queue[ahead]!;
  }
}
