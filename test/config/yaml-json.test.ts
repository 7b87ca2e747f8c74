import { expect } from 'chai';
import { Level } from '../../src/level.js';
import { parseConfigText } from '../../src/config/load.js';
import { ConfigurationError } from '../../src/config/configuration-error.js';
import type { ConfigModel } from '../../src/config/model.js';

const vars = { environment: { ENV_LEVEL: 'ERROR' }, supplied: { fromMap: 'mapped' } };
const yamlModel = (lines: string[]): ConfigModel => parseConfigText(lines.join('\n'), 'c.yaml', 'yaml', vars);

describe('YAML / JSON -> model', () => {
  it('reads loggers in long form, shorthand "LEVEL, A" form, and INHERITED / null', () => {
    const m = yamlModel([
      'root: { level: INFO, appenders: [A] }',
      'loggers:',
      '  a: { level: debug, additivity: false, appenders: "A" }',
      '  b: WARN, A',
      '  c: INHERITED',
      '  d: ~',
      '  e: { level: "TRACE#org.apache.log4j.xml.XLevel" }',
      'appenders:',
      '  A: { type: memory }',
    ]);
    expect(m.root).to.include({ level: Level.INFO });
    expect(m.loggers.map((l) => [l.name, l.level === undefined ? 'unset' : l.level?.name ?? null, l.additivity, l.appenderRefs])).to.deep.equal([
      ['a', 'DEBUG', false, ['A']],
      ['b', 'WARN', undefined, ['A']],
      ['c', null, undefined, []],
      ['d', null, undefined, []],
      ['e', 'TRACE', undefined, []],
    ]);
  });

  it('substitutes from properties, then the environment, then the supplied map', () => {
    const m = yamlModel([
      'properties: { dir: /var/log, lvl: "${ENV_LEVEL}" }',
      'root: ${lvl}',
      'appenders:',
      '  A: { class: file, File: "${dir}/${fromMap}.log" }',
    ]);
    expect(m.root!.level).to.equal(Level.ERROR);
    expect(m.appenders.get('A')!.options.get('File')!.value).to.equal('/var/log/mapped.log');
  });

  it('takes filters as a list, or as a mapping applied in ID order; options become strings', () => {
    const m = yamlModel([
      'appenders:',
      '  A:',
      '    class: memory',
      '    MaxEvents: 5',
      '    filters: { "2": DenyAllFilter, "1": { class: LevelRangeFilter, LevelMin: INFO, AcceptOnMatch: true } }',
    ]);
    const a = m.appenders.get('A')!;
    expect(a.options.get('MaxEvents')!.value).to.equal('5');
    expect(a.filters.map((f) => f.className)).to.deep.equal(['LevelRangeFilter', 'DenyAllFilter']);
    expect(a.filters[0]!.options.get('AcceptOnMatch')!.value).to.equal('true');
  });

  it('warns about unknown keys and keeps going', () => {
    const m = yamlModel(['rootLogger: INFO', 'root: INFO, A', 'appenders: { A: { class: memory } }']);
    expect(m.warnings.join('\n')).to.match(/c\.yaml:1: rootLogger: unknown top-level key "rootLogger"/);
    expect(m.root!.appenderRefs).to.deep.equal(['A']);
  });

  it('refuses a file that refers to an appender it does not define (incomplete, e.g. still being written)', () => {
    expect(() => yamlModel(['root: INFO, A, B', 'appenders: { A: { class: memory } }']))
      .to.throw(ConfigurationError, /^c\.yaml:1: root: refers to appender "B", which is not defined under appenders$/);
  });

  it('names the line and path of a wrong value', () => {
    const bad = (lines: string[]): ConfigurationError => {
      try {
        yamlModel(lines);
      } catch (e) {
        return e as ConfigurationError;
      }
      return expect.fail('expected an error');
    };
    expect(bad(['root: INFO', 'appenders:', '  A:', '    layout: simple']).message).to.equal('c.yaml:3: appenders.A: has no "class"');
    expect(bad(['loggers:', '  x:', '    level: INFO', '    additivity: maybe']).message).to.match(/^c\.yaml:4: loggers\.x\.additivity: expected true or false/);
    expect(bad(['- a', '- b']).message).to.match(/^c\.yaml:1: expected a mapping at the top level, got a list/);
    expect(bad(['appenders:', '  A:', '    class: memory', '    Target: [1, 2]']).message).to.match(/^c\.yaml:4: appenders\.A\.Target: expected a single value, got a list/);
  });

  it('reads JSON with the same schema', () => {
    const m = parseConfigText(JSON.stringify({ threshold: 'warn', root: { level: 'INFO', appenders: ['A'] }, appenders: { A: { class: 'memory' } } }), 'c.json', 'json', vars);
    expect(m.threshold).to.equal(Level.WARN);
    expect(m.root!.appenderRefs).to.deep.equal(['A']);
  });

  it('finds lines in flow mappings, quoted keys and one-line JSON', () => {
    const bad = (text: string, format: 'yaml' | 'json'): string => {
      try {
        parseConfigText(text, `c.${format}`, format, vars);
      } catch (e) {
        return (e as ConfigurationError).message;
      }
      return expect.fail('expected an error');
    };
    expect(bad(['loggers:', '  "a.b": { level: INFO, additivity: maybe }'].join('\n'), 'yaml')).to.match(/^c\.yaml:2: loggers\.a\.b\.additivity:/);
    expect(bad(['root: INFO', 'loggers:', '  - x: 1'].join('\n'), 'yaml')).to.match(/^c\.yaml:2: loggers: expected a mapping/);
    expect(bad('{"loggers": {"a": "INFO", "b": {"level": "LOUD"}}}', 'json')).to.match(/^c\.json:1: loggers\.b\.level: unknown level "LOUD"/);
    expect(bad(['{', '  "loggers": {', '    "a": "INFO",', '    "b": { "level": "LOUD" }', '  }', '}'].join('\n'), 'json')).to.match(/^c\.json:4: loggers\.b\.level:/);
  });

  it('reads the text once to find lines, not once per value', () => {
    const lines = ['root: INFO, A', 'appenders: { A: { class: memory } }', 'loggers:'];
    for (let i = 0; i < 2000; i++) lines.push(`  app.pkg${i}.Service: DEBUG`);
    lines.push('  app.last: { level: LOUD }');
    const text = lines.join('\n');
    const split = String.prototype.split;
    let passes = 0;
    String.prototype.split = function (this: string, ...args: Parameters<typeof split>) {
      if (this.length === text.length) passes++;
      return split.apply(this, args) as string[];
    } as typeof split;
    let message = '';
    try {
      parseConfigText(text, 'c.yaml', 'yaml', vars);
    } catch (e) {
      message = (e as Error).message;
    } finally {
      String.prototype.split = split;
    }
    expect(message).to.match(/^c\.yaml:2004: loggers\.app\.last\.level: unknown level "LOUD"/);
    expect(passes).to.equal(1);
  });
});
