import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withYamlLoggerLevel, writeYamlLoggerLevel } from '../../src/config/yaml-level-file.js';
import { Level } from '../../src/level.js';

const set = (text: string, logger: string, level: Level | null) => withYamlLoggerLevel(text, 'log4j.yaml', logger, level);

const CONFIG = [
  '# the demo\'s logging',
  'root: INFO, console   # everything',
  'loggers:',
  '  com.atlassian.jira.login:',
  '    level: INFO               # the security log',
  '    additivity: false',
  '    appenders: [console]',
  '  de.resolution.apitokenauth: "DEBUG, console"',
  '  com.example.quiet:',
  '    additivity: false',
  '  "com.example.quoted": WARN',
  '  com.example.inherits: null',
  'appenders:',
  '  console:',
  '    class: console',
  '',
].join('\n');

describe('withYamlLoggerLevel (setLevel persist into YAML)', () => {
  it('replaces the level of a shorthand entry, keeping quotes, appenders and comments', () => {
    expect(set(CONFIG, 'de.resolution.apitokenauth', Level.TRACE)).to.equal(CONFIG.replace('"DEBUG, console"', '"TRACE, console"'));
    expect(set(CONFIG, 'root', Level.WARN)).to.equal(CONFIG.replace('root: INFO, console   # everything', 'root: WARN, console   # everything'));
    expect(set(CONFIG, 'com.example.quoted', Level.ERROR)).to.equal(CONFIG.replace('"com.example.quoted": WARN', '"com.example.quoted": ERROR'));
    expect(set(CONFIG, 'com.example.inherits', Level.INFO)).to.equal(CONFIG.replace('com.example.inherits: null', 'com.example.inherits: INFO'));
  });

  it('replaces the level: key of a long-form entry, or adds one', () => {
    expect(set(CONFIG, 'com.atlassian.jira.login', Level.DEBUG)).to.equal(CONFIG.replace('    level: INFO               #', '    level: DEBUG               #'));
    expect(set(CONFIG, 'com.example.quiet', Level.ERROR)).to.equal(CONFIG.replace('  com.example.quiet:\n', '  com.example.quiet:\n    level: ERROR\n'));
  });

  it('adds a logger the file does not name at the end of loggers, in its indentation', () => {
    expect(set(CONFIG, 'com.atlassian.pats', Level.TRACE)).to.equal(CONFIG.replace('  com.example.inherits: null\n', '  com.example.inherits: null\n  com.atlassian.pats: TRACE\n'));
  });

  it('writes INHERITED to make a logger inherit', () => {
    expect(set(CONFIG, 'de.resolution.apitokenauth', null)).to.equal(CONFIG.replace('"DEBUG, console"', '"INHERITED, console"'));
  });

  it('adds loggers (or root) when the file has none, keeping CRLF line breaks', () => {
    expect(set('appenders: {}\r\n', 'com.x', Level.INFO)).to.equal('appenders: {}\r\nloggers:\r\n  com.x: INFO\r\n');
    expect(set('loggers:\n  a: INFO', 'root', Level.WARN)).to.equal('loggers:\n  a: INFO\nroot: WARN\n');
    expect(set('loggers:\nroot: INFO\n', 'com.x', Level.DEBUG)).to.equal('loggers:\n  com.x: DEBUG\nroot: INFO\n');
  });

  it('quotes a name that YAML would not read as a plain key', () => {
    expect(set('loggers:\n  a: INFO\n', 'odd name:x', Level.INFO)).to.equal('loggers:\n  a: INFO\n  "odd name:x": INFO\n');
  });

  it('refuses flow style, Log4j 2\'s YAML form and layouts it cannot follow, naming the file, writing nothing', () => {
    expect(() => set('loggers: {a: INFO}\n', 'a', Level.DEBUG)).to.throw(/log4j\.yaml: "loggers" on line 1 is not a block mapping/);
    expect(() => set('loggers:\n  a: {level: INFO}\n', 'a', Level.DEBUG)).to.throw('line 2');
    expect(() => set('Configuration:\n  Loggers:\n    Root:\n      level: info\n', 'root', Level.DEBUG)).to.throw('Log4j 2');
    expect(() => set('- a\n', 'a', Level.DEBUG)).to.throw('not a mapping');
  });

  it('writes the file atomically and only when the text changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'logwarden-yaml-level-'));
    try {
      const file = join(dir, 'log4j.yaml');
      writeFileSync(file, 'root: INFO\n');
      expect(writeYamlLoggerLevel(file, 'root', Level.INFO)).to.deep.equal({ before: 'root: INFO\n', after: 'root: INFO\n' });
      writeYamlLoggerLevel(file, 'root', Level.ERROR);
      expect(readFileSync(file, 'utf8')).to.equal('root: ERROR\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
