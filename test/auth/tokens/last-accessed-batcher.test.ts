import { expect } from 'chai';
import { LastAccessedBatcher } from '../../../src/auth/tokens/last-accessed-batcher.js';
import type { IntervalScheduler } from '../../../src/auth/interval-scheduler.js';
import { MemoryTokenStore } from '../../../src/auth/store/memory-token-store.js';
import type { TokenRecord } from '../../../src/auth/tokens/token-record.js';
import { captureEverything, messagesOf } from '../support/log-capture.js';

class ManualScheduler implements IntervalScheduler {
  tasks = new Map<number, { fn: () => void; ms: number }>();
  private next = 0;
  setInterval(fn: () => void, ms: number): unknown {
    this.tasks.set(++this.next, { fn, ms });
    return this.next;
  }
  clearInterval(handle: unknown): void {
    this.tasks.delete(handle as number);
  }
  fire(): void {
    for (const task of this.tasks.values()) task.fn();
  }
}

function record(id: string): TokenRecord {
  return { id, family: 'pat', owner: 'admin', description: 'd', scope: 'READ_WRITE', hash: 'h', createdAt: 0, expiresAt: null, lastAccessedAt: null };
}

describe('auth/tokens/LastAccessedBatcher', () => {
  it('writes nothing per request, then the latest time per token once per interval', async () => {
    const memory = await captureEverything();
    const store = new MemoryTokenStore([record('100000000001'), record('100000000002')]);
    const touched: number[] = [];
    const realTouch = store.touch.bind(store);
    store.touch = async (batch) => {
      touched.push(batch.size);
      await realTouch(batch);
    };
    const scheduler = new ManualScheduler();
    const batcher = new LastAccessedBatcher({ store, scheduler });
    expect([...scheduler.tasks.values()][0]!.ms).to.equal(60_000);

    batcher.record('100000000001', 1000);
    batcher.record('100000000001', 3000);
    batcher.record('100000000001', 2000);
    batcher.record('100000000002', 5000);
    expect(touched).to.deep.equal([]);
    expect((await store.get('100000000001'))!.lastAccessedAt).to.equal(null);

    scheduler.fire();
    await batcher.flush();
    expect(touched).to.deep.equal([2]);
    expect((await store.get('100000000001'))!.lastAccessedAt).to.equal(3000);
    expect((await store.get('100000000002'))!.lastAccessedAt).to.equal(5000);
    expect(messagesOf(memory, 'com.atlassian.pats.service.LastAccessedTimeBatcher')).to.deep.equal(['Persisting last accessed time for [2] tokens']);

    scheduler.fire();
    await batcher.flush();
    expect(touched).to.deep.equal([2]);
    await batcher.close();
    expect(scheduler.tasks.size).to.equal(0);
  });

  it('keeps the times for the next attempt when the store fails', async () => {
    await captureEverything();
    const store = new MemoryTokenStore([record('100000000001')]);
    let fail = true;
    const realTouch = store.touch.bind(store);
    store.touch = async (batch) => {
      if (fail) throw new Error('disk full');
      await realTouch(batch);
    };
    const { InternalLog } = await import('../../../src/internal-log.js');
    const reports: string[] = [];
    const previous = InternalLog.setSink((line) => reports.push(line));
    try {
      const batcher = new LastAccessedBatcher({ store, scheduler: new ManualScheduler() });
      batcher.record('100000000001', 42);
      await batcher.flush();
      expect(reports.join()).to.include('disk full');
      expect(batcher.pendingCount).to.equal(1);
      fail = false;
      await batcher.close();
      expect((await store.get('100000000001'))!.lastAccessedAt).to.equal(42);
    } finally {
      InternalLog.setSink(previous);
    }
  });

  it('forgets a deleted token', async () => {
    const batcher = new LastAccessedBatcher({ store: new MemoryTokenStore(), scheduler: new ManualScheduler() });
    batcher.record('100000000001', 1);
    batcher.forget('100000000001');
    expect(batcher.pendingCount).to.equal(0);
    await batcher.close();
  });
});
