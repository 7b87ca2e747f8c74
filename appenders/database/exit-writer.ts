import pg from 'pg';
import { insertStatement } from './insert-statement.js';
import { batchOutcome, type PendingBatch } from './batch-marker.js';

/**
 * Run by a DatabaseAppender at process exit, synchronously (spawnSync), with the
 * rows it still holds on standard input: nothing asynchronous can run in an exiting
 * process, but a child process can. Same driver, same parameterized INSERT, one
 * transaction. Prints the number of rows written; exits 1 with the reason otherwise.
 */
export interface ExitWrite {
  config: pg.ClientConfig;
  /** Quoted table and column list, checked by the appender. */
  table: string;
  columnList: string;
  rows: (string | null)[][];
  /** A batch whose COMMIT was sent but never answered, holding the first `unknown.rows` rows. */
  unknown?: PendingBatch;
}

const MAX_PARAMETERS = 65_535;

async function readInput(): Promise<ExitWrite> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as ExitWrite;
}

async function unknownCommitted(client: pg.Client, pending: PendingBatch): Promise<boolean> {
  // The exiting parent's connection is cut; its server process ends as soon as it notices.
  const deadline = Date.now() + 5000;
  for (;;) {
    const outcome = await batchOutcome(async (text, values) => (await client.query(text, values)).rows, pending);
    if (outcome !== 'undecided') return outcome === 'committed';
    if (Date.now() > deadline) throw new Error('the batch in flight is still being committed; its rows are not sent again');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function main(): Promise<void> {
  const input = await readInput();
  const client = new pg.Client(input.config);
  await client.connect();
  try {
    let rows = input.rows;
    if (input.unknown !== undefined && (await unknownCommitted(client, input.unknown))) rows = rows.slice(input.unknown.rows);
    if (rows.length > 0) {
      const width = rows[0]!.length;
      const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / width));
      await client.query('BEGIN');
      for (let start = 0; start < rows.length; start += perStatement) {
        const batch = rows.slice(start, start + perStatement);
        await client.query(insertStatement(input.table, input.columnList, batch.length, width), batch.flat());
      }
      await client.query('COMMIT');
    }
    process.stdout.write(String(rows.length));
  } finally {
    await client.end().catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
