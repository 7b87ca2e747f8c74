import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hierarchy } from '../../src/hierarchy.js';
import { Level } from '../../src/level.js';
import { Logger } from '../../src/logger.js';
import { InternalLog } from '../../src/internal-log.js';
import { Configurator } from '../../src/config/configurator.js';
import { ConfigurationError } from '../../src/config/configuration-error.js';
import { MemoryAppender } from '../../appenders/memory-appender.js';
import { ConsoleAppender } from '../../appenders/console-appender.js';
import { LevelRangeFilter } from '../../src/filter/level-range-filter.js';

describe('Configurator: build and swap', () => {
  let dir: string;
  let hierarchy: Hierarchy;
  let configurator: Configurator;
  let internal: string[];
  let previousSink: ReturnType<typeof InternalLog.setSink>;

  const file = (name: string, lines: string[]): string => {
    const path = join(dir, name);
    writeFileSync(path, lines.join('\n') + '\n');
    return path;
  };
  const memory = (logger: string, index = 0): MemoryAppender => hierarchy.getLogger(logger === 'root' ? null : logger).appenders[index] as MemoryAppender;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'logwarden-config-'));
    hierarchy = new Hierarchy();
    configurator = new Configurator(hierarchy);
    internal = [];
    previousSink = InternalLog.setSink((line) => internal.push(line));
  });

  afterEach(async () => {
    InternalLog.setSink(previousSink);
    await configurator.stopWatching();
    await hierarchy.resetConfiguration();
    rmSync(dir, { recursive: true, force: true });
  });

  const BASE = [
    'log4j.rootLogger=INFO, M',
    'log4j.appender.M=memory',
    'log4j.appender.M.layout=org.apache.log4j.PatternLayout',
    'log4j.appender.M.layout.ConversionPattern=%p %c - %m%n',
    'log4j.logger.com.example=DEBUG',
  ];

  it('applies levels, appenders and layouts from a properties file', () => {
    configurator.configure(file('a.properties', BASE));
    hierarchy.getLogger('com.example.Svc').debug('hello');
    hierarchy.getLogger('other').debug('dropped');
    expect(memory('root').text).to.equal('DEBUG com.example.Svc - hello\n');
    expect(hierarchy.root.level).to.equal(Level.INFO);
  });

  it('matches option names in any case and converts them', () => {
    configurator.configure(file('a.properties', [
      'log4j.rootLogger=DEBUG, M',
      'log4j.appender.M=logwarden.MemoryAppender',
      'log4j.appender.M.THRESHOLD=warn',
      'log4j.appender.M.maxevents=2',
      'log4j.appender.M.layout=simple',
    ]));
    const log = hierarchy.getLogger('x');
    for (const m of ['a', 'b', 'c', 'd']) log.warn(m);
    log.info('below threshold');
    expect(memory('root').messages).to.deep.equal(['c', 'd']);
  });

  it('applies filters in ID order', () => {
    configurator.configure(file('a.properties', [
      'log4j.rootLogger=DEBUG, M',
      'log4j.appender.M=memory',
      'log4j.appender.M.layout=simple',
      'log4j.appender.M.filter.1=org.apache.log4j.varia.StringMatchFilter',
      'log4j.appender.M.filter.1.StringToMatch=keep',
      'log4j.appender.M.filter.1.AcceptOnMatch=true',
      'log4j.appender.M.filter.2=org.apache.log4j.varia.DenyAllFilter',
    ]));
    const log = hierarchy.getLogger('x');
    log.info('keep me');
    log.info('drop me');
    expect(memory('root').messages).to.deep.equal(['keep me']);
    expect(memory('root').filters[0]).to.not.be.instanceOf(LevelRangeFilter);
  });

  it('warns about an unknown appender class, naming class and appender, and applies the rest', () => {
    configurator.configure(file('a.properties', [
      'log4j.rootLogger=WARN, BAD, M',
      'log4j.appender.BAD=com.example.NoSuchAppender',
      'log4j.appender.M=memory',
      'log4j.appender.M.layout=com.example.NoSuchLayout',
    ]));
    expect(hierarchy.root.level).to.equal(Level.WARN);
    expect(hierarchy.root.appenders).to.have.length(1);
    const text = internal.join('\n');
    expect(text).to.match(/a\.properties:2: log4j\.appender\.BAD: unknown appender class "com\.example\.NoSuchAppender" for appender "BAD"/);
    expect(text).to.match(/a\.properties:4: .*unknown layout class "com\.example\.NoSuchLayout" for appender "M"/);
  });

  it('refuses a bad file with file, line and key, and leaves the running configuration untouched', () => {
    configurator.configure(file('a.properties', BASE));
    const before = memory('root');
    const bad = file('b.properties', ['log4j.rootLogger=ERROR, M', 'log4j.appender.M=memory', 'log4j.appender.M.MaxEvents=lots']);
    expect(() => configurator.configure(bad)).to.throw(ConfigurationError, /b\.properties:3: log4j\.appender\.M\.MaxEvents: expected a whole number, got "lots"/);
    expect(hierarchy.root.level).to.equal(Level.INFO);
    expect(memory('root')).to.equal(before);
    expect(before.isClosed).to.equal(false);
  });

  it('keeps an unchanged appender (same instance, never closed) and closes a replaced one after the swap', async () => {
    const path = file('a.properties', [...BASE, 'log4j.logger.sec=INFO, S', 'log4j.appender.S=memory', 'log4j.appender.S.layout=simple']);
    configurator.configure(path);
    const m = memory('root');
    const s = memory('sec');
    writeFileSync(path, [...BASE.map((l) => l.replace('rootLogger=INFO', 'rootLogger=WARN')), 'log4j.logger.sec=INFO, S', 'log4j.appender.S=memory', 'log4j.appender.S.layout=ttcc'].join('\n'));
    configurator.configure(path);
    await configurator.settled();
    expect(memory('root')).to.equal(m);
    expect(m.isClosed).to.equal(false);
    expect(memory('sec')).to.not.equal(s);
    expect(s.isClosed).to.equal(true);
    expect(hierarchy.root.level).to.equal(Level.WARN);
  });

  it('keeps what a reload does not name, as log4j does; log4j.reset clears it and closes appenders no longer used', async () => {
    const path = file('a.properties', [...BASE, 'log4j.logger.sec=ERROR, S', 'log4j.additivity.sec=false', 'log4j.appender.S=memory']);
    configurator.configure(path);
    const s = memory('sec');
    configurator.configure(file('a.properties', BASE));
    await configurator.settled();
    const sec = hierarchy.getLogger('sec');
    expect(sec.level).to.equal(Level.ERROR);
    expect(sec.additivity).to.equal(false);
    expect(sec.appenders).to.deep.equal([s]);
    expect(s.isClosed).to.equal(false);

    configurator.configure(file('a.properties', ['log4j.reset=true', ...BASE]));
    await configurator.settled();
    expect(sec.level).to.equal(null);
    expect(sec.additivity).to.equal(true);
    expect(sec.appenders).to.have.length(0);
    expect(s.isClosed).to.equal(true);
  });

  it('gives a logger the reload does not name the new instance of a redefined appender, and closes the old one', async () => {
    configurator.configure(file('a.properties', [...BASE, 'log4j.logger.sec=ERROR, M', 'log4j.additivity.sec=false']));
    const old = memory('sec');
    configurator.configure(file('a.properties', BASE.map((l) => l.replace('%p %c - %m%n', '%p %m%n'))));
    await configurator.settled();
    expect(memory('sec')).to.equal(memory('root')).and.not.equal(old);
    expect(old.isClosed).to.equal(true);
    hierarchy.getLogger('sec').error('once');
    expect(memory('root').text).to.equal('ERROR once\n');
  });

  it('leaves appenders added in code to loggers the file does not name; log4j.reset clears them', async () => {
    const mine = new MemoryAppender({ name: 'mine' });
    hierarchy.getLogger('app').addAppender(mine);
    configurator.configure(file('a.properties', BASE));
    expect(hierarchy.getLogger('app').appenders).to.deep.equal([mine]);
    configurator.configure(file('a.properties', ['log4j.reset=true', ...BASE]));
    await configurator.settled();
    expect(hierarchy.getLogger('app').appenders).to.have.length(0);
    expect(mine.isClosed).to.equal(true);
  });

  it('applies log4j.threshold, keeps it when a file does not name it, and restores ALL on log4j.reset', () => {
    configurator.configure(file('a.properties', ['log4j.threshold=ERROR', ...BASE]));
    expect(hierarchy.threshold).to.equal(Level.ERROR);
    configurator.configure(file('a.properties', BASE));
    expect(hierarchy.threshold).to.equal(Level.ERROR);
    configurator.configure(file('a.properties', ['log4j.reset=true', ...BASE]));
    expect(hierarchy.threshold).to.equal(Level.ALL);
  });

  it('shares one instance between loggers that name the same appender', () => {
    configurator.configure(file('a.properties', [...BASE, 'log4j.logger.a=INFO, M', 'log4j.additivity.a=false']));
    expect(memory('a')).to.equal(memory('root'));
  });

  it('configures from YAML, JSON and objects with the same model', () => {
    const yamlPath = join(dir, 'c.yaml');
    writeFileSync(yamlPath, [
      'threshold: ALL',
      'properties:',
      '  pattern: "%p %c - %m%n"',
      'root: INFO, M',
      'loggers:',
      '  com.example: { level: DEBUG }',
      '  sec: { level: INFO, additivity: false, appenders: [S] }',
      'appenders:',
      '  M:',
      '    class: memory',
      '    layout: { class: PatternLayout, ConversionPattern: "${pattern}" }',
      '  S:',
      '    class: memory',
      '    layout: simple',
      '    filters:',
      '      - { class: LevelRangeFilter, LevelMin: WARN }',
    ].join('\n'));
    configurator.configure(yamlPath);
    hierarchy.getLogger('com.example.Svc').debug('hello');
    hierarchy.getLogger('sec').info('filtered');
    hierarchy.getLogger('sec').warn('kept');
    expect(memory('root').text).to.equal('DEBUG com.example.Svc - hello\n');
    expect(memory('sec').messages).to.deep.equal(['kept']);

    const jsonPath = join(dir, 'c.json');
    writeFileSync(jsonPath, JSON.stringify({ root: { level: 'WARN', appenders: ['M'] }, appenders: { M: { class: 'memory', layout: 'simple' } } }, null, 2));
    configurator.configure(jsonPath);
    expect(hierarchy.root.level).to.equal(Level.WARN);

    configurator.configure({ root: 'ERROR, C', appenders: { C: { class: 'org.apache.log4j.ConsoleAppender', Target: 'System.err', layout: 'simple' } } });
    expect(hierarchy.root.appenders[0]).to.be.instanceOf(ConsoleAppender);
    expect(configurator.file).to.equal(undefined);
  });

  it('names the line of a YAML or JSON error', () => {
    const yamlPath = join(dir, 'bad.yaml');
    writeFileSync(yamlPath, 'root: INFO\nloggers:\n  a: { level: LOUD }\n');
    expect(() => configurator.configure(yamlPath)).to.throw(ConfigurationError, /bad\.yaml:3: loggers\.a\.level: unknown level "LOUD"/);
    writeFileSync(yamlPath, 'root: INFO\nloggers:\n  a: [unclosed\n');
    expect(() => configurator.configure(yamlPath)).to.throw(ConfigurationError, /bad\.yaml:\d+: invalid YAML/);
    const jsonPath = join(dir, 'bad.json');
    writeFileSync(jsonPath, '{\n  "root": "INFO",\n  "loggers": { "a": }\n}\n');
    expect(() => configurator.configure(jsonPath)).to.throw(ConfigurationError, /bad\.json:3: invalid JSON/);
  });

  it('names an unreadable file', () => {
    expect(() => configurator.configure(join(dir, 'missing.properties'))).to.throw(ConfigurationError, /missing\.properties: cannot read the configuration file \(ENOENT\)/);
  });
});

