import * as fs from 'node:fs';
import * as path from 'node:path';

/** One file of a rotated audit log. */
export interface AuditLogFile {
  readonly path: string;
  /** `N` of `file.N` / `file.N.gz`; null for the live file. */
  readonly backupIndex: number | null;
  readonly gzip: boolean;
  /** The inode when listed: a reader that finds another one there knows the files were rotated meanwhile. */
  readonly ino: number;
}

const BACKUP = /^\.(\d+)(\.gz)?$/;

/**
 * The files of the audit log whose live file is `live`, oldest first: numbered
 * backups highest first (the rolling appender renames `file` to `file.1`, `file.1`
 * to `file.2`, ...), then the live file. While a backup is being compressed both
 * `file.N` and `file.N.gz` exist; the plain one is complete and is used.
 */
export function auditLogFiles(live: string): AuditLogFile[] {
  const dir = path.dirname(live);
  const base = path.basename(live);
  const backups = new Map<number, AuditLogFile>();
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(base)) continue;
    const match = BACKUP.exec(name.slice(base.length));
    if (!match) continue;
    const index = Number(match[1]);
    const gzip = match[2] !== undefined;
    if (backups.get(index)?.gzip === false) continue;
    const ino = inodeOf(path.join(dir, name));
    if (ino !== null) backups.set(index, { path: path.join(dir, name), backupIndex: index, gzip, ino });
  }
  const files = [...backups.values()].sort((a, b) => b.backupIndex! - a.backupIndex!);
  const liveIno = inodeOf(live);
  if (liveIno !== null) files.push({ path: live, backupIndex: null, gzip: false, ino: liveIno });
  return files;
}

function inodeOf(file: string): number | null {
  return fs.statSync(file, { throwIfNoEntry: false })?.ino ?? null;
}

/** The live file names of the audit logs kept in `folder` (a backup without its live file counts too). */
export function auditLogsIn(folder: string): string[] {
  const lives = new Set<string>();
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('.part')) continue;
    lives.add(path.join(folder, entry.name.replace(/\.\d+(\.gz)?$/, '')));
  }
  return [...lives].sort();
}
