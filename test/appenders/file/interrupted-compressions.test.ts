import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { GzipJob } from '../../../appenders/file/gzip-job.js';
import { InterruptedCompressions } from '../../../appenders/file/interrupted-compressions.js';
import { RollingFileAppender } from '../../../appenders/rolling-file-appender.js';
import { messageLayout, removeDir, tempDir, waitFor } from './fixtures.js';

const crashChild = path.join(path.dirname(fileURLToPath(import.meta.url)), 'gzip-crash-child.js');

describe('InterruptedCompressions', function () {
  this.timeout(20_000);
  let dir: string;
  let file: string;
  const errors: unknown[] = [];
  const numbered = (name: string): boolean => /^app\.log\.\d+$/.test(name);
  beforeEach(() => {
    dir = tempDir('gzip-leftovers');
    file = path.join(dir, 'app.log');
    errors.length = 0;
  });
  afterEach(() => removeDir(dir));

  function put(name: string, content: string | Buffer): void {
    fs.writeFileSync(path.join(dir, name), content);
  }

  function partials(): string[] {
    return fs.readdirSync(dir).filter((name) => name.endsWith('.part')).sort();
  }

  it('removes every partial archive left by a crash and compresses again the plain file it came from', async () => {
    put('app.log.1', 'first backup\n');
    put('app.log.1.gz.4242-7.part', Buffer.from([0x1f, 0x8b, 8, 0]));
    // An abandoned copy: the archive was finished under its final name.
    put('app.log.2.gz', zlib.gzipSync('second backup\n'));
    put('app.log.2.gz.4242-3.part', Buffer.from([0x1f, 0x8b]));
    // Neither the plain file nor the archive is left (rolled past MaxBackupIndex since).
    put('app.log.9.gz.4242-1.part', Buffer.from([0x1f]));
    const leftovers = new InterruptedCompressions(file, numbered, true, 0o644, (cause) => errors.push(cause));
    expect(partials()).to.deep.equal([]);
    await leftovers.settle();
    expect(fs.readdirSync(dir).sort()).to.deep.equal(['app.log.1.gz', 'app.log.2.gz']);
    expect(zlib.gunzipSync(fs.readFileSync(`${file}.1.gz`)).toString()).to.equal('first backup\n');
    expect(zlib.gunzipSync(fs.readFileSync(`${file}.2.gz`)).toString()).to.equal('second backup\n');
    expect(errors).to.deep.equal([]);
  });

  it('leaves other files alone: other logs, and names that are not rolled files of this one', async () => {
    put('app.log.1', 'kept plain\n');
    put('other.log.1.gz.4242-1.part', 'x');
    put('app.log.audit.1.gz.4242-2.part', 'x');
    put('app.log.1.gz.part', 'not a job name');
    const leftovers = new InterruptedCompressions(file, numbered, true, 0o644, (cause) => errors.push(cause));
    await leftovers.settle();
    expect(fs.readdirSync(dir).sort()).to.deep.equal(['app.log.1', 'app.log.1.gz.part', 'app.log.audit.1.gz.4242-2.part', 'other.log.1.gz.4242-1.part']);
  });

  it('with compression off, only removes the partial archives', async () => {
    put('app.log.1', 'plain\n');
    put('app.log.1.gz.4242-7.part', 'x');
    const leftovers = new InterruptedCompressions(file, numbered, false, 0o644, (cause) => errors.push(cause));
    await leftovers.settle();
    expect(fs.readdirSync(dir).sort()).to.deep.equal(['app.log.1']);
  });

  it('finishSync completes the running compression before a rollover and gives up the rest, which stay plain', () => {
    put('app.log.1', 'one\n');
    put('app.log.1.gz.4242-1.part', 'x');
    put('app.log.2', 'two\n');
    put('app.log.2.gz.4242-2.part', 'x');
    const leftovers = new InterruptedCompressions(file, numbered, true, 0o644, (cause) => errors.push(cause));
    leftovers.finishSync();
    const names = fs.readdirSync(dir).filter((name) => !name.endsWith('.part')).sort();
    expect(names).to.deep.equal(['app.log.1.gz', 'app.log.2']);
    expect(zlib.gunzipSync(fs.readFileSync(`${file}.1.gz`)).toString()).to.equal('one\n');
  });

  it('does not touch a partial archive this process is still writing', async () => {
    const content = randomBytes(4 * 1024 * 1024);
    put('app.log.1', content);
    const running = new GzipJob(`${file}.1`, `${file}.1.gz`, 0o644, (cause) => errors.push(cause));
    await waitFor(() => partials().length > 0, 'the running job to create its partial archive');
    new InterruptedCompressions(file, numbered, true, 0o644, (cause) => errors.push(cause)).finishSync();
    expect(running.done, 'the job is still running').to.equal(false);
    await running.finished;
    expect(errors).to.deep.equal([]);
    expect(fs.readdirSync(dir)).to.deep.equal(['app.log.1.gz']);
    expect(zlib.gunzipSync(fs.readFileSync(`${file}.1.gz`)).equals(content)).to.equal(true);
  });

  it('after processes killed in the middle of a compression, the next start leaves no partial archive and at most MaxBackupIndex backups', async () => {
    for (let run = 0; run < 3; run++) {
      const child = spawnSync(process.execPath, [crashChild, file, String(run * 16_000)], { encoding: 'utf8' });
      expect(child.signal, `run ${run}: ${child.stderr}`).to.equal('SIGKILL');
      expect(partials(), `run ${run} was killed while compressing`).to.have.length.greaterThan(0);
    }
    const appender = new RollingFileAppender({ file, layout: messageLayout, maxFileSize: '1MB', maxBackupIndex: 2, compress: true });
    expect(partials()).to.deep.equal([]);
    await appender.close();
    expect(fs.readdirSync(dir).sort()).to.deep.equal(['app.log', 'app.log.1.gz', 'app.log.2.gz']);
    for (const backup of ['app.log.1.gz', 'app.log.2.gz']) {
      const text = zlib.gunzipSync(fs.readFileSync(path.join(dir, backup))).toString();
      expect(text.endsWith('\n'), `${backup} ends with a whole line`).to.equal(true);
      for (const line of text.slice(0, -1).split('\n')) if (!/^line \d+ /.test(line)) expect.fail(`${backup} holds "${line.slice(0, 40)}"`);
    }
  });
});
