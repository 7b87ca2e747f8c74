import * as fs from 'node:fs';
import * as path from 'node:path';

let tempCounter = 0;

function tempPrefix(file: string): string {
  return `${path.basename(file)}.tmp-`;
}

/**
 * Replaces `file` with `text` so that a crash at any moment leaves either the old
 * or the new content, never a torn file: a temporary file in the same directory,
 * fsynced, renamed over the old one, and the directory fsynced so the rename
 * itself is durable. The temporary file is created with `mode`.
 */
export async function writeFileAtomically(file: string, text: string, mode: number): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `${tempPrefix(file)}${process.pid}-${++tempCounter}`);
  try {
    const handle = await fs.promises.open(temp, 'w', mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(temp, file);
  } catch (cause) {
    // The cause matters, not whether the temp file could be removed (it may not exist; removeStaleTempFiles does it later).
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
    throw cause;
  }
  await syncDirectory(dir);
}

/** A crash between creating and renaming a temporary file leaves it behind; it never holds the only copy. */
export function removeStaleTempFiles(file: string): void {
  const dir = path.dirname(file);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  const prefix = tempPrefix(file);
  for (const name of names) {
    if (name.startsWith(prefix)) fs.rmSync(path.join(dir, name), { force: true });
  }
}

/** Makes the rename itself durable; not every platform can open a directory. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(dir, 'r');
    await handle.sync();
  } catch {
    // Directory fsync is unsupported here (e.g. Windows); the rename is still atomic.
  } finally {
    await handle?.close();
  }
}
