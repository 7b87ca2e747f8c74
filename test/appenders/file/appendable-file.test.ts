import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { whyNotAppendable } from '../../../appenders/file/appendable-file.js';
import { removeDir, tempDir } from './fixtures.js';

describe('whyNotAppendable', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('appendable');
  });
  afterEach(() => removeDir(dir));

  it('accepts an existing file and leaves its content alone', () => {
    const file = path.join(dir, 'app.log');
    fs.writeFileSync(file, 'kept\n');
    expect(whyNotAppendable(file)).to.equal(undefined);
    expect(fs.readFileSync(file, 'utf8')).to.equal('kept\n');
  });

  it('accepts a new file in a new directory: creates the directories, not the file', () => {
    const file = path.join(dir, 'a', 'b', 'app.log');
    expect(whyNotAppendable(file)).to.equal(undefined);
    expect(fs.statSync(path.dirname(file)).isDirectory()).to.equal(true);
    expect(fs.existsSync(file)).to.equal(false);
  });

  it('refuses a directory', () => {
    expect(whyNotAppendable(dir)).to.equal('it is a directory');
  });

  it('refuses a path under a regular file', () => {
    const regular = path.join(dir, 'plain');
    fs.writeFileSync(regular, '');
    expect(whyNotAppendable(path.join(regular, 'app.log'))).to.match(/plain \(or a directory above it\) is not a directory/);
    expect(whyNotAppendable(path.join(regular, 'deeper', 'app.log'))).to.match(/is not a directory/);
  });

  it('does not block on a FIFO nobody reads', () => {
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    expect(whyNotAppendable(fifo)).to.match(/ENXIO/);
  });
});

describe('whyNotAppendable with dryRun (logwarden check)', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('appendable-dry');
  });
  afterEach(() => removeDir(dir));

  it('accepts a new file in a new directory without creating either', () => {
    const file = path.join(dir, 'a', 'b', 'app.log');
    expect(whyNotAppendable(file, { dryRun: true })).to.equal(undefined);
    expect(fs.existsSync(path.join(dir, 'a'))).to.equal(false);
  });

  it('judges an existing file by its permission bits only: a FIFO without a reader passes, where opening it would fail', () => {
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    expect(whyNotAppendable(fifo, { dryRun: true })).to.equal(undefined);
    expect(whyNotAppendable(fifo)).to.match(/ENXIO/);
  });

  it('refuses what the real check refuses: a directory, a path under a regular file', () => {
    expect(whyNotAppendable(dir, { dryRun: true })).to.equal('it is a directory');
    const plain = path.join(dir, 'plain');
    fs.writeFileSync(plain, '');
    expect(whyNotAppendable(path.join(plain, 'x', 'app.log'), { dryRun: true })).to.equal(`${path.join(plain, 'x')} (or a directory above it) is not a directory`);
    expect(whyNotAppendable(path.join(plain, 'app.log'), { dryRun: true })).to.equal(`${plain} (or a directory above it) is not a directory`);
  });
});
