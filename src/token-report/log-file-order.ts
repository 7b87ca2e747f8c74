import * as fs from 'node:fs';
import * as path from 'node:path';

export interface LogFile {
  readonly path: string;
  readonly size: number;
}

/** Thrown for an input that does not exist or cannot be listed; names it and why. */
export class LogInputError extends Error {
  override readonly name = 'LogInputError';
}

const NUMBERED = /^(.*)\.(\d+)$/;
const DATED = /^(.*)\.(\d{4}-\d\d-\d\d(?:[-_.T]?\d\d){0,3})$/;

/** Where a file stands among the rotations of its log: oldest first, the active file last. */
export function rotationOrder(file: string): { base: string; rank: readonly (number | string)[] } {
  const name = file.endsWith('.gz') ? file.slice(0, -3) : file;
  let m = DATED.exec(name);
  if (m) return { base: m[1]!, rank: [1, m[2]!] };
  m = NUMBERED.exec(name);
  if (m) return { base: m[1]!, rank: [0, -Number(m[2]!)] };
  return { base: name, rank: [2] };
}

/**
 * The regular files named or held (at any depth) by `inputs`, each once, in time
 * order per log: `x.log.3`, `x.log.2.gz`, `x.log.1`, `x.log`; dated backups
 * (`x.log.2024-05-01`) by date, before the active file.
 */
export function logFilesOf(inputs: readonly string[]): LogFile[] {
  const found = new Map<string, LogFile>();
  for (const input of inputs) {
    const resolved = path.resolve(input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(resolved);
    } catch (cause) {
      throw new LogInputError(`${input}: ${(cause as Error).message}`);
    }
    if (stat.isFile()) {
      found.set(resolved, { path: resolved, size: stat.size });
      continue;
    }
    if (!stat.isDirectory()) throw new LogInputError(`${input}: neither a file nor a folder`);
    let entries: string[];
    try {
      entries = fs.readdirSync(resolved, { recursive: true, encoding: 'utf8' });
    } catch (cause) {
      throw new LogInputError(`${input}: cannot list the folder: ${(cause as Error).message}`);
    }
    for (const entry of entries) {
      const file = path.join(resolved, entry);
      const entryStat = fs.statSync(file, { throwIfNoEntry: false });
      if (entryStat?.isFile()) found.set(file, { path: file, size: entryStat.size });
    }
  }
  return [...found.values()].sort((a, b) => {
    const x = rotationOrder(a.path);
    const y = rotationOrder(b.path);
    if (x.base !== y.base) return x.base < y.base ? -1 : 1;
    for (let i = 0; i < Math.max(x.rank.length, y.rank.length); i++) {
      const p = x.rank[i];
      const q = y.rank[i];
      if (p === q) continue;
      if (p === undefined) return -1;
      if (q === undefined) return 1;
      return p < q ? -1 : 1;
    }
    return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
  });
}
