import { expect } from 'chai';
import { VerificationCache } from '../../../src/auth/tokens/verification-cache.js';
import { ManualClock } from '../support/manual-clock.js';

describe('auth/tokens/VerificationCache', () => {
  it('answers for a verified value until the entry expires', () => {
    const clock = new ManualClock(0);
    const cache = new VerificationCache({ ttlMillis: 1000, clock });
    cache.add('value-a', 'id1', 'hash1');
    expect(cache.has('value-a', 'id1', 'hash1')).to.equal(true);
    clock.advance(999);
    expect(cache.has('value-a', 'id1', 'hash1')).to.equal(true);
    clock.advance(1);
    expect(cache.has('value-a', 'id1', 'hash1')).to.equal(false);
    expect(cache.size).to.equal(0);
  });

  it('does not answer for another value, id or stored hash', () => {
    const cache = new VerificationCache();
    cache.add('value-a', 'id1', 'hash1');
    expect(cache.has('value-b', 'id1', 'hash1')).to.equal(false);
    expect(cache.has('value-a', 'id2', 'hash1')).to.equal(false);
    expect(cache.has('value-a', 'id1', 'hash-of-a-recreated-token')).to.equal(false);
  });

  it('evicts the least recently used entry beyond its bound', () => {
    const cache = new VerificationCache({ maxEntries: 2 });
    cache.add('a', 'ia', 'h');
    cache.add('b', 'ib', 'h');
    expect(cache.has('a', 'ia', 'h')).to.equal(true);
    cache.add('c', 'ic', 'h');
    expect(cache.size).to.equal(2);
    expect(cache.has('b', 'ib', 'h')).to.equal(false);
    expect(cache.has('a', 'ia', 'h')).to.equal(true);
    expect(cache.has('c', 'ic', 'h')).to.equal(true);
  });

  it('drops every entry of a deleted token', () => {
    const cache = new VerificationCache();
    cache.add('a', 'id1', 'h');
    cache.add('b', 'id2', 'h');
    cache.evictToken('id1');
    expect(cache.has('a', 'id1', 'h')).to.equal(false);
    expect(cache.has('b', 'id2', 'h')).to.equal(true);
  });

  it('keys by digest, never by the token value', () => {
    const cache = new VerificationCache();
    cache.add('super-secret-token-value', 'id1', 'h');
    const internals = JSON.stringify([...(cache as unknown as { entries: Map<string, unknown> }).entries.entries()]);
    expect(internals).to.not.include('super-secret-token-value');
  });

  it('refuses nonsense bounds', () => {
    expect(() => new VerificationCache({ maxEntries: 0 })).to.throw(/maxEntries/);
    expect(() => new VerificationCache({ ttlMillis: -1 })).to.throw(/ttlMillis/);
  });
});
