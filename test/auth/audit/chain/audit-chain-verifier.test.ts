import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RollingFileAppender } from '../../../../appenders/rolling-file-appender.js';
import { AuditLog } from '../../../../src/auth/audit/audit-log.js';
import { verifyAuditChain, type VerifyReport } from '../../../../src/auth/audit/chain/audit-chain-verifier.js';
import { hmacSigningKey, verifyingKeyFromText, type AuditSigningKey } from '../../../../src/auth/audit/chain/audit-keys.js';
import { auditLogFiles } from '../../../../src/auth/audit/chain/audit-log-files.js';
import { checkpointLine, type Checkpoint } from '../../../../src/auth/audit/chain/chain-entries.js';
import { chainedLine, lineHash, parseChainLink } from '../../../../src/auth/audit/chain/chain-line.js';
import { ed25519Pair, readLines, tempDir, tokenRecord, writeLines, writeRun, type Ed25519Pair } from '../../support/chained-audit-log.js';

function seqOf(line: string): number {
  return parseChainLink(Buffer.from(line))!.seq;
}

function isRecord(line: string): boolean {
  return !line.includes('"checkpoint":') && !line.includes('"keyChange":');
}

/** Line numbers (1-based) of `file` holding records whose next line is a record too. */
function recordPairs(file: string): number[] {
  const lines = readLines(file);
  return lines.flatMap((line, i) => (isRecord(line) && lines[i + 1] !== undefined && isRecord(lines[i + 1]!) ? [i + 1] : []));
}

function expectBreak(report: VerifyReport, kind: string, file: string, line: number): void {
  expect(report.intact, JSON.stringify(report.break)).to.equal(false);
  expect({ kind: report.break!.kind, file: path.basename(report.break!.file), line: report.break!.line }).to.deep.equal({ kind, file: path.basename(file), line });
}

/**
 * Re-chains `lines` from index `from` on, as someone who can recompute hashes
 * would, signing every checkpoint with `signer` under the key id `claimedKey`.
 */
function rechain(lines: string[], from: number, signer: AuditSigningKey, claimedKey: string): void {
  for (let i = from; i < lines.length; i++) {
    const link = { seq: seqOf(lines[i]!), prev: lineHash(lines[i - 1]!) };
    const value = JSON.parse(lines[i]!) as Record<string, unknown>;
    delete value.chain;
    if ('checkpoint' in value) {
      lines[i] = checkpointLine(link, { ...(value.checkpoint as Checkpoint), key: claimedKey }, signer);
    } else {
      lines[i] = chainedLine(link, JSON.stringify(value));
    }
  }
}

