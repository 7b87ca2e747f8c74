import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { FileManager } from '../../../appenders/file/file-manager.js';
import { managerOptions, RecordingErrorHandler, removeDir, tempDir } from './fixtures.js';

const options = managerOptions;

/** FileManager.written(): what the cluster writer acknowledges by. */
describe('FileManager.written()', () => {
  let dir: string;
  const owner = { name: 'written-test', errorHandler: new RecordingErrorHandler() };
  beforeEach(() => {
    dir = tempDir('written');
  });
  afterEach(() => removeDir(dir));

  it('resolves once the records accepted before it are on disk, while later records keep coming', async () => {
    const file = path.join(dir, 'app.log');
    const manager = new FileManager(file, options, owner);
    let accepted = 0;
    const line = `${'z'.repeat(99)}\n`;
    const log = (count: number): void => {
      for (let i = 0; i < count; i++) manager.write(line);
      accepted += count;
    };
    log(500);
    const before = accepted;
    // A stream faster than one write per turn, so the queue never runs empty:
    // flush() would wait for a pause that never comes, written() does not.
    let feeding = true;
    const feed = (): void => {
      if (!feeding) return;
      log(50);
      setImmediate(feed);
    };
    feed();
    await manager.written();
    feeding = false;
    expect(fs.statSync(file).size).to.be.at.least(before * line.length);
    expect(manager.pendingBytes, 'later records still queued').to.be.greaterThan(0);
    await manager.close();
    expect(fs.statSync(file).size).to.equal(accepted * line.length);
  });

  it('resolves at once when nothing is pending, and when the manager closes', async () => {
    const file = path.join(dir, 'idle.log');
    const manager = new FileManager(file, options, owner);
    await manager.written();
    manager.write('one\n');
    const pending = manager.written();
    await manager.close();
    await pending;
    expect(fs.readFileSync(file, 'utf8')).to.equal('one\n');
  });
});
