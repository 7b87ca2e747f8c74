import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { FileManager } from '../../../appenders/file/file-manager.js';
import { ExitFlush } from '../../../appenders/file/exit-flush.js';
import { managerOptions, RecordingErrorHandler, removeDir, tempDir, waitFor } from './fixtures.js';

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

  it('records logged a few per event-loop turn, during writes and between them, reach the file by themselves, in order', async () => {
    const file = path.join(dir, 'turns.log');
    const manager = new FileManager(file, options, owner);
    const expected: string[] = [];
    for (let turn = 0; turn < 200; turn++) {
      for (let k = 0; k < 3; k++) {
        const line = `turn ${turn} line ${k} ${'x'.repeat(40)}\n`;
        expected.push(line);
        manager.write(line);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    // Nobody flushes: the manager's own timer writes what waits.
    await waitFor(() => fs.existsSync(file) && fs.readFileSync(file, 'utf8') === expected.join(''), 'every record in the file');
    expect(manager.pendingBytes).to.equal(0);
    await manager.close();
  });

  for (const encoding of ['utf8', 'utf16le', 'latin1'] as const) {
    it(`${encoding}: records of one- to four-byte characters, of every length around the chunk size, are written byte for byte`, async () => {
      const file = path.join(dir, `${encoding}.log`);
      const manager = new FileManager(file, { ...options, encoding }, owner);
      const alphabet = encoding === 'latin1' ? ['a', 'é', 'ÿ'] : ['a', 'é', '€', '😀'];
      const records: string[] = [];
      for (let i = 0; i < 600; i++) {
        // Up to 400 characters (1,200 UTF-8 bytes), so records land on, straddle and exceed the 1KB chunks.
        const text = Array.from({ length: (i * 37) % 400 }, (_, k) => alphabet[(i + k) % alphabet.length]).join('') + `#${i}\n`;
        records.push(text);
        manager.write(text);
        if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      await manager.close();
      expect(fs.readFileSync(file).equals(Buffer.from(records.join(''), encoding))).to.equal(true);
    });
  }

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

  describe('records joined before they are encoded', () => {
    it('size checks count them at their most bytes and answer exactly, record after record', async () => {
      const file = path.join(dir, 'sizes.log');
      const manager = new FileManager(file, { ...options, bufferSize: 64 * 1024 }, owner);
      // Each record is 4 bytes in UTF-8 ("€" takes 3) but may take 6 by its length alone.
      for (let records = 1; records <= 40; records++) {
        manager.write('€\n');
        for (const limit of [records * 4 - 1, records * 4, records * 4 + 1, records * 6]) {
          expect(manager.fileBytesReach(limit), `${records} records, limit ${limit}`).to.equal(records * 4 >= limit);
        }
      }
      expect(manager.fileBytesReach(160)).to.equal(true);
      expect(manager.fileBytesReach(161)).to.equal(false);
      await manager.close();
      expect(fs.statSync(file).size).to.equal(160);
    });

    it('written() and pendingBytes include them', async () => {
      const file = path.join(dir, 'written.log');
      const manager = new FileManager(file, { ...options, bufferSize: 64 * 1024 }, owner);
      manager.write('one\n');
      manager.write('two\n');
      expect(manager.pendingBytes).to.equal(8);
      await manager.written();
      expect(fs.readFileSync(file, 'utf8')).to.equal('one\ntwo\n');
      expect(manager.pendingBytes).to.equal(0);
      await manager.close();
    });

    it('a record that must be on disk at once goes after them, and a rollover keeps each on its side', async () => {
      const file = path.join(dir, 'order.log');
      const manager = new FileManager(file, { ...options, bufferSize: 64 * 1024 }, owner);
      manager.write('a1\n');
      manager.write('a2\n');
      manager.roll(() => fs.renameSync(file, `${file}.1`));
      manager.write('b1\n');
      manager.write('b2\n');
      manager.reconfigure({ ...options, bufferSize: 64 * 1024, immediateFlush: true });
      manager.write('b3\n');
      expect(fs.readFileSync(`${file}.1`, 'utf8')).to.equal('a1\na2\n');
      expect(fs.readFileSync(file, 'utf8')).to.equal('b1\nb2\nb3\n');
      await manager.close();
    });
  });

  it('an asynchronous write superseded on a full disk that lands once there is room is not written a second time', async function () {
    const mountPoint = path.join(dir, 'small-fs');
    fs.mkdirSync(mountPoint);
    // Needs the right to mount (root in a container or CI runner).
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint]).status !== 0) this.skip();
    // Every thread of libuv's pool waits in open() of a FIFO nobody writes to yet, so
    // the manager's asynchronous write waits behind them until they are let go.
    const fifos = Array.from({ length: Number(process.env.UV_THREADPOOL_SIZE) || 4 }, (_, i) => path.join(dir, `fifo-${i}`));
    const letGo = (): void => {
      for (const fifo of fifos.splice(0)) fs.closeSync(fs.openSync(fifo, 'w'));
    };
    try {
      const filler = path.join(mountPoint, 'filler');
      fs.writeFileSync(filler, Buffer.alloc(40 * 1024));
      for (const fifo of fifos) {
        spawnSync('mkfifo', [fifo]);
        fs.open(fifo, 'r', (error, fd) => {
          if (!error) fs.closeSync(fd);
        });
      }
      const errors = new RecordingErrorHandler();
      const file = path.join(mountPoint, 'app.log');
      const manager = new FileManager(file, { ...options, bufferSize: 32 * 1024, retryInterval: 100 }, { name: 'late-write', errorHandler: errors });
      const expected = Array.from({ length: 512 }, (_, i) => `line ${String(i).padStart(4, '0')} ${'w'.repeat(53)}\n`).join('');
      // 32 KB: the chunk is full and its asynchronous write is queued at once.
      manager.write(expected);
      // About 24 KB fit; the asynchronous write of the same chunk is still queued.
      manager.flushSync();
      expect(errors.errors.map((e) => e.code)).to.deep.equal(['ENOSPC']);
      fs.unlinkSync(filler);
      letGo();
      await waitFor(() => manager.pendingBytes === 0, 'the rest of the chunk to be written');
      await manager.close();
      expect(fs.readFileSync(file, 'utf8')).to.equal(expected);
    } finally {
      letGo();
      spawnSync('umount', [mountPoint]);
    }
  });

  it('does not reuse the storage of a chunk whose superseded write has not run yet', async () => {
    // Every thread of libuv's pool waits in open() of a FIFO nobody writes to yet, so
    // the superseded asynchronous write still has to read its chunk when it runs.
    const fifos = Array.from({ length: Number(process.env.UV_THREADPOOL_SIZE) || 4 }, (_, i) => path.join(dir, `fifo-${i}`));
    const letGo = (): void => {
      for (const fifo of fifos.splice(0)) fs.closeSync(fs.openSync(fifo, 'w'));
    };
    try {
      for (const fifo of fifos) {
        spawnSync('mkfifo', [fifo]);
        fs.open(fifo, 'r', (error, fd) => {
          if (!error) fs.closeSync(fd);
        });
      }
      const file = path.join(dir, 'app.log');
      const manager = new FileManager(file, options, owner);
      const first = 'a'.repeat(options.bufferSize - 1) + '\n';
      const second = 'b'.repeat(options.bufferSize - 1) + '\n';
      // A full chunk: its asynchronous write is queued behind the FIFOs at once.
      manager.write(first);
      manager.flushSync();
      // The next chunk of the same size, written while the superseded write still waits.
      manager.write(second);
      manager.flushSync();
      letGo();
      await manager.close();
      expect(fs.readFileSync(file, 'utf8')).to.equal(first + second);
    } finally {
      letGo();
    }
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
