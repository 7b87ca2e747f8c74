import { expect } from 'chai';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readChainHead } from '../../../../src/auth/audit/chain/chain-head.js';
import { GENESIS_HASH, lineHash } from '../../../../src/auth/audit/chain/chain-line.js';
import { ed25519Pair, readLines, tempDir, writeRun } from '../../support/chained-audit-log.js';

describe('auth/audit/chain/readChainHead', function () {
  this.timeout(10_000);
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = tempDir('chain-head-');
    file = path.join(dir, 'audit.log');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a new log starts at the genesis', () => {
    expect(readChainHead(file)).to.deep.equal({ seq: 0, hash: GENESIS_HASH, closed: true, lastKey: null, tornLine: false });
  });

  it('continues from the last complete line: its seq, its hash, whether it closed the log, the key of the last checkpoint', async () => {
    const key = ed25519Pair();
    await writeRun(file, key.signing, 2);
    const last = readLines(file).pop()!;
    expect(readChainHead(file)).to.deep.equal({ seq: JSON.parse(last).chain.seq, hash: lineHash(last), closed: true, lastKey: key.signing.id, tornLine: false });
  });

  it('leaves out a torn last line and says so', async () => {
    await writeRun(file, ed25519Pair().signing, 1);
    const last = readLines(file).pop()!;
    fs.appendFileSync(file, '{"chain":{"seq":9');
    expect(readChainHead(file)).to.deep.include({ hash: lineHash(last), closed: true, tornLine: true });
  });

  it('after a rotation (an empty live file) reads the newest backup, plain or gzipped', async () => {
    await writeRun(file, ed25519Pair().signing, 1);
    const last = readLines(file).pop()!;
    fs.renameSync(file, `${file}.1`);
    fs.writeFileSync(file, '');
    expect(readChainHead(file).hash).to.equal(lineHash(last));
    fs.writeFileSync(`${file}.1.gz`, gzipSync(fs.readFileSync(`${file}.1`)));
    fs.rmSync(`${file}.1`);
    expect(readChainHead(file).hash).to.equal(lineHash(last));
  });

  it('a log written before chaining was turned on: the chain starts at the genesis', () => {
    fs.writeFileSync(file, '{"timestamp":"2024-01-01T00:00:00.000Z"}\n');
    expect(readChainHead(file)).to.deep.include({ seq: 0, hash: GENESIS_HASH });
  });
});
