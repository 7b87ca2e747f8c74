import { expect } from 'chai';
import pg from 'pg';
import { AuditLog } from '../../../../src/auth/audit/audit-log.js';
import { parseChainLink } from '../../../../src/auth/audit/chain/chain-line.js';
import { PostgresAuditStorage } from '../../../../src/auth/audit/postgres/postgres-audit-storage.js';
import { CHAIN_T0, ed25519Pair, tokenRecord, type Ed25519Pair } from '../../support/chained-audit-log.js';
import { ManualClock } from '../../support/manual-clock.js';
import { databasePerTest, sqlRows } from '../../store/postgres/postgres-server.js';

describe('auth/audit/postgres/PostgresAuditChain: each node chains its own rows of the shared audit table', function () {
  this.timeout(30_000);
  const suite = databasePerTest<PostgresAuditStorage>('auditchain');
  let key: Ed25519Pair;
  let runs = 0;

  before(() => {
    key = ed25519Pair();
  });

  /** A node's process: its storage and a chained AuditLog continuing from the node's head in the table. */
  async function start(node: string, clock: ManualClock): Promise<{ storage: PostgresAuditStorage; audit: AuditLog }> {
    const storage = suite.opened(new PostgresAuditStorage({ ...suite.db, node, retryDelayMillis: 20 }));
    const head = await storage.chainHead();
    const audit = new AuditLog({
      loggerName: `audit.${suite.db.database}.${node}.${++runs}`, appender: storage.appender, source: storage.source, clock,
      chain: { key: key.signing, head, checkpointEveryRecords: 3 },
    });
    return { storage, audit };
  }

  async function stop({ storage, audit }: { storage: PostgresAuditStorage; audit: AuditLog }): Promise<void> {
    audit.close();
    await storage.appender.flush();
  }

  const sql = <T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> => sqlRows<T>(suite.db, text, values);

  it('two nodes write interleaved; each chain verifies alone, a node continues its own chain after a restart', async () => {
    const clock = new ManualClock(CHAIN_T0);
    const a = await start('node-a', clock);
    const b = await start('node-b', clock);
    for (let i = 0; i < 4; i++) {
      a.audit.tokenCreated('alice', tokenRecord(`a-${i}`), '10.0.0.1');
      b.audit.tokenCreated('alice', tokenRecord(`b-${i}`), '10.0.0.2');
      clock.advance(1000);
    }
    await stop(a);
    await stop(b);
    const restarted = await start('node-a', clock);
    restarted.audit.tokenDeleted('alice', tokenRecord('a-0'));
    await stop(restarted);

    const reportA = await restarted.storage.verifyChain({ keys: [key.verifying], closed: true });
    expect(reportA.break).to.equal(null);
    expect([reportA.intact, reportA.records, reportA.firstSeq, reportA.closed, reportA.signaturesChecked]).to.deep.equal([true, 5, 1, true, true]);
    const reportB = await restarted.storage.verifyChain({ keys: [key.verifying], closed: true }, 'node-b');
    expect([reportB.intact, reportB.records, reportB.closed]).to.deep.equal([true, 4, true]);
    // The restart continued node-a's chain: its start checkpoint follows the close checkpoint of the first run.
    const seqs = (await sql<{ record: string }>("SELECT record FROM logwarden_audit WHERE node = 'node-a' ORDER BY id"))
      .map((row) => parseChainLink(Buffer.from(row.record))!.seq);
    expect(seqs).to.deep.equal(seqs.map((_, i) => i + 1));
  });

  it('a row of one node changed in SQL is found as "modified" at its seq; the other node\'s chain stays intact', async () => {
    const clock = new ManualClock(CHAIN_T0);
    const a = await start('node-a', clock);
    const b = await start('node-b', clock);
    for (let i = 0; i < 4; i++) {
      a.audit.tokenCreated('alice', tokenRecord(`a-${i}`), '10.0.0.1');
      b.audit.tokenCreated('alice', tokenRecord(`b-${i}`), '10.0.0.2');
    }
    await stop(a);
    await stop(b);

    const [target] = await sql<{ id: string; record: string }>(
      "SELECT id::text, record FROM logwarden_audit WHERE node = 'node-a' AND record LIKE $1", ['%token a-1"%']);
    const seq = parseChainLink(Buffer.from(target!.record))!.seq;
    expect(seq, 'start checkpoint, a-0, then a-1').to.equal(3);
    await sql('UPDATE logwarden_audit SET record = replace(record, $1, $2) WHERE id = $3::bigint', ['10.0.0.1', '10.6.6.6', target!.id]);

    const reportA = await a.storage.verifyChain({ keys: [key.verifying], closed: true });
    expect(reportA.intact).to.equal(false);
    expect(reportA.break).to.include({ kind: 'modified', seq: 3, line: Number(target!.id) });
    expect(reportA.verifiedThrough?.seq).to.equal(2);
    const reportB = await a.storage.verifyChain({ keys: [key.verifying], closed: true }, 'node-b');
    expect([reportB.intact, reportB.records]).to.deep.equal([true, 4]);
  });

  it('a node with no chained row starts a new chain', async () => {
    const storage = suite.opened(new PostgresAuditStorage({ ...suite.db, node: 'node-c' }));
    expect(await storage.chainHead()).to.deep.include({ seq: 0, closed: true, lastKey: null });
  });
});