describe('auth/audit/chain/verifyAuditChain', function () {
  this.timeout(20_000);
  let key: Ed25519Pair;
  let pristine: string;
  let dir: string;
  let file: string;

  before(async () => {
    key = ed25519Pair();
    pristine = tempDir('audit-chain-');
    const live = path.join(pristine, 'audit.log');
    // Three writer runs (two restarts); the middle one gzips what it rolls.
    await writeRun(live, key.signing, 20);
    await writeRun(live, key.signing, 20, { compress: true });
    await writeRun(live, key.signing, 20);
  });

  beforeEach(() => {
    dir = tempDir('audit-chain-case-');
    fs.cpSync(pristine, dir, { recursive: true });
    file = path.join(dir, 'audit.log');
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('an intact log across rotations, gzipped backups and restarts verifies, every record and signature', async () => {
    const files = auditLogFiles(file);
    expect(files.length, 'at least three rotations').to.be.greaterThan(3);
    expect(files.some((f) => f.gzip)).to.equal(true);
    const report = await verifyAuditChain(file, { keys: [key.verifying] });
    expect(report.break).to.equal(null);
    expect(report.intact).to.equal(true);
    expect(report.records).to.equal(60);
    expect(report.firstSeq).to.equal(1);
    // 3 starts, 4 interval checkpoints per run of 20 records, 3 closes.
    expect(report.checkpoints).to.equal(3 * (1 + 4 + 1));
    expect(report.verifiedThrough!.seq).to.equal(report.records + report.checkpoints);
    expect(report.signaturesChecked).to.equal(true);
    expect(report.signedBy).to.deep.equal([key.signing.id]);
    expect(report.closed).to.equal(true);
    expect(report.lastCheckpoint!.reason).to.equal('close');
    expect(report.notes).to.deep.equal([]);
  });

  it('one byte of a message edited: modified, at that line', async () => {
    const target = path.join(dir, 'audit.log.1');
    const lines = readLines(target);
    const at = recordPairs(target)[0]!;
    lines[at - 1] = lines[at - 1]!.replace('"Token created"', '"Token crested"');
    writeLines(target, lines);
    const report = await verifyAuditChain(file, { keys: [key.verifying] });
    expectBreak(report, 'modified', target, at);
    expect(report.break!.seq).to.equal(seqOf(lines[at - 1]!));
    expect(report.verifiedThrough!.seq).to.equal(seqOf(lines[at - 1]!) - 1);
    expect(report.lines, 'the counts stop before the modified line').to.equal(report.verifiedThrough!.seq);
    expect(report.records + report.checkpoints).to.equal(report.lines);
  });

  it('a line deleted: deleted, at the line that now stands in its place', async () => {
    const target = path.join(dir, 'audit.log.1');
    const lines = readLines(target);
    const at = recordPairs(target)[0]!;
    const removed = seqOf(lines[at - 1]!);
    lines.splice(at - 1, 1);
    writeLines(target, lines);
    const report = await verifyAuditChain(file, { keys: [key.verifying] });
    expectBreak(report, 'deleted', target, at);
    expect(report.break!.message).to.include(`the line with seq ${removed} is missing`);
  });

  it('a forged line inserted with a correctly recomputed hash (but no key): inserted, at the forged line', async () => {
    const target = path.join(dir, 'audit.log.1');
    const lines = readLines(target);
    const at = recordPairs(target)[0]!;
    const before = lines[at - 1]!;
    const forgedBody = JSON.parse(before) as Record<string, unknown>;
    delete forgedBody.chain;
    forgedBody.extraAttributes = [{ name: 'Token ID', value: 'forged' }];
    const forged = chainedLine({ seq: seqOf(before) + 1, prev: lineHash(before) }, JSON.stringify(forgedBody));
    lines.splice(at, 0, forged);
    writeLines(target, lines);
    const report = await verifyAuditChain(file, { keys: [key.verifying] });
    expectBreak(report, 'inserted', target, at + 1);
  });

  it('two lines swapped: reordered, at the first of them', async () => {
    const target = path.join(dir, 'audit.log.1');
    const lines = readLines(target);
    const at = recordPairs(target)[0]!;
    [lines[at - 1], lines[at]] = [lines[at]!, lines[at - 1]!];
    writeLines(target, lines);
    const report = await verifyAuditChain(file, { keys: [key.verifying] });
    expectBreak(report, 'reordered', target, at);
  });

  it('the tail cut (the close checkpoint with it): truncated, once the unsealed records are older than the checkpoint interval', async () => {
    const lines = readLines(file);
    const kept = lines.slice(0, -2);
    writeLines(file, kept);
    const report = await verifyAuditChain(file, { keys: [key.verifying] });
    expectBreak(report, 'truncated', file, kept.length);
    expect(report.break!.message).to.include('older than the checkpoint interval (60 s)');
    // The same log right after it was written: the writer may still be running, so no break.
    const writtenAt = Date.parse((JSON.parse(kept[kept.length - 1]!) as { timestamp: string }).timestamp);
    const fresh = await verifyAuditChain(file, { keys: [key.verifying], now: writtenAt + 1000 });
    expect(fresh.intact).to.equal(true);
    expect(fresh.closed).to.equal(false);
    expect(fresh.unsealed).to.be.greaterThan(0);
  });

  it('the tail cut right after a checkpoint: truncated when the writer is known to have stopped (closed)', async () => {
    const lines = readLines(file);
    const lastInterval = lines.map((line) => line.includes('"reason":"interval"')).lastIndexOf(true);
    writeLines(file, lines.slice(0, lastInterval + 1));
    expect((await verifyAuditChain(file, { keys: [key.verifying] })).intact, 'undetectable without knowing the writer stopped').to.equal(true);
    const report = await verifyAuditChain(file, { keys: [key.verifying], closed: true });
    expectBreak(report, 'truncated', file, lastInterval + 1);
  });

  it('a rotated file removed: deleted, at the first line of the next file, naming the gap', async () => {
    const removed = auditLogFiles(file)[2]!;
    const next = auditLogFiles(file)[3]!;
    fs.rmSync(removed.path);
    const report = await verifyAuditChain(file, { keys: [key.verifying] });
    expectBreak(report, 'deleted', next.path, 1);
    expect(report.break!.message).to.include('a whole file is missing');
  });

  it('a record changed and the chain recomputed to the end, checkpoints signed with another key: unknown-key at the first checkpoint after it', async () => {
    const lines = readLines(file);
    const at = lines.findIndex(isRecord);
    lines[at] = lines[at]!.replace('10.0.0.1', '10.6.6.6');
    const attacker = ed25519Pair();
    rechain(lines, at + 1, attacker.signing, attacker.signing.id);
    writeLines(file, lines);
    const firstCheckpoint = lines.findIndex((line, i) => i > at && line.includes('"checkpoint":'));
    const report = await verifyAuditChain(file, { keys: [key.verifying] });
    expectBreak(report, 'unknown-key', file, firstCheckpoint + 1);
    expect(report.break!.message).to.include(attacker.signing.id);
  });

  it('the same forgery claiming the real key id: bad-signature at that checkpoint; without a key it goes unseen, and the report says signatures were not checked', async () => {
    const lines = readLines(file);
    const at = lines.findIndex(isRecord);
    lines[at] = lines[at]!.replace('10.0.0.1', '10.6.6.6');
    rechain(lines, at + 1, ed25519Pair().signing, key.signing.id);
    writeLines(file, lines);
    const firstCheckpoint = lines.findIndex((line, i) => i > at && line.includes('"checkpoint":'));
    expectBreak(await verifyAuditChain(file, { keys: [key.verifying] }), 'bad-signature', file, firstCheckpoint + 1);
    const unkeyed = await verifyAuditChain(file);
    expect(unkeyed.intact).to.equal(true);
    expect(unkeyed.signaturesChecked).to.equal(false);
  });

  it('a last line cut by a crash is not a break: verified up to the line before it, with a note', async () => {
    fs.appendFileSync(file, '{"chain":{"seq":99999,"prev":"00');
    const report = await verifyAuditChain(file, { keys: [key.verifying] });
    expect(report.intact).to.equal(true);
    expect(report.notes.join()).to.include(`the last line (audit.log line ${readLines(file).length}) is incomplete`);
    expect(report.verifiedThrough!.line).to.equal(readLines(file).length - 1);
  });

  it('lines written before chaining was turned on are allowed before a chain that starts at record 1, and not before a later record', async () => {
    const legacy = '{"timestamp":"2023-12-31T00:00:00.000Z","author":{"id":"a","name":"a","type":"user"}}';
    const oldest = auditLogFiles(file)[0]!;
    const lines = oldest.gzip ? [] : readLines(oldest.path);
    expect(oldest.gzip).to.equal(false);
    writeLines(oldest.path, [legacy, ...lines]);
    const report = await verifyAuditChain(file, { keys: [key.verifying] });
    expect(report.intact).to.equal(true);
    expect(report.notes[0]).to.include('were written before chaining was turned on');
    writeLines(oldest.path, [legacy, ...lines.slice(1)]);
    expectBreak(await verifyAuditChain(file, { keys: [key.verifying] }), 'modified', oldest.path, 1);
  });

  it('a log with no chained line at all is unreadable as a chained log', async () => {
    const plain = path.join(dir, 'plain.log');
    fs.writeFileSync(plain, '{"timestamp":"2023-12-31T00:00:00.000Z"}\n');
    let error: unknown;
    try {
      await verifyAuditChain(plain);
    } catch (caught) {
      error = caught;
    }
    expect((error as Error).message).to.include('plain.log: holds no line of a chained audit log');
  });

  it('is what logwarden/auth exports, with the keys that feed it', async () => {
    const auth = await import('../../../../src/auth/index.js');
    const report = await auth.verifyAuditChain(file, { keys: [auth.verifyingKeyFromText(key.publicPem, 'public key')] });
    expect(report.intact).to.equal(true);
  });

  it('a missing log is unreadable, not broken', async () => {
    let error: unknown;
    try {
      await verifyAuditChain(path.join(dir, 'nothing.log'));
    } catch (caught) {
      error = caught;
    }
    expect((error as Error).name).to.equal('UnreadableLogError');
    expect((error as Error).message).to.include('nothing.log: no such audit log');
  });
});

describe('auth/audit/chain restart after a torn last line', function () {
  it('the next writer ends the fragment with a line break and seals before it: the log verifies, naming the cut line', async () => {
    const dir = tempDir('audit-chain-torn-');
    try {
      const file = path.join(dir, 'audit.log');
      const key = ed25519Pair();
      await writeRun(file, key.signing, 3);
      const fragment = '{"chain":{"seq":12,"prev":"ab';
      fs.appendFileSync(file, fragment);
      await writeRun(file, key.signing, 3);
      // The second run may roll the file over: find the fragment wherever it went.
      const holder = auditLogFiles(file).find((f) => readLines(f.path).includes(fragment))!;
      const fragmentLine = readLines(holder.path).indexOf(fragment) + 1;
      const report = await verifyAuditChain(file, { keys: [key.verifying], closed: true });
      expect(report.break).to.equal(null);
      expect(report.records).to.equal(6);
      expect(report.notes.join()).to.include(`${path.basename(holder.path)} line ${fragmentLine} is a line a crash cut`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('auth/audit/chain keys in the chain', function () {
  this.timeout(20_000);
  let dir: string;
  beforeEach(() => { dir = tempDir('audit-chain-keys-'); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a restart with another key records the change; verify needs both keys and names the unknown one otherwise', async () => {
    const file = path.join(dir, 'audit.log');
    const first = ed25519Pair();
    const second = ed25519Pair();
    await writeRun(file, first.signing, 6);
    await writeRun(file, second.signing, 6);
    const both = await verifyAuditChain(file, { keys: [first.verifying, second.verifying] });
    expect(both.intact).to.equal(true);
    expect(both.signedBy).to.deep.equal([first.signing.id, second.signing.id]);
    expect(both.notes.join()).to.include(`signing key changed from ${first.signing.id} to ${second.signing.id}`);
    const onlyFirst = await verifyAuditChain(file, { keys: [first.verifying] });
    expect(onlyFirst.break!.kind).to.equal('unknown-key');
  });

  it('a key rotated while running is signed by the outgoing key: the old public key alone verifies the whole log', async () => {
    const file = path.join(dir, 'audit.log');
    const first = ed25519Pair();
    const second = ed25519Pair();
    const appender = new RollingFileAppender({ name: 'rotating-key', file, maxFileSize: '4KB', maxBackupIndex: 50 });
    const live = new AuditLog({ appender, loggerName: 'test.chained.audit.rotating', chain: { key: first.signing } });
    live.tokenCreated('alice', tokenRecord('a'));
    live.rotateKey(second.signing);
    live.tokenCreated('alice', tokenRecord('b'));
    live.close();
    await appender.close();
    const report = await verifyAuditChain(file, { keys: [first.verifying] });
    expect(report.break).to.equal(null);
    expect(report.signedBy).to.deep.equal([first.signing.id, second.signing.id]);
  });

  it('an HMAC secret signs and verifies; a different secret is an unknown key', async () => {
    const file = path.join(dir, 'audit.log');
    const secret = Buffer.from('an HMAC secret of at least 32 bytes, for the test');
    await writeRun(file, hmacSigningKey(secret), 7);
    const report = await verifyAuditChain(file, { keys: [verifyingKeyFromText(secret.toString(), 'test secret')] });
    expect(report.intact).to.equal(true);
    expect(report.signedBy[0]).to.match(/^hmac:[0-9a-f]{16}$/);
    const other = await verifyAuditChain(file, { keys: [verifyingKeyFromText('another secret, also 32 bytes or more', 'other')] });
    expect(other.break!.kind).to.equal('unknown-key');
  });

  it('the signing key never reaches the log', async () => {
    const file = path.join(dir, 'audit.log');
    const pair = ed25519Pair();
    await writeRun(file, pair.signing, 3);
    const text = fs.readFileSync(file, 'utf8');
    const privateDer = pair.privateKey.export({ type: 'pkcs8', format: 'der' });
    expect(text).not.to.include(privateDer.toString('base64'));
    expect(text).not.to.include(privateDer.subarray(-32).toString('base64'));
    expect(text).not.to.include(pair.privatePem.split('\n')[1]!);
  });
});
