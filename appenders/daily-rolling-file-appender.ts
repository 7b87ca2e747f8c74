import fs from 'node:fs';
import path from 'node:path';
import { SimpleDateFormat } from '../layouts/date/simple-date-format.js';
import { resolveTimeZone, type TimeZone } from '../layouts/date/time-zone.js';
import { FileAppender, type FileAppenderOptions } from './file-appender.js';
import { DatedBackups, shapeOf } from './file/dated-backups.js';
import { InterruptedCompressions } from './file/interrupted-compressions.js';
import { inferRollPeriod, nextRollTime, type RollPeriod } from './file/roll-period.js';
import { toBoolean, toFileMode, toNonNegativeInteger } from './file/option-values.js';
import { registerWriterKind } from './file/cluster/writer-targets.js';

export interface DailyRollingFileAppenderOptions extends FileAppenderOptions {
  /** SimpleDateFormat suffix of rolled files; also sets how often to roll (default `'.'yyyy-MM-dd`). */
  datePattern?: string;
  /** Zone of the roll boundaries and suffixes (default the process's). */
  timeZone?: string;
  /** Keep only this many rolled files, deleting the oldest (default 0: keep all, as log4j). */
  maxBackupIndex?: number | string;
  /** Gzip rolled files in the background. */
  compress?: boolean | string;
  /** Milliseconds since the epoch; tests pass a fake clock. */
  clock?: () => number;
}

/** The rolling options, checked; nothing is opened. */
function dailySettings(options: DailyRollingFileAppenderOptions): {
  datePattern: string; zone: TimeZone; suffix: SimpleDateFormat; rollPeriod: RollPeriod; maxBackups: number; compress: boolean; mode: number;
} {
  const datePattern = options.datePattern ?? "'.'yyyy-MM-dd";
  const where = (key: string): string => `appender "${options.name ?? 'DailyRollingFileAppender'}" option ${key}`;
  let zone: TimeZone;
  let suffix: SimpleDateFormat;
  let rollPeriod: RollPeriod;
  try {
    zone = resolveTimeZone(options.timeZone);
    suffix = new SimpleDateFormat(datePattern, zone);
    rollPeriod = inferRollPeriod(datePattern);
  } catch (cause) {
    throw new Error(`${where('DatePattern/TimeZone')}: ${(cause as Error).message}`);
  }
  return {
    datePattern, zone, suffix, rollPeriod,
    maxBackups: toNonNegativeInteger(options.maxBackupIndex, where('MaxBackupIndex'), 0),
    compress: toBoolean(options.compress, where('Compress'), false),
    mode: toFileMode(options.mode, where('Mode'), 0o644),
  };
}

/**
 * log4j's DailyRollingFileAppender: the active file keeps its name; at the first
 * record after a period boundary it is renamed to `file` + DatePattern of the
 * period it holds. The rename is queued in the file manager between two records.
 */
export class DailyRollingFileAppender extends FileAppender {
  readonly datePattern: string;
  readonly rollPeriod: RollPeriod;
  private readonly zone: TimeZone;
  private readonly suffix: SimpleDateFormat;
  private readonly clock: () => number;
  private readonly backups: DatedBackups;
  private readonly interrupted: InterruptedCompressions | null;
  private nextCheck: number;
  /** The name the active file gets at the next rollover: file + suffix of the period it holds. */
  private scheduledFilename: string;

  constructor(options: DailyRollingFileAppenderOptions) {
    const clock = options.clock ?? Date.now;
    // log4j names the file's first period after its last modification.
    const existing = options.file ? fs.statSync(path.resolve(options.file.trim()), { throwIfNoEntry: false }) : undefined;
    const startedAt = clock();
    // Checked before the file is opened, so a bad value leaves nothing open behind.
    const { datePattern, zone, suffix, rollPeriod, maxBackups, compress, mode } = dailySettings(options);
    super(options);
    this.datePattern = datePattern;
    this.zone = zone;
    this.suffix = suffix;
    this.rollPeriod = rollPeriod;
    this.clock = clock;
    this.scheduledFilename = this.file + suffix.format(existing?.isFile() && existing.size > 0 ? existing.mtimeMs : startedAt);
    // A file left by a run in an earlier period is rolled at the first record, so
    // that today's records do not end up under yesterday's name (log4j waits for
    // the next boundary and mislabels them).
    this.nextCheck = this.scheduledFilename === this.file + suffix.format(startedAt)
      ? nextRollTime(startedAt, rollPeriod, zone)
      : startedAt;
    const onGzipError = (cause: unknown): void => this.errorHandler.error(this.name, cause, `compressing a rolled file of ${this.file}`);
    const sampleSuffix = suffix.format(startedAt);
    this.backups = new DatedBackups(this.file, sampleSuffix, maxBackups, compress, mode, onGzipError);
    const base = path.basename(this.file);
    this.interrupted = this.writesOwnFile
      ? new InterruptedCompressions(
        this.file,
        (name) => name.startsWith(base) && shapeOf(name.slice(base.length)) === shapeOf(sampleSuffix),
        compress,
        mode,
        onGzipError,
      )
      : null;
  }

  /** Throws what the constructor would for these options, without opening the file (a configuration's dry run). */
  static override validate(options: DailyRollingFileAppenderOptions): void {
    dailySettings(options);
    FileAppender.validate(options);
  }

  protected override get writerKind(): string {
    return 'DailyRollingFileAppender';
  }

  /** In the writer process, forwarded records are placed by the time they arrive (at most one turn of the event loop late). */
  override writeText(text: string): void {
    const now = this.clock();
    if (now >= this.nextCheck) {
      this.nextCheck = nextRollTime(now, this.rollPeriod, this.zone);
      this.rollOver(now);
    }
    this.manager.write(text);
  }

  private rollOver(now: number): void {
    const dated = this.file + this.suffix.format(now);
    if (dated === this.scheduledFilename) return;
    const target = this.scheduledFilename;
    this.manager.roll(() => {
      this.interrupted?.finishSync();
      this.backups.rollTo(target);
    });
    this.scheduledFilename = dated;
    this.writeHeader();
  }

  protected override async onClose(): Promise<void> {
    await super.onClose();
    await this.backups.settle();
    await this.interrupted?.settle();
  }
}

// Its rollOver(now) is private and time-driven: the writer only feeds it records.
registerWriterKind('DailyRollingFileAppender', (settings, extras) => {
  const appender = new DailyRollingFileAppender({ ...settings, ...extras, disableClustering: true });
  return {
    writeText: (text) => appender.writeText(text),
    written: () => appender.written(),
    flush: () => appender.flush(),
    close: () => appender.close(),
  };
});
