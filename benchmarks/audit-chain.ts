/**
 * The chained audit log (issue 19): what chaining costs on the audit write path,
 * and how fast `logwarden audit verify` reads a log back.
 *
 * 1. Write path: the same records through AuditLog -> RollingFileAppender (10MB
 *    files), plain and chained (Ed25519 checkpoint every 1000 records); records/s
 *    from the first record until the appender has closed, best of 3 rounds.
 * 2. Verify: the chained log of step 1 is made `records` long (default 500,000,
 *    ~290 MB in ~29 files) and verified with the public key, in this process
 *    (library) and through the real bin (`node dist/src/cli/main.js audit verify`).
 *
 * Run: node dist/benchmarks/audit-chain.js [records]   (about 20 s for 500,000)
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RollingFileAppender } from '../appenders/rolling-file-appender.js';
import { AuditLog } from '../src/auth/audit/audit-log.js';
import { verifyAuditChain } from '../src/auth/audit/chain/audit-chain-verifier.js';
import { ed25519SigningKey, verifyingKeyFromText } from '../src/auth/audit/chain/audit-keys.js';
import type { TokenRecord } from '../src/auth/tokens/token-record.js';

const records = Number(process.argv[2] ?? 500_000);
const writeRecords = Math.min(records, 200_000);
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const bin = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

function token(i: number): TokenRecord {
  return { id: `tok-${i}`, family: 'api', owner: 'alice', description: `deploy pipeline ${i}`, scope: 'READ_ONLY', hash: 'x', createdAt: 0, expiresAt: null, lastAccessedAt: null };
}

let runs = 0;

/** Writes `count` records (yielding to the event loop every 1000, as a server would) and closes. */
async function write(file: string, count: number, chained: boolean): Promise<number> {
  const appender = new RollingFileAppender({ name: `bench-audit-${++runs}`, file, maxFileSize: '10MB', maxBackupIndex: 1000 });
  const audit = new AuditLog({
    appender, loggerName: `bench.audit.${runs}`,
    ...(chained ? { chain: { key: ed25519SigningKey(privateKey), checkpointEveryRecords: 1000 } } : {}),
  });
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    audit.tokenCreated('alice', token(i), '10.0.0.1');
    if (i % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
  }
  audit.close();
  await appender.close();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const rate = (count: number, seconds: number): string => `${Math.round(count / seconds).toLocaleString('en-US')} records/s`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-chain-bench-'));
try {
  console.log(`write path, ${writeRecords.toLocaleString('en-US')} records, best of 3:`);
  const best = { plain: Infinity, chained: Infinity };
  for (let round = 0; round < 3; round++) {
    for (const kind of ['plain', 'chained'] as const) {
      const roundDir = path.join(dir, `${kind}-${round}`);
      fs.mkdirSync(roundDir);
      best[kind] = Math.min(best[kind], await write(path.join(roundDir, 'audit.log'), writeRecords, kind === 'chained'));
      if (kind === 'plain' || round < 2) fs.rmSync(roundDir, { recursive: true });
    }
  }
  const costMicros = ((best.chained - best.plain) / writeRecords) * 1e6;
  console.log(`  plain    ${rate(writeRecords, best.plain)}`);
  console.log(`  chained  ${rate(writeRecords, best.chained)}  (+${costMicros.toFixed(2)} µs per record)`);

  const log = path.join(dir, 'chained-2', 'audit.log');
  if (records > writeRecords) await write(log, records - writeRecords, true);
  const size = fs.readdirSync(path.dirname(log)).reduce((sum, name) => sum + fs.statSync(path.join(path.dirname(log), name)).size, 0);
  console.log(`verify, ${records.toLocaleString('en-US')} records (${fs.readdirSync(path.dirname(log)).length} files, ${(size / 1e6).toFixed(0)} MB):`);
  const key = verifyingKeyFromText(publicPem, 'bench public key');
  const started = process.hrtime.bigint();
  const report = await verifyAuditChain(log, { keys: [key] });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (!report.intact || report.records !== records) throw new Error(`the bench log did not verify: ${JSON.stringify(report.break)}, ${report.records} records`);
  console.log(`  library  ${rate(records, seconds)} (${seconds.toFixed(2)} s, ${report.checkpoints} signatures)`);
  const keyFile = path.join(dir, 'public.pem');
  fs.writeFileSync(keyFile, publicPem);
  const cliStarted = process.hrtime.bigint();
  execFileSync(process.execPath, [bin, 'audit', 'verify', log, '--key', keyFile], { stdio: 'ignore' });
  const cliSeconds = Number(process.hrtime.bigint() - cliStarted) / 1e9;
  console.log(`  bin      ${rate(records, cliSeconds)} (${cliSeconds.toFixed(2)} s, node start included)`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
