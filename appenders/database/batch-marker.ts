import { commitOutcome, type RowsQuery, type UnansweredCommit } from '../../src/auth/store/postgres/commit-outcome.js';
import type { Migration } from '../../src/auth/store/postgres/schema-migrations.js';

/**
 * Each batch inserts a marker row in its own transaction, so whether a batch whose
 * COMMIT went unanswered was committed can be read back after any crash (see
 * commit-outcome.ts). The appender deletes its previous marker with each batch, so
 * the table holds about one row per appender.
 */
export const MARKER_MIGRATIONS: readonly Migration[] = [
  [
    `CREATE TABLE logwarden_appender_batches (
      batch text PRIMARY KEY,
      written_at timestamptz NOT NULL DEFAULT now()
    )`,
  ],
];

/** A batch whose COMMIT went unanswered: its marker, and how many rows at the head of the buffer it holds. */
export interface PendingBatch extends UnansweredCommit {
  rows: number;
}

export function batchOutcome(query: RowsQuery, pending: PendingBatch): Promise<'committed' | 'not committed' | 'undecided'> {
  return commitOutcome(query, 'logwarden_appender_batches', 'batch', pending);
}
