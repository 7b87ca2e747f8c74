import { expect } from 'chai';
import { pkcs5s2 } from '../../../src/auth/crypto/pkcs5s2.js';
import { MemoryTokenStore } from '../../../src/auth/store/memory-token-store.js';
import { apiToken } from '../../../src/auth/tokens/api-token.js';
import { TokenVerifier } from '../../../src/auth/tokens/token-verifier.js';
import { ManualClock } from '../support/manual-clock.js';

describe('auth/tokens/TokenVerifier', () => {
  const id = apiToken.newId();
  const token = apiToken.generate(id);
  const hash = pkcs5s2.encode(token);
  const record = { id, family: 'api' as const, owner: 'admin', description: 'd', scope: 'READ_WRITE' as const, hash, createdAt: 0, expiresAt: 10_000, lastAccessedAt: null };

  function countingPbkdf2(): { calls: number; restore(): void } {
    const original = pkcs5s2.matchesAsync;
    const counter = {
      calls: 0,
      restore: () => {
        pkcs5s2.matchesAsync = original;
      },
    };
    pkcs5s2.matchesAsync = (plain, stored) => {
      counter.calls++;
      return original(plain, stored);
    };
    return counter;
  }

  it('runs PBKDF2 once for a valid token, then answers from the cache', async () => {
    const verifier = new TokenVerifier({ store: new MemoryTokenStore([record]), clock: new ManualClock(0) });
    const counter = countingPbkdf2();
    try {
      for (let i = 0; i < 5; i++) expect((await verifier.verify(token)).status).to.equal('valid');
      expect(counter.calls).to.equal(1);
    } finally {
      counter.restore();
    }
  });

  it('shares one PBKDF2 among concurrent first requests', async () => {
    const verifier = new TokenVerifier({ store: new MemoryTokenStore([record]), clock: new ManualClock(0) });
    const counter = countingPbkdf2();
    try {
      const results = await Promise.all(Array.from({ length: 20 }, () => verifier.verify(token)));
      expect(results.every((r) => r.status === 'valid')).to.equal(true);
      expect(counter.calls).to.equal(1);
    } finally {
      counter.restore();
    }
  });

  it('tells not-a-token, invalid and expired apart, judging expiry only after the hash check', async () => {
    const clock = new ManualClock(0);
    const verifier = new TokenVerifier({ store: new MemoryTokenStore([record]), clock });
    expect((await verifier.verify('hunter2')).status).to.equal('not-a-token');
    expect((await verifier.verify(apiToken.generate(apiToken.newId()))).status).to.equal('invalid');
    clock.advance(10_000);
    expect((await verifier.verify(apiToken.generate(id))).status, 'wrong secret for an expired id').to.equal('invalid');
    expect((await verifier.verify(token)).status).to.equal('expired');
  });

  it('does not cache a token deleted while its hash was being checked', async () => {
    const store = new MemoryTokenStore([record]);
    const verifier = new TokenVerifier({ store, clock: new ManualClock(0) });
    const pending = verifier.verify(token);
    await store.delete(id);
    expect((await pending).status).to.equal('invalid');
    expect(verifier.cache.size).to.equal(0);
  });
});
