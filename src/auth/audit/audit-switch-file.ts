import * as fs from 'node:fs';
import * as path from 'node:path';
import { removeStaleTempFiles, writeFileAtomically } from '../store/atomic-file.js';
import type { AuditSwitches } from './audit-log.js';
import { readAuditSwitches, type AuditSwitchStore } from './audit-switch-store.js';

const FORMAT_VERSION = 1;
const FILE_MODE = 0o600;

/**
 * The audit switches in a small JSON file (`{"version":1,"auditSwitches":{...}}`),
 * replaced atomically on every save. A file that is missing means nothing was
 * saved yet; one that cannot be read or understood is an error naming the file,
 * never silently replaced by defaults (which would turn auditing off unnoticed).
 */
export class AuditSwitchFile implements AuditSwitchStore {
  readonly file: string;

  constructor(file: string) {
    this.file = path.resolve(file);
    removeStaleTempFiles(this.file);
  }

  get location(): string {
    return this.file;
  }

  async load(): Promise<AuditSwitches | null> {
    let text: string;
    try {
      text = await fs.promises.readFile(this.file, 'utf8');
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new Error(`Audit settings ${this.file}: cannot read: ${(cause as Error).message}`, { cause });
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (cause) {
      throw new Error(`Audit settings ${this.file}: not valid JSON: ${(cause as Error).message}`, { cause });
    }
    const doc = data as { version?: unknown; auditSwitches?: unknown };
    if (typeof data !== 'object' || data === null || doc.version !== FORMAT_VERSION) {
      this.fail('top level', `expected {"version":${FORMAT_VERSION},"auditSwitches":{...}}`);
    }
    return readAuditSwitches(doc.auditSwitches, (where, problem) => this.fail(where, problem));
  }

  async save(switches: AuditSwitches): Promise<void> {
    const text = JSON.stringify({ version: FORMAT_VERSION, auditSwitches: switches }, null, 2) + '\n';
    try {
      await fs.promises.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
      await writeFileAtomically(this.file, text, FILE_MODE);
    } catch (cause) {
      throw new Error(`Audit settings ${this.file}: write failed: ${(cause as Error).message}`, { cause });
    }
  }

  private fail(where: string, problem: string): never {
    throw new Error(`Audit settings ${this.file}: ${where}: ${problem}`);
  }
}
