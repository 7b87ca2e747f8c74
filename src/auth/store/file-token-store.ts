import * as fs from 'node:fs';
import * as path from 'node:path';
import { InternalLog } from '../../internal-log.js';
import type { TokenRecord } from '../tokens/token-record.js';
import { parseScope } from '../tokens/token-scope.js';
import { removeStaleTempFiles, writeFileAtomically } from './atomic-file.js';
import type { TokenPatch, TokenStore } from './token-store.js';
import { TokenTable } from './token-table.js';

const FORMAT_VERSION = 1;
const FILE_MODE = 0o600;

function fail(file: string, where: string, problem: string): never {
  throw new Error(`Token store ${file}: ${where}: ${problem}`);
}

function readRecord(file: string, index: number, raw: unknown): TokenRecord {
  const where = `tokens[${index}]`;
  if (typeof raw !== 'object' || raw === null) fail(file, where, 'not an object');
  const r = raw as Record<string, unknown>;
  const text = (key: string): string => {
    if (typeof r[key] !== 'string' || r[key] === '') fail(file, `${where}.${key}`, `expected a non-empty string, got ${JSON.stringify(r[key])}`);
    return r[key] as string;
  };
  const time = (key: string, nullable: boolean): number | null => {
    const value = r[key];
    if (value === null && nullable) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) fail(file, `${where}.${key}`, `expected epoch milliseconds, got ${JSON.stringify(value)}`);
    return value;
  };
  const family = text('family');
  if (family !== 'api' && family !== 'pat') fail(file, `${where}.family`, `expected "api" or "pat", got ${JSON.stringify(family)}`);
  let scope;
  try {
    scope = parseScope(r.scope);
  } catch (cause) {
    fail(file, `${where}.scope`, (cause as Error).message);
  }
  return {
    id: text('id'),
    family,
    owner: text('owner'),
    description: typeof r.description === 'string' ? r.description : fail(file, `${where}.description`, 'expected a string'),
    scope,
    hash: text('hash'),
    createdAt: time('createdAt', false)!,
    expiresAt: time('expiresAt', true),
    lastAccessedAt: r.lastAccessedAt === undefined ? null : time('lastAccessedAt', true),
  };
}

/** A change waiting to be written: applied to a copy of the table, committed with its group. */
interface PendingChange {
  /** Applies the change to `table`; `changed` false when it left the table as it was. */
  apply(table: TokenTable): { value: unknown; changed: boolean };
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Tokens in one JSON file, readable only by the owner (mode 0600). Every change is
 * written to a temporary file, fsynced and renamed over the old one, so a crash at
 * any moment leaves either the old or the new content, never a torn file.
 *
 * A change reaches memory only after it is on disk: it is applied to a copy of the
 * table, the copy is written, and only a successful write makes the copy what
 * readers see. A failed write (a full disk) rejects the change and leaves the store
 * as it was, so a caller told "failed" can retry, and a restart finds what callers
 * were told. Changes that arrive while a write is in flight are written together
 * in the next one; each resolves once a snapshot containing it is on disk.
 */
export class FileTokenStore implements TokenStore {
  readonly file: string;
  /** What is on disk. */
  private table: TokenTable;
  private readonly pending: PendingChange[] = [];
  private committing = false;

  constructor(file: string) {
    this.file = path.resolve(file);
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    removeStaleTempFiles(this.file);
    this.table = new TokenTable(this.load());
  }

  async get(id: string): Promise<TokenRecord | undefined> {
    return this.table.get(id);
  }

  async listByOwner(owner: string): Promise<TokenRecord[]> {
    return this.table.listByOwner(owner);
  }

  async listAll(): Promise<TokenRecord[]> {
    return this.table.all();
  }

  insert(record: TokenRecord, maxPerOwner?: number): Promise<void> {
    return this.change((table) => {
      table.insert(record, maxPerOwner);
      return { value: undefined, changed: true };
    });
  }

