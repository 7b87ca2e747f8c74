import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configure, defaultConfigurator } from '../../../src/config/configure.js';
import { withLog4j2PropertiesLevel } from '../../../src/config/log4j2/log4j2-properties-level.js';
import { PropertiesDocument } from '../../../src/config/properties/properties-document.js';
import { Level } from '../../../src/level.js';
import { getLogger, LogManager } from '../../../src/log-manager.js';

const FILE = [
  '# Log4j 2 properties: comments and spacing must survive',
  'appender.c.type = Null',
  'appender.c.name = C',
  'rootLogger = WARN ,  C',
  'logger.app.name = com.example',
  'logger.app.level   =   debug',
  'logger.other.name = com.other',
  '',
].join('\r\n');

const edit = (name: string, level: Level | null): string => withLog4j2PropertiesLevel(PropertiesDocument.parse(FILE, '/conf/log4j2.properties'), name, level);

describe('withLog4j2PropertiesLevel', () => {
  it('changes only the level value, or the LEVEL of a short form', () => {
    expect(edit('com.example', Level.ERROR)).to.equal(FILE.replace('level   =   debug', 'level   =   ERROR'));
    expect(edit('root', Level.INFO)).to.equal(FILE.replace('rootLogger = WARN ,', 'rootLogger = INFO ,'));
  });

  it('adds a level line after a logger\'s name, and name and level lines for a new logger', () => {
    expect(edit('com.other', Level.TRACE)).to.equal(FILE.replace('logger.other.name = com.other\r\n', 'logger.other.name = com.other\r\nlogger.other.level = TRACE\r\n'));
    expect(edit('de.resolution.apitokenauth', Level.INFO)).to.equal(FILE.replace('logger.other.name = com.other\r\n',
      'logger.other.name = com.other\r\nlogger.de_resolution_apitokenauth.name = de.resolution.apitokenauth\r\nlogger.de_resolution_apitokenauth.level = INFO\r\n'));
  });

  it('removes the level line for INHERITED', () => {
    expect(edit('com.example', null)).to.equal(FILE.replace('logger.app.level   =   debug\r\n', ''));
  });
});

describe('setLevel with persist on a Log4j 2 properties file', () => {
  let dir: string;

  beforeEach(async () => {
    await LogManager.resetConfiguration();
    dir = mkdtempSync(join(tmpdir(), 'logwarden-log4j2-props-'));
  });

  afterEach(async () => {
    await defaultConfigurator.stopWatching();
    await LogManager.resetConfiguration();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the Log4j 2 keys (never log4j.logger.*), and the file still loads as Log4j 2', () => {
    const path = join(dir, 'log4j2.properties');
    writeFileSync(path, FILE);
    configure(path);
    expect(getLogger('com.example').level).to.equal(Level.DEBUG);
    LogManager.setLevel('com.example', Level.WARN, { persist: true });
    const text = readFileSync(path, 'utf8');
    expect(text).to.equal(FILE.replace('level   =   debug', 'level   =   WARN'));
    configure(path);
    expect(getLogger('com.example').level).to.equal(Level.WARN);
  });
});
