import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DailyRollingFileAppender } from '../../appenders/daily-rolling-file-appender.js';
import { inferRollPeriod } from '../../appenders/file/roll-period.js';
import { event, messageLayout, readLines, removeDir, tempDir } from './file/fixtures.js';

describe('DailyRollingFileAppender', () => {
  let dir: string;
  let now: number;
  const clock = (): number => now;
  beforeEach(() => {
    dir = tempDir('daily');
  });
  afterEach(() => removeDir(dir));

  function files(): string[] {
    return fs.readdirSync(dir).sort();
  }

  it('infers the roll period from the DatePattern as log4j does', () => {
    expect(inferRollPeriod("'.'yyyy-MM-dd")).to.equal('day');
    expect(inferRollPeriod("'.'yyyy-MM-dd-HH")).to.equal('hour');
    expect(inferRollPeriod("'.'yyyy-MM-dd-HH-mm")).to.equal('minute');
    expect(inferRollPeriod("'.'yyyy-MM-dd-a")).to.equal('half-day');
    expect(inferRollPeriod("'.'yyyy-MM")).to.equal('month');
    expect(() => inferRollPeriod("'.log'")).to.throw(/prints no field that changes/);
  });

  it('appends to a file of the current period without rolling it', async () => {
    const file = path.join(dir, 'current.log');
    fs.writeFileSync(file, 'earlier today\n');
    const modified = new Date(Date.UTC(2024, 2, 12, 1));
    fs.utimesSync(file, modified, modified);
    now = Date.UTC(2024, 2, 12, 9);
    const appender = new DailyRollingFileAppender({ file, layout: messageLayout, timeZone: 'UTC', clock });
    appender.append(event('later today'));
    await appender.close();
    expect(files()).to.deep.equal(['current.log']);
    expect(readLines(file)).to.deep.equal(['earlier today', 'later today']);
  });

  it('rolls at midnight with a fake clock: the active file keeps its name, the rolled one gets the date', async () => {
    const file = path.join(dir, 'app.log');
    now = Date.UTC(2024, 0, 31, 23, 59, 58);
    const appender = new DailyRollingFileAppender({ file, layout: messageLayout, timeZone: 'UTC', clock });
    appender.append(event('last of January'));
    now = Date.UTC(2024, 0, 31, 23, 59, 59, 999);
    appender.append(event('still January'));
    now = Date.UTC(2024, 1, 1, 0, 0, 0);
    appender.append(event('first of February'));
    now = Date.UTC(2024, 1, 2, 10, 0, 0);
    appender.append(event('second of February'));
    await appender.close();
    expect(files()).to.deep.equal(['app.log', 'app.log.2024-01-31', 'app.log.2024-02-01']);
    expect(readLines(`${file}.2024-01-31`)).to.deep.equal(['last of January', 'still January']);
    expect(readLines(`${file}.2024-02-01`)).to.deep.equal(['first of February']);
    expect(readLines(file)).to.deep.equal(['second of February']);
  });

  it('rolls hourly in the configured time zone and keeps every line once across many rolls', async () => {
    const file = path.join(dir, 'hourly.log');
    now = Date.UTC(2024, 5, 1, 0, 30);
    const appender = new DailyRollingFileAppender({ file, layout: messageLayout, datePattern: "'.'yyyy-MM-dd-HH", timeZone: 'GMT+2', clock });
    for (let i = 0; i < 10_000; i++) {
      now += 1000;
      appender.append(event(`line ${i}`));
    }
    await appender.close();
    const rolled = files().filter((name) => name !== 'hourly.log');
    expect(rolled).to.deep.equal(['hourly.log.2024-06-01-02', 'hourly.log.2024-06-01-03', 'hourly.log.2024-06-01-04']);
    const all = [...rolled.map((name) => path.join(dir, name)), file].flatMap(readLines);
    expect(all).to.deep.equal(Array.from({ length: 10_000 }, (_, i) => `line ${i}`));
  });

  it('rolls a file left by an earlier period at the first record, named after its last modification', async () => {
    const file = path.join(dir, 'old.log');
    fs.writeFileSync(file, 'from an earlier run\n');
    const lastModified = new Date(Date.UTC(2024, 2, 10, 12));
    fs.utimesSync(file, lastModified, lastModified);
    now = Date.UTC(2024, 2, 12, 9);
    const appender = new DailyRollingFileAppender({ file, layout: messageLayout, timeZone: 'UTC', clock });
    appender.append(event('today'));
    now = Date.UTC(2024, 2, 13, 0, 0, 1);
    appender.append(event('tomorrow'));
    await appender.close();
    expect(readLines(`${file}.2024-03-10`)).to.deep.equal(['from an earlier run']);
    expect(readLines(`${file}.2024-03-12`)).to.deep.equal(['today']);
    expect(readLines(file)).to.deep.equal(['tomorrow']);
  });

  it('keeps only MaxBackupIndex rolled files and can gzip them', async () => {
    const file = path.join(dir, 'kept.log');
    now = Date.UTC(2024, 0, 1, 12);
    const appender = new DailyRollingFileAppender({ file, layout: messageLayout, timeZone: 'UTC', clock, maxBackupIndex: 2, compress: true });
    for (let day = 0; day < 5; day++) {
      appender.append(event(`day ${day}`));
      await new Promise((resolve) => setTimeout(resolve, 15));
      now += 24 * 3600 * 1000;
    }
    await appender.close();
    expect(files()).to.deep.equal(['kept.log', 'kept.log.2024-01-03.gz', 'kept.log.2024-01-04.gz']);
    expect(zlib.gunzipSync(fs.readFileSync(`${file}.2024-01-04.gz`)).toString()).to.equal('day 3\n');
  });

  it('at start, removes partial archives a crash left and compresses their rolled files again', async () => {
    const file = path.join(dir, 'kept.log');
    fs.writeFileSync(`${file}.2024-01-02`, 'day 1\n');
    fs.writeFileSync(`${file}.2024-01-02.gz.4242-5.part`, 'cut short');
    fs.writeFileSync(`${file}.2024-01-01.gz`, zlib.gzipSync('day 0\n'));
    fs.writeFileSync(`${file}.2024-01-01.gz.4242-2.part`, 'abandoned copy');
    now = Date.UTC(2024, 0, 3, 12);
    const appender = new DailyRollingFileAppender({ file, layout: messageLayout, timeZone: 'UTC', clock, compress: true });
    await appender.close();
    expect(files()).to.deep.equal(['kept.log', 'kept.log.2024-01-01.gz', 'kept.log.2024-01-02.gz']);
    expect(zlib.gunzipSync(fs.readFileSync(`${file}.2024-01-02.gz`)).toString()).to.equal('day 1\n');
  });

  it('rejects a DatePattern without a changing field, naming the appender, and opens nothing', () => {
    expect(() => new DailyRollingFileAppender({ name: 'never', file: path.join(dir, 'x.log'), datePattern: "'.log'" }))
      .to.throw(/appender "never" option DatePattern\/TimeZone: DatePattern "'.log'" prints no field/);
    expect(files()).to.deep.equal([]);
  });
});
