import path from 'node:path';
import type { LoggingEvent } from '../src/logging-event.js';
import { AppenderSkeleton, type AppenderOptions } from './appender-skeleton.js';
import type { FileManager, FileManagerOptions, OverflowPolicy } from './file/file-manager.js';
import { acquireFileManager, releaseFileManager } from './file/file-manager-registry.js';
import { parseByteSize } from './file/byte-size.js';
import { readFileTail, type TailOptions } from './file/file-tail.js';
import { toBufferEncoding } from './file/file-encoding.js';
import { toBoolean, toFileMode, toNonNegativeInteger } from './file/option-values.js';
import { forwardingLink } from './file/cluster/cluster-logging.js';
import type { WriterLink } from './file/cluster/writer-link.js';
import { offerLocalWriter, registerWriterKind, withdrawLocalWriter, type WriterSettings } from './file/cluster/writer-targets.js';

export interface FileAppenderOptions extends AppenderOptions {
  /** Path of the log file; parent directories are created. */
  file?: string;
  /** Keep the file's content (default) or truncate it when the appender first opens it. */
  append?: boolean | string;
  /** Java charset name: UTF-8 (default), ISO-8859-1, US-ASCII, UTF-16LE. */
  encoding?: string;
  /**
   * Hold records until `bufferSize` bytes are collected or `flushInterval` passes.
   * Without it, a record is written within a millisecond; a busy server's event-loop
   * turns within that millisecond share one write.
   */
  bufferedIO?: boolean | string;
  /** Most bytes per write (default 1MB); accepts KB/MB units. */
  bufferSize?: number | string;
  /** Milliseconds a record may wait under BufferedIO (default 1000). */
  flushInterval?: number | string;
  /**
   * Write each record to the file before the logging call returns (one system call
   * per record). Default false: unlike log4j, lines are not lost on exit without it.
   */
  immediateFlush?: boolean | string;
  /** Permission bits for a file the appender creates, e.g. 0o640 or "0640" (default 0644; umask applies). */
  mode?: number | string;
  /** Bound on bytes held in memory that are not on disk yet (default 8MB). */
  maxBufferSize?: number | string;
  /**
   * When the bound is reached: `block` (default) writes synchronously so the caller
   * waits for the disk and nothing is lost; `drop` refuses records, counts and
   * reports them. A file that cannot be written at all drops, counted, under either.
   */
  overflow?: OverflowPolicy;
  /** Milliseconds between attempts while the file cannot be opened or written (default 1000). */
  retryInterval?: number | string;
  /**
   * In a cluster worker or worker thread, write the file from this process instead
   * of forwarding records to the primary / main thread (default false). Give each
   * process its own file then.
   */
  disableClustering?: boolean | string;
}

/**
 * Each asynchronous write wakes a thread-pool thread, and a chunk costs a stat of
 * the path: with 64 KB chunks a server logging the Jira line ten per turn paid
 * that every 150 lines, about a tenth of its time on a two-CPU virtual machine. At
 * 1 MB, a busy file's chunk goes out when its millisecond is up rather than when
 * 256 KB are full (+2-7% in four alternations of that workload, CPU per line
 * lower). A file's first chunk is smaller and chunks grow only while they fill up,
 * so a quiet file holds little.
 */
const DEFAULT_BUFFER_SIZE = 1024 * 1024;
const DEFAULT_MAX_BUFFER_SIZE = 8 * 1024 * 1024;

/** Options that stay with the forwarding process: what the writer needs is the file's settings. */
const LOCAL_ONLY = new Set(['threshold', 'disableClustering', 'file']);

/** The appender's settings as they cross to the writer: plain values only (no layout, filters, handlers, clock). */
function writerSettings(file: string, options: object): WriterSettings {
  const settings: WriterSettings = { file };
  for (const [key, value] of Object.entries(options)) {
    if (LOCAL_ONLY.has(key)) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') settings[key] = value;
  }
  return settings;
}

function managerOptions(appender: string, options: FileAppenderOptions): FileManagerOptions {
  const where = (key: string): string => `appender "${appender}" option ${key}`;
  const overflow = options.overflow ?? 'block';
  if (overflow !== 'block' && overflow !== 'drop') {
    throw new Error(`${where('Overflow')}: expected block or drop, got "${String(overflow)}"`);
  }
  const bufferSize = options.bufferSize === undefined ? DEFAULT_BUFFER_SIZE : parseByteSize(options.bufferSize, where('BufferSize'));
  const maxBufferSize = options.maxBufferSize === undefined
    ? Math.max(DEFAULT_MAX_BUFFER_SIZE, bufferSize * 2)
    : parseByteSize(options.maxBufferSize, where('MaxBufferSize'));
  return {
    append: toBoolean(options.append, where('Append'), true),
    encoding: toBufferEncoding(options.encoding, where('Encoding')),
    mode: toFileMode(options.mode, where('Mode'), 0o644),
    bufferSize,
    bufferedIO: toBoolean(options.bufferedIO, where('BufferedIO'), false),
    flushInterval: toNonNegativeInteger(options.flushInterval, where('FlushInterval'), 1000),
    immediateFlush: toBoolean(options.immediateFlush, where('ImmediateFlush'), false),
    maxBufferSize,
    overflow,
    retryInterval: toNonNegativeInteger(options.retryInterval, where('RetryInterval'), 1000),
  };
}