  update(id: string, patch: TokenPatch): Promise<TokenRecord | undefined> {
    return this.change((table) => {
      const updated = table.update(id, patch);
      return { value: updated, changed: updated !== undefined };
    });
  }

  delete(id: string): Promise<TokenRecord | undefined> {
    return this.change((table) => {
      const removed = table.delete(id);
      return { value: removed, changed: removed !== undefined };
    });
  }

  deleteByOwner(owner: string): Promise<TokenRecord[]> {
    return this.change((table) => {
      const removed = table.deleteByOwner(owner);
      return { value: removed, changed: removed.length > 0 };
    });
  }

  touch(lastAccessed: ReadonlyMap<string, number>): Promise<void> {
    return this.change((table) => ({ value: undefined, changed: table.touch(lastAccessed) }));
  }

  /** Resolves when every change made so far is settled: on disk, or refused. */
  async flush(): Promise<void> {
    await this.change(() => ({ value: undefined, changed: false })).catch(() => undefined);
  }

  private change<T>(apply: (table: TokenTable) => { value: T; changed: boolean }): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ apply, resolve: resolve as (value: unknown) => void, reject });
      if (!this.committing) void this.commitPending();
    });
  }

  private async commitPending(): Promise<void> {
    this.committing = true;
    while (this.pending.length > 0) await this.commitGroup(this.pending.splice(0));
    this.committing = false;
  }

  private async commitGroup(group: PendingChange[]): Promise<void> {
    const next = this.table.copy();
    let changed = false;
    const outcomes = group.map((change) => {
      try {
        const outcome = change.apply(next);
        changed ||= outcome.changed;
        return { ok: true as const, value: outcome.value };
      } catch (error) {
        // TokenTable checks before it changes anything: a refused change leaves `next` as it was.
        return { ok: false as const, error };
      }
    });
    if (changed) {
      try {
        await this.writeSnapshot(next);
      } catch (error) {
        // Every answer of the group was computed on the unwritten copy, so none of them holds.
        group.forEach((change, i) => change.reject(outcomes[i]!.ok ? error : (outcomes[i] as { error: unknown }).error));
        return;
      }
      this.table = next;
    }
    group.forEach((change, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) change.resolve(outcome.value);
      else change.reject(outcome.error);
    });
  }

  private load(): TokenRecord[] {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new Error(`Token store ${this.file}: cannot read: ${(cause as Error).message}`, { cause });
    }
    this.warnIfReadableByOthers();
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (cause) {
      throw new Error(`Token store ${this.file}: not valid JSON: ${(cause as Error).message}`, { cause });
    }
    const doc = data as { version?: unknown; tokens?: unknown };
    if (typeof data !== 'object' || data === null || doc.version !== FORMAT_VERSION || !Array.isArray(doc.tokens)) {
      fail(this.file, 'top level', `expected {"version":${FORMAT_VERSION},"tokens":[...]}`);
    }
    return doc.tokens.map((raw, index) => readRecord(this.file, index, raw));
  }

  /** The hashes are not the tokens, but still nobody else's business; the next write narrows the mode to 0600. */
  private warnIfReadableByOthers(): void {
    if (process.platform === 'win32') return;
    const mode = fs.statSync(this.file).mode & 0o777;
    if (mode & 0o077) {
      InternalLog.warn(`Token store ${this.file} has mode ${mode.toString(8).padStart(4, '0')}; it will be rewritten with mode 0600`);
    }
  }

  private async writeSnapshot(table: TokenTable): Promise<void> {
    const text = JSON.stringify({ version: FORMAT_VERSION, tokens: table.all() }, null, 2) + '\n';
    try {
      await writeFileAtomically(this.file, text, FILE_MODE);
    } catch (cause) {
      throw new Error(`Token store ${this.file}: write failed: ${(cause as Error).message}`, { cause });
    }
  }
}
