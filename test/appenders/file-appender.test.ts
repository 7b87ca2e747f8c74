import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileAppender } from '../../appenders/file-appender.js';
import { openFileManagerPaths } from '../../appenders/file/file-manager-registry.js';
import { MemoryAppender } from '../../appenders/memory-appender.js';
import { Hierarchy } from '../../src/hierarchy.js';
import { Level } from '../../src/level.js';
import { FilterDecision } from '../../src/filter/filter.js';
import type { LoggingEvent } from '../../src/logging-event.js';
import { PatternLayout } from '../../layouts/pattern/pattern-layout.js';
import { toBufferEncoding } from '../../appenders/file/file-encoding.js';
import { event, messageLayout, openFdCount, readLines, RecordingErrorHandler, removeDir, tempDir, waitFor } from './file/fixtures.js';

describe('FileAppender', () => {
  let dir: string;
  const open: FileAppender[] = [];
  beforeEach(() => {
    dir = tempDir('file');
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((appender) => appender.close()));
    removeDir(dir);
  });
  function appender(options: ConstructorParameters<typeof FileAppender>[0]): FileAppender {
    const created = new FileAppender({ layout: messageLayout, ...options });
    open.push(created);
    return created;
  }

  describe('writing', () => {
    it('writes records in order and flush resolves when they are on disk', async () => {
      const file = path.join(dir, 'app.log');
      const a = appender({ file });
      for (let i = 0; i < 1000; i++) a.append(event(`line ${i}`));
      expect(fs.readFileSync(file, 'utf8')).to.equal('');
      await a.flush();
      expect(readLines(file)).to.deep.equal(Array.from({ length: 1000 }, (_, i) => `line ${i}`));
    });

    it('creates parent directories and applies the file mode', async () => {
      const file = path.join(dir, 'deep', 'er', 'security.log');
      const previous = process.umask(0o022);
      try {
        const a = appender({ file, mode: '0640' });
        a.append(event('secret'));
        await a.flush();
      } finally {
        process.umask(previous);
      }
      expect(fs.statSync(file).mode & 0o777).to.equal(0o640);
    });

    it('appends by default and truncates with Append=false', async () => {
      const file = path.join(dir, 'app.log');
      fs.writeFileSync(file, 'old\n');
      const kept = appender({ file });
      kept.append(event('new'));
      await kept.close();
      expect(readLines(file)).to.deep.equal(['old', 'new']);
      const truncated = appender({ file, append: 'false' });
      truncated.append(event('fresh'));
      await truncated.close();
      expect(readLines(file)).to.deep.equal(['fresh']);
    });

    it('encodes with the Encoding option', async () => {
      const file = path.join(dir, 'latin1.log');
      const a = appender({ file, encoding: 'ISO-8859-1' });
      a.append(event('Grüße'));
      await a.flush();
      expect([...fs.readFileSync(file)]).to.deep.equal([...Buffer.from('Grüße\n', 'latin1')]);
      expect(() => appender({ name: 'enc', file, encoding: 'EBCDIC' })).to.throw(/appender "enc" option Encoding: unsupported encoding "EBCDIC"/);
    });

    it('with ImmediateFlush, a record is on disk when append returns', () => {
      const file = path.join(dir, 'audit.log');
      const a = appender({ file, immediateFlush: true });
      a.append(event('one'));
      expect(fs.readFileSync(file, 'utf8')).to.equal('one\n');
      a.append(event('two'));
      expect(fs.readFileSync(file, 'utf8')).to.equal('one\ntwo\n');
    });

    it('with BufferedIO, holds records until the buffer is full or a flush', async () => {
      const file = path.join(dir, 'buffered.log');
      const a = appender({ file, bufferedIO: true, bufferSize: 100, flushInterval: 60_000 });
      a.append(event('short'));
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(fs.readFileSync(file, 'utf8')).to.equal('');
      for (let i = 0; i < 20; i++) a.append(event(`line ${i}`));
      await waitFor(() => fs.statSync(file).size >= 100, 'a full buffer to be written');
      await a.flush();
      expect(readLines(file)).to.have.length(21);
    });

    it('writes the layout header on open and the footer on close', async () => {
      const file = path.join(dir, 'html.log');
      const a = appender({ file, layout: { format: (e) => `${e.message}\n`, header: 'HEAD\n', footer: 'FOOT\n' } });
      a.append(event('body'));
      await a.close();
      expect(readLines(file)).to.deep.equal(['HEAD', 'body', 'FOOT']);
    });

    it('requires File and names the appender', () => {
      expect(() => new FileAppender({ name: 'nofile' })).to.throw(/appender "nofile": option File is required/);
    });
  });

  describe('a server\'s records: a few per event-loop turn, chunks filling and going out between them', () => {
    const JIRA = '%d{yyyy-MM-dd HH:mm:ss,SSSZ} %t %p %X{user} %X{request} [%c] %m%n';
    /** Records from a few requests: several per millisecond and context, non-ASCII text, an error now and then. */
    function serverEvents(): LoggingEvent[] {
      const events: LoggingEvent[] = [];
      const start = Date.UTC(2026, 10, 29, 12, 0, 0, 0);
      for (let i = 0; i < 3000; i++) {
        const request = Math.floor(i / 7);
        events.push({
          ...event(i % 11 === 0 ? `ünïcödé ✓ 😀 #${i}` : `line #${i}`, start + Math.floor(i / 5)),
          threadName: `http-nio-8080-exec-${request % 4}`,
          mdc: Object.freeze({ user: request % 3 === 0 ? 'jdöe' : 'admin', request: `920x${request}x1` }),
          error: i % 500 === 499 ? new Error(`failure ${i}`) : undefined,
        });
      }
      return events;
    }

    for (const encoding of ['UTF-8', 'UTF-16LE', 'ISO-8859-1']) {
      it(`the file holds exactly what the layout formats, record after record (${encoding})`, async () => {
        const file = path.join(dir, `server-${encoding}.log`);
        const layout = new PatternLayout(JIRA, { timeZone: 'UTC' });
        const a = appender({ file, layout, encoding, bufferSize: '8KB' });
        const events = serverEvents();
        for (const [i, e] of events.entries()) {
          a.append(e);
          if (i % 10 === 9) await new Promise<void>((resolve) => setImmediate(resolve));
        }
        await a.flush();
        const expected = events.map((e) => layout.format(e)).join('');
        expect(fs.readFileSync(file).equals(Buffer.from(expected, toBufferEncoding(encoding)))).to.equal(true);
      });
    }

    it('ImmediateFlush, a layout recompiled between records, and records forwarded by the cluster writer all land as formatted', async () => {
      const file = path.join(dir, 'mixed.log');
      const layout = new PatternLayout('%p %m%n');
      const a = appender({ file, layout, immediateFlush: true });
      a.append(event('one'));
      expect(fs.readFileSync(file, 'utf8')).to.equal('INFO one\n');
      layout.conversionPattern = '[%p] %m%n';
      a.append(event('two'));
      a.writeText('forwarded\n');
      a.append(event('three'));
      expect(fs.readFileSync(file, 'utf8')).to.equal('INFO one\n[INFO] two\nforwarded\n[INFO] three\n');
    });
  });

  describe('back-pressure', () => {
    it('block policy: a tight loop never holds more than the bound and loses nothing', async () => {
      const file = path.join(dir, 'bounded.log');
      const a = appender({ file, bufferSize: '4KB', maxBufferSize: '32KB' });
      let peak = 0;
      for (let i = 0; i < 50_000; i++) {
        a.append(event(`line ${i}`));
        peak = Math.max(peak, a.pendingBytes);
      }
      expect(peak).to.be.at.most(32 * 1024);
      await a.flush();
      expect(readLines(file)).to.deep.equal(Array.from({ length: 50_000 }, (_, i) => `line ${i}`));
      expect(a.droppedRecords).to.equal(0);
    });

    it('drop policy: records beyond the bound of a failing file are counted and reported', async () => {
      const blocker = path.join(dir, 'blocker');
      fs.writeFileSync(blocker, '');
      const errors = new RecordingErrorHandler();
      const a = appender({ name: 'dropping', file: path.join(blocker, 'app.log'), overflow: 'drop', maxBufferSize: 100, errorHandler: errors, retryInterval: 60_000 });
      for (let i = 0; i < 50; i++) a.append(event(`line ${i}`));
      expect(a.droppedRecords).to.be.greaterThan(0);
      expect(a.pendingBytes).to.be.at.most(100);
      expect(errors.errors.some((e) => e.code === 'EBUFFERFULL' && e.name === 'dropping')).to.equal(true);
    });
  });

  describe('failures', () => {
    it('an unusable directory is reported once, other appenders go on, and buffered lines are written on recovery', async () => {
      const blocker = path.join(dir, 'logs');
      fs.writeFileSync(blocker, 'a file where the log directory should be');
      const errors = new RecordingErrorHandler();
      const hierarchy = new Hierarchy();
      const log = hierarchy.getLogger('failing');
      const memory = new MemoryAppender();
      const file = path.join(blocker, 'app.log');
      const a = appender({ name: 'broken', file, errorHandler: errors, retryInterval: 20 });
      log.addAppender(a);
      log.addAppender(memory);
      for (let i = 0; i < 100; i++) log.info(`line ${i}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(memory.events).to.have.length(100);
      const codes = errors.errors.map((e) => e.code);
      expect(new Set(codes).size).to.equal(codes.length, `each cause once: ${codes.join(',')}`);
      expect(codes.length).to.be.greaterThan(0);
      expect(a.pendingBytes).to.be.greaterThan(0);

      fs.unlinkSync(blocker);
      await waitFor(() => a.pendingBytes === 0, 'the buffered lines to be written');
      expect(errors.recoveries).to.equal(1);
      expect(readLines(file)).to.deep.equal(Array.from({ length: 100 }, (_, i) => `line ${i}`));
    });

    it('a read-only directory is reported once and other appenders go on', function () {
      const locked = path.join(dir, 'locked');
      fs.mkdirSync(locked, { mode: 0o555 });
      fs.chmodSync(dir, 0o755);
      const here = path.dirname(fileURLToPath(import.meta.url));
      const asRoot = process.getuid?.() === 0;
      const result = spawnSync(process.execPath, [path.join(here, 'file', 'readonly-child.js'), path.join(locked, 'app.log')], {
        encoding: 'utf8',
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      });
      expect(result.status, result.stderr).to.equal(0);
      const summary = JSON.parse(result.stdout) as { errors: Array<{ code: string }>; received: number; pending: number };
      expect(summary.received).to.equal(100);
      expect(summary.errors.map((e) => e.code)).to.deep.equal(['EACCES']);
      expect(summary.pending).to.be.greaterThan(0);
    });

    it('reopens a file deleted by another program and reports it once', async () => {
      const file = path.join(dir, 'app.log');
      const errors = new RecordingErrorHandler();
      const a = appender({ file, errorHandler: errors });
      a.append(event('before'));
      await a.flush();
      fs.unlinkSync(file);
      a.append(event('after 1'));
      await a.flush();
      fs.unlinkSync(file);
      a.append(event('after 2'));
      await a.flush();
      expect(readLines(file)).to.deep.equal(['after 2']);
      expect(errors.errors.map((e) => e.code)).to.deep.equal(['EGONE']);
    });

    it('follows logrotate: lines before the move stay in the moved file, later ones go to a new file', async () => {
      const file = path.join(dir, 'app.log');
      const errors = new RecordingErrorHandler();
      const a = appender({ file, errorHandler: errors });
      for (let i = 0; i < 10; i++) a.append(event(`line ${i}`));
      await a.flush();
      fs.renameSync(file, `${file}.rotated`);
      for (let i = 10; i < 20; i++) a.append(event(`line ${i}`));
      await a.flush();
      expect([...readLines(`${file}.rotated`), ...readLines(file)]).to.deep.equal(Array.from({ length: 20 }, (_, i) => `line ${i}`));
      expect(errors.errors.map((e) => e.code)).to.deep.equal(['EGONE']);
    });

    it('follows copytruncate: writing resumes at the start, without a hole of zero bytes', async () => {
      const file = path.join(dir, 'app.log');
      const a = appender({ file });
      a.append(event('before truncation'));
      await a.flush();
      fs.truncateSync(file, 0);
      a.append(event('after'));
      await a.flush();
      expect(fs.readFileSync(file, 'utf8')).to.equal('after\n');
    });

    it('a real full file system: reported once, partial writes accounted, every line written once space is freed', async function () {
      const mountPoint = path.join(dir, 'small-fs');
      fs.mkdirSync(mountPoint);
      // Needs the right to mount (root in a container or CI runner); elsewhere the /dev/full test below covers the reporting.
      if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=128k', 'tmpfs', mountPoint]).status !== 0) this.skip();
      try {
        const filler = path.join(mountPoint, 'filler');
        fs.writeFileSync(filler, Buffer.alloc(96 * 1024));
        const file = path.join(mountPoint, 'app.log');
        const errors = new RecordingErrorHandler();
        const a = appender({ file, errorHandler: errors, retryInterval: 20, bufferSize: '8KB' });
        const expected = Array.from({ length: 600 }, (_, i) => `line ${String(i).padStart(4, '0')} ${'z'.repeat(70)}`);
        for (const line of expected) a.append(event(line));
        await waitFor(() => errors.errors.length > 0, 'the full disk to be reported');
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(errors.errors.map((e) => e.code)).to.deep.equal(['ENOSPC']);
        expect(a.pendingBytes).to.be.greaterThan(0);
        fs.unlinkSync(filler);
        await waitFor(() => a.pendingBytes === 0, 'the buffered lines to be written');
        expect(errors.recoveries).to.equal(1);
        expect(readLines(file)).to.deep.equal(expected);
        await a.close();
      } finally {
        spawnSync('umount', [mountPoint]);
      }
    });

    it('closing while the disk is still full: every line is whole in the file or in the reported count', async function () {
      const mountPoint = path.join(dir, 'small-fs');
      fs.mkdirSync(mountPoint);
      if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=128k', 'tmpfs', mountPoint]).status !== 0) this.skip();
      try {
        fs.writeFileSync(path.join(mountPoint, 'filler'), Buffer.alloc(100 * 1024));
        const file = path.join(mountPoint, 'app.log');
        const errors = new RecordingErrorHandler();
        const a = appender({ file, errorHandler: errors, retryInterval: 20, bufferSize: '8KB', maxBufferSize: '64KB' });
        const expected = Array.from({ length: 3000 }, (_, i) => `line ${String(i).padStart(4, '0')} ${'z'.repeat(70)}`);
        for (let i = 0; i < expected.length; i += 500) {
          for (const line of expected.slice(i, i + 500)) a.append(event(line));
          await new Promise((resolve) => setImmediate(resolve));
        }
        await a.close();
        const lost = errors.errors.filter((e) => e.code === 'ELOST');
        expect(lost).to.have.length(1);
        expect(lost[0]!.message).to.match(/could not be written \(ENOSPC\); \d+ were dropped earlier/);
        const inFile = readLines(file);
        expect(inFile).to.deep.equal(expected.slice(0, inFile.length));
        expect(inFile.length + Number(/^(\d+) record/.exec(lost[0]!.message)![1])).to.equal(expected.length);
      } finally {
        spawnSync('umount', [mountPoint]);
      }
    });

    it('a full disk is reported once, the host goes on, and the lines stay buffered', async () => {
      const file = path.join(dir, 'full.log');
      fs.symlinkSync('/dev/full', file);
      const errors = new RecordingErrorHandler();
      const a = appender({ file, errorHandler: errors, retryInterval: 10 });
      for (let i = 0; i < 100; i++) a.append(event(`line ${i}`));
      await new Promise((resolve) => setTimeout(resolve, 80));
      expect(errors.errors.map((e) => e.code)).to.include('ENOSPC');
      expect(new Set(errors.errors.map((e) => e.code)).size).to.equal(new Set(errors.errors.map((e) => e.message)).size);
      expect(a.pendingBytes).to.be.greaterThan(0);
    });
  });

  describe('lifecycle', () => {
    it('close resolves after everything is written; logging afterwards is reported, not thrown', async () => {
      const file = path.join(dir, 'app.log');
      const errors = new RecordingErrorHandler();
      const a = new FileAppender({ file, layout: messageLayout, errorHandler: errors });
      for (let i = 0; i < 5000; i++) a.append(event(`line ${i}`));
      await a.close();
      expect(readLines(file)).to.have.length(5000);
      a.append(event('late'));
      expect(errors.errors.map((e) => e.message)).to.deep.equal(['appender is closed; event dropped']);
    });

    it('hierarchy shutdown resolves once every line is written and the file is closed', async () => {
      const before = openFdCount();
      const hierarchy = new Hierarchy();
      const file = path.join(dir, 'shutdown.log');
      hierarchy.getLogger('a.b').addAppender(new FileAppender({ file, layout: messageLayout }));
      for (let i = 0; i < 30_000; i++) hierarchy.getLogger('a.b').info(`line ${i}`);
      await hierarchy.shutdown();
      expect(readLines(file)).to.have.length(30_000);
      expect(openFdCount()).to.equal(before);
    });

    it('50 reconfigurations on the same and on new files leave no extra open descriptors', async () => {
      const before = openFdCount();
      const file = path.join(dir, 'same.log');
      let current = new FileAppender({ file, layout: messageLayout });
      for (let round = 0; round < 50; round++) {
        current.append(event(`round ${round}`));
        const next = new FileAppender({ file, layout: messageLayout });
        const other = new FileAppender({ file: path.join(dir, `other-${round}.log`), layout: messageLayout });
        other.append(event('x'));
        await current.close();
        await other.close();
        current = next;
      }
      current.append(event('last'));
      await current.close();
      expect(openFdCount()).to.equal(before);
      expect(openFileManagerPaths().filter((open) => open.startsWith(dir))).to.deep.equal([]);
      expect(readLines(file)).to.deep.equal([...Array.from({ length: 50 }, (_, i) => `round ${i}`), 'last']);
    });
  });
});

describe('FileAppender marks and tails', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('file-mark');
  });
  afterEach(() => removeDir(dir));

  it('mark writes an event through the layout past the threshold and the filters', async () => {
    const file = path.join(dir, 'app.log');
    const appender = new FileAppender({ file, layout: { format: (e) => `[${e.loggerName}] ${e.message}\n` } });
    appender.threshold = Level.ERROR;
    appender.addFilter({ decide: () => FilterDecision.DENY });
    appender.append(event('dropped'));
    appender.mark({ ...event('the mark'), loggerName: 'marker' });
    await appender.close();
    expect(readLines(file)).to.deep.equal(['[marker] the mark']);
  });

  it('tail answers the last lines, including what was logged just before', async () => {
    const file = path.join(dir, 'app.log');
    const appender = new FileAppender({ file, layout: messageLayout });
    for (let i = 0; i < 50; i++) appender.append(event(`line ${i}`));
    expect(await appender.tail({ lines: 2 })).to.deep.equal(['line 48', 'line 49']);
    await appender.close();
  });
});
