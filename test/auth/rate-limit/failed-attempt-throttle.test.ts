import { expect } from 'chai';
import { MemoryAppender } from '../../../appenders/memory-appender.js';
import { AuditLog } from '../../../src/auth/audit/audit-log.js';
import { MemoryAuditSource } from '../../../src/auth/audit/memory-audit-source.js';
import { FailedAttemptThrottle, type FailedAttemptThrottleSetting } from '../../../src/auth/rate-limit/failed-attempt-throttle.js';
import { apiToken } from '../../../src/auth/tokens/api-token.js';
import { captureEverything } from '../support/log-capture.js';
import { ManualClock } from '../support/manual-clock.js';

const MINUTE = 60_000;
const THROTTLE_LOGGER = 'logwarden.auth.FailedAttemptThrottle';

async function throttleWith(setting: FailedAttemptThrottleSetting) {
  const logs = await captureEverything();
  const clock = new ManualClock(Date.UTC(2026, 10, 29, 12, 0, 0));
  const auditAppender = new MemoryAppender({ name: 'audit-capture' });
  const audit = new AuditLog({ appender: auditAppender, source: new MemoryAuditSource(auditAppender), clock });
  const throttle = new FailedAttemptThrottle({ perAddress: 1000, perUser: 1000, ...setting, audit, clock });
  const fail = (user: string | null, address: string) => throttle.recordFailure({ user, address, method: 'GET', path: '/rest/api/2/myself' });
  const warnings = () => logs.events.filter((e) => e.loggerName === THROTTLE_LOGGER).map((e) => `${e.level.name} ${e.message}`);
  return { throttle, clock, audit, fail, warnings };
}

