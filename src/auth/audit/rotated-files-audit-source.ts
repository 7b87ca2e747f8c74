import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { parseAuditRecord, type AuditRecord } from './audit-record.js';
import type { AuditSource } from './audit-source.js';

export interface RotatedFilesAuditSourceOptions {
  /** The active audit file; backups are `file.1` … `file.N` (log4j's numbering). */
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
      if (!fs.existsSync(backup)) break;
      found.push(backup);
    }
    return found;
  }

  async *records(): AsyncIterable<AuditRecord> {
    for (const file of this.files()) {
      let stream: fs.ReadStream;
      try {
        stream = fs.createReadStream(file, { encoding: 'utf8' });
      } catch {
        continue;
      }
      const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
      try {
        for await (const line of lines) {
          if (line === '') continue;
          const record = parseAuditRecord(line);
          if (record) yield record;
        }
      } catch (cause) {
        // Rotated away between listing and reading: the records moved to the next backup name.
        if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw cause;
      } finally {
        lines.close();
        stream.destroy();
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
