import { watch, type FSWatcher } from 'chokidar';

export interface FileWatchOptions {
  /** Quiet time after the last change before the file is read (coalesces bursts of saves). */
  readonly debounceMs: number;
  /** How long the file's size must stay the same before a change counts (half-written files). */
  readonly stabilityMs: number;
}

export const DEFAULT_WATCH_OPTIONS: FileWatchOptions = { debounceMs: 100, stabilityMs: 150 };

/**
 * Watches one configuration file and calls back once per burst of changes. Editors
 * that save by writing a temporary file and renaming it over the original are
 * reported as a change (chokidar's `atomic`); a file being written is reported once
 * its size has settled (`awaitWriteFinish`). The watch does not keep the process alive.
 * Latency from a save to the callback: about stabilityMs + debounceMs (250 ms by default).
 */
export class FileWatcher {
  private readonly watcher: FSWatcher;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  readonly ready: Promise<void>;

  constructor(readonly file: string, private readonly onChange: () => void, private readonly options: FileWatchOptions = DEFAULT_WATCH_OPTIONS) {
    this.watcher = watch(file, {
      persistent: false,
      ignoreInitial: true,
      atomic: true,
      awaitWriteFinish: options.stabilityMs > 0
        ? { stabilityThreshold: options.stabilityMs, pollInterval: Math.max(10, Math.min(50, options.stabilityMs / 3)) }
        : false,
    });
    const schedule = (): void => this.schedule();
    this.watcher.on('add', schedule).on('change', schedule).on('unlink', schedule);
    this.ready = new Promise((resolve) => this.watcher.once('ready', () => resolve()));
  }

  /** Forwards chokidar's own failures (e.g. too many watched files). */
  onError(handler: (cause: unknown) => void): void {
    this.watcher.on('error', handler);
  }

  private schedule(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.closed) this.onChange();
    }, this.options.debounceMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.watcher.close();
  }
}