describe('Configurator: work grows with the file, not with its square', () => {
  it('configures and reloads 2,000 loggers refreshing each logger a few times, not once per change', () => {
    const dir = mkdtempSync(join(tmpdir(), 'logwarden-config-'));
    const hierarchy = new Hierarchy();
    const configurator = new Configurator(hierarchy);
    const original = Logger.prototype.refreshLevel;
    let refreshes = 0;
    Logger.prototype.refreshLevel = function (this: Logger) {
      refreshes++;
      original.call(this);
    };
    try {
      const path = join(dir, 'many.properties');
      const write = (level: string): void => {
        const lines = ['log4j.rootLogger=INFO, M', 'log4j.appender.M=memory'];
        for (let i = 0; i < 2000; i++) lines.push(`log4j.logger.app.pkg${i % 40}.Class${i}=${level}${i % 10 === 0 ? ', M' : ''}`);
        writeFileSync(path, lines.join('\n'));
      };
      write('DEBUG');
      configurator.configure(path);
      write('WARN');
      configurator.configure(path);
      // Each logger: refreshed when created and once at the end of each of the two swaps.
      expect(refreshes).to.be.at.most(3 * 2001);
      expect(hierarchy.getLogger('app.pkg3.Class3').isInfoEnabled()).to.equal(false);
      expect(hierarchy.getLogger('app.pkg3.Class3').isWarnEnabled()).to.equal(true);
    } finally {
      Logger.prototype.refreshLevel = original;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
