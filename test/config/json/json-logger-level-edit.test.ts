import { expect } from 'chai';
import { withJsonLoggerLevel } from '../../../src/config/json/json-logger-level-edit.js';
import { Level } from '../../../src/level.js';

const set = (text: string, logger: string, level: Level | null) => withJsonLoggerLevel(text, 'log4j.json', logger, level);

/** Hand-formatted: aligned values, one-line objects, a quoted-level shorthand. */
const CONFIG = [
  '{',
  '  "root":   "INFO, console",',
  '  "loggers": {',
  '    "com.atlassian.jira.login":   { "level": "INFO", "additivity": false, "appenders": ["console"] },',
  '    "de.resolution.apitokenauth": " DEBUG ,console",',
  '    "com.example.quiet": { "additivity": false },',
  '    "com.example.inherits": null',
  '  },',
  '  "appenders": { "console": { "class": "console" } }',
  '}',
  '',
].join('\n');

describe('withJsonLoggerLevel (setLevel persist into logwarden\'s JSON form)', () => {
  it('replaces the level of a shorthand entry, keeping its spacing and appenders, every other byte the same', () => {
    expect(set(CONFIG, 'de.resolution.apitokenauth', Level.TRACE)).to.equal(CONFIG.replace('" DEBUG ,console"', '" TRACE ,console"'));
    expect(set(CONFIG, 'root', Level.WARN)).to.equal(CONFIG.replace('"root":   "INFO, console"', '"root":   "WARN, console"'));
    expect(set(CONFIG, 'com.example.inherits', Level.INFO)).to.equal(CONFIG.replace('"com.example.inherits": null', '"com.example.inherits": "INFO"'));
  });

  it('replaces the level key of an object entry, or adds one at its end', () => {
    expect(set(CONFIG, 'com.atlassian.jira.login', Level.DEBUG)).to.equal(CONFIG.replace('{ "level": "INFO",', '{ "level": "DEBUG",'));
    expect(set(CONFIG, 'com.example.quiet', Level.ERROR)).to.equal(CONFIG.replace('{ "additivity": false }', '{ "additivity": false, "level": "ERROR" }'));
  });

  it('adds a logger the file does not name at the end of loggers, on a line of its own in its indentation', () => {
    expect(set(CONFIG, 'com.atlassian.pats', Level.TRACE))
      .to.equal(CONFIG.replace('    "com.example.inherits": null\n', '    "com.example.inherits": null,\n    "com.atlassian.pats": "TRACE"\n'));
  });

  it('writes INHERITED to make a logger inherit, and refuses it for root', () => {
    expect(set(CONFIG, 'de.resolution.apitokenauth', null)).to.equal(CONFIG.replace('" DEBUG ,console"', '" INHERITED ,console"'));
    expect(set(CONFIG, 'com.atlassian.jira.login', null)).to.equal(CONFIG.replace('{ "level": "INFO",', '{ "level": "INHERITED",'));
    expect(() => set(CONFIG, 'root', null)).to.throw('Cannot write the level of "root" into log4j.json: the root logger cannot inherit a level');
  });

  it('adds loggers (or root) when the file has none, as JSON.stringify lays it out or on one line, keeping CRLF', () => {
    const pretty = `${JSON.stringify({ appenders: {} }, null, 2)}\n`;
    expect(set(pretty, 'com.x', Level.INFO)).to.equal(`${JSON.stringify({ appenders: {}, loggers: { 'com.x': 'INFO' } }, null, 2)}\n`);
    expect(set(pretty.replace(/\n/g, '\r\n'), 'root', Level.WARN)).to.equal(`${JSON.stringify({ appenders: {}, root: 'WARN' }, null, 2)}\n`.replace(/\n/g, '\r\n'));
    expect(set('{"appenders":{},"loggers":{}}', 'com.x', Level.DEBUG)).to.equal('{"appenders":{},"loggers":{"com.x":"DEBUG"}}');
    expect(set('{"root": "INFO"}', 'com.x', Level.DEBUG)).to.equal('{"root": "INFO", "loggers": {"com.x": "DEBUG"}}');
    expect(set('{\n\t"loggers": {}\n}', 'com.x', Level.DEBUG)).to.equal('{\n\t"loggers": {\n\t\t"com.x": "DEBUG"\n\t}\n}');
  });

  it('writes a name holding a quote, a backslash or a control character escaped, and it reads back as that name', () => {
    const name = 'odd "name"\\with\ttab';
    const after = set('{\n  "loggers": {\n    "a": "INFO"\n  }\n}\n', name, Level.WARN);
    expect(after).to.equal('{\n  "loggers": {\n    "a": "INFO",\n    "odd \\"name\\"\\\\with\\ttab": "WARN"\n  }\n}\n');
    expect(JSON.parse(after).loggers[name]).to.equal('WARN');
    expect(set(after, name, Level.ERROR)).to.equal(after.replace('"WARN"', '"ERROR"'));
    expect(JSON.parse(set('{"loggers": {}}', '__proto__', Level.INFO)).loggers).to.deep.equal(JSON.parse('{"__proto__": "INFO"}'));
  });

  it('changes the entry JSON.parse reads when a key is repeated (the last)', () => {
    expect(set('{"loggers": {"a": "INFO", "a": "WARN"}}', 'a', Level.DEBUG)).to.equal('{"loggers": {"a": "INFO", "a": "DEBUG"}}');
  });

  it('leaves the text as it is when the level is already that', () => {
    expect(set(CONFIG, 'com.atlassian.jira.login', Level.INFO)).to.equal(CONFIG);
  });

  it('refuses what it cannot follow, naming the file and the line, changing nothing', () => {
    expect(() => set('{"loggers": ["a"]}', 'a', Level.DEBUG)).to.throw('Cannot write the level of "a" into log4j.json: "loggers" on line 1 is not an object');
    expect(() => set('{\n  "loggers": {\n    "a": 5\n  }\n}', 'a', Level.DEBUG)).to.throw('its entry on line 3 is not a level string');
    expect(() => set('{"loggers": {"a": {"level": ["INFO"]}}}', 'a', Level.DEBUG)).to.throw('its entry on line 1');
    expect(() => set('{"loggers": {"a": "INFO\\u002c console"}}', 'a', Level.DEBUG)).to.throw('laid out in a way this edit cannot follow');
    expect(() => set('{"name": "my-app", "version": "1.0.0"}', 'a', Level.DEBUG)).to.throw('not a logging configuration');
    expect(() => set('[1]', 'a', Level.DEBUG)).to.throw('not a logging configuration');
    expect(() => set('{"loggers": {"a": }}', 'a', Level.DEBUG)).to.throw(/log4j\.json:1: invalid JSON/);
  });
});
