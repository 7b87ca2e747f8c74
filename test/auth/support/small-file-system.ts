import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * A tiny tmpfs that can be filled up, for a real "No space left on device" rather
 * than an imitation of one. Mounting needs root (a container or a CI runner).
 */
export class SmallFileSystem {
  private readonly filler: string;

  private constructor(readonly dir: string) {
    this.filler = path.join(dir, '.filler');
  }

  /** Mounts one at `dir` (created if missing); null where this process may not mount. */
  static mount(dir: string, size = '64k'): SmallFileSystem | null {
    fs.mkdirSync(dir, { recursive: true });
    return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status === 0 ? new SmallFileSystem(dir) : null;
  }

  /** Takes every free block, so the next write of any other file fails with ENOSPC. */
  fill(): void {
    const chunk = Buffer.alloc(4096, 0x78);
    try {
      for (;;) fs.appendFileSync(this.filler, chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    }
  }

  free(): void {
    fs.rmSync(this.filler, { force: true });
  }

  unmount(): void {
    spawnSync('umount', [this.dir]);
  }
}
