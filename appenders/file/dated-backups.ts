import fs from 'node:fs';
import path from 'node:path';
import { GzipJob } from './gzip-job.js';

function removeIfPresent(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw cause;
  }
}

/** Digits and letters reduced to one class each: two dated suffixes of one pattern have the same shape. */
export function shapeOf(text: string): string {
  return text.replace(/[0-9]/g, '9').replace(/[A-Za-z]/g, 'a');
}

/**
 * The files a DailyRollingFileAppender rolls into: `file` + date suffix, replacing a
 * file of that name as log4j does, optionally gzipped, optionally only the newest
 * `maxBackups` kept. Runs synchronously between two writes of the file manager.
 */
export class DatedBackups {
  private pending: GzipJob | null = null;
  private readonly suffixShape: string;

  constructor(
    private readonly file: string,
    sampleSuffix: string,
    private readonly maxBackups: number,
    private readonly compress: boolean,
    private readonly mode: number,
    private readonly onError: (cause: unknown) => void,
  ) {
    this.suffixShape = shapeOf(sampleSuffix);
  }

  rollTo(target: string): void {
    this.pending?.finishSync();
    this.pending = null;
    removeIfPresent(target);
    removeIfPresent(`${target}.gz`);
    fs.renameSync(this.file, target);
    if (this.compress) this.pending = new GzipJob(target, `${target}.gz`, this.mode, this.onError);
    if (this.maxBackups > 0) this.prune();
  }

  async settle(): Promise<void> {
    await this.pending?.finished;
  }

  /** Deletes the oldest rolled files (by modification time) beyond the limit. */
  private prune(): void {
    const dir = path.dirname(this.file);
    const base = path.basename(this.file);
    const rolled = fs.readdirSync(dir)
      .filter((name) => {
        if (!name.startsWith(base) || name === base) return false;
        const suffix = name.slice(base.length).replace(/\.gz$/, '');
        return shapeOf(suffix) === this.suffixShape;
      })
      .map((name) => ({ file: path.join(dir, name), mtime: fs.statSync(path.join(dir, name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime || (a.file < b.file ? 1 : -1));
    for (const old of rolled.slice(this.maxBackups)) removeIfPresent(old.file);
  }
}
