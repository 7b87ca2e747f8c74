import { expect } from 'chai';
import { withJsonLoggerLevel } from '../../../src/config/json/json-logger-level-edit.js';
import { parseConfigText } from '../../../src/config/load.js';
import { Level } from '../../../src/level.js';

const set = (text: string, logger: string, level: Level | null) => withJsonLoggerLevel(text, 'log4j2.json', logger, level);
const levelsOf = (text: string): Record<string, string | undefined> => {
  const model = parseConfigText(text, 'log4j2.json', 'json', { environment: {}, supplied: {} });
  return { root: model.root?.level?.name, ...Object.fromEntries(model.loggers.map((logger) => [logger.name, logger.level?.name ?? 'INHERITED'])) };
};

// The JSON example of Log4j 2's configuration manual, laid out as it is there.
const MANUAL = `{ "configuration": { "status": "error", "name": "RoutingTest",
                     "packages": "org.apache.logging.log4j.test",
    "appenders": {
      "Console": { "name": "STDOUT",
        "PatternLayout": { "pattern": "%m%n" }
      }
    },
    "loggers": {
      "logger": { "name": "EventLogger", "level": "info", "additivity": "false",
                  "AppenderRef": { "ref": "STDOUT" }},
      "root": { "level": "error", "AppenderRef": { "ref": "STDOUT" }}
    }
  }
}
`;

const LIST = [
  '{',
  '  "Configuration": {',
  '    "Appenders": { "Console": { "name": "out" } },',
  '    "Loggers": {',
  '      "Root": { "level": "WARN", "AppenderRef": { "ref": "out" } },',
  '      "Logger": [',
  '        { "name": "com.atlassian.jira", "level": "INFO" },',
  '        { "name": "com.atlassian.pats", "additivity": false }',
  '      ]',
  '    }',
  '  }',
  '}',
  '',
].join('\n');

describe('withJsonLoggerLevel (setLevel persist into Log4j 2\'s JSON form)', () => {
  it('changes only the level value of the logger or root, every other byte the same', () => {
    expect(set(MANUAL, 'EventLogger', Level.DEBUG)).to.equal(MANUAL.replace('"level": "info"', '"level": "DEBUG"'));
    expect(set(MANUAL, 'root', Level.WARN)).to.equal(MANUAL.replace('"level": "error"', '"level": "WARN"'));
    expect(set(LIST, 'com.atlassian.jira', Level.TRACE)).to.equal(LIST.replace('"level": "INFO"', '"level": "TRACE"'));
  });

  it('adds a level after the name of a logger without one, and removes it to inherit', () => {
    const added = set(LIST, 'com.atlassian.pats', Level.ERROR);
    expect(added).to.equal(LIST.replace('"com.atlassian.pats", "additivity"', '"com.atlassian.pats", "level": "ERROR", "additivity"'));
    expect(levelsOf(added)['com.atlassian.pats']).to.equal('ERROR');
    expect(set(LIST, 'com.atlassian.jira', null)).to.equal(LIST.replace('"com.atlassian.jira", "level": "INFO" }', '"com.atlassian.jira" }'));
    expect(set(LIST, 'com.atlassian.pats', null), 'no level: it inherits already').to.equal(LIST);
    expect(() => set(LIST, 'root', null)).to.throw('the root logger cannot inherit a level');
  });

  it('adds a logger the file does not name to the Logger list, laid out as the others', () => {
    const after = set(LIST, 'com.atlassian.pats.new', Level.TRACE);
    expect(after).to.equal(LIST.replace(
      '"additivity": false }\n',
      '"additivity": false },\n        { "name": "com.atlassian.pats.new", "level": "TRACE" }\n',
    ));
    expect(levelsOf(after)).to.deep.equal({ root: 'WARN', 'com.atlassian.jira': 'INFO', 'com.atlassian.pats': 'INHERITED', 'com.atlassian.pats.new': 'TRACE' });
  });

  it('makes a single logger object a list of it and the new one, and adds Logger or Root in the case the file writes', () => {
    const after = set(MANUAL, 'com.atlassian.pats', Level.TRACE);
    expect(after).to.equal(MANUAL
      .replace('"logger": { "name"', '"logger": [{ "name"')
      .replace('"ref": "STDOUT" }},\n      "root"', '"ref": "STDOUT" }}, {\n                    "name": "com.atlassian.pats",\n                    "level": "TRACE"\n                  }],\n      "root"'));
    expect(levelsOf(after)).to.deep.equal({ root: 'ERROR', EventLogger: 'INFO', 'com.atlassian.pats': 'TRACE' });

    const rootOnly = '{"configuration": {"loggers": {"root": {"level": "info"}}}}';
    expect(set(rootOnly, 'a.b', Level.DEBUG)).to.equal('{"configuration": {"loggers": {"root": {"level": "info"}, "logger": {"name": "a.b", "level": "DEBUG"}}}}');
    expect(set('{"Configuration": {"Loggers": {}}}', 'root', Level.INFO)).to.equal('{"Configuration": {"Loggers": {"Root": {"level": "INFO"}}}}');
  });

  it('writes a name with a quote or a backslash escaped, and it reads back as that name', () => {
    const name = 'com."quoted"\\x';
    const after = set(LIST, name, Level.WARN);
    expect(after).to.include('{ "name": "com.\\"quoted\\"\\\\x", "level": "WARN" }');
    expect(levelsOf(after)[name]).to.equal('WARN');
  });

  it('refuses a file without Loggers, or with one it cannot follow, naming the file and the line', () => {
    expect(() => set('{"Configuration": {"Appenders": {}}}', 'a', Level.INFO)).to.throw('Cannot write the level of "a" into log4j2.json: it has no Loggers');
    expect(() => set('{"Configuration": {\n"Loggers": {},\n"loggers": {}}}', 'a', Level.INFO)).to.throw('it has 2 Loggers keys (lines 2, 3)');
    expect(() => set('{"Configuration": {\n  "Loggers": []}}', 'a', Level.INFO)).to.throw('"Loggers" on line 2 is not an object');
    expect(() => set('{"Configuration": {"Loggers": {\n"Logger": "x"}}}', 'a', Level.INFO)).to.throw('"Logger" on line 2 is not an object or a list of them');
    expect(() => set('{"Configuration": {"Loggers": {\n"Root": null}}}', 'root', Level.INFO)).to.throw('"Root" on line 2 holds no logger');
  });
});
