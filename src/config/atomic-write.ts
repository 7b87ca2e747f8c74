import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/**
 * Replaces a file's content so that a reader (a watcher, an editor, a crash) sees
 * either the old text or the new one, never half of it: write a temporary file in
 * the same directory, flush it to disk, rename it over the original. The original's
 * permission bits are kept.
 */
export function writeFileAtomically(file: string, text: string): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${++counter}.tmp`);
  let mode = 0o644;
  try {
    mode = statSync(file).mode & 0o7777;
  } catch {
    // A new file gets the default mode.
  }
  const fd = openSync(temp, 'w', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (cause) {
    closeSync(fd);
    unlinkSync(temp);
    throw cause;
  }
  closeSync(fd);
  try {
    renameSync(temp, file);
  } catch (cause) {
    unlinkSync(temp);
    throw cause;
  }
}
