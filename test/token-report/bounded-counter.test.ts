import { expect } from 'chai';
import { BoundedCounter } from '../../src/token-report/bounded-counter.js';

describe('token-report/BoundedCounter', () => {
  it('keeps at most its capacity of distinct values and counts the rest as others', () => {
    const counter = new BoundedCounter(2);
    for (const value of ['a', 'b', 'a', 'c', 'd', 'b', 'a']) counter.add(value);
    expect(counter.distinct).to.equal(2);
    expect(counter.others).to.equal(2);
    expect(counter.top(5)).to.deep.equal([{ value: 'a', count: 3 }, { value: 'b', count: 2 }]);
  });

  it('orders ties by value, so the order of arrival does not change the top list', () => {
    const one = new BoundedCounter(10);
    const two = new BoundedCounter(10);
    for (const value of ['x', 'y', 'z']) one.add(value);
    for (const value of ['z', 'x', 'y']) two.add(value);
    expect(one.top(2)).to.deep.equal(two.top(2));
    expect(one.top(2).map((item) => item.value)).to.deep.equal(['x', 'y']);
  });
});
