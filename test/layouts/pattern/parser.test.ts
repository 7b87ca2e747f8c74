import { expect } from 'chai';
import { CONVERTERS } from '../../../layouts/pattern/converter-map.js';
import { parsePattern, type PatternToken } from '../../../layouts/pattern/parser.js';

const isKeyword = (k: string): boolean => CONVERTERS.has(k);
const parse = (p: string, splitOptionsOnComma = false): PatternToken[] => parsePattern(p, { isKeyword, splitOptionsOnComma });

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
    expect(parse('%logger%msg%level%throwable').map((t) => (t.kind === 'conversion' ? t.keyword : t.text))).to.deep.equal(['logger', 'msg', 'level', 'throwable']);
    expect(parse('%pfoo').map((t) => (t.kind === 'conversion' ? t.keyword : t.text))).to.deep.equal(['p', 'foo']);
    expect(parse('%cx').map((t) => (t.kind === 'conversion' ? t.keyword : t.text))).to.deep.equal(['c', 'x']);
  });

  it('reads %% as a percent sign and a trailing % literally', () => {
    expect(parse('100%% done %')).to.deep.equal([{ kind: 'literal', text: '100% done %' }]);
  });

  it('splits logback options on commas outside double quotes', () => {
    expect(parse('%d{"HH:mm:ss,SSS", UTC}', true)[0]).to.deep.include({ options: ['HH:mm:ss,SSS', 'UTC'] });
    expect(parse('%d{HH:mm:ss,SSS}', false)[0]).to.deep.include({ options: ['HH:mm:ss,SSS'] });
  });

  it('names an unknown conversion and the pattern', () => {
    expect(() => parse('%d %W %m')).to.throw('Unknown conversion "%W" at position 3 in pattern "%d %W %m"');
    expect(() => parse('%m %-5')).to.throw('Incomplete conversion "%-5" at the end of pattern "%m %-5"');
    expect(() => parse('%5{x}')).to.throw(/Unknown conversion "%\{"/);
    expect(() => parse('%zzz')).to.throw(/Unknown conversion "%zzz"/);
  });

  it('rejects an unclosed option and a dot without a number', () => {
    expect(() => parse('%d{HH:mm')).to.throw(/Unclosed "\{" after "%d" at position 2 in pattern "%d\{HH:mm"/);
    expect(() => parse('%.c')).to.throw(/Bad format modifier/);
  });
});