/** Every option a FileAppender reads, checked; nothing is opened. */
function fileSettings(name: string, options: FileAppenderOptions): { file: string; settings: FileManagerOptions; disableClustering: boolean } {
  if (options.file === undefined || options.file.trim() === '') {
    throw new Error(`appender "${name}": option File is required`);
  }
  return {
    file: path.resolve(options.file.trim()),
    settings: managerOptions(name, options),
    disableClustering: toBoolean(options.disableClustering, `appender "${name}" option DisableClustering`, false),
  };
}

/**
 * log4j's FileAppender. The file is written through a shared FileManager: records
 * are batched into large asynchronous writes, and every record logged before the
 * process ends (normally, by `process.exit()`, an uncaught exception, SIGINT or
 * SIGTERM) is on disk exactly once. See appenders/file/DURABILITY.md.
 */
export class FileAppender extends AppenderSkeleton {
  /** Absolute path of the file. */
  readonly file: string;
  /** The DisableClustering option: this appender writes its file itself even in a worker. */
  readonly disableClustering: boolean;
  private readonly ownManager: FileManager | null;
  /** Set in a cluster worker or worker thread: records go to the writer process (DURABILITY.md, "Several processes"). */
  private readonly link: WriterLink | null;
  private readonly offered: boolean;

  constructor(options: FileAppenderOptions) {
    super(options);
    const { file, settings, disableClustering } = fileSettings(this.name, options);
    this.file = file;
    this.disableClustering = disableClustering;
    const clustered = !this.disableClustering;
    this.link = clustered
      ? forwardingLink(this, { kind: this.writerKind, settings: writerSettings(this.file, options) }, settings)
      : null;
    this.ownManager = this.link ? null : acquireFileManager(this.file, settings, this);
    this.offered = clustered && this.link === null;
    if (this.offered) offerLocalWriter(this.file, this);
    this.writeHeader();
  }

  /** Throws what the constructor would for these options, without opening the file (a configuration's dry run). */
  static validate(options: FileAppenderOptions): void {
    fileSettings(options.name ?? 'FileAppender', options);
  }

  /** The name the writer process builds this kind of appender by. */
  protected get writerKind(): string {
    return 'FileAppender';
  }

  /** False in a cluster worker or worker thread that forwards its records to the writer process. */
  protected get writesOwnFile(): boolean {
    return this.link === null;
  }

  /** The file's manager; only appenders that write the file themselves have one. */
  protected get manager(): FileManager {
    if (this.ownManager === null) throw new Error(`appender "${this.name}" forwards its records and has no file of its own`);
    return this.ownManager;
  }

  /** Records refused since the file was opened (buffer full under the drop policy, or a failing file). */
  get droppedRecords(): number {
    return this.link ? this.link.dropped : this.manager.dropped;
  }

  /** Bytes accepted but not yet confirmed written (for a forwarder: not yet acknowledged by the writer). */
  get pendingBytes(): number {
    return this.link ? this.link.pendingBytes : this.manager.pendingBytes;
  }

  /** Headers and footers of a shared file are the writer's: a worker starting or stopping does not add any. */
  protected writeHeader(): void {
    const header = this.layout?.header;
    if (header && !this.link) this.manager.write(header);
  }

  protected write(event: LoggingEvent): void {
    if (this.link) this.link.write(this.render(event));
    else this.writeText(this.render(event));
  }

  /**
   * Writes one formatted record to this appender's own file, rotating as
   * configured. The cluster writer feeds records from other processes in here.
   */
  writeText(text: string): void {
    this.manager.write(text);
  }

  /** Asks the writer process to roll the shared file; false when this appender writes its own file. */
  protected forwardRoll(): boolean {
    if (!this.link) return false;
    this.link.roll();
    return true;
  }

  /**
   * Writes one event through the layout straight into the file, past the
   * threshold and the filters: a marker (Jira's Mark logs) must reach every file.
   */
  mark(event: LoggingEvent): void {
    this.write(event);
  }

  /** The last lines of the file once what was logged so far is written (bounded: see readFileTail). */
  async tail(options: TailOptions = {}): Promise<string[]> {
    await this.written();
    return readFileTail(this.file, options);
  }

  override flush(): Promise<void> {
    return this.link ? this.link.flush() : this.manager.flush();
  }

  /** Resolves once what this appender's file accepted so far is written (the cluster writer acknowledges by it). */
  written(): Promise<void> {
    return this.link ? this.link.flush() : this.manager.written();
  }

  protected override async onClose(): Promise<void> {
    if (this.link) {
      await this.link.close();
      return;
    }
    if (this.offered) withdrawLocalWriter(this.file, this);
    const footer = this.layout?.footer;
    if (footer) this.manager.write(footer);
    await releaseFileManager(this.manager, this);
  }
}

registerWriterKind('FileAppender', (settings, extras) => new FileAppender({ ...settings, ...extras, disableClustering: true }));
