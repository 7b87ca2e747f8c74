import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import { parseAuditRecord, type AuditRecord } from './audit-record.js';
import type { AuditSource } from './audit-source.js';

export interface RotatedFilesAuditSourceOptions {
  /** The active audit file; backups are `file.1` … `file.N` (log4j's numbering), each possibly gzipped as `file.i.gz`. */
  file: string;
  /** Highest backup index to read (default: as many consecutive backups as exist). */
  maxBackupIndex?: number;
}

/**
 * Reads JSON-lines audit records from the active file and its rotated backups.
 * A line that does not parse (torn by a crash, or foreign) is skipped.
 */
export class RotatedFilesAuditSource implements AuditSource {
  readonly file: string;
  private readonly maxBackupIndex: number;

  constructor(options: RotatedFilesAuditSourceOptions) {
    this.file = path.resolve(options.file);
    this.maxBackupIndex = options.maxBackupIndex ?? Infinity;
  }

  /** Existing files, newest first. */
  files(): string[] {
    const found: string[] = [];
    if (fs.existsSync(this.file)) found.push(this.file);
    for (let i = 1; i <= this.maxBackupIndex; i++) {
      const backup = `${this.file}.${i}`;
      // While a backup is being compressed both names can exist; the plain one is complete.
      if (fs.existsSync(backup)) found.push(backup);
      else if (fs.existsSync(`${backup}.gz`)) found.push(`${backup}.gz`);
      else break;
    }
    return found;
  }

  async *records(): AsyncIterable<AuditRecord> {
    for (const file of this.files()) {
      const stream = fs.createReadStream(file);
      const input = file.endsWith('.gz') ? stream.pipe(createGunzip()) : stream;
      const lines = readline.createInterface({ input, crlfDelay: Infinity });
      try {
        for await (const line of lines) {
          if (line === '') continue;
          const record = parseAuditRecord(line);
          if (record) yield record;
        }
      } catch (cause) {
        // Rotated away between listing and reading (the records moved to the next
        // backup name), or a gzip cut short by a crash: what was read is kept.
        const code = (cause as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'Z_BUF_ERROR' && code !== 'Z_DATA_ERROR') throw cause;
      } finally {
        lines.close();
        stream.destroy();
        if (input !== stream) input.destroy();
      }
    }
  }

  /** Deletes backups last written before `cutoff`; the active file is kept. */
  async purgeOlderThan(cutoff: number): Promise<void> {
    for (const file of this.files()) {
      if (file === this.file) continue;
      const stat = await fs.promises.stat(file).catch(() => null);
      if (stat && stat.mtimeMs < cutoff) await fs.promises.rm(file, { force: true });
    }
  }
}
