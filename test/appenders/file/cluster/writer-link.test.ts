import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { clusterLogging } from '../../../../appenders/file/cluster/cluster-logging.js';
import { WriterConnection } from '../../../../appenders/file/cluster/writer-connection.js';
import { WriterLink, type LinkLimits } from '../../../../appenders/file/cluster/writer-link.js';
import { InternalLog } from '../../../../src/internal-log.js';
import type { WriterSettings } from '../../../../appenders/file/cluster/writer-targets.js';
import { FileAppender } from '../../../../appenders/file-appender.js';
import '../../../../appenders/rolling-file-appender.js';
import '../../../../appenders/daily-rolling-file-appender.js';
import { event, RecordingErrorHandler, removeDir, tempDir, waitFor } from '../fixtures.js';

/**
 * The forwarding side and the writer side in one process: this process is a
 * writer (it listens), and a link made here connects to it as a worker's would.
 */
function forwarder(handler: RecordingErrorHandler, kind: string, settings: WriterSettings, limits: Partial<LinkLimits> = {}): WriterLink {
  return new WriterLink(
    { name: 'forwarder', errorHandler: handler },
    { kind, settings },
    { bufferSize: 4096, maxBufferSize: 8 * 1024 * 1024, overflow: 'block', immediateFlush: false, ...limits },
    WriterConnection.to(process.pid),
  );
}

function numberedSet(file: string): string[] {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const backups = fs.readdirSync(dir)
    .filter((name) => name.startsWith(`${base}.`) && /^\d+$/.test(name.slice(base.length + 1)))
    .map((name) => Number(name.slice(base.length + 1)))
    .sort((a, b) => b - a)
    .map((index) => `${file}.${index}`);
  return fs.existsSync(file) ? [...backups, file] : backups;
}

function read(files: string[]): string {
  return files.map((file) => fs.readFileSync(file, 'utf8')).join('');
}

