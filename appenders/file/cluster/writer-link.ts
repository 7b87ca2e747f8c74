import type { ErrorHandler } from '../../../src/error-handler.js';
import { InternalLog } from '../../../src/internal-log.js';
import { ExitFlush } from '../exit-flush.js';
import type { OverflowPolicy } from '../file-manager.js';
import { encodeFrame, encodeRecords, forEachRecord, FrameType, type Frame } from './frames.js';
import { fallbackFile } from './writer-address.js';
import type { Forwarder, WriterConnection } from './writer-connection.js';
import { createWriter, type RecordWriter, type WriterSpec } from './writer-targets.js';

/** The appender a link forwards for: who to tell about a fallback, and what the fallback file needs that cannot be sent. */
export interface LinkOwner {
  readonly name: string;
  readonly errorHandler: ErrorHandler;
  readonly layout?: unknown;
}

export interface LinkLimits {
  /** Records are sent in frames of about this many bytes (or at the end of the event-loop turn). */
  readonly bufferSize: number;
  /** Bound on bytes held for the writer (batched, in flight, or unacknowledged). */
  readonly maxBufferSize: number;
  readonly overflow: OverflowPolicy;
  /** Hand each record to the kernel before the logging call returns: then even a SIGKILL of the worker loses none. */
  readonly immediateFlush: boolean;
}

function fallbackError(cause: Error, file: string, pid: number): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(
    `the log writer for ${file} (process ${pid}) is unreachable (${cause.message}); this process now writes ${fallbackFile(file)}`,
  );
  error.code = 'EWRITERGONE';
  return error;
}

/**
 * One forwarding file appender in a worker: batches formatted records into frames
 * on the process's connection to the writer, and when the writer is unreachable
 * writes a file of its own (`file.pid<pid>`, same kind and settings), reported
 * once through the appender's error handler.
 */
export class WriterLink implements Forwarder {
  private readonly channel: number;
  private records: string[] = [];
  private lengths: number[] = [];
  private bytes = 0;
  private own: RecordWriter | null = null;
  private closed = false;
  private closing: Promise<void> | null = null;
  private refused = 0;
  private refusedSinceReport = 0;

  constructor(
    private readonly owner: LinkOwner,
    private readonly spec: WriterSpec,
    private readonly limits: LinkLimits,
    private readonly connection: WriterConnection,
  ) {
    this.channel = connection.attach(this);
    const gone = connection.gone;
    if (gone) this.fallBack(gone, []);
    else connection.enqueue(FrameType.Open, this.channel, encodeFrame(FrameType.Open, this.channel, Buffer.from(JSON.stringify(spec), 'utf8')));
  }

  /** Records refused because the bound was reached under the drop policy. */
  get dropped(): number {
    return this.refused;
  }

  get pendingBytes(): number {
    return this.own ? 0 : this.bytes + this.connection.heldBytes;
  }

  write(text: string): boolean {
    if (this.own) {
      this.own.writeText(text);
      return true;
    }
    const bytes = Buffer.byteLength(text, 'utf8');
    if (this.bytes + bytes + this.connection.heldBytes > this.limits.maxBufferSize && this.bytes + this.connection.heldBytes > 0) {
      if (this.limits.overflow === 'block') this.connection.waitForRoom(bytes, this.limits.maxBufferSize);
      if (this.own) return this.write(text);
      if (this.bytes + bytes + this.connection.heldBytes > this.limits.maxBufferSize) {
        this.refuse();
        return false;
      }
    }
    if (this.refusedSinceReport > 0) this.reportRecovery();
    this.records.push(text);
    this.lengths.push(bytes);
    this.bytes += bytes;
    if (ExitFlush.exiting || this.limits.immediateFlush) {
      this.connection.flushSync();
    } else if (this.bytes >= this.limits.bufferSize) {
      this.seal();
      void this.connection.flush();
    } else {
      this.connection.schedule();
    }
    return true;
  }

  /** Asks the writer to roll the file after what was forwarded so far. */
  roll(): void {
    if (this.own) {
      this.own.rollOver?.();
      return;
    }
    this.seal();
    this.connection.enqueue(FrameType.Roll, this.channel, encodeFrame(FrameType.Roll, this.channel));
    this.connection.schedule();
  }

  /** Resolves when what was logged is handed to the kernel on the way to the writer (or written to the file of its own). */
  async flush(): Promise<void> {
    if (this.own) return this.own.flush?.();
    return this.connection.flush();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.own) {
      await this.own.close();
      return;
    }
    this.seal();
    this.connection.enqueue(FrameType.Close, this.channel, encodeFrame(FrameType.Close, this.channel));
    await this.connection.flush();
    // The writer went away while this was closing: the file of its own got the rest.
    if (this.closing) await this.closing;
  }

  seal(): void {
    if (this.records.length === 0) return;
    const frame = encodeRecords(this.channel, this.records, this.lengths, this.bytes);
    this.records = [];
    this.lengths = [];
    this.bytes = 0;
    this.connection.enqueue(FrameType.Records, this.channel, frame);
  }

  fallBack(cause: Error, unprocessed: Frame[]): void {
    if (this.own) return;
    const file = String(this.spec.settings.file);
    const own = createWriter(
      { kind: this.spec.kind, settings: { ...this.spec.settings, file: fallbackFile(file) } },
      { name: this.owner.name, errorHandler: this.owner.errorHandler, layout: this.owner.layout },
    );
    this.own = own;
    this.owner.errorHandler.error(this.owner.name, fallbackError(cause, file, this.connection.pid), 'cluster logging');
    for (const frame of unprocessed) {
      if (frame.type === FrameType.Records) forEachRecord(frame.body, (record) => own.writeText(record));
      else if (frame.type === FrameType.Roll) own.rollOver?.();
    }
    for (const record of this.records) own.writeText(record);
    this.records = [];
    this.lengths = [];
    this.bytes = 0;
    if (this.closed) this.closing = own.close();
  }

  private refuse(): void {
    this.refused++;
    if (this.refusedSinceReport++ > 0) return;
    const error: NodeJS.ErrnoException = new Error(
      `buffer of ${this.limits.maxBufferSize} bytes for the log writer is full; records are dropped and counted`,
    );
    error.code = 'EBUFFERFULL';
    this.owner.errorHandler.error(this.owner.name, error, 'cluster logging');
  }

  private reportRecovery(): void {
    InternalLog.warn(`appender "${this.owner.name}": ${this.refusedSinceReport} record(s) were dropped while the buffer for the log writer was full`);
    this.refusedSinceReport = 0;
  }
}
