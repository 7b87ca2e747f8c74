import type { TokenRecord } from '../tokens/token-record.js';
import type { TokenPatch, TokenStore } from './token-store.js';
import { TokenTable } from './token-table.js';

/** Tokens kept in memory only: for tests and for hosts that persist elsewhere. */
export class MemoryTokenStore implements TokenStore {
  private readonly table: TokenTable;

  constructor(records: Iterable<TokenRecord> = []) {
    this.table = new TokenTable(records);
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

  async insert(record: TokenRecord, maxPerOwner?: number): Promise<void> {
    this.table.insert(record, maxPerOwner);
  }

  async update(id: string, patch: TokenPatch): Promise<TokenRecord | undefined> {
    return this.table.update(id, patch);
  }

  async delete(id: string): Promise<TokenRecord | undefined> {
    return this.table.delete(id);
  }

  async deleteByOwner(owner: string): Promise<TokenRecord[]> {
    return this.table.deleteByOwner(owner);
  }

  async touch(lastAccessed: ReadonlyMap<string, number>): Promise<void> {
    this.table.touch(lastAccessed);
  }
}
