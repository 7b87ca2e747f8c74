import fs from 'node:fs';
import path from 'node:path';
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

interface Backup {
  readonly index: number;
  /** '' or '.gz' */
  readonly suffix: string;
}

/** The backups `base.N` and `base.N.gz` (1 <= N <= max) that exist in `dir`, highest N first. */
function existingBackups(dir: string, base: string, max: number): Backup[] {
  const found: Backup[] = [];
  const prefix = `${base}.`;
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    const match = /^([1-9]\d*)(\.gz)?$/.exec(name.slice(prefix.length));
    if (match && Number(match[1]) <= max) found.push({ index: Number(match[1]), suffix: match[2] ?? '' });
  }
  return found.sort((a, b) => b.index - a.index);
}

/**
 * log4j's classic size-rollover naming: the active file becomes `file.1`, `file.1`
 * becomes `file.2`, ..., and `file.N` (N = MaxBackupIndex) is deleted, so there are
 * never more than N backups. With compression, backups are `file.i.gz`; a backup
 * whose compression was interrupted keeps its plain name and is shifted all the same.
 *
 * Runs synchronously, between two writes of the file manager, so no record can
 * land in the middle of a rename. Only backups that exist are touched (found by one
 * directory listing), so MaxBackupIndex=10000000 costs no more than 5.
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
    // Highest first, so each rename's target has already moved on.
    for (const { index, suffix } of existingBackups(path.dirname(this.file), path.basename(this.file), max)) {
      if (index === max) removeIfPresent(`${this.file}.${index}${suffix}`);
      else renameIfPresent(`${this.file}.${index}${suffix}`, `${this.file}.${index + 1}${suffix}`);
    }
    fs.renameSync(this.file, `${this.file}.1`);
    if (this.compress) this.pending = new GzipJob(`${this.file}.1`, `${this.file}.1.gz`, this.mode, this.onError);
  }

  /** Resolves once a background compression (if any) has finished. */
  async settle(): Promise<void> {
    await this.pending?.finished;
  }
}
