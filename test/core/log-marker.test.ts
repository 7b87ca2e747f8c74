import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { DailyRollingFileAppender } from '../../appenders/daily-rolling-file-appender.js';
import { FileAppender } from '../../appenders/file-appender.js';
import { MemoryAppender } from '../../appenders/memory-appender.js';
import { RollingFileAppender } from '../../appenders/rolling-file-appender.js';
import { LOG_MARKER_LOGGER, logMarkerMessage, markLogs } from '../../src/log-marker.js';
import { LogManager, getLogger } from '../../src/log-manager.js';
import { Level } from '../../src/level.js';
import { event, readLines, removeDir, tempDir } from '../appenders/file/fixtures.js';

const layout = { format: (e: { loggerName: string; level: Level; message: string }) => `${e.level.name} [${e.loggerName}] ${e.message.replace(/\n/g, '|')}\n` };

describe('markLogs (Jira\'s Mark logs)', () => {
  let dir: string;
  beforeEach(async () => {
    await LogManager.resetConfiguration();
    dir = tempDir('mark');
  });
  afterEach(async () => {
    await LogManager.resetConfiguration();
    removeDir(dir);
  });

  it('frames the message between rows of stars as wide as it, at most 200, as Jira\'s FormattedLogMsg', () => {
    expect(logMarkerMessage('Before the upgrade')).to.equal('\n\n******************\nBefore the upgrade\n******************\n');
    expect(logMarkerMessage('x'.repeat(250))).to.equal(`\n\n${'*'.repeat(200)}\n${'x'.repeat(250)}\n${'*'.repeat(200)}\n`);
    expect(logMarkerMessage('')).to.equal('');
  });

  it('writes one INFO record from Jira\'s LogMarker logger into every file appender, through its layout, past thresholds', async () => {
    const main = new FileAppender({ name: 'main', file: path.join(dir, 'main.log'), layout });
    const security = new RollingFileAppender({ name: 'security', file: path.join(dir, 'security.log'), layout, threshold: 'ERROR' });
    const memory = new MemoryAppender({ name: 'memory' });
    getLogger().addAppender(main);
    getLogger().addAppender(memory);
    getLogger('com.atlassian.jira.login').addAppender(security);
    getLogger('com.atlassian.jira.login').addAppender(main);
    expect(LogManager.getAllAppenders()).to.have.members([main, memory, security]);

    const result = markLogs({ message: 'Before the upgrade' });
    expect(result.marked).to.have.members([main, security]);
    expect(result.rolledOver).to.deep.equal([]);
    await LogManager.resetConfiguration();
    const expected = `INFO [${LOG_MARKER_LOGGER}] ||******************|Before the upgrade|******************|`;
    expect(readLines(path.join(dir, 'main.log'))).to.deep.equal([expected]);
    expect(readLines(path.join(dir, 'security.log'))).to.deep.equal([expected]);
    expect(memory.events).to.deep.equal([]);
  });

  it('marks only the appenders `include` accepts', async () => {
    const a = new FileAppender({ name: 'a', file: path.join(dir, 'a.log'), layout });
    const b = new FileAppender({ name: 'b', file: path.join(dir, 'b.log'), layout });
    getLogger().addAppender(a);
    getLogger().addAppender(b);
    expect(markLogs({ message: 'm', include: (appender) => appender.name === 'a' }).marked).to.deep.equal([a]);
  });

  it('with rollOver, rolls size-rolling files with content first, so the mark starts the new file', async () => {
    const full = new RollingFileAppender({ name: 'full', file: path.join(dir, 'full.log'), layout, maxBackupIndex: 3 });
    const empty = new RollingFileAppender({ name: 'empty', file: path.join(dir, 'empty.log'), layout, maxBackupIndex: 3 });
    const plain = new FileAppender({ name: 'plain', file: path.join(dir, 'plain.log'), layout });
    const daily = new DailyRollingFileAppender({ name: 'daily', file: path.join(dir, 'daily.log'), layout });
    for (const appender of [full, empty, plain, daily]) getLogger(`x.${appender.name}`).addAppender(appender);
    full.append(event('before'));
    const result = markLogs({ message: 'After', rollOver: true });
    expect(result.rolledOver).to.deep.equal([full]);
    expect(result.notRolledOver).to.have.members([plain, daily]);
    expect(result.marked).to.have.members([full, empty, plain, daily]);
    await LogManager.resetConfiguration();
    expect(readLines(path.join(dir, 'full.log.1'))).to.deep.equal(['INFO [test] before']);
    expect(readLines(path.join(dir, 'full.log'))).to.deep.equal([`INFO [${LOG_MARKER_LOGGER}] ||*****|After|*****|`]);
    expect(fs.existsSync(path.join(dir, 'empty.log.1'))).to.equal(false);
  });

  it('refuses a message with a line break: a mark is one record, never a forged one', () => {
    expect(() => markLogs({ message: 'a\n2026-01-01 INFO forged' })).to.throw('line break');
    expect(() => markLogs({ message: 'a\r' })).to.throw('line break');
  });

  it('writes an empty INFO record without a message, as Jira does', async () => {
    const a = new FileAppender({ name: 'a', file: path.join(dir, 'a.log'), layout });
    getLogger().addAppender(a);
    markLogs();
    await LogManager.resetConfiguration();
    expect(readLines(path.join(dir, 'a.log'))).to.deep.equal([`INFO [${LOG_MARKER_LOGGER}] `]);
  });
});
