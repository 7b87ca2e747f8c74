import path from 'node:path';
import { FileAppender, type FileAppenderOptions } from './file-appender.js';
import { parseByteSize } from './file/byte-size.js';
import { InterruptedCompressions } from './file/interrupted-compressions.js';
import { NumberedBackups } from './file/numbered-backups.js';
import { toBoolean, toFileMode, toNonNegativeInteger } from './file/option-values.js';
import { registerWriterKind } from './file/cluster/writer-targets.js';

export interface RollingFileAppenderOptions extends FileAppenderOptions {
  /** Roll when the file reaches this size: bytes, or with KB/MB/GB (default 10MB, as log4j). */
  maxFileSize?: number | string;
  /** log4j's long-valued spelling of MaxFileSize (Confluence's configuration uses it); MaxFileSize wins when both are set. */
  maximumFileSize?: number | string;
  /** Backups kept, `file.1` (newest) to `file.N` (default 1, as log4j; 0 truncates instead). */
  maxBackupIndex?: number | string;
  /** Gzip rolled files in the background (`file.1.gz` ...). */
  compress?: boolean | string;
}

/** The rolling options, checked; nothing is opened. */
function rollingSettings(options: RollingFileAppenderOptions): { maxFileSize: number; maxBackupIndex: number; compress: boolean; mode: number } {
  const where = (key: string): string => `appender "${options.name ?? 'RollingFileAppender'}" option ${key}`;
  const size = options.maxFileSize ?? options.maximumFileSize;
  return {
    maxFileSize: size === undefined ? 10 * 1024 * 1024 : parseByteSize(size, where(options.maxFileSize === undefined ? 'MaximumFileSize' : 'MaxFileSize')),
    maxBackupIndex: toNonNegativeInteger(options.maxBackupIndex, where('MaxBackupIndex'), 1),
    compress: toBoolean(options.compress, where('Compress'), false),
    mode: toFileMode(options.mode, where('Mode'), 0o644),
  };
}

/**
 * log4j's RollingFileAppender: size-based rollover with numbered backups. The size
 * is counted in bytes as records are accepted, and the rollover is queued in the
 * file manager right after the record that reached the limit, so a record is never
 * split between two files and none is written twice or lost across the rename.
 */
export class RollingFileAppender extends FileAppender {
  readonly maxFileSize: number;
  readonly maxBackupIndex: number;
  private readonly backups: NumberedBackups;
  private readonly interrupted: InterruptedCompressions | null;

  constructor(options: RollingFileAppenderOptions) {
    // Parsed before the file is opened, so a bad value leaves nothing open behind.
    const { maxFileSize, maxBackupIndex, compress, mode } = rollingSettings(options);
    super(options);
    this.maxFileSize = maxFileSize;
    this.maxBackupIndex = maxBackupIndex;
    const onGzipError = (cause: unknown): void => this.errorHandler.error(this.name, cause, `compressing a backup of ${this.file}`);
    this.backups = new NumberedBackups(this.file, maxBackupIndex, compress, mode, onGzipError);
    const base = path.basename(this.file);
    this.interrupted = this.writesOwnFile
      ? new InterruptedCompressions(this.file, (name) => name.startsWith(base) && /^\.\d+$/.test(name.slice(base.length)), compress, mode, onGzipError)
      : null;
  }

  /** Throws what the constructor would for these options, without opening the file (a configuration's dry run). */
  static override validate(options: RollingFileAppenderOptions): void {
    rollingSettings(options);
    FileAppender.validate(options);
  }

  protected override get writerKind(): string {
    return 'RollingFileAppender';
  }

  override writeText(text: string): void {
    if (!this.manager.write(text)) return;
    if (this.manager.fileBytesReach(this.maxFileSize)) this.rollOver();
  }

  /** Rolls now (after what was already logged), as log4j's `rollOver()`; in a worker, the writer process rolls. */
  rollOver(): void {
    if (this.forwardRoll()) return;
    this.manager.roll(() => {
      this.interrupted?.finishSync();
      this.backups.rollOver();
    });
    this.writeHeader();
  }

  protected override async onClose(): Promise<void> {
    await super.onClose();
    await this.backups.settle();
    await this.interrupted?.settle();
  }
}

registerWriterKind('RollingFileAppender', (settings, extras) => new RollingFileAppender({ ...settings, ...extras, disableClustering: true }));
