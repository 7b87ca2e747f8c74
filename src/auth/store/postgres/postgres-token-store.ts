import type pg from 'pg';
import type { TokenRecord } from '../../tokens/token-record.js';
import { TokenLimitError, type TokenPatch, type TokenStore } from '../token-store.js';
import { randomUUID } from 'node:crypto';
import { ChannelListener } from './channel-listener.js';
import { BACKEND_QUERY, commitOutcome, type UnansweredCommit } from './commit-outcome.js';
import { clientConfig, createPool, describeConnection, safeMessage, type PostgresConnectionOptions } from './postgres-connection.js';
import { RecordCache } from './record-cache.js';
import { migrateSchema } from './schema-migrations.js';
import { TOKEN_CHANNEL, TOKEN_MIGRATIONS } from './token-schema.js';

/** Advisory lock class of the per-owner creation lock (the object is the owner's hash). */
const OWNER_LOCK = 0x6c77_0002;
const UNIQUE_VIOLATION = '23505';
const COLUMNS = 'id, family, owner, description, scope, hash, created_at, expires_at, last_accessed_at';
/** How long the store keeps trying to learn whether an unanswered COMMIT landed. */
const SETTLE_MILLIS = 10_000;

export interface PostgresTokenStoreOptions extends PostgresConnectionOptions {
  /** Token records kept in memory while changes are heard (default 10,000). */
  cacheEntries?: number;
  /** Back-off of the LISTEN connection after it is lost (defaults 100 ms doubling to 2 s). */
  reconnectDelayMillis?: number;
  maxReconnectDelayMillis?: number;
  /** How often the LISTEN connection proves it is alive (default 5 s). */
  heartbeatMillis?: number;
}

/**
 * A token id whose record changed on some node (`deleted` when it is gone), or
 * null when any record may have changed unheard.
 */
export type TokenInvalidationListener = (id: string | null, deleted: boolean) => void;

interface TokenRow {
  id: string;
  family: 'api' | 'pat';
  owner: string;
  description: string;
  scope: 'READ_ONLY' | 'READ_WRITE';
  hash: string;
  created_at: string;
  expires_at: string | null;
  last_accessed_at: string | null;
}

