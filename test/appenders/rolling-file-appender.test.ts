import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { RollingFileAppender } from '../../appenders/rolling-file-appender.js';
import { event, messageLayout, readLines, removeDir, tempDir } from './file/fixtures.js';

describe('RollingFileAppender', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('rolling');
  });
  afterEach(() => removeDir(dir));

  function backupsOf(file: string): string[] {
    const base = path.basename(file);
    return fs.readdirSync(dir).filter((name) => name.startsWith(`${base}.`)).sort();
  }

  it('keeps 200,000 lines exactly once, in order, unsplit, with at most MaxBackupIndex backups', async () => {
    const file = path.join(dir, 'app.log');
    const lines = 200_000;
    // Files of ~100KB; keeping all backups lets every line be checked.
    const appender = new RollingFileAppender({ file, layout: messageLayout, maxFileSize: '100KB', maxBackupIndex: 100 });
    let maxBackups = 0;
    for (let i = 0; i < lines; i++) {
      appender.append(event(`line ${String(i).padStart(7, '0')} ${'x'.repeat(i % 40)}`));
      if (i % 5000 === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        maxBackups = Math.max(maxBackups, backupsOf(file).length);
      }
    }
    await appender.close();
    const backups = backupsOf(file);
    expect(backups.length).to.be.at.most(100);
    expect(maxBackups).to.be.at.most(100);
    const ordered = [...backups.map((name) => path.join(dir, name)).sort((a, b) => Number(b.split('.').pop()) - Number(a.split('.').pop())), file];
    let expected = 0;
    for (const part of ordered) {
      const text = fs.readFileSync(part, 'utf8');
      expect(text.endsWith('\n'), `${part} ends with a whole line`).to.equal(true);
      expect(fs.statSync(part).size).to.be.at.most(100 * 1024 + 100);
      for (const line of text.slice(0, -1).split('\n')) {
        expect(line).to.equal(`line ${String(expected).padStart(7, '0')} ${'x'.repeat(expected % 40)}`);
        expected++;
      }
    }
    expect(expected).to.equal(lines);
  });

  it('rolls right after the record that brings the file to MaxFileSize, counting bytes, not characters', async () => {
    const file = path.join(dir, 'exact.log');
    const appender = new RollingFileAppender({ file, layout: messageLayout, maxFileSize: 1000, maxBackupIndex: 50 });
    // 1-, 2-, 3- and 4-byte characters, so a record's bytes are not its length.
    const alphabet = ['a', 'é', '€', '😀'];
    for (let i = 0; i < 600; i++) {
      appender.append(event(`${i} ${Array.from({ length: i % 23 }, (_, k) => alphabet[(i + k) % 4]).join('')}`));
      if (i % 97 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await appender.close();
    const backups = backupsOf(file);
    expect(backups.length).to.be.greaterThan(5);
    let next = 0;
    for (const name of [...backups].sort((a, b) => Number(b.split('.').pop()) - Number(a.split('.').pop())).concat(path.basename(file))) {
      const bytes = fs.readFileSync(path.join(dir, name));
      const lines = bytes.toString('utf8').slice(0, -1).split('\n');
      expect(Number(lines[0]!.split(' ')[0]), `${name} starts where the previous file ended`).to.equal(next);
      next += lines.length;
      if (name === path.basename(file)) continue;
      const last = Buffer.byteLength(`${lines[lines.length - 1]}\n`);
      expect(bytes.length, `${name} reached MaxFileSize`).to.be.at.least(1000);
      expect(bytes.length - last, `${name} was below MaxFileSize before its last record`).to.be.below(1000);
    }
    expect(next).to.equal(600);
  });

  it('never keeps more than MaxBackupIndex backups and drops the oldest', async () => {
    const file = path.join(dir, 'small.log');
    const appender = new RollingFileAppender({ file, layout: messageLayout, maxFileSize: 1000, maxBackupIndex: 3 });
    for (let i = 0; i < 20_000; i++) appender.append(event(`line ${i}`));
    await appender.close();
    expect(backupsOf(file)).to.deep.equal(['small.log.1', 'small.log.2', 'small.log.3']);
    const newest = readLines(file);
    expect(newest[newest.length - 1]).to.equal('line 19999');
    const backup1 = readLines(`${file}.1`);
    expect(Number(backup1[backup1.length - 1]!.split(' ')[1]) + 1).to.equal(Number(newest[0]!.split(' ')[1]));
  });

  it('truncates instead of keeping backups when MaxBackupIndex is 0', async () => {
    const file = path.join(dir, 'nobackup.log');
    const appender = new RollingFileAppender({ file, layout: messageLayout, maxFileSize: 100, maxBackupIndex: 0 });
    for (let i = 0; i < 50; i++) appender.append(event(`line ${i}`));
    await appender.close();
    expect(backupsOf(file)).to.deep.equal([]);
    expect(fs.statSync(file).size).to.be.below(120);
    expect(readLines(file).pop()).to.equal('line 49');
  });

  it('gzips rolled files when asked, keeping every line', async () => {
    const file = path.join(dir, 'zipped.log');
    const appender = new RollingFileAppender({ file, layout: messageLayout, maxFileSize: '2KB', maxBackupIndex: 50, compress: true });
    for (let i = 0; i < 1000; i++) {
      appender.append(event(`line ${i}`));
      if (i % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await appender.close();
    const backups = backupsOf(file);
    expect(backups.length).to.be.greaterThan(2);
    expect(backups.every((name) => name.endsWith('.gz'))).to.equal(true);
    const indexes = backups.map((name) => Number(name.split('.')[2])).sort((a, b) => b - a);
    const text = indexes.map((index) => zlib.gunzipSync(fs.readFileSync(`${file}.${index}.gz`)).toString()).join('') + fs.readFileSync(file, 'utf8');
    expect(text).to.equal(Array.from({ length: 1000 }, (_, i) => `line ${i}\n`).join(''));
  });

  it('parses MaxFileSize units and rejects nonsense naming the option', () => {
    const appender = new RollingFileAppender({ name: 'sized', file: path.join(dir, 'a.log'), maxFileSize: '20480KB' });
    expect(appender.maxFileSize).to.equal(20480 * 1024);
    void appender.close();
    expect(() => new RollingFileAppender({ name: 'bad', file: path.join(dir, 'b.log'), maxFileSize: '10 parsecs' }))
      .to.throw(/appender "bad" option MaxFileSize: "10 parsecs" is not a size/);
  });
});
