import fs from 'node:fs';
import path from 'node:path';

/**
 * Why records could not be appended to `file`, or undefined when they can. Creates
 * missing parent directories, as the file manager does when it opens the file, but
 * not the file itself (the appender creates it with its own mode). Meant for
 * configure time, so that a directory, a path under a regular file or a file
 * without write permission is refused before it replaces a working appender.
 * With `dryRun` nothing is created or opened: the answer comes from looking only.
 */
export function whyNotAppendable(file: string, options: { dryRun?: boolean } = {}): string | undefined {
  const dir = path.dirname(file);
  if (options.dryRun) return whyNotAppendableUntouched(file);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') return `${dir} (or a directory above it) is not a directory`;
    return `cannot create the directory ${dir}: ${describe(cause)}`;
  }
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file, { throwIfNoEntry: false });
  } catch (cause) {
    return describe(cause);
  }
  if (stat === undefined) {
    try {
      fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
      return undefined;
    } catch (cause) {
      return `cannot create a file in ${dir}: ${describe(cause)}`;
    }
  }
  if (stat.isDirectory()) return 'it is a directory';
  try {
    // Non-blocking: opening a FIFO nobody reads would otherwise block the event loop.
    const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_NONBLOCK);
    fs.closeSync(fd);
    return undefined;
  } catch (cause) {
    return `cannot be opened for writing: ${describe(cause)}`;
  }
}

/**
 * The dry run's answer (`logwarden check`): the same refusals, found by looking
 * only. No directory is created and no file opened; permissions are judged by
 * access(2), so a FIFO or a file on a read-only mount may pass here and fail at
 * configure time.
 */
function whyNotAppendableUntouched(file: string): string | undefined {
  const dir = path.dirname(file);
  let existing = dir;
  let stat: fs.Stats | undefined;
  try {
    while ((stat = fs.statSync(existing, { throwIfNoEntry: false })) === undefined && path.dirname(existing) !== existing) {
      existing = path.dirname(existing);
    }
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOTDIR') return `${dir} (or a directory above it) is not a directory`;
    return describe(cause);
  }
  if (stat === undefined || !stat.isDirectory()) return `${dir} (or a directory above it) is not a directory`;
  try {
    fs.accessSync(existing, fs.constants.W_OK | fs.constants.X_OK);
  } catch (cause) {
    if (existing !== dir) return `cannot create the directory ${dir}: ${describe(cause)}`;
    if (fs.statSync(file, { throwIfNoEntry: false }) === undefined) return `cannot create a file in ${dir}: ${describe(cause)}`;
  }
  const target = existing === dir ? fs.statSync(file, { throwIfNoEntry: false }) : undefined;
  if (target === undefined) return undefined;
  if (target.isDirectory()) return 'it is a directory';
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return undefined;
  } catch (cause) {
    return `cannot be opened for writing: ${describe(cause)}`;
  }
}

function describe(cause: unknown): string {
  const error = cause as NodeJS.ErrnoException;
  return error.code ? `${error.code} (${error.message})` : String(cause);
}
