import { expect } from 'chai';
import { AuditChain } from '../../../../src/auth/audit/chain/audit-chain.js';
import { hmacSigningKey } from '../../../../src/auth/audit/chain/audit-keys.js';
import { GENESIS_HASH, lineHash } from '../../../../src/auth/audit/chain/chain-line.js';
import type { IntervalScheduler } from '../../../../src/auth/interval-scheduler.js';
import { ManualClock } from '../../support/manual-clock.js';

const key = hmacSigningKey(Buffer.from('a test secret of at least thirty-two bytes'));
const NEW_LOG = { seq: 0, hash: GENESIS_HASH, closed: true, lastKey: null, tornLine: false };

function manualScheduler(): IntervalScheduler & { tick(): void; periods: number[]; cleared: number } {
  const timers: { fn: () => void; ms: number }[] = [];
  return {
    periods: [],
    cleared: 0,
    setInterval(fn, ms) {
      timers.push({ fn, ms });
      this.periods.push(ms);
      return timers.length - 1;
    },
    clearInterval() {
      this.cleared++;
      timers.splice(0);
    },
    tick() {
      for (const timer of [...timers]) timer.fn();
    },
  };
}

function kinds(lines: string[]): string[] {
  return lines.map((line) => {
    const value = JSON.parse(line) as { checkpoint?: { reason: string }; keyChange?: unknown };
    return value.checkpoint ? `checkpoint:${value.checkpoint.reason}` : value.keyChange ? 'keyChange' : 'record';
  });
}

describe('auth/audit/chain/AuditChain', () => {
  it('starts with a checkpoint, chains every line to the one before, and seals every N records and on close', () => {
    const lines: string[] = [];
    const chain = new AuditChain({ key, checkpointEveryRecords: 2 }, NEW_LOG, new ManualClock(0), manualScheduler(), (line) => lines.push(line));
    for (let i = 0; i < 3; i++) chain.record(`{"n":${i}}`);
    chain.close();
    expect(kinds(lines)).to.deep.equal(['checkpoint:start', 'record', 'record', 'checkpoint:interval', 'record', 'checkpoint:close']);
    lines.forEach((line, i) => {
      const { chain: link } = JSON.parse(line) as { chain: { seq: number; prev: string } };
      expect(link).to.deep.equal({ seq: i + 1, prev: i === 0 ? GENESIS_HASH : lineHash(lines[i - 1]!) });
    });
  });

  it('seals unsealed records when the seconds interval ticks, and writes nothing for a tick with no new record', () => {
    const lines: string[] = [];
    const scheduler = manualScheduler();
    const chain = new AuditChain({ key, checkpointEverySeconds: 30 }, NEW_LOG, new ManualClock(0), scheduler, (line) => lines.push(line));
    expect(scheduler.periods).to.deep.equal([30_000]);
    scheduler.tick();
    chain.record('{"n":1}');
    scheduler.tick();
    scheduler.tick();
    expect(kinds(lines)).to.deep.equal(['checkpoint:start', 'record', 'checkpoint:interval']);
    chain.close();
    expect(scheduler.cleared).to.equal(1);
    expect(() => chain.record('{"n":2}')).to.throw('Audit chain: written after close');
  });

  it('continues a log that did not end with a close as a resume; a torn last line gets a line break first', () => {
    const lines: string[] = [];
    const head = { seq: 7, hash: 'b'.repeat(64), closed: false, lastKey: key.id, tornLine: true };
    new AuditChain({ key }, head, new ManualClock(0), manualScheduler(), (line) => lines.push(line));
    expect(lines[0]!.startsWith(`\n{"chain":{"seq":8,"prev":"${'b'.repeat(64)}"},"checkpoint":{"reason":"resume"`)).to.equal(true);
    expect(JSON.parse(lines[0]!).checkpoint.tornLine).to.equal(true);
  });

  it('records a start with another key than the last checkpoint', () => {
    const lines: string[] = [];
    const head = { seq: 3, hash: 'c'.repeat(64), closed: true, lastKey: 'ed25519:0123456789abcdef', tornLine: false };
    new AuditChain({ key }, head, new ManualClock(0), manualScheduler(), (line) => lines.push(line));
    expect(kinds(lines)).to.deep.equal(['checkpoint:start', 'keyChange']);
    expect(JSON.parse(lines[1]!).keyChange).to.deep.include({ from: 'ed25519:0123456789abcdef', to: key.id, alg: 'hmac-sha256' });
  });

  it('refuses an interval that is not a positive whole number', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => new AuditChain({ key, checkpointEveryRecords: bad }, NEW_LOG, new ManualClock(0), manualScheduler(), () => {}))
        .to.throw(RangeError, `Audit chain: checkpointEveryRecords must be a positive whole number, got ${bad}`);
    }
  });
});