function toRecord(row: TokenRow): TokenRecord {
  return {
    id: row.id, family: row.family, owner: row.owner, description: row.description, scope: row.scope, hash: row.hash,
    createdAt: Number(row.created_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    lastAccessedAt: row.last_accessed_at === null ? null : Number(row.last_accessed_at),
  };
}

function ignore(): void {}

/** An error the store raises on purpose, passed through as it is. */
class Refusal extends Error {}

/**
 * Tokens in one PostgreSQL table shared by every node. Each change is one
 * transaction: acknowledged only once committed, and a change that fails is rolled
 * back whole. When the connection dies while COMMIT is on its way, the change's
 * marker row tells, once the database answers, whether it landed: the caller is
 * told what happened, not a guess (see commit-outcome.ts). Creation takes a per-owner lock in the database before counting, so
 * nodes creating at once cannot pass the per-owner limit between them.
 *
 * Reads are answered from memory while the store LISTENs for the announcements a
 * trigger makes of every committed change: a token deleted or changed on any node
 * is dropped here as soon as its announcement arrives. While that connection is
 * down nothing is answered from memory: every read goes to the database, and
 * fails (so authentication refuses) when the database cannot be reached.
 */
export class PostgresTokenStore implements TokenStore {
  /** Where the tokens are, for messages: never a password. */
  readonly description: string;
  private readonly options: PostgresTokenStoreOptions;
  private readonly pool: pg.Pool;
  private readonly cache: RecordCache;
  private readonly listener: ChannelListener;
  private readonly invalidationListeners = new Set<TokenInvalidationListener>();
  private schema: Promise<void> | undefined;

  constructor(options: PostgresTokenStoreOptions = {}) {
    this.options = options;
    this.description = describeConnection(options);
    this.pool = createPool(options, 'logwarden tokens');
    // Idle connections that die are dropped by the pool; the listener reports the outage.
    this.pool.on('error', () => undefined);
    this.cache = new RecordCache(options.cacheEntries ?? 10_000);
    this.listener = new ChannelListener({
      config: clientConfig(options, 'logwarden token changes'),
      channel: TOKEN_CHANNEL,
      describe: `Token store ${this.description}`,
      meanwhile: 'tokens are re-checked in the database on every use until it is back',
      safeMessage: (error) => safeMessage(error, options),
      onMessage: (payload) => this.announced(payload),
      onConnected: () => this.hearing(true),
      onLost: () => this.hearing(false),
      reconnectDelayMillis: options.reconnectDelayMillis,
      maxReconnectDelayMillis: options.maxReconnectDelayMillis,
      heartbeatMillis: options.heartbeatMillis,
    });
  }

  /** Resolves once the schema is current and changes made anywhere are heard here. */
  async ready(): Promise<void> {
    await this.ensureSchema();
    await this.listener.whenConnected();
  }

  /** True while changes made on other nodes are heard, so reads may be answered from memory. */
  get listening(): boolean {
    return this.listener.connected;
  }

  /** Hears of every record another node (or this one) changed; returns the unsubscribe function. */
  onInvalidate(listener: TokenInvalidationListener): () => void {
    this.invalidationListeners.add(listener);
    return () => this.invalidationListeners.delete(listener);
  }

  async get(id: string): Promise<TokenRecord | undefined> {
    const cached = this.cache.lookup(id);
    if (cached !== undefined) return cached ?? undefined;
    const read = this.cache.begin(id);
    let rows: TokenRow[];
    try {
      rows = await this.query('reading a token', `SELECT ${COLUMNS} FROM logwarden_tokens WHERE id = $1`, [id]);
    } catch (error) {
      this.cache.abandon(id, read);
      throw error;
    }
    const record = rows[0] ? toRecord(rows[0]) : undefined;
    this.cache.complete(id, read, record ?? null);
    return record;
  }

  async listByOwner(owner: string): Promise<TokenRecord[]> {
    const rows = await this.query('listing tokens', `SELECT ${COLUMNS} FROM logwarden_tokens WHERE owner = $1 ORDER BY created_at, id`, [owner]);
    return rows.map(toRecord);
  }

  async listAll(): Promise<TokenRecord[]> {
    const rows = await this.query('listing tokens', `SELECT ${COLUMNS} FROM logwarden_tokens ORDER BY created_at, id`, []);
    return rows.map(toRecord);
  }

  async insert(record: TokenRecord, maxPerOwner?: number): Promise<void> {
    await this.transaction('creating a token', async (client): Promise<void> => {
      if (maxPerOwner !== undefined && maxPerOwner !== Infinity) {
        // Held until commit: the next creation for this owner, on any node, counts after this one is in.
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [OWNER_LOCK, record.owner]);
        const counted = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM logwarden_tokens WHERE owner = $1', [record.owner]);
        if (counted.rows[0]!.n >= maxPerOwner) throw new TokenLimitError(record.owner, maxPerOwner);
      }
      try {
        await client.query(`INSERT INTO logwarden_tokens (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
          record.id, record.family, record.owner, record.description, record.scope, record.hash,
          record.createdAt, record.expiresAt, record.lastAccessedAt,
        ]);
      } catch (error) {
        if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new Refusal(`A token with id ${record.id} already exists`);
        throw error;
      }
    });
    this.changed(record.id);
  }

  async update(id: string, patch: TokenPatch): Promise<TokenRecord | undefined> {
    const rows = await this.change('changing a token', `UPDATE logwarden_tokens SET
        description = CASE WHEN $2::boolean THEN $3::text ELSE description END,
        last_accessed_at = CASE WHEN $4::boolean THEN $5::bigint ELSE last_accessed_at END
      WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, patch.description !== undefined, patch.description ?? null, 'lastAccessedAt' in patch, patch.lastAccessedAt ?? null]);
    this.changed(id);
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async delete(id: string): Promise<TokenRecord | undefined> {
    const rows = await this.change('deleting a token', `DELETE FROM logwarden_tokens WHERE id = $1 RETURNING ${COLUMNS}`, [id]);
    this.changed(id, true);
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async deleteByOwner(owner: string): Promise<TokenRecord[]> {
    const rows = await this.change('deleting tokens', `DELETE FROM logwarden_tokens WHERE owner = $1 RETURNING ${COLUMNS}`, [owner]);
    const records = rows.map(toRecord).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    for (const record of records) this.changed(record.id, true);
    return records;
  }

  /** One statement for the whole batch; a time never moves backwards. */
  async touch(lastAccessed: ReadonlyMap<string, number>): Promise<void> {
    if (lastAccessed.size === 0) return;
    const ids = [...lastAccessed.keys()];
    const times = ids.map((id) => lastAccessed.get(id)!);
    await this.change('writing last-accessed times', `UPDATE logwarden_tokens AS t SET last_accessed_at = v.at
      FROM unnest($1::text[], $2::bigint[]) AS v(id, at)
      WHERE t.id = v.id AND (t.last_accessed_at IS NULL OR t.last_accessed_at < v.at)`, [ids, times]);
    for (const id of ids) this.changed(id);
  }

  /** Stops listening and closes every connection. */
  async close(): Promise<void> {
    await this.listener.close();
    await this.pool.end();
  }

  /** Made lazily and again after a failure, so a store created while the database is down starts working when it is back. */
  private ensureSchema(): Promise<void> {
    this.schema ??= migrateSchema(this.pool, 'tokens', TOKEN_MIGRATIONS).then(() => undefined, (error) => {
      this.schema = undefined;
      throw this.failure('preparing the token table', error);
    });
    return this.schema;
  }

  private async query(what: string, text: string, values: unknown[]): Promise<TokenRow[]> {
    await this.ensureSchema();
    try {
      return (await this.pool.query<TokenRow>(text, values)).rows;
    } catch (error) {
      throw this.failure(what, error);
    }
  }

  /** One statement as a change: in a transaction with its marker. */
  private change(what: string, text: string, values: unknown[]): Promise<TokenRow[]> {
    return this.transaction(what, async (client) => (await client.query<TokenRow>(text, values)).rows);
  }

  private async transaction<T>(what: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    await this.ensureSchema();
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw this.failure(what, error);
    }
    // A checked-out client reports a dying connection as an event too; the failed query already says it.
    client.on('error', ignore);
    let broken = false;
    const commit: UnansweredCommit = { marker: randomUUID() };
    let committing = false;
    try {
      await client.query('BEGIN');
      const backend = (await client.query<{ pid: number; started: string }>(BACKEND_QUERY)).rows[0];
      commit.pid = backend?.pid;
      commit.backendStart = backend?.started;
      await client.query('INSERT INTO logwarden_token_changes (change) VALUES ($1)', [commit.marker]);
      await client.query(`DELETE FROM logwarden_token_changes WHERE made_at < now() - interval '1 hour'`);
      const result = await work(client);
      committing = true;
      try {
        await client.query('COMMIT');
      } catch (error) {
        broken = true;
        if (await this.committedAfterAll(commit)) return result;
        throw error;
      }
      return result;
    } catch (error) {
      if (!committing) await client.query('ROLLBACK').catch(() => { broken = true; });
      if (error instanceof TokenLimitError || error instanceof Refusal) throw error;
      throw this.failure(what, error);
    } finally {
      client.off('error', ignore);
      client.release(broken);
    }
  }

  /**
   * Whether a transaction whose COMMIT went unanswered committed; false when it did
   * not, and a rejection saying so when the database cannot tell within 10 s.
   */
  private async committedAfterAll(commit: UnansweredCommit): Promise<boolean> {
    const deadline = Date.now() + SETTLE_MILLIS;
    for (;;) {
      try {
        const outcome = await commitOutcome(async (text, values) => (await this.pool.query(text, values)).rows, 'logwarden_token_changes', 'change', commit);
        if (outcome !== 'undecided') return outcome === 'committed';
      } catch {
        // The database is still away: ask again until the deadline.
      }
      if (Date.now() > deadline) throw new Error('the connection died during COMMIT and the database could not say within 10 s whether the change was made');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private failure(what: string, error: unknown): Error {
    const code = (error as { code?: unknown }).code;
    const suffix = typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? ` (SQLSTATE ${code})` : '';
    return new Error(`Token store ${this.description}: ${what} failed: ${safeMessage(error, this.options)}${suffix}`);
  }

  /** This node's own change is dropped at once, not when its announcement comes back. */
  private changed(id: string, deleted = false): void {
    this.cache.invalidate(id);
    this.tell(id, deleted);
  }

  private announced(payload: string): void {
    if (payload === '*') {
      this.cache.invalidateAll();
      this.tell(null, false);
      return;
    }
    const id = payload.slice(2);
    this.cache.invalidate(id);
    this.tell(id, payload.startsWith('D:'));
  }

  private hearing(listening: boolean): void {
    this.cache.setEnabled(listening);
    this.tell(null, false);
  }

  private tell(id: string | null, deleted: boolean): void {
    for (const listener of this.invalidationListeners) listener(id, deleted);
  }
}
