import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { FSWatcher, watch } from 'chokidar';
import { lazyPackage } from '../lazy-package.js';

/** Only a watched configuration needs chokidar. */
const chokidar = lazyPackage<{ watch: typeof watch }>('chokidar');

export interface FileWatchOptions {
  /** Quiet time after the last change before the file is read (coalesces bursts of saves). */
  readonly debounceMs: number;
  /** How long the file's size must stay the same before a change counts (half-written files). */
  readonly stabilityMs: number;
  /** Quiet time needed instead of debounceMs while the file's last line has no line break yet. */
  readonly midLineSettleMs: number;
}

export const DEFAULT_WATCH_OPTIONS: FileWatchOptions = { debounceMs: 100, stabilityMs: 150, midLineSettleMs: 2000 };

/**
 * Watches one configuration file and calls back once per burst of changes. Editors
 * that save by writing a temporary file and renaming it over the original are
 * reported as a change (chokidar's `atomic`); a file being written is reported once
 * its size has settled (`awaitWriteFinish`). The watch does not keep the process alive.
 * Latency from a save to the callback: about stabilityMs + debounceMs (250 ms by
 * default), or midLineSettleMs when the file does not end with a line break: a
 * writer that paused in the middle of a line may have left a cut value
 * (`File=/var/log/ap`) that would parse, so such a file must stay unchanged longer.
 */
export class FileWatcher {
  private readonly watcher: FSWatcher;
  private timer: NodeJS.Timeout | undefined;
  private lastChange = 0;
  private closed = false;
  readonly ready: Promise<void>;

  constructor(readonly file: string, private readonly onChange: () => void, private readonly options: FileWatchOptions = DEFAULT_WATCH_OPTIONS) {
    this.watcher = chokidar().watch(file, {
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
    this.lastChange = Date.now();
    this.arm(this.options.debounceMs);
  }

  private arm(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fire(), delayMs);
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    if (this.closed) return;
    const quietMs = Date.now() - this.lastChange;
    if (quietMs < this.options.midLineSettleMs && endsMidLine(this.file)) {
      this.arm(this.options.midLineSettleMs - quietMs);
      return;
    }
    this.onChange();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.watcher.close();
  }
}

/** Whether the file has content whose last byte is not a line break (a missing file does not). */
function endsMidLine(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a && last[0] !== 0x0d;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