describe('auth/rate-limit/FailedAttemptThrottle', () => {
  it('refuses a user at one address after N failures within the window, for a back-off that doubles with each further failure, is capped and expires', async () => {
    const { throttle, clock, fail } = await throttleWith({ perUserAndAddress: 3, windowMinutes: 15, backoffSeconds: 60, maxBackoffMinutes: 4 });
    fail('admin', '203.0.113.7');
    clock.advance(MINUTE);
    fail('admin', '203.0.113.7');
    expect(throttle.retryAfterMillis('admin', '203.0.113.7')).to.equal(0);
    fail('admin', '203.0.113.7');
    expect(throttle.retryAfterMillis('admin', '203.0.113.7')).to.equal(MINUTE);
    expect(throttle.retryAfterMillis('admin', '198.51.100.1'), 'the same user elsewhere').to.equal(0);
    expect(throttle.retryAfterMillis('alice', '203.0.113.7'), 'another user from there').to.equal(0);
    expect(throttle.retryAfterMillis(null, '203.0.113.7'), 'a bare token from there').to.equal(0);

    const refusals: number[] = [];
    for (let i = 0; i < 4; i++) {
      clock.advance(throttle.retryAfterMillis('admin', '203.0.113.7'));
      expect(throttle.retryAfterMillis('admin', '203.0.113.7'), 'every refusal expires').to.equal(0);
      fail('admin', '203.0.113.7');
      refusals.push(throttle.retryAfterMillis('admin', '203.0.113.7'));
    }
    expect(refusals, 'one more failure during a streak is enough, and the back-off doubles up to the cap').to.deep.equal([2 * MINUTE, 4 * MINUTE, 4 * MINUTE, 4 * MINUTE]);

    clock.advance(4 * MINUTE + 15 * MINUTE);
    fail('admin', '203.0.113.7');
    fail('admin', '203.0.113.7');
    expect(throttle.retryAfterMillis('admin', '203.0.113.7'), 'a quiet window after the refusal ends the streak').to.equal(0);
  });

  it('counts failures in a sliding window: old ones fall out', async () => {
    const { throttle, clock, fail } = await throttleWith({ perUserAndAddress: 3, windowMinutes: 10 });
    fail('admin', '10.0.0.1');
    clock.advance(6 * MINUTE);
    fail('admin', '10.0.0.1');
    clock.advance(4 * MINUTE);
    fail('admin', '10.0.0.1');
    expect(throttle.retryAfterMillis('admin', '10.0.0.1'), 'the first failure is 10 minutes old').to.equal(0);
    clock.advance(MINUTE);
    fail('admin', '10.0.0.1');
    expect(throttle.retryAfterMillis('admin', '10.0.0.1')).to.equal(MINUTE);
  });

  it('starts a user\'s count at an address over when they authenticate from it', async () => {
    const { throttle, fail } = await throttleWith({ perUserAndAddress: 3 });
    fail('admin', '10.0.0.1');
    fail('admin', '10.0.0.1');
    throttle.recordSuccess('admin', '10.0.0.1');
    fail('admin', '10.0.0.1');
    fail('admin', '10.0.0.1');
    expect(throttle.retryAfterMillis('admin', '10.0.0.1')).to.equal(0);
    fail('admin', '10.0.0.1');
    expect(throttle.retryAfterMillis('admin', '10.0.0.1')).to.be.above(0);
  });

  it('refuses an address with many failures, whatever the user names, bare tokens included; a success does not clear it', async () => {
    const { throttle, fail } = await throttleWith({ perAddress: 10, perUserAndAddress: 5 });
    for (let i = 0; i < 9; i++) fail(i % 3 === 0 ? null : `user${i}`, '203.0.113.7');
    throttle.recordSuccess('admin', '203.0.113.7');
    expect(throttle.retryAfterMillis(null, '203.0.113.7')).to.equal(0);
    fail(null, '203.0.113.7');
    for (const user of [null, 'admin', 'anybody']) expect(throttle.retryAfterMillis(user, '203.0.113.7'), String(user)).to.equal(MINUTE);
    expect(throttle.retryAfterMillis('admin', '203.0.113.8')).to.equal(0);
  });

  it('a spray of one user name from many addresses delays that user gently and never where they authenticated lately', async () => {
    const { throttle, clock, fail } = await throttleWith({ perUser: 20, maxBackoffMinutes: 15, knownAddressDays: 30 });
    throttle.recordSuccess('admin', '192.168.1.10');
    clock.advance(86_400_000);
    const spray = (count: number) => {
      for (let i = 0; i < count; i++) fail('admin', `198.51.100.${i}`);
    };
    spray(19);
    expect(throttle.retryAfterMillis('admin', '203.0.113.99')).to.equal(0);
    spray(1);
    expect(throttle.retryAfterMillis('admin', '203.0.113.99'), 'from an address admin never used').to.equal(MINUTE);
    expect(throttle.retryAfterMillis('admin', '192.168.1.10'), 'from the address admin works at').to.equal(0);
    expect(throttle.retryAfterMillis('alice', '203.0.113.99'), 'other users').to.equal(0);

    // The attacker keeps going for hours: each refusal still ends, after at most the cap.
    let longest = 0;
    for (let hour = 0; hour < 180; hour++) {
      const wait = throttle.retryAfterMillis('admin', '203.0.113.99');
      longest = Math.max(longest, wait);
      clock.advance(wait);
      expect(throttle.retryAfterMillis('admin', '203.0.113.99')).to.equal(0);
      spray(1);
    }
    expect(longest).to.equal(15 * MINUTE);
    expect(throttle.retryAfterMillis('admin', '192.168.1.10')).to.equal(0);

    clock.advance(31 * 86_400_000);
    spray(20);
    expect(throttle.retryAfterMillis('admin', '192.168.1.10'), 'an address unused for longer than knownAddressDays is no longer exempt').to.be.above(0);
  });

  it('logs one WARN line and writes one audit record when a refusal starts, not one per failure', async () => {
    const { throttle, clock, audit, fail, warnings } = await throttleWith({ perUserAndAddress: 2, perUser: 3 });
    throttle.recordSuccess('admin', '192.168.1.10');
    fail('admin', '203.0.113.7');
    fail('admin', '203.0.113.7');
    expect(warnings()).to.deep.equal([
      'WARN Too many failed authentication attempts for user admin from address 203.0.113.7 (2 within 15 minutes, or a repeat after a refusal): further attempts are refused for 60 seconds',
    ]);
    fail('admin', '192.168.1.10');
    fail('admin', '192.168.1.10');
    fail('admin', '192.168.1.10');
    expect(warnings().slice(1), 'the user-wide refusal starts once, though failures go on from the known address').to.deep.equal([
      'WARN Too many failed authentication attempts for user admin from any address (3 within 15 minutes, or a repeat after a refusal): attempts from addresses it has not authenticated from lately are refused for 60 seconds',
      'WARN Too many failed authentication attempts for user admin from address 192.168.1.10 (2 within 15 minutes, or a repeat after a refusal): further attempts are refused for 60 seconds',
    ]);
    clock.advance(1000);
    const records = (await audit.query()).records;
    expect(records.map((r) => r.type.action)).to.deep.equal(['Authentication throttled', 'Authentication throttled', 'Authentication throttled']);
    expect(records.at(-1)!.source).to.equal('203.0.113.7');
    expect(records.at(-1)!.affectedObjects.map((o) => o.name)).to.deep.equal(['admin']);
    expect(records.at(-1)!.extraAttributes).to.deep.include({ name: 'Reason', value: 'Too many failed attempts for this user from this address; refused for 60 seconds' });
  });

  it('writes a token-shaped user name (a token sent as the Basic user) redacted, and user text escaped', async () => {
    const { fail, warnings } = await throttleWith({ perUserAndAddress: 1 });
    fail(apiToken.generate(apiToken.newId()), '10.0.0.1');
    fail('eve\nINFO forged', '10.0.0.1');
    expect(warnings()).to.deep.equal([
      'WARN Too many failed authentication attempts for user ***redacted*** from address 10.0.0.1 (1 within 15 minutes, or a repeat after a refusal): further attempts are refused for 60 seconds',
      'WARN Too many failed authentication attempts for user eve\\nINFO forged from address 10.0.0.1 (1 within 15 minutes, or a repeat after a refusal): further attempts are refused for 60 seconds',
    ]);
  });

  it('keeps at most maxKeys names and addresses', async () => {
    const { throttle, fail } = await throttleWith({ perAddress: 1, maxKeys: 2 });
    fail(null, '10.0.0.1');
    fail(null, '10.0.0.2');
    expect(throttle.retryAfterMillis(null, '10.0.0.1')).to.be.above(0);
    fail(null, '10.0.0.3');
    expect(throttle.retryAfterMillis(null, '10.0.0.1'), 'the least recently used is forgotten').to.equal(0);
    expect(throttle.retryAfterMillis(null, '10.0.0.3')).to.be.above(0);
  });

  it('refuses nonsense settings, naming the setting and the value', () => {
    expect(() => new FailedAttemptThrottle({ perUserAndAddress: 0 })).to.throw(RangeError, 'Failed-attempt throttle perUserAndAddress must be a positive whole number, got 0');
    expect(() => new FailedAttemptThrottle({ windowMinutes: 1.5 })).to.throw(RangeError, /windowMinutes.*1\.5/);
    expect(() => new FailedAttemptThrottle({ backoffSeconds: 120, maxBackoffMinutes: 1 })).to.throw(RangeError, /maxBackoffMinutes \(1\) is shorter than backoffSeconds \(120\)/);
    expect(() => new FailedAttemptThrottle({ perAdress: 50 } as FailedAttemptThrottleSetting)).to.throw(RangeError, /unknown setting "perAdress" \(known: windowMinutes, perUserAndAddress, perAddress,/);
  });
});
