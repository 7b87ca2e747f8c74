import { expect } from 'chai';
import { jsonValue } from '../../layouts/json-value.js';

describe('jsonValue', () => {
  it('writes what JSON.stringify writes for plain data', () => {
    const data = { s: 'x"y', n: 1.5, i: -3, b: true, z: null, a: [1, 'two', { three: 3 }], o: { nested: { deep: 'yes' } }, d: new Date(Date.UTC(2026, 0, 2)) };
    expect(jsonValue(data)).to.equal(JSON.stringify(data));
    expect([jsonValue(NaN), jsonValue(Infinity), jsonValue([undefined, () => 1])]).to.deep.equal(['null', 'null', '[null,null]']);
  });

  it('leaves out what JSON.stringify leaves out', () => {
    expect([jsonValue(undefined), jsonValue(() => 1), jsonValue(Symbol('s'))]).to.deep.equal([undefined, undefined, undefined]);
    expect(jsonValue({ a: undefined, b: 1 })).to.equal('{"b":1}');
  });

  it('writes what JSON.stringify cannot, instead of throwing', () => {
    expect(jsonValue(2n ** 70n)).to.equal('1180591620717411303424');
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(jsonValue(cyclic)).to.equal('["[Circular]"]');
    expect(jsonValue(new Map([['k', new Set([1, 2])]]))).to.equal('{"k":[1,2]}');
    expect(jsonValue({ toJSON(): never { throw new Error('nope'); } })).to.equal('"[Unserializable: nope]"');
    expect(jsonValue({ toJSON(): never { throw Object.create(null); } })).to.equal('"[Unserializable: a thrown value that cannot be printed]"');
  });

  it('writes at most 100,000 values of one field: a small graph that repeats an array in itself cannot make unbounded work', () => {
    let repeated: unknown = 'x';
    for (let depth = 0; depth < 9; depth++) repeated = Array<unknown>(10).fill(repeated);
    expect(jsonValue({ fanOut: repeated })).to.equal('"[Unserializable: more than 100000 values]"');
    const large = Array.from({ length: 99_999 }, (_, i) => i);
    expect(jsonValue(large)).to.equal(JSON.stringify(large));
  });

  it('a repeated (not cyclic) object is written each time', () => {
    const shared = { id: 1 };
    expect(jsonValue({ a: shared, b: shared })).to.equal('{"a":{"id":1},"b":{"id":1}}');
  });
});
