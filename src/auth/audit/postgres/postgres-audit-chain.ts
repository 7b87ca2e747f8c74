import type pg from 'pg';
import { verifyAuditChainLines, type VerifyOptions, type VerifyReport } from '../chain/audit-chain-verifier.js';
import { LogLines, UnreadableLogError, type LogLine } from '../chain/audit-log-lines.js';
import type { ChainHead } from '../chain/chain-head.js';
import { GENESIS_HASH, lineHash, parseChainLink } from '../chain/chain-line.js';
import { createPool, describeConnection, safeMessage, type PostgresConnectionOptions } from '../../store/postgres/postgres-connection.js';

const PAGE_ROWS = 1000;
const LAST_CHECKPOINT_KEY = /^\{"chain":\{[^}]*\},"checkpoint":\{.*?"key":"([^"]+)"/;
const CLOSE_CHECKPOINT = /^\{"chain":\{[^}]*\},"checkpoint":\{"reason":"close"/;

/**
 * Each node chains its own rows of the shared audit table (a chain across nodes would
 * make every audit write wait for a cluster-wide lock). A node's chain is its rows in
 * the order written (by id), each `record` one chain line, exactly as a line of a
 * chained audit file.
 */
export class PostgresAuditChain {
  constructor(
    private readonly pool: pg.Pool,
    private readonly ensureSchema: () => Promise<void>,
    private readonly connection: PostgresConnectionOptions,
  ) {}

  /** Where `node`'s chain stands: its last row, and the key of its last checkpoint. */
  async head(node: string): Promise<ChainHead> {
    await this.ensureSchema();
    const [last] = await this.query<{ record: string }>(`reading the chain head of ${node}`,
      'SELECT record FROM logwarden_audit WHERE node = $1 ORDER BY id DESC LIMIT 1', [node]);
    const link = last ? parseChainLink(Buffer.from(last.record, 'utf8')) : null;
    // No row yet, or rows written before chaining was turned on: the chain starts at the next row.
    if (!last || !link) return { seq: 0, hash: GENESIS_HASH, closed: true, lastKey: null, tornLine: false };
    const [checkpoint] = await this.query<{ record: string }>(`reading the last checkpoint of ${node}`,
      `SELECT record FROM logwarden_audit WHERE node = $1 AND record LIKE $2 ORDER BY id DESC LIMIT 1`, [node, '{"chain":{"seq":%,"checkpoint":%']);
    const lastKey = checkpoint ? LAST_CHECKPOINT_KEY.exec(checkpoint.record)?.[1] ?? null : null;
    return { seq: link.seq, hash: lineHash(Buffer.from(last.record, 'utf8')), closed: CLOSE_CHECKPOINT.test(last.record), lastKey, tornLine: false };
  }

  /**
   * Verifies `node`'s chain from the table, as verifyAuditChain does a file: a break
   * names the row (`line` is its id) and its seq. Throws UnreadableLogError when the
   * table cannot be read or holds no chained row of the node.
   */
  async verify(node: string, options: VerifyOptions = {}): Promise<VerifyReport> {
    const log = `logwarden_audit node=${node}`;
    try {
      await this.ensureSchema();
    } catch (error) {
      throw new UnreadableLogError(`${log}: ${(error as Error).message}`);
    }
    return verifyAuditChainLines(log, [log], LogLines.of(this.rows(node, log)), options);
  }

  private async *rows(node: string, log: string): AsyncGenerator<LogLine> {
    let after = '0';
    for (;;) {
      let rows: { id: string; record: string }[];
      try {
        // By the column: `id` alone would be the text the list selects, which sorts 10 before 9.
        rows = await this.query(`reading the chain of ${node}`,
          'SELECT id::text, record FROM logwarden_audit WHERE node = $1 AND id > $2::bigint ORDER BY logwarden_audit.id LIMIT $3', [node, after, PAGE_ROWS]);
      } catch (error) {
        throw new UnreadableLogError((error as Error).message);
      }
      for (const row of rows) yield { file: log, line: Number(row.id), bytes: Buffer.from(row.record, 'utf8'), terminated: true };
      if (rows.length < PAGE_ROWS) return;
      after = rows[rows.length - 1]!.id;
    }
  }

  private async query<T extends pg.QueryResultRow>(what: string, text: string, values: unknown[]): Promise<T[]> {
    try {
      return (await this.pool.query<T>(text, values)).rows;
    } catch (error) {
      throw new Error(`Audit table at ${describeConnection(this.connection)}: ${what} failed: ${safeMessage(error, this.connection)}`);
    }
  }
}

/**
 * Verifies `node`'s chain in the audit table at `connection` on a connection of its
 * own, reading only: a table that is not there is unreadable, not created.
 */
export async function verifyPostgresAuditChain(connection: PostgresConnectionOptions, node: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const pool = createPool({ ...connection, maxConnections: 1 }, 'logwarden audit verify');
  // An idle connection that dies is dropped by the pool; a query on it reports the outage.
  pool.on('error', () => undefined);
  try {
    return await new PostgresAuditChain(pool, () => Promise.resolve(), connection).verify(node, options);
  } finally {
    await pool.end();
  }
}
