import { expect } from 'chai';
import { Level } from '../../src/level.js';
import { PropertiesDocument } from '../../src/config/properties/properties-document.js';
import { propertiesToModel } from '../../src/config/log4j-properties.js';
import { ConfigurationError } from '../../src/config/configuration-error.js';
import type { ConfigModel } from '../../src/config/model.js';

function model(text: string, environment: Record<string, string> = {}, supplied: Record<string, string> = {}): ConfigModel {
  return propertiesToModel(PropertiesDocument.parse(text, 'l.properties'), { environment, supplied });
}

function failure(text: string): ConfigurationError {
  try {
    model(text);
  } catch (e) {
    expect(e).to.be.instanceOf(ConfigurationError);
    return e as ConfigurationError;
  }
  return expect.fail('expected a ConfigurationError');
}

describe('log4j properties -> model', () => {
  it('reads the root logger from rootLogger, else rootCategory', () => {
    expect(model('log4j.rootCategory=WARN\nlog4j.rootLogger=INFO\n').root!.level).to.equal(Level.INFO);
    expect(model('log4j.rootCategory=WARN\n').root!.level).to.equal(Level.WARN);
    expect(model('x=1\n').root).to.equal(undefined);
  });

  it('reads levels case-insensitively, LEVEL#class as LEVEL, INHERITED/NULL as inherit', () => {
    const m = model([
      'log4j.logger.a=debug',
      'log4j.category.b=TRACE#org.apache.log4j.xml.XLevel',
      'log4j.logger.c=INHERITED',
      'log4j.logger.d=null',
      'log4j.logger.e=, X',
      'log4j.appender.X=org.apache.log4j.varia.NullAppender',
    ].join('\n'));
    expect(m.loggers.map((l) => [l.name, l.level === undefined ? 'unset' : l.level?.name ?? null])).to.deep.equal([
      ['a', 'DEBUG'], ['b', 'TRACE'], ['c', null], ['d', null], ['e', 'unset'],
    ]);
    expect(m.loggers[4]!.appenderRefs).to.deep.equal(['X']);
  });

  it('warns rather than inheriting on the root logger', () => {
    const m = model('log4j.rootLogger=INHERITED\n');
    expect(m.root!.level).to.equal(undefined);
    expect(m.warnings.join()).to.match(/root logger cannot be set to INHERITED/);
  });

  it('refuses an unknown level, naming file, line and key', () => {
    const e = failure('# c\nlog4j.rootLogger=INFO\nlog4j.logger.x.y=DEBG, A\n');
    expect(e.message).to.equal('l.properties:3: log4j.logger.x.y: unknown level "DEBG"');
  });

  it('reads appenders with options, layout and its options, trimming class names', () => {
    const m = model([
      'log4j.rootLogger= DEBUG , A ,B',
      'log4j.appender.A=org.apache.log4j.FileAppender  ',
      'log4j.appender.A.File=output/temp',
      'log4j.appender.A.Append= false ',
      'log4j.appender.A.layout=org.apache.log4j.PatternLayout ',
      'log4j.appender.A.layout.ConversionPattern=%m%n ',
      'log4j.appender.B=console',
    ].join('\n'));
    expect(m.root!.appenderRefs).to.deep.equal(['A', 'B']);
    const a = m.appenders.get('A')!;
    expect(a.className).to.equal('org.apache.log4j.FileAppender');
    expect([...a.options].map(([k, v]) => [k, v.value, v.position.line])).to.deep.equal([['File', 'output/temp', 3], ['Append', 'false ', 4]]);
    expect(a.layout!.className).to.equal('org.apache.log4j.PatternLayout');
    expect(a.layout!.options.get('ConversionPattern')!.value).to.equal('%m%n ');
  });

  it('orders filters by their ID as strings, as log4j does, with their options', () => {
    const m = model([
      'log4j.rootLogger=DEBUG, A',
      'log4j.appender.A=console',
      'log4j.appender.A.filter.2=org.apache.log4j.varia.DenyAllFilter',
      'log4j.appender.A.filter.10=org.apache.log4j.varia.StringMatchFilter',
      'log4j.appender.A.filter.10.StringToMatch=secret',
      'log4j.appender.A.filter.1=org.apache.log4j.varia.LevelRangeFilter',
      'log4j.appender.A.filter.1.LevelMin=INFO',
    ].join('\n'));
    const filters = m.appenders.get('A')!.filters;
    expect(filters.map((f) => f.className.split('.').pop())).to.deep.equal(['LevelRangeFilter', 'StringMatchFilter', 'DenyAllFilter']);
    expect(filters[1]!.options.get('StringToMatch')!.value).to.equal('secret');
  });

  it('reads additivity, threshold, debug and reset', () => {
    const m = model([
      'log4j.threshold=WARN',
      'log4j.debug=true',
      'log4j.reset=true',
      'log4j.logger.sec=INFO',
      'log4j.additivity.sec=false',
    ].join('\n'));
    expect(m.threshold).to.equal(Level.WARN);
    expect(m.debug).to.equal(true);
    expect(m.reset).to.equal(true);
    expect(m.loggers[0]).to.include({ name: 'sec', additivity: false });
    expect(failure('log4j.additivity.x=nope\n').message).to.match(/:1: log4j.additivity.x: expected true or false/);
    expect(failure('log4j.threshold=LOUD\n').message).to.match(/unknown level "LOUD"/);
  });

  it('substitutes ${} in values from the file, the environment and the supplied map', () => {
    const m = model([
      'dir=/var/${app}',
      'lvl=WARN',
      'log4j.rootLogger=${lvl}, A',
      'log4j.appender.A=console',
      'log4j.appender.A.File=${dir}/${HOME_X}/${extra}.log',
    ].join('\n'), { HOME_X: 'h', app: 'envapp' }, { extra: 'e' });
    expect(m.root!.level).to.equal(Level.WARN);
    expect(m.appenders.get('A')!.options.get('File')!.value).to.equal('/var/envapp/h/e.log');
  });

  it('refuses a file that refers to an appender it does not define (incomplete, e.g. still being written)', () => {
    expect(failure('log4j.appender.A=console\nlog4j.rootLogger=INFO, A, MISSING\n').message)
      .to.equal('l.properties:2: log4j.rootLogger: refers to appender "MISSING", but there is no log4j.appender.MISSING');
  });

  it('reports an unclosed ${ with the key and line', () => {
    expect(failure('a=1\nlog4j.rootLogger=${lvl\n').message).to.match(/^l.properties:2: log4j.rootLogger: "\$\{lvl" has no closing brace/);
  });

  it('refuses a ${} that doubles itself into gigabytes, naming the key that reads it', () => {
    const lines = ['a0=xx'];
    for (let i = 1; i <= 26; i++) lines.push(`a${i}=\${a${i - 1}}\${a${i - 1}}`);
    lines.push('log4j.rootLogger=INFO, A', 'log4j.appender.A=console', 'log4j.appender.A.Target=${a26}');
    expect(failure(lines.join('\n')).message).to.match(/^l.properties:30: log4j.appender.A.Target: \$\{a16\} expands to more than 65536 characters/);
  });
});

