import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { NumberedBackups } from '../../../appenders/file/numbered-backups.js';
import { removeDir, tempDir } from './fixtures.js';

describe('NumberedBackups', () => {
  let dir: string;
  let file: string;
  let calls: string[];
  const originals = { renameSync: fs.renameSync, unlinkSync: fs.unlinkSync };

  beforeEach(() => {
    dir = tempDir('numbered');
    file = path.join(dir, 'app.log');
    calls = [];
    // Counts the real file system calls (they still run): the work of one rollover.
    fs.renameSync = (from, to) => {
      calls.push(`rename ${path.basename(String(from))} ${path.basename(String(to))}`);
      originals.renameSync(from, to);
    };
    fs.unlinkSync = (target) => {
      calls.push(`unlink ${path.basename(String(target))}`);
      originals.unlinkSync(target);
    };
  });
  afterEach(() => {
    Object.assign(fs, originals);
    removeDir(dir);
  });

  const write = (...names: string[]): void => {
    for (const name of names) fs.writeFileSync(path.join(dir, name), `${name}\n`);
  };
  const contents = (): Record<string, string> =>
    Object.fromEntries(fs.readdirSync(dir).sort().map((name) => [name, fs.readFileSync(path.join(dir, name), 'utf8').trim()]));
  const rollOver = (max: number): void => new NumberedBackups(file, max, false, 0o644, (cause) => { throw cause; }).rollOver();

  it('shifts every backup up by one and drops the one at MaxBackupIndex', () => {
    write('app.log', 'app.log.1', 'app.log.2', 'app.log.3');
    rollOver(3);
    expect(contents()).to.deep.equal({ 'app.log.1': 'app.log', 'app.log.2': 'app.log.1', 'app.log.3': 'app.log.2' });
  });

  it('shifts compressed and plain backups alike, across gaps, and leaves unrelated names alone', () => {
    write('app.log', 'app.log.1', 'app.log.2.gz', 'app.log.5', 'app.log.old', 'app.log.01', 'other.log.1');
    rollOver(10);
    expect(contents()).to.deep.equal({
      'app.log.1': 'app.log', 'app.log.2': 'app.log.1', 'app.log.3.gz': 'app.log.2.gz', 'app.log.6': 'app.log.5',
      'app.log.01': 'app.log.01', 'app.log.old': 'app.log.old', 'other.log.1': 'other.log.1',
    });
  });

  it('leaves backups above MaxBackupIndex (left by an earlier, larger setting) alone', () => {
    write('app.log', 'app.log.1', 'app.log.2', 'app.log.7');
    rollOver(2);
    expect(contents()).to.deep.equal({ 'app.log.1': 'app.log', 'app.log.2': 'app.log.1', 'app.log.7': 'app.log.7' });
  });

  it('with MaxBackupIndex=10000000 touches only the backups that exist', () => {
    write('app.log', 'app.log.1', 'app.log.2', 'app.log.3.gz');
    rollOver(10_000_000);
    expect(contents()).to.deep.equal({ 'app.log.1': 'app.log', 'app.log.2': 'app.log.1', 'app.log.3': 'app.log.2', 'app.log.4.gz': 'app.log.3.gz' });
    expect(calls).to.deep.equal(['rename app.log.3.gz app.log.4.gz', 'rename app.log.2 app.log.3', 'rename app.log.1 app.log.2', 'rename app.log app.log.1']);
  });
});
