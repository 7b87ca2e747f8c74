import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RollingFileAppender } from '../../../appenders/rolling-file-appender.js';
import { AuditLog } from '../../../src/auth/audit/audit-log.js';
import { ed25519SigningKey, verifyingKeyFromText, type AuditSigningKey, type AuditVerifyingKey } from '../../../src/auth/audit/chain/audit-keys.js';
import type { TokenRecord } from '../../../src/auth/tokens/token-record.js';
import { ManualClock } from './manual-clock.js';

export const CHAIN_T0 = Date.UTC(2024, 0, 10, 12, 0, 0);

export interface Ed25519Pair {
  readonly privateKey: KeyObject;
  readonly signing: AuditSigningKey;
  readonly verifying: AuditVerifyingKey;
  readonly publicPem: string;
  readonly privatePem: string;
}

export function ed25519Pair(): Ed25519Pair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return {
    privateKey, publicPem, privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    signing: ed25519SigningKey(privateKey), verifying: verifyingKeyFromText(publicPem, 'test public key'),
  };
}

export function tokenRecord(id: string): TokenRecord {
  return { id, family: 'api', owner: 'alice', description: `token ${id}`, scope: 'READ_ONLY', hash: '{PKCS5S2}x', createdAt: CHAIN_T0, expiresAt: null, lastAccessedAt: null };
}

let runs = 0;

/**
 * One run of a writer: an AuditLog chained to a RollingFileAppender (4KB files,
 * so every few records roll over), `records` token records, then closed.
 */
export async function writeRun(file: string, key: AuditSigningKey, records: number, options: { compress?: boolean; clock?: ManualClock; every?: number } = {}): Promise<AuditLog> {
  const clock = options.clock ?? new ManualClock(CHAIN_T0);
  const appender = new RollingFileAppender({ name: `chained-audit-${++runs}`, file, maxFileSize: '4KB', maxBackupIndex: 50, compress: options.compress ?? false });
  const audit = new AuditLog({ appender, loggerName: `test.chained.audit.${runs}`, clock, chain: { key, checkpointEveryRecords: options.every ?? 5 } });
  for (let i = 0; i < records; i++) {
    audit.tokenCreated('alice', tokenRecord(`r${runs}-${i}`), '10.0.0.1');
    clock.advance(1000);
  }
  audit.close();
  await appender.close();
  return audit;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function readLines(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
}

export function writeLines(file: string, lines: readonly string[]): void {
  fs.writeFileSync(file, lines.map((line) => line + '\n').join(''));
}