describe('log4j properties -> model: work', () => {
  it('reads each appender from its own keys, without going through the whole file for each', () => {
    const lines = ['log4j.rootLogger=INFO'];
    for (let i = 0; i < 300; i++) {
      lines.push(`log4j.logger.l${i}=DEBUG, A${i}`, `log4j.appender.A${i}=console`, `log4j.appender.A${i}.layout=simple`, `log4j.appender.A${i}.Target=System.err`);
    }
    const doc = PropertiesDocument.parse(lines.join('\n'), 'l.properties');
    const keys = doc.keys.bind(doc);
    let fullScans = 0;
    doc.keys = () => {
      fullScans++;
      return keys();
    };
    const m = propertiesToModel(doc, { environment: {}, supplied: {} });
    expect(m.appenders.size).to.equal(300);
    expect(m.appenders.get('A299')!.options.get('Target')!.value).to.equal('System.err');
    expect(m.appenders.get('A299')!.layout!.className).to.equal('simple');
    expect(fullScans).to.be.at.most(2);
  });
});

describe('log4j properties -> model: warnings', () => {
  it('names the line of filter options without a filter class, and of unknown nested options', () => {
    const m = model([
      'log4j.rootLogger=INFO, A',
      'log4j.appender.A=memory',
      'log4j.appender.A.filter.7.LevelMin=INFO',
      'log4j.appender.A.odd.thing=1',
    ].join('\n'));
    expect(m.warnings).to.deep.equal([
      'l.properties:4: log4j.appender.A.odd.thing: appender "A" has no nested option "odd.thing"; ignored',
      'l.properties:3: log4j.appender.A.filter.7.LevelMin: filter "7" of appender "A" has options but no class (no log4j.appender.A.filter.7=...); ignored',
    ]);
  });
});