describe('cluster logging in one process (writer and forwarder over the real socket)', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('cluster-link');
    if (!clusterLogging.listening) clusterLogging.listen();
  });
  afterEach(() => removeDir(dir));

  it('a writer built from the forwarder\'s settings rolls between records: stack traces and multi-byte text stay whole', async () => {
    const file = path.join(dir, 'app.log');
    const handler = new RecordingErrorHandler();
    const link = forwarder(handler, 'RollingFileAppender', { file, maxFileSize: '1KB', maxBackupIndex: 100 });
    const records: string[] = [];
    for (let i = 0; i < 300; i++) {
      const record = `rec ${i}: failed\n\tat frame (a.js:1)\n\tüé€😀\n`;
      records.push(record);
      link.write(record);
    }
    await link.close();
    await waitFor(() => read(numberedSet(file)).length === records.join('').length, 'the writer to write every record');
    const files = numberedSet(file);
    expect(files.length).to.be.greaterThan(10);
    expect(read(files)).to.equal(records.join(''));
    for (const part of files) {
      // Each file starts with a record and ends with one: none is split by a rollover.
      const text = fs.readFileSync(part, 'utf8');
      expect(text.startsWith('rec '), part).to.equal(true);
      expect(text.endsWith('😀\n'), part).to.equal(true);
    }
    expect(handler.errors).to.deep.equal([]);
  });

  it('forwarded records go through the writer\'s own appender for the file: its header once, no truncation by the forwarder\'s Append=false', async () => {
    const file = path.join(dir, 'shared.log');
    fs.writeFileSync(file, 'kept\n');
    const own = new FileAppender({ file, layout: { format: (e) => `${e.message}\n`, header: 'HEADER\n' } });
    own.append(event('from the writer'));
    const link = forwarder(new RecordingErrorHandler(), 'FileAppender', { file, append: false });
    for (let i = 0; i < 100; i++) link.write(`forwarded ${i}\n`);
    await link.close();
    await waitFor(() => fs.readFileSync(file, 'utf8').includes('forwarded 99\n'), 'the forwarded records');
    await own.close();
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    expect(lines.slice(0, 3)).to.deep.equal(['kept', 'HEADER', 'from the writer']);
    expect(lines.filter((line) => line === 'HEADER')).to.have.length(1);
    expect(lines.filter((line) => line.startsWith('forwarded '))).to.deep.equal(Array.from({ length: 100 }, (_, i) => `forwarded ${i}`));
  });

  it('the writer stopping mid-run: the forwarder reports once and continues in a file of its own, nothing lost or doubled', async () => {
    const file = path.join(dir, 'gone.log');
    const handler = new RecordingErrorHandler();
    const link = forwarder(handler, 'RollingFileAppender', { file, maxFileSize: '64KB', maxBackupIndex: 100 });
    const expected: string[] = [];
    const log = (i: number): void => {
      const record = `line ${i} ${'y'.repeat(40)}\n`;
      expected.push(record);
      link.write(record);
    };
    for (let i = 0; i < 20_000; i++) log(i);
    await clusterLogging.close();
    for (let i = 20_000; i < 30_000; i++) log(i);
    await link.close();
    clusterLogging.listen();
    const fallback = `${file}.pid${process.pid}`;
    const total = expected.join('').length;
    await waitFor(() => read([...numberedSet(file), ...numberedSet(fallback)]).length >= total, 'every record in one of the files');
    expect(read([...numberedSet(file), ...numberedSet(fallback)])).to.equal(expected.join(''));
    expect(handler.errors.map((error) => error.code)).to.deep.equal(['EWRITERGONE']);
    expect(handler.errors[0]!.message).to.contain(fallback);
  });

  it('drop policy: records beyond the bound of unacknowledged bytes are counted, reported once, and the count told when room is back', async () => {
    const file = path.join(dir, 'drop.log');
    const handler = new RecordingErrorHandler();
    const link = forwarder(handler, 'FileAppender', { file }, { bufferSize: 512, maxBufferSize: 2048, overflow: 'drop' });
    const warnings: string[] = [];
    const previous = InternalLog.setSink((line) => warnings.push(line));
    try {
      // One synchronous burst: the writer (this very process) cannot acknowledge anything meanwhile.
      const accepted: string[] = [];
      for (let i = 0; i < 200; i++) {
        const record = `burst ${i} ${'q'.repeat(40)}\n`;
        if (link.write(record)) accepted.push(record);
      }
      expect(accepted.length).to.be.within(30, 60);
      expect(link.dropped).to.equal(200 - accepted.length);
      expect(handler.errors.map((error) => error.code)).to.deep.equal(['EBUFFERFULL']);
      await link.flush();
      await waitFor(() => link.pendingBytes === 0, 'the writer to acknowledge the burst');
      expect(link.write('after\n')).to.equal(true);
      accepted.push('after\n');
      expect(warnings.filter((line) => line.includes(`${200 - accepted.length + 1} record(s) were dropped`))).to.have.length(1);
      await link.close();
      await waitFor(() => fs.existsSync(file) && fs.readFileSync(file, 'utf8').endsWith('after\n'), 'the records');
      expect(fs.readFileSync(file, 'utf8')).to.equal(accepted.join(''));
    } finally {
      InternalLog.setSink(previous);
    }
  });

  it('a DailyRollingFileAppender is served too', async () => {
    const file = path.join(dir, 'daily.log');
    const link = forwarder(new RecordingErrorHandler(), 'DailyRollingFileAppender', { file, datePattern: "'.'yyyy-MM-dd" });
    for (let i = 0; i < 1000; i++) link.write(`daily ${i}\n`);
    await link.close();
    // A run across midnight leaves the first part in a dated file.
    const all = (): string => read([
      ...fs.readdirSync(dir).filter((name) => name.startsWith('daily.log.')).sort().map((name) => path.join(dir, name)),
      ...(fs.existsSync(file) ? [file] : []),
    ]);
    await waitFor(() => all().endsWith('daily 999\n'), 'the records');
    expect(all()).to.equal(Array.from({ length: 1000 }, (_, i) => `daily ${i}\n`).join(''));
  });
});
