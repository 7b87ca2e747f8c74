import fs from 'node:fs';
import { GzipJob } from './gzip-job.js';

function isMissing(cause: unknown): boolean {
  return (cause as NodeJS.ErrnoException).code === 'ENOENT';
}

function removeIfPresent(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch (cause) {
    if (!isMissing(cause)) throw cause;
  }
}

function renameIfPresent(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (cause) {
    if (!isMissing(cause)) throw cause;
  }
}

/**
 * log4j's classic size-rollover naming: the active file becomes `file.1`, `file.1`
 * becomes `file.2`, ..., and `file.N` (N = MaxBackupIndex) is deleted, so there are
 * never more than N backups. With compression, backups are `file.i.gz`; a backup
 * whose compression was interrupted keeps its plain name and is shifted all the same.
 *
 * Runs synchronously, between two writes of the file manager, so no record can
 * land in the middle of a rename.
 */
export class NumberedBackups {
  private pending: GzipJob | null = null;

  constructor(
    private readonly file: string,
    private readonly maxBackupIndex: number,
    private readonly compress: boolean,
    private readonly mode: number,
    private readonly onError: (cause: unknown) => void,
  ) {}

  rollOver(): void {
    if (this.maxBackupIndex === 0) {
      // log4j truncates the file when it keeps no backups.
      removeIfPresent(this.file);
      return;
    }
    this.pending?.finishSync();
    this.pending = null;
    const max = this.maxBackupIndex;
    removeIfPresent(`${this.file}.${max}`);
    removeIfPresent(`${this.file}.${max}.gz`);
    for (let index = max - 1; index >= 1; index--) {
      renameIfPresent(`${this.file}.${index}`, `${this.file}.${index + 1}`);
      renameIfPresent(`${this.file}.${index}.gz`, `${this.file}.${index + 1}.gz`);
    }
    fs.renameSync(this.file, `${this.file}.1`);
    if (this.compress) this.pending = new GzipJob(`${this.file}.1`, `${this.file}.1.gz`, this.mode, this.onError);
  }

  /** Resolves once a background compression (if any) has finished. */
  async settle(): Promise<void> {
    await this.pending?.finished;
  }
}
