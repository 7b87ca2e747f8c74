import type { TokenRecord } from '../tokens/token-record.js';
import { TokenLimitError, type TokenPatch } from './token-store.js';

/**
 * The in-memory table both stores keep: records by id plus an owner index. All
 * operations are synchronous, which is what makes the stores' mutations atomic.
 */
export class TokenTable {
  private readonly byId = new Map<string, TokenRecord>();
  private readonly byOwner = new Map<string, Set<string>>();

  constructor(records: Iterable<TokenRecord> = []) {
    for (const record of records) this.add(record);
  }

  get(id: string): TokenRecord | undefined {
    return this.byId.get(id);
  }

  listByOwner(owner: string): TokenRecord[] {
    const ids = this.byOwner.get(owner);
    if (!ids) return [];
    return [...ids].map((id) => this.byId.get(id)!).sort((a, b) => a.createdAt - b.createdAt);
  }

  insert(record: TokenRecord, maxPerOwner = Infinity): void {
    if (this.byId.has(record.id)) throw new Error(`A token with id ${record.id} already exists`);
    if ((this.byOwner.get(record.owner)?.size ?? 0) >= maxPerOwner) throw new TokenLimitError(record.owner, maxPerOwner);
    this.add(record);
  }

  update(id: string, patch: TokenPatch): TokenRecord | undefined {
    const current = this.byId.get(id);
    if (!current) return undefined;
    const next: TokenRecord = { ...current, ...patch };
    this.byId.set(id, next);
    return next;
  }

  delete(id: string): TokenRecord | undefined {
    const record = this.byId.get(id);
    if (!record) return undefined;
    this.byId.delete(id);
    const ids = this.byOwner.get(record.owner)!;
    ids.delete(id);
    if (ids.size === 0) this.byOwner.delete(record.owner);
    return record;
  }

  deleteByOwner(owner: string): TokenRecord[] {
    const records = this.listByOwner(owner);
    for (const record of records) this.delete(record.id);
    return records;
  }

  /** True when at least one known token changed. */
  touch(lastAccessed: ReadonlyMap<string, number>): boolean {
    let changed = false;
    for (const [id, at] of lastAccessed) {
      const current = this.byId.get(id);
      if (current && (current.lastAccessedAt ?? -Infinity) < at) {
        this.byId.set(id, { ...current, lastAccessedAt: at });
        changed = true;
      }
    }
    return changed;
  }

  /** An independent table with the same records (records are immutable, so they are shared). */
  copy(): TokenTable {
    return new TokenTable(this.byId.values());
  }

  all(): TokenRecord[] {
    return [...this.byId.values()];
  }

  private add(record: TokenRecord): void {
    this.byId.set(record.id, record);
    let ids = this.byOwner.get(record.owner);
    if (!ids) this.byOwner.set(record.owner, (ids = new Set()));
    ids.add(record.id);
  }
}
