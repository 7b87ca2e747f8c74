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
    expect(m.warnings.join('\n')).to.match(/c\.yaml:1: unknown top-level key "rootLogger"/);
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
});
