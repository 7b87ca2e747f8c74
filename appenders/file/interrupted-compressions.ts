import fs from 'node:fs';
import path from 'node:path';
import { GzipJob, isPartialInUse, PARTIAL_NAME } from './gzip-job.js';

/**
 * Cleans up after compressions of rolled files that a previous run did not finish
 * (SIGKILL, a crash, or the process ending while one ran). Each left a partial
 * archive `<rolled>.gz.<pid>-<n>.part`, which no rollover renames or deletes, so
 * they piled up outside the MaxBackupIndex bound.
 *
 * A partial archive is never completed: a cut gzip stream cannot be resumed, and
 * it holds nothing that is not elsewhere. A job deletes its plain rolled file only
 * after the archive is complete under its final name, so for every partial either
 * the plain file is still there (the compression is done again from it, in the
 * background) or the finished `.gz` is (the partial was an abandoned copy). In
 * both cases discarding the partial loses nothing.
 *
 * Runs once when an appender opens its file. The compressions it restarts must be
 * finished, with `finishSync`, before the next rollover renames their sources.
 */
export class InterruptedCompressions {
  private readonly sources: string[] = [];
  private job: GzipJob | null = null;
  private stopped = false;

  /**
   * `isRolledName` tells the appender's own rolled files (a base name) from other
   * files in the directory. With `compress` off, partials are only removed.
   */
  constructor(
    file: string,
    isRolledName: (name: string) => boolean,
    compress: boolean,
    private readonly mode: number,
    private readonly onError: (cause: unknown) => void,
  ) {
    const dir = path.dirname(file);
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      // No directory yet: nothing was left in it.
      return;
    }
    for (const name of names) {
      const target = PARTIAL_NAME.exec(name)?.[1];
      if (target === undefined || !isRolledName(target.slice(0, -'.gz'.length))) continue;
      const partial = path.join(dir, name);
      if (isPartialInUse(partial)) continue;
      try {
        fs.unlinkSync(partial);
      } catch (cause) {
        if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') onError(cause);
        continue;
      }
      const source = path.join(dir, target.slice(0, -'.gz'.length));
      if (compress && !this.sources.includes(source) && fs.existsSync(source) && !fs.existsSync(path.join(dir, target))) {
        this.sources.push(source);
      }
    }
    this.startNext();
  }

  /**
   * Finishes the running compression now and gives up the ones not started: a
   * rollover is about to rename the files, and those stay plain backups, shifted
   * like the others.
   */
  finishSync(): void {
    this.stopped = true;
    this.sources.length = 0;
    this.job?.finishSync();
    this.job = null;
  }

  /** Resolves once no restarted compression is running. */
  async settle(): Promise<void> {
    // The job's own continuation, registered first, starts the next one before this loop looks again.
    while (this.job !== null) await this.job.finished;
  }

  private startNext(): void {
    const source = this.stopped ? undefined : this.sources.shift();
    if (source === undefined) {
      this.job = null;
      return;
    }
    const job = new GzipJob(source, `${source}.gz`, this.mode, this.onError);
    this.job = job;
    void job.finished.then(() => {
      if (this.job === job) this.startNext();
    });
  }
}
