import { expect } from 'chai';
import { PropertiesDocument } from '../../../src/config/properties/properties-document.js';
import { ConfigurationError } from '../../../src/config/configuration-error.js';
import { escapeProperty } from '../../../src/config/properties/escape.js';

const parse = (text: string): PropertiesDocument => PropertiesDocument.parse(text, 'test.properties');
const pairs = (text: string): [string, string][] => parse(text).entries.map((e) => [e.key, e.value]);

describe('PropertiesDocument (java.util.Properties rules)', () => {
  it('accepts =, : and blanks as separators, blanks around them skipped', () => {
    expect(pairs('a=1\nb:2\nc 3\nd   =   4\ne\t:\t5\nf \t 6\n')).to.deep.equal([
      ['a', '1'], ['b', '2'], ['c', '3'], ['d', '4'], ['e', '5'], ['f', '6'],
    ]);
  });

  it('consumes only one separator: the rest of the value is kept', () => {
    expect(pairs('a==b\nc = = d\ne : =f\ng h=i\n')).to.deep.equal([
      ['a', '=b'], ['c', '= d'], ['e', '=f'], ['g', 'h=i'],
    ]);
  });

  it('skips leading blanks of a line and keeps trailing blanks of a value', () => {
    expect(pairs('   key = value  \n')).to.deep.equal([['key', 'value  ']]);
  });

  it('reads a key alone, or with an empty value', () => {
    expect(pairs('alone\nempty=\nblank =   \n')).to.deep.equal([['alone', ''], ['empty', ''], ['blank', '']]);
  });

  it('treats # and ! lines as comments, also when indented, and never continues them', () => {
    expect(pairs('# c1\n! c2\n   # c3 \\\nkey=v\n')).to.deep.equal([['key', 'v']]);
  });

  it('joins lines ending in an odd number of backslashes and drops the next line\'s leading blanks', () => {
    expect(pairs('a=one\\\n    two\\\n\tthree\n')).to.deep.equal([['a', 'onetwothree']]);
    expect(pairs('a=x\\\\\\\n  y\n')).to.deep.equal([['a', 'x\\y']]);
  });

  it('does not join on an even number of backslashes (they are escaped backslashes)', () => {
    expect(pairs('a=x\\\\\nb=y\n')).to.deep.equal([['a', 'x\\'], ['b', 'y']]);
  });

  it('ends a continued value at a blank line, and a continuation line starting with # is not a comment', () => {
    expect(pairs('a=x\\\n\nb=y\n')).to.deep.equal([['a', 'x'], ['b', 'y']]);
    expect(pairs('a=x\\\n  #y\n')).to.deep.equal([['a', 'x#y']]);
  });

  it('drops a trailing backslash at the end of the file', () => {
    expect(pairs('a=x\\')).to.deep.equal([['a', 'x']]);
    expect(pairs('a=x\\\n')).to.deep.equal([['a', 'x']]);
  });

  it('decodes \\t \\n \\r \\f \\uXXXX and drops the backslash before any other character', () => {
    expect(parse('a=\\t\\n\\r\\f\\u0041\\u00e9\\q\\=\\:\\#\\\\').get('a')).to.equal('\t\n\r\f' + 'Aé' + 'q=:#\\');
  });

  it('allows escaped separators and blanks in keys', () => {
    expect(pairs('a\\=b=c\nx\\ y z\nk\\:1:2\n')).to.deep.equal([['a=b', 'c'], ['x y', 'z'], ['k:1', '2']]);
  });

  it('rejects a malformed \\u escape with the line of the entry', () => {
    try {
      parse('ok=1\n\nbad=\\u12G4\n');
      expect.fail('should throw');
    } catch (e) {
      expect(e).to.be.instanceOf(ConfigurationError);
      expect((e as ConfigurationError).line).to.equal(3);
      expect((e as Error).message).to.match(/test\.properties:3: .*\\u12G4/);
    }
  });

  it('lets the last duplicate win', () => {
    const doc = parse('a=1\nb=2\na=3\n');
    expect(doc.get('a')).to.equal('3');
    expect(doc.keys()).to.deep.equal(['b', 'a']);
  });

  it('counts lines across LF, CRLF and CR terminators and continuations', () => {
    const doc = parse('a=1\r\nb=2\rc=3\\\r\n  x\nd=4');
    expect(doc.entries.map((e) => [e.key, e.value, e.line])).to.deep.equal([
      ['a', '1', 1], ['b', '2', 2], ['c', '3x', 3], ['d', '4', 5],
    ]);
  });

  it('records where each raw value starts and ends so it can be replaced in place', () => {
    const text = '# header\nlog4j.rootLogger =  INFO, A   \nnext=1\n';
    const doc = parse(text);
    const entry = doc.entry('log4j.rootLogger')!;
    expect(text.slice(entry.valueStart, entry.end)).to.equal('INFO, A   ');
    expect(doc.replaceRawValue(entry, 'WARN, A   ')).to.equal('# header\nlog4j.rootLogger =  WARN, A   \nnext=1\n');
  });

  it('inserts a line after an entry, or at the end, with the file\'s own line separator', () => {
    const doc = parse('a=1\r\nb=2\r\n# end\r\n');
    expect(doc.insertLineAfter(doc.entry('a')!, 'n=3')).to.equal('a=1\r\nn=3\r\nb=2\r\n# end\r\n');
    expect(parse('a=1').insertLineAfter(parse('a=1').entry('a')!, 'n=3')).to.equal('a=1\nn=3');
    expect(parse('a=1').insertLineAfter(null, 'n=3')).to.equal('a=1\nn=3\n');
  });

  it('escapes keys and values so that they read back unchanged', () => {
    for (const [key, value] of [['a b', ' lead'], ['x=y:z', 'tab\there'], ['#c', 'back\\slash\nnl'], ['é', '=v']]) {
      const text = `${escapeProperty(key!, 'key')}=${escapeProperty(value!, 'value')}`;
      expect(pairs(text)).to.deep.equal([[key, value]]);
    }
  });

  it('lists the keys under a dotted prefix in document order, not keys that merely start with the same text', () => {
    const doc = PropertiesDocument.parse([
      'log4j.appender.A.layout=simple',
      'log4j.appender.AB=console',
      'log4j.appender.A=file',
      'log4j.appender.A.File=a.log',
      'log4j.appender.A.layout.ConversionPattern=%m',
      'log4j.appender.AB.Target=System.err',
      'log4j.appender.A.File=b.log',
    ].join('\n'));
    expect(doc.keysUnder('log4j.appender.A')).to.deep.equal(['log4j.appender.A.layout', 'log4j.appender.A.layout.ConversionPattern', 'log4j.appender.A.File']);
    expect(doc.keysUnder('log4j.appender.A.layout')).to.deep.equal(['log4j.appender.A.layout.ConversionPattern']);
    expect(doc.keysUnder('log4j.appender.B')).to.deep.equal([]);
  });
});
