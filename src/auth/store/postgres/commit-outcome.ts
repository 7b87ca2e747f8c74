/**
 * What became of a transaction whose COMMIT went unanswered (the connection died
 * on the way). Each such transaction writes a marker row with a fresh id; once the
 * server process that ran it is gone the outcome is final, and the marker is there
 * exactly when it committed. (A transaction id cannot tell: after a crash the
 * server may hand out again an id that never reached its log.)
 */
export interface UnansweredCommit {
  /** The marker's id. */
  marker: string;
  /** The server process that ran the transaction, and when it started (a pid alone may be reused). */
  pid?: number;
  backendStart?: string;
}

export type RowsQuery = (text: string, values: unknown[]) => Promise<unknown[]>;

/** `markerTable` and `markerColumn` are constants of the caller, never user input. */
export async function commitOutcome(query: RowsQuery, markerTable: string, markerColumn: string, commit: UnansweredCommit): Promise<'committed' | 'not committed' | 'undecided'> {
  if (commit.pid !== undefined) {
    const alive = await query('SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND backend_start = $2::timestamptz', [commit.pid, commit.backendStart]);
    if (alive.length > 0) return 'undecided';
  }
  const found = await query(`SELECT 1 FROM ${markerTable} WHERE ${markerColumn} = $1`, [commit.marker]);
  return found.length > 0 ? 'committed' : 'not committed';
}

/** The current connection's server process, for `UnansweredCommit`. */
export const BACKEND_QUERY = 'SELECT pid, backend_start::text AS started FROM pg_stat_activity WHERE pid = pg_backend_pid()';
