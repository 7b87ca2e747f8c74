import { open } from 'node:fs/promises';

export interface TailOptions {
  /** At most this many lines, the last ones (default 100). */
  lines?: number;
  /** Read at most this many bytes from the end, whatever the file's size (default 64 KiB). */
  maxBytes?: number;
}

export const DEFAULT_TAIL_LINES = 100;
export const DEFAULT_TAIL_BYTES = 64 * 1024;

/**
 * The last lines of a file, reading only its last `maxBytes`: a gigabyte log costs
 * the same as a small one. A line cut by the start of that window is left out; a
 * line longer than the window comes back cut to its end. A missing file has no lines.
 */
export async function readFileTail(file: string, options: TailOptions = {}): Promise<string[]> {
  const lines = options.lines ?? DEFAULT_TAIL_LINES;
  const maxBytes = options.maxBytes ?? DEFAULT_TAIL_BYTES;
  if (!Number.isInteger(lines) || lines < 1) throw new RangeError(`tail lines must be a positive integer, not ${lines}`);
  if (!Number.isInteger(maxBytes) || maxBytes < 1) throw new RangeError(`tail maxBytes must be a positive integer, not ${maxBytes}`);
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw cause;
  }
  try {
    const size = (await handle.stat()).size;
    const start = Math.max(0, size - maxBytes);
    const buffer = Buffer.alloc(size - start);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, start + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    let text = buffer.subarray(0, filled).toString('utf8');
    if (text.endsWith('\n')) text = text.slice(0, -1);
    if (text === '') return [];
    let all = text.split(/\r?\n/);
    // The window began inside a line: that line is not whole, unless it is the only one.
    if (start > 0 && all.length > 1) all = all.slice(1);
    return all.slice(-lines);
  } finally {
    await handle.close();
  }
}
