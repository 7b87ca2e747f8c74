import { expect } from 'chai';
import { RecordCache } from '../../../../src/auth/store/postgres/record-cache.js';
import { sampleRecord } from '../token-records.js';

describe('auth/store/postgres/RecordCache', () => {
  function enabledCache(maxEntries = 10): RecordCache {
    const cache = new RecordCache(maxEntries);
    cache.setEnabled(true);
    return cache;
  }

  it('keeps what a read found, absence included, and answers it next time', () => {
    const cache = enabledCache();
    const read = cache.begin('a');
    cache.complete('a', read, sampleRecord('a'));
    cache.complete('b', cache.begin('b'), null);
    expect(cache.lookup('a')).to.deep.equal(sampleRecord('a'));
    expect(cache.lookup('b')).to.equal(null);
    expect(cache.lookup('c')).to.equal(undefined);
  });

  it('does not keep a read that a change of its id overtook', () => {
    const cache = enabledCache();
    const read = cache.begin('a');
    cache.invalidate('a');
    cache.complete('a', read, sampleRecord('a'));
    expect(cache.lookup('a')).to.equal(undefined);
  });

  it('does not keep a read that began while disabled or that the loss of the connection overtook', () => {
    const cache = new RecordCache(10);
    const early = cache.begin('a');
    cache.setEnabled(true);
    cache.complete('a', early, sampleRecord('a'));
    expect(cache.lookup('a')).to.equal(undefined);
    const read = cache.begin('b');
    cache.setEnabled(false);
    cache.setEnabled(true);
    cache.complete('b', read, sampleRecord('b'));
    expect(cache.lookup('b')).to.equal(undefined);
  });

  it('answers nothing while disabled and forgets everything when disabled', () => {
    const cache = enabledCache();
    cache.complete('a', cache.begin('a'), sampleRecord('a'));
    cache.setEnabled(false);
    expect(cache.lookup('a')).to.equal(undefined);
    cache.setEnabled(true);
    expect(cache.lookup('a')).to.equal(undefined);
    expect(cache.size).to.equal(0);
  });

  it('drops a changed id, or everything on invalidateAll', () => {
    const cache = enabledCache();
    for (const id of ['a', 'b', 'c']) cache.complete(id, cache.begin(id), sampleRecord(id));
    cache.invalidate('b');
    expect([cache.lookup('a')?.id, cache.lookup('b'), cache.lookup('c')?.id]).to.deep.equal(['a', undefined, 'c']);
    cache.invalidateAll();
    expect(cache.size).to.equal(0);
  });

  it('is bounded, evicting the least recently used first', () => {
    const cache = enabledCache(2);
    cache.complete('a', cache.begin('a'), sampleRecord('a'));
    cache.complete('b', cache.begin('b'), sampleRecord('b'));
    cache.lookup('a');
    cache.complete('c', cache.begin('c'), sampleRecord('c'));
    expect([cache.lookup('a')?.id, cache.lookup('b'), cache.lookup('c')?.id]).to.deep.equal(['a', undefined, 'c']);
    expect(() => new RecordCache(0)).to.throw(RangeError, 'the token record cache needs at least 1 entry, got 0');
  });
});
