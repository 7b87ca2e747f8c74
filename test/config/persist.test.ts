import { expect } from 'chai';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configure } from '../../src/config/configure.js';
import { defaultConfigurator } from '../../src/config/configure.js';
import { getLogger, LogManager } from '../../src/log-manager.js';
import { Level } from '../../src/level.js';
import { InternalLog } from '../../src/internal-log.js';

const ORIGINAL = [
  '# Jira-style file: comments, blank lines and odd spacing must survive',
  '',
  'log4j.rootLogger = WARN ,  console',
  '',
  'log4j.appender.console=org.apache.log4j.varia.NullAppender',
  '   ! an indented comment',
  'log4j.logger.com.atlassian   :   INFO',
  'log4j.logger.de.resolution.apitokenauth=DEBUG ,console   ',
  'log4j.additivity.de.resolution.apitokenauth=false',
  'log4j.logger.multi=ERROR, \\',
  '     console',
  '',
  '# trailing comment without newline at end',
].join('\r\n');

describe('persisting levels (LogManager.setLevel with persist)', () => {
  let dir: string;
  let path: string;
  let previousSink: ReturnType<typeof InternalLog.setSink>;

  beforeEach(async () => {
    await LogManager.resetConfiguration();
    dir = mkdtempSync(join(tmpdir(), 'logwarden-persist-'));
    path = join(dir, 'log4j.properties');
    writeFileSync(path, ORIGINAL);
    previousSink = InternalLog.setSink(() => {});
  });

  afterEach(async () => {
    InternalLog.setSink(previousSink);
    await defaultConfigurator.stopWatching();
    await LogManager.resetConfiguration();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes nothing into the last file after resetConfiguration: a persisted level then has no file to go to', async () => {
    configure(path);
    await defaultConfigurator.stopWatching();
    await LogManager.resetConfiguration();
    expect(() => LogManager.setLevel('com.atlassian', Level.ERROR, { persist: true }))
      .to.throw('Cannot persist the level of "com.atlassian": the configuration was not loaded from a file');
    expect(readFileSync(path, 'utf8')).to.equal(ORIGINAL);
  });

  it('changes only the level token of an existing entry, every other byte kept', () => {
    configure(path);
    LogManager.setLevel('com.atlassian', Level.ERROR, { persist: true });
    LogManager.setLevel('de.resolution.apitokenauth', 'trace', { persist: true });
    LogManager.setLevel('root', Level.INFO, { persist: true });
    expect(getLogger('com.atlassian').level).to.equal(Level.ERROR);
    expect(readFileSync(path, 'utf8')).to.equal(ORIGINAL
      .replace('com.atlassian   :   INFO', 'com.atlassian   :   ERROR')
      .replace('apitokenauth=DEBUG ,console   ', 'apitokenauth=TRACE ,console   ')
      .replace('rootLogger = WARN ,', 'rootLogger = INFO ,'));
  });

  it('adds a new logger after the last logger entry, with the file\'s line separator', () => {
    configure(path);
    LogManager.setLevel('com.example.New', Level.DEBUG, { persist: true });
    const expected = ORIGINAL.replace('     console\r\n', '     console\r\nlog4j.logger.com.example.New=DEBUG\r\n');
    expect(readFileSync(path, 'utf8')).to.equal(expected);
  });

  it('rewrites a continued value on one line, keeping its appenders', () => {
    configure(path);
    LogManager.setLevel('multi', Level.WARN, { persist: true });
    expect(readFileSync(path, 'utf8')).to.equal(ORIGINAL.replace('log4j.logger.multi=ERROR, \\\r\n     console', 'log4j.logger.multi=WARN, console'));
    expect(getLogger('multi').appenders).to.have.length(1);
  });

  it('writes INHERITED for a logger set back to inherit', () => {
    configure(path);
    LogManager.setLevel('com.atlassian', null, { persist: true });
    expect(readFileSync(path, 'utf8')).to.contain('log4j.logger.com.atlassian   :   INHERITED\r\n');
  });

  it('writes atomically: no temporary file is left behind', () => {
    configure(path);
    LogManager.setLevel('a.b', Level.INFO, { persist: true });
    expect(readdirSync(dir)).to.deep.equal(['log4j.properties']);
  });

  it('survives a fresh configure of the same file', async () => {
    configure(path);
    LogManager.setLevel('com.atlassian', Level.FATAL, { persist: true });
    LogManager.setLevel('brand.new', Level.TRACE, { persist: true });
    await LogManager.resetConfiguration();
    expect(getLogger('com.atlassian').level).to.equal(null);
    configure(path);
    expect(getLogger('com.atlassian').level).to.equal(Level.FATAL);
    expect(getLogger('brand.new').level).to.equal(Level.TRACE);
  });

  it('is not taken for a foreign edit by the watcher', async () => {
    const handle = configure(path, { watch: true, watchOptions: { debounceMs: 20, stabilityMs: 30 } });
    await handle.watching;
    // A level set in memory only: a reload of the file would put INFO back.
    LogManager.setLevel('com.atlassian', Level.DEBUG);
    LogManager.setLevel('de.resolution.apitokenauth', Level.WARN, { persist: true });
    await new Promise((r) => setTimeout(r, 400));
    expect(getLogger('com.atlassian').level).to.equal(Level.DEBUG);
    expect(getLogger('de.resolution.apitokenauth').level).to.equal(Level.WARN);
  });

  it('does not swallow an operator\'s edit that is still waiting for the watcher', async () => {
    const handle = configure(path, { watch: true, watchOptions: { debounceMs: 150, stabilityMs: 30 } });
    await handle.watching;
    writeFileSync(path, ORIGINAL.replace('rootLogger = WARN', 'rootLogger = ERROR'));
    LogManager.setLevel('com.atlassian', Level.TRACE, { persist: true });
    const start = Date.now();
    while (getLogger().level !== Level.ERROR && Date.now() - start < 3000) await new Promise((r) => setTimeout(r, 10));
    expect(getLogger().level).to.equal(Level.ERROR);
    expect(getLogger('com.atlassian').level).to.equal(Level.TRACE);
    expect(readFileSync(path, 'utf8')).to.contain('rootLogger = ERROR').and.contain('com.atlassian   :   TRACE');
  });

  it('writes into a JSON configuration (see json-logger-level-edit.test.ts for its layouts), and refuses one it cannot follow, changing nothing', () => {
    const jsonPath = join(dir, 'c.json');
    writeFileSync(jsonPath, '{\n  "root": "INFO"\n}\n');
    configure(jsonPath);
    LogManager.setLevel('x', Level.DEBUG, { persist: true });
    expect(readFileSync(jsonPath, 'utf8')).to.equal('{\n  "root": "INFO",\n  "loggers": {\n    "x": "DEBUG"\n  }\n}\n');
    expect(getLogger('x').level).to.equal(Level.DEBUG);

    writeFileSync(jsonPath, '{"root": "INFO", "loggers": {"y": 5}}\n');
    expect(() => LogManager.setLevel('y', Level.WARN, { persist: true })).to.throw(/Cannot write the level of "y" into .*c\.json: its entry on line 1 is not a level string/);
    expect(getLogger('y').level, 'a refused persist changes nothing').to.equal(null);
    expect(readFileSync(jsonPath, 'utf8')).to.equal('{"root": "INFO", "loggers": {"y": 5}}\n');
  });

  it('writes into a YAML configuration (see yaml-level-file.test.ts for its layouts)', () => {
    const yamlPath = join(dir, 'c.yaml');
    writeFileSync(yamlPath, 'root: INFO\n');
    configure(yamlPath);
    LogManager.setLevel('x', Level.DEBUG, { persist: true });
    expect(readFileSync(yamlPath, 'utf8')).to.equal('root: INFO\nloggers:\n  x: DEBUG\n');
    expect(getLogger('x').level).to.equal(Level.DEBUG);
  });

  it('refuses for a configuration given as an object', () => {
    configure({ root: 'INFO' });
    expect(() => LogManager.setLevel('x', Level.INFO, { persist: true })).to.throw(/not loaded from a file/);
  });
});
