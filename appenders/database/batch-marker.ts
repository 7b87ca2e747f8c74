import type { Migration } from '../../src/auth/store/postgres/schema-migrations.js';

/**
 * Each batch inserts a marker row in its own transaction, so whether a batch whose
 * COMMIT went unanswered was committed can be read back after any crash: its
 * marker is there or not. (A transaction id cannot tell: after a crash the server
 * may hand out again an id that never reached the WAL.) The appender deletes its
 * previous marker with each batch, so the table holds about one row per appender.
 */
export const MARKER_MIGRATIONS: readonly Migration[] = [
  [
    `CREATE TABLE logwarden_appender_batches (
      batch text PRIMARY KEY,
      written_at timestamptz NOT NULL DEFAULT now()
    )`,
  ],
];

/** The batch, and the server process that was committing it (while it lives, the outcome may still change). */
export interface PendingBatch {
  batch: string;
  rows: number;
  pid?: number;
  backendStart?: string;
}

export type Query = (text: string, values: unknown[]) => Promise<unknown[]>;

/** What became of a batch whose COMMIT was not answered. */
export async function batchOutcome(query: Query, pending: PendingBatch): Promise<'committed' | 'not committed' | 'undecided'> {
  if (pending.pid !== undefined) {
    const alive = await query('SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND backend_start = $2::timestamptz', [pending.pid, pending.backendStart]);
    if (alive.length > 0) return 'undecided';
  }
  const found = await query('SELECT 1 FROM logwarden_appender_batches WHERE batch = $1', [pending.batch]);
  return found.length > 0 ? 'committed' : 'not committed';
}
