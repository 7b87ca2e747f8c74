import { expect } from 'chai';
import { RecentMap } from '../../src/token-report/recent-map.js';

describe('token-report/RecentMap', () => {
  it('holds at most twice its half, forgetting the entries not used since the last turnover', () => {
    const map = new RecentMap<number>(2);
    for (let i = 0; i < 10; i++) map.set(`k${i}`, i);
    expect(map.size).to.be.at.most(4);
    expect(map.get('k0')).to.equal(undefined);
    expect(map.get('k9')).to.equal(9);
  });

  it('an entry read from the old generation moves to the young one and survives the next turnover', () => {
    const map = new RecentMap<string>(2);
    map.set('a', 'A');
    map.set('b', 'B');
    map.set('c', 'C'); // a, b are now old
    expect(map.get('a')).to.equal('A'); // a moves up beside c
    map.set('d', 'D'); // young (c, a) full: it turns old, b is dropped
    expect([map.get('a'), map.get('b'), map.get('c'), map.get('d')]).to.deep.equal(['A', undefined, 'C', 'D']);
  });

  it('setting a key again replaces its value without a second entry', () => {
    const map = new RecentMap<number>(4);
    map.set('a', 1);
    map.set('b', 2);
    map.set('c', 3);
    map.set('d', 4);
    map.set('e', 5); // a..d are old
    map.set('a', 6);
    expect(map.get('a')).to.equal(6);
    expect(map.size).to.equal(5);
  });
});
