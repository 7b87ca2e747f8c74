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

const gunzipAsync = promisify(gunzip);
const READ_CHUNK = 1 << 20;

function unreadable(file: string, cause: unknown): UnreadableLogError {
  const code = (cause as NodeJS.ErrnoException).code;
  return new UnreadableLogError(`${file}: cannot be read (${code ?? (cause as Error).message})`);
}

async function* chunksOf(file: AuditLogFile): AsyncGenerator<Buffer> {
  if (file.gzip) {
    // A rotated file is bounded by the appender's MaxFileSize: it is inflated whole.
    let bytes: Buffer;
    try {
      bytes = await gunzipAsync(await fs.promises.readFile(file.path));
    } catch (cause) {
      throw unreadable(file.path, cause);
    }
    yield bytes;
    return;
  }
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file.path, 'r');
  } catch (cause) {
    throw unreadable(file.path, cause);
  }
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(READ_CHUNK);
      let read: number;
      try {
        ({ bytesRead: read } = await handle.read(buffer, 0, READ_CHUNK, null));
      } catch (cause) {
        throw unreadable(file.path, cause);
      }
      if (read === 0) return;
      yield buffer.subarray(0, read);
    }
  } finally {
    await handle.close();
  }
}

async function* linesOf(files: readonly AuditLogFile[]): AsyncGenerator<LogLine> {
  for (const file of files) {
    let carry: Buffer | null = null;
    let line = 0;
    for await (const chunk of chunksOf(file)) {
      const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      let start = 0;
      for (let end = data.indexOf(0x0a, start); end !== -1; end = data.indexOf(0x0a, start)) {
        yield { file: file.path, line: ++line, bytes: data.subarray(start, end), terminated: true };
        start = end + 1;
      }
      carry = start < data.length ? data.subarray(start) : null;
    }
    if (carry) yield { file: file.path, line: ++line, bytes: carry, terminated: false };
  }
}

/** The lines of the files in order, with a look ahead for telling one kind of break from another. */
export class LogLines {
  private readonly queue: LogLine[] = [];
  private readonly source: AsyncGenerator<LogLine>;

  constructor(files: readonly AuditLogFile[]) {
    this.source = linesOf(files);
  }

  async next(): Promise<LogLine | null> {
    if (this.queue.length > 0) return this.queue.shift()!;
    const result = await this.source.next();
    return result.done ? null : result.value;
  }

  /** Stops reading early (at a break): closes the file being read. */
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
