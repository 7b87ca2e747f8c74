import { expect } from 'chai';
import { RateLimiter } from '../../../src/auth/rate-limit/rate-limiter.js';
import { ManualClock } from '../support/manual-clock.js';

describe('auth/rate-limit/RateLimiter', () => {
  it('allows N requests within M minutes per key, then refuses until the oldest leaves the window', () => {
    const clock = new ManualClock(0);
    const limiter = new RateLimiter({ requests: 3, minutes: 2, clock });
    expect(limiter.tryAcquire('t1').allowed).to.equal(true);
    clock.advance(10_000);
    expect(limiter.tryAcquire('t1').allowed).to.equal(true);
    expect(limiter.tryAcquire('t1').allowed).to.equal(true);
    const refused = limiter.tryAcquire('t1');
    expect(refused.allowed).to.equal(false);
    expect(refused.retryAfterMillis).to.equal(110_000);
    expect(limiter.tryAcquire('t2').allowed, 'keys are independent').to.equal(true);
    clock.advance(109_999);
    expect(limiter.tryAcquire('t1').allowed).to.equal(false);
    clock.advance(1);
    expect(limiter.tryAcquire('t1').allowed).to.equal(true);
    expect(limiter.tryAcquire('t1').allowed, 'refused requests did not count, but the window is full again').to.equal(false);
  });

  it('forgets keys beyond its bound and on request', () => {
    const clock = new ManualClock(0);
    const limiter = new RateLimiter({ requests: 1, minutes: 1, clock, maxKeys: 2 });
    limiter.tryAcquire('a');
    limiter.tryAcquire('b');
    limiter.tryAcquire('c');
    expect(limiter.tryAcquire('a').allowed).to.equal(true);
    limiter.forget('c');
    expect(limiter.tryAcquire('c').allowed).to.equal(true);
  });

  it('refuses nonsense settings', () => {
    expect(() => new RateLimiter({ requests: 0, minutes: 1 })).to.throw(/requests/);
    expect(() => new RateLimiter({ requests: 1, minutes: 1.5 })).to.throw(/minutes/);
  });
});
