import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { FileManager } from '../../../appenders/file/file-manager.js';
import { ExitFlush } from '../../../appenders/file/exit-flush.js';
import { managerOptions, RecordingErrorHandler, removeDir, tempDir } from './fixtures.js';

const options = managerOptions;

describe('FileManager', () => {
  let dir: string;
  const owner = { name: 'manager-test', errorHandler: new RecordingErrorHandler() };
  beforeEach(() => {
    dir = tempDir('manager');
  });
  afterEach(() => removeDir(dir));

  it('a synchronous flush while an asynchronous write is in flight writes each byte once', async () => {
    const file = path.join(dir, 'app.log');
    const manager = new FileManager(file, options, owner);
    const expected: string[] = [];
    for (let i = 0; i < 100; i++) {
      const line = `line ${i} ${'y'.repeat(20)}\n`;
      expected.push(line);
      manager.write(line);
    }
    // The first full chunk went out asynchronously as soon as it filled.
    expect(manager.pendingBytes).to.be.greaterThan(0);
    manager.flushSync();
    expect(fs.readFileSync(file, 'utf8')).to.equal(expected.join(''));
    await manager.close();
    expect(fs.readFileSync(file, 'utf8')).to.equal(expected.join(''));
  });

  it('stays exact when synchronous flushes, rollovers and asynchronous writes interleave', async () => {
    const file = path.join(dir, 'mixed.log');
    const manager = new FileManager(file, options, owner);
    const parts: string[][] = [[]];
    for (let round = 0; round < 400; round++) {
      for (let k = 0; k < 1 + (round % 7) * 20; k++) {
        const line = `r${round} k${k}\n`;
        manager.write(line);
        parts[parts.length - 1]!.push(line);
      }
      if (round % 3 === 0) manager.flushSync();
      if (round % 50 === 49) {
        const index = parts.length;
        manager.roll(() => fs.renameSync(file, `${file}.${index}`));
        parts.push([]);
      }
      if (round % 4 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await manager.close();
    const files = [...parts.slice(0, -1).map((_, i) => `${file}.${i + 1}`), file];
    files.forEach((name, i) => expect(fs.readFileSync(name, 'utf8'), name).to.equal(parts[i]!.join('')));
  });

  it('holds process listeners only while a file is open', async () => {
    const before = process.listenerCount('SIGTERM');
    const registered = ExitFlush.size;
    const manager = new FileManager(path.join(dir, 'listeners.log'), options, owner);
    expect(ExitFlush.size).to.equal(registered + 1);
    if (registered === 0) expect(process.listenerCount('SIGTERM')).to.equal(before + 1);
    await manager.close();
    expect(ExitFlush.size).to.equal(registered);
    expect(process.listenerCount('SIGTERM')).to.equal(before);
  });
});
