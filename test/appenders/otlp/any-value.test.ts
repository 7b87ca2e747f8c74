import { expect } from 'chai';
import { anyValue } from '../../../appenders/otlp/any-value.js';

const parse = (value: unknown): unknown => JSON.parse(anyValue(value));

describe('OTLP AnyValue of a field value', () => {
  it('maps JavaScript values as OpenTelemetry\'s serializer does', () => {
    expect(parse('text')).to.deep.equal({ stringValue: 'text' });
    expect(parse(3)).to.deep.equal({ intValue: 3 });
    expect(parse(2.5)).to.deep.equal({ doubleValue: 2.5 });
    expect(parse(false)).to.deep.equal({ boolValue: false });
    expect(parse(null)).to.deep.equal({});
    expect(parse(undefined)).to.deep.equal({});
    expect(parse(new Uint8Array([1, 2, 255]))).to.deep.equal({ bytesValue: 'AQL/' });
    expect(parse([1, 'a'])).to.deep.equal({ arrayValue: { values: [{ intValue: 1 }, { stringValue: 'a' }] } });
    expect(parse({ a: { b: true } })).to.deep.equal({ kvlistValue: { values: [{ key: 'a', value: { kvlistValue: { values: [{ key: 'b', value: { boolValue: true } }] } } }] } });
  });

  it('says something sensible where JSON cannot: big and non-finite numbers, BigInt, dates, errors, maps and sets', () => {
    expect(parse(2 ** 60)).to.deep.equal({ doubleValue: 2 ** 60 });
    expect([parse(NaN), parse(Infinity), parse(-Infinity)]).to.deep.equal([{ doubleValue: 'NaN' }, { doubleValue: 'Infinity' }, { doubleValue: '-Infinity' }]);
    expect(parse(12345678901234567890n)).to.deep.equal({ intValue: '12345678901234567890' });
    expect(parse(new Date(Date.UTC(2026, 0, 2)))).to.deep.equal({ stringValue: '2026-01-02T00:00:00.000Z' });
    const error = new TypeError('bad');
    error.stack = 'TypeError: bad\n    at f (/app.js:1:1)';
    expect(parse(error)).to.deep.equal({ kvlistValue: { values: [
      { key: 'type', value: { stringValue: 'TypeError' } }, { key: 'message', value: { stringValue: 'bad' } }, { key: 'stacktrace', value: { stringValue: 'TypeError: bad\n    at f (/app.js:1:1)' } },
    ] } });
    expect(parse(new Map([['k', 1]]))).to.deep.equal({ kvlistValue: { values: [{ key: 'k', value: { intValue: 1 } }] } });
    expect(parse(new Set(['x']))).to.deep.equal({ arrayValue: { values: [{ stringValue: 'x' }] } });
  });

  it('never throws and never recurses without end', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(parse(cyclic)).to.deep.equal({ kvlistValue: { values: [{ key: 'self', value: { stringValue: '[Circular]' } }] } });
    let deep: unknown = 'bottom';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(anyValue(deep)).to.include('[Too deep]');
    expect(parse({ get x(): never { throw new Error('denied'); } })).to.deep.equal({ stringValue: '[Unserializable: denied]' });
  });

  it('sends at most 100,000 values of one field: a small graph that repeats an array in itself cannot make unbounded work', () => {
    let repeated: unknown = 'x';
    for (let depth = 0; depth < 9; depth++) repeated = Array<unknown>(10).fill(repeated);
    expect(parse({ fanOut: repeated })).to.deep.equal({ stringValue: '[Unserializable: more than 100000 values]' });
    const large = Array.from({ length: 99_999 }, (_, i) => i);
    expect(parse(large)).to.deep.equal({ arrayValue: { values: large.map((i) => ({ intValue: i })) } });
  });
});
