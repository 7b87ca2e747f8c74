import fs from 'node:fs';
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';

let jobCount = 0;
/** Partial archives this process is writing or will still unlink: a leftover scan must not take them for a crash's. */
const partialsInUse = new Set<string>();

function unlinkQuietly(file: string): void {
  partialsInUse.delete(file);
  try {
    fs.unlinkSync(file);
  } catch {
    // Already gone.
  }
}

function newPartial(target: string): string {
  const partial = `${target}.${process.pid}-${++jobCount}.part`;
  partialsInUse.add(partial);
  return partial;
}

/** The name a job gives its unfinished archive, as `<target>.<pid>-<n>.part`: what a crash leaves behind. */
export const PARTIAL_NAME = /^(.+\.gz)\.\d+-\d+\.part$/;

/** True while this process's own job writes (or an abandoned stream of it still writes) `partial`. */
export function isPartialInUse(partial: string): boolean {
  return partialsInUse.has(partial);
}

/**
 * Compresses one rolled file in the background (`file.1` into `file.1.gz`), and can
 * be finished synchronously when the next rollover needs the name before the
 * background work is done. Until the compressed file is complete under its final
 * name, the uncompressed one stays: an interruption leaves a plain backup, never
 * a missing or truncated one.
 */
export class GzipJob {
  private settled = false;
  private resolveFinished!: () => void;
  /** Resolves when the job is over, by either path. */
  readonly finished = new Promise<void>((resolve) => {
    this.resolveFinished = resolve;
  });
  private readonly input: fs.ReadStream;
  private readonly output: fs.WriteStream;
  private readonly partial: string;

  constructor(
    readonly source: string,
    readonly target: string,
    mode: number,
    private readonly onError: (cause: unknown) => void,
  ) {
    // Unique per job: an abandoned job's stream may still be writing its partial
    // file when the next job for the same target name starts.
    this.partial = newPartial(target);
    this.input = fs.createReadStream(source);
    this.output = fs.createWriteStream(this.partial, { mode });
    pipeline(this.input, zlib.createGzip(), this.output, (error) => {
      if (this.settled) {
        unlinkQuietly(this.partial);
        return;
      }
      this.settled = true;
      if (error) {
        unlinkQuietly(this.partial);
        this.onError(error);
      } else {
        this.complete(this.partial);
      }
      this.resolveFinished();
    });
  }

  get done(): boolean {
    return this.settled;
  }

  /**
   * Finishes now, in this call. The background streams are abandoned and write to
   * their own partial file, so the synchronous result goes to a second name.
   */
  finishSync(): void {
    if (this.settled) return;
    this.settled = true;
    this.input.destroy();
    this.output.destroy();
    const partial = newPartial(this.target);
    try {
      fs.writeFileSync(partial, zlib.gzipSync(fs.readFileSync(this.source)));
      this.complete(partial);
    } catch (cause) {
      unlinkQuietly(partial);
      this.onError(cause);
    }
    this.resolveFinished();
  }

  private complete(partial: string): void {
    partialsInUse.delete(partial);
    try {
      fs.renameSync(partial, this.target);
      fs.unlinkSync(this.source);
    } catch (cause) {
      this.onError(cause);
    }
  }
}
