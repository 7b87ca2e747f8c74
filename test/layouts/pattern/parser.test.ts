import { expect } from 'chai';
import { CONVERTERS, LOG4J12_OPTIONLESS } from '../../../layouts/pattern/converter-map.js';
import { parsePattern, type PatternStyle, type PatternToken } from '../../../layouts/pattern/parser.js';

const isKeyword = (k: string): boolean => CONVERTERS.has(k);
const takesOptions = (k: string): boolean => !LOG4J12_OPTIONLESS.has(k);

function parse(p: string, style: PatternStyle = 'log4j', warnings: string[] = []): PatternToken[] {
  return parsePattern(p, { isKeyword, style, takesOptions, warn: (m) => warnings.push(m) });
}

/** Keywords as `%k`, literals as their text. */
function shape(tokens: readonly PatternToken[]): string[] {
  return tokens.map((t) => (t.kind === 'literal' ? t.text : t.kind === 'conversion' ? `%${t.keyword}` : `%${t.keyword}(${shape(t.children).join('|')})`));
}

describe('parsePattern', () => {
  it('splits literals and conversions with modifiers and options', () => {
    expect(parse('%d{ISO8601} [%t] %-5p %.16c - %m%n')).to.deep.equal([
      { kind: 'conversion', keyword: 'd', options: ['ISO8601'], modifier: undefined },
      { kind: 'literal', text: ' [' },
      { kind: 'conversion', keyword: 't', options: [], modifier: undefined },
      { kind: 'literal', text: '] ' },
      { kind: 'conversion', keyword: 'p', options: [], modifier: { minWidth: 5, maxWidth: Infinity, leftAlign: true, truncateEnd: false } },
      { kind: 'literal', text: ' ' },
      { kind: 'conversion', keyword: 'c', options: [], modifier: { minWidth: 0, maxWidth: 16, leftAlign: false, truncateEnd: false } },
      { kind: 'literal', text: ' - ' },
      { kind: 'conversion', keyword: 'm', options: [], modifier: undefined },
      { kind: 'conversion', keyword: 'n', options: [], modifier: undefined },
    ]);
  });

  it('reads min.max, .-max and several option groups', () => {
    const [a, b, c] = parse('%20.30c%.-3m%d{HH:mm}{UTC}');
    expect(a).to.deep.include({ keyword: 'c', modifier: { minWidth: 20, maxWidth: 30, leftAlign: false, truncateEnd: false } });
    expect(b).to.deep.include({ keyword: 'm', modifier: { minWidth: 0, maxWidth: 3, leftAlign: false, truncateEnd: true } });
    expect(c).to.deep.include({ keyword: 'd', options: ['HH:mm', 'UTC'] });
  });

  it('prefers whole words, else the longest known prefix (log4j 1.2 reads one letter)', () => {
    expect(shape(parse('%logger%msg%level%throwable'))).to.deep.equal(['%logger', '%msg', '%level', '%throwable']);
    expect(shape(parse('%pfoo'))).to.deep.equal(['%p', 'foo']);
    expect(shape(parse('%cx'))).to.deep.equal(['%c', 'x']);
  });

  it('reads %% as a percent sign and a trailing % literally', () => {
    expect(parse('100%% done %')).to.deep.equal([{ kind: 'literal', text: '100% done %' }]);
  });

  describe('log4j styles print what they cannot read, and say so', () => {
    it('an unknown conversion, a bogus character, a trailing modifier, a dot without digits', () => {
      const warnings: string[] = [];
      expect(shape(parse('%d %W %m', 'log4j', warnings))).to.deep.equal(['%d', ' %W ', '%m']);
      expect(shape(parse('%, foobar', 'log4j', warnings))).to.deep.equal(['%, foobar']);
      expect(shape(parse('%m %-5', 'log4j', warnings))).to.deep.equal(['%m', ' %-5']);
      expect(shape(parse('%5{x}', 'log4j', warnings))).to.deep.equal(['%5{x}']);
      expect(shape(parse('%.c%m', 'log4j', warnings))).to.deep.equal(['%.c', '%m']);
      expect(warnings).to.deep.equal([
        'unknown conversion "%W" at position 3, printed as written as log4j does',
        'unknown conversion "%," at position 0, printed as written as log4j does',
        'incomplete conversion "%-5" at the end, printed as written as log4j does',
        'unknown conversion "%5{" at position 0, printed as written as log4j does',
        "bad format modifier \"%.c\" at position 0 ('.' must be followed by a number), printed as written as log4j does",
      ]);
    });

    it('log4j 1.2 reads {...} only after %c %C %d %X; EnhancedPatternLayout after every word', () => {
      const warnings: string[] = [];
      expect(shape(parse('%m{x}%c{2}', 'log4j', warnings))).to.deep.equal(['%m', '{x}', '%c']);
      expect(parse('%m{x}', 'enhanced')[0]).to.deep.include({ keyword: 'm', options: ['x'] });
      expect(warnings).to.deep.equal(['%m takes no option in log4j 1.2: "{x}" at position 2 is printed as text']);
    });

    it('an unclosed { is text', () => {
      const warnings: string[] = [];
      expect(shape(parse('%d{HH:mm', 'log4j', warnings))).to.deep.equal(['%d', '{HH:mm']);
      expect(shape(parse('foo%m{yyyy.MM.dd', 'enhanced', warnings))).to.deep.equal(['foo', '%m', '{yyyy.MM.dd']);
      expect(warnings).to.have.length(2);
      expect(warnings[0]).to.equal('unclosed "{" after "%d" at position 2; log4j prints "{HH:mm" as text');
    });

    it('EnhancedPatternLayout reads the whole word, then its options (%more{x}: %m{x} then "ore")', () => {
      expect(parse('%more{x}', 'enhanced')).to.deep.equal([
        { kind: 'conversion', keyword: 'm', options: ['x'], modifier: undefined },
        { kind: 'literal', text: 'ore' },
      ]);
      expect(shape(parse('%more{x}', 'log4j'))).to.deep.equal(['%m', 'ore{x}']);
      // An unknown word is printed without its option in EnhancedPatternLayout, with it in log4j 1.2.
      expect(shape(parse('%bogus{x}', 'enhanced'))).to.deep.equal(['%bogus']);
      expect(shape(parse('%bogus{x}', 'log4j'))).to.deep.equal(['%bogus{x}']);
    });
  });

  describe('log4j2 style (Log4j 2 configuration files)', () => {
    it('reads only whole converter names: an unknown word is never a shorter keyword followed by text', () => {
      const warnings: string[] = [];
      // EnhancedPatternLayout would read %n followed by "owhere{[%X{id}]}", a line break mid-line.
      expect(shape(parse('%m %nowhere{[%X{id}]} %xyz%n', 'log4j2', warnings))).to.deep.equal(['%m', ' %nowhere{[%X{id}]} %xyz', '%n']);
      expect(shape(parse('%nowhere{x}', 'enhanced'))).to.deep.equal(['%n', 'owhere']);
      expect(warnings).to.deep.equal([
        'unknown conversion "%nowhere" at position 3: logwarden has no such Log4j 2 converter; "%nowhere{[%X{id}]}" is printed as written',
        'unknown conversion "%xyz" at position 22: logwarden has no such Log4j 2 converter; "%xyz" is printed as written',
      ]);
    });

    it('reads nested {...} options whole, as Log4j 2 does for options that are patterns', () => {
      expect(parse('%-5level{a{b}c}{d}', 'log4j2')).to.deep.equal([
        { kind: 'conversion', keyword: 'level', options: ['a{b}c', 'd'], modifier: { minWidth: 5, maxWidth: Infinity, leftAlign: true, truncateEnd: false } },
      ]);
      const warnings: string[] = [];
      expect(shape(parse('%m{a{b}', 'log4j2', warnings))).to.deep.equal(['%m', '{a{b}']);
      expect(warnings).to.deep.equal(['unclosed "{" after "%m" at position 2; "{a{b}" is printed as text']);
    });
  });

  describe('logback style', () => {
    it('options separated by commas, quoted with " or \', blanks dropped', () => {
      expect(parse('%d{"HH:mm:ss,SSS", UTC}', 'logback')[0]).to.deep.include({ options: ['HH:mm:ss,SSS', 'UTC'] });
      expect(parse("%d{'HH:mm:ss,SSS'}", 'logback')[0]).to.deep.include({ options: ['HH:mm:ss,SSS'] });
      expect(parse('%d{HH:mm:ss,SSS}', 'log4j')[0]).to.deep.include({ options: ['HH:mm:ss,SSS'] });
      expect(parse("%ex{ full , 'a}b', c }", 'logback')[0]).to.deep.include({ options: ['full', 'a}b', 'c'] });
      expect(parse('%X{}', 'logback')[0]).to.deep.include({ options: [] });
    });

    it('escapes \\( \\) \\% \\\\ \\t and \\_', () => {
      expect(shape(parse('\\(%msg\\) 100\\% a\\\\b\\t%level\\_x', 'logback'))).to.deep.equal(['(', '%msg', ') 100% a\\b\t', '%level', 'x']);
    });

    it('composite groups with modifiers and options', () => {
      const [group, rest] = parse('%-30(%date [%thread]){x} %m', 'logback');
      expect(group).to.deep.include({ kind: 'composite', keyword: '', options: ['x'], modifier: { minWidth: 30, maxWidth: Infinity, leftAlign: true, truncateEnd: false } });
      expect(shape([group!, rest!])).to.deep.equal(['%(%date| [|%thread|])', ' ']);
      expect(parse('%.-5(%m)', 'logback')[0]).to.deep.include({ modifier: { minWidth: 0, maxWidth: 5, leftAlign: false, truncateEnd: true } });
    });

    it('an unknown word is %PARSER_ERROR[word]; a whole word must be a keyword', () => {
      const warnings: string[] = [];
      expect(shape(parse('%pfoo %bogus{x} %replace(%m){a, b}', 'logback', warnings))).to.deep.equal(['%PARSER_ERROR[pfoo] %PARSER_ERROR[bogus] %PARSER_ERROR[replace]']);
      expect(warnings).to.have.length(3);
    });

    it('stops at an unmatched ) as logback does', () => {
      const warnings: string[] = [];
      expect(shape(parse('[%thread] (%logger) %m', 'logback', warnings))).to.deep.equal(['[', '%thread', '] (', '%logger']);
      expect(warnings[0]).to.match(/^unmatched "\)" at position 18: logback stops reading the pattern there and leaves out "\) %m"/);
    });

    it('refuses what logback refuses', () => {
      expect(() => parse('%d{HH:mm', 'logback')).to.throw(/Unclosed "\{" at position 2 in pattern "%d\{HH:mm"/);
      expect(() => parse('%m %-5', 'logback')).to.throw(/Incomplete conversion "%-5" at the end/);
      expect(() => parse('%(%m', 'logback')).to.throw(/Missing "\)"/);
      expect(() => parse('%5.m', 'logback')).to.throw(/Bad format modifier "5\."/);
    });
  });
});
