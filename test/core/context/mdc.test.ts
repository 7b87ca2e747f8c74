import { expect } from 'chai';
import { MDC } from '../../../src/context/mdc.js';
import { resetProcessFrame } from '../../../src/context/context-frame.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('MDC', () => {
  afterEach(() => resetProcessFrame());

  it('scopes values to the async context of run()', async () => {
    await MDC.run({ user: 'admin', count: 3 }, async () => {
      await tick();
      expect(MDC.get('user')).to.equal('admin');
      expect(MDC.get('count')).to.equal('3');
    });
    expect(MDC.get('user')).to.equal(undefined);
  });

  it('supports put, get, remove, clear and getContext inside run()', () => {
    MDC.run({}, () => {
      MDC.put('a', '1');
      MDC.put('b', '2');
      expect(MDC.getContext()).to.deep.equal({ a: '1', b: '2' });
      MDC.remove('a');
      expect(MDC.get('a')).to.equal(undefined);
      MDC.clear();
      expect(MDC.getContext()).to.deep.equal({});
    });
  });

  it('uses one process-wide map outside any run (log4j behaviour)', async () => {
    MDC.put('global', 'yes');
    await tick();
    expect(MDC.get('global')).to.equal('yes');
    MDC.run({}, () => expect(MDC.get('global')).to.equal('yes'));
  });

  it('lets a nested run inherit values without leaking changes back', () => {
    MDC.run({ outer: 'o' }, () => {
      MDC.run({ inner: 'i' }, () => {
        MDC.put('outer', 'changed');
        expect(MDC.getContext()).to.deep.equal({ outer: 'changed', inner: 'i' });
      });
      expect(MDC.getContext()).to.deep.equal({ outer: 'o' });
    });
  });

  it('hands out snapshots that later changes do not alter (no copy on read)', () => {
    MDC.run({ k: 'v1' }, () => {
      const snapshot = MDC.getContext();
      expect(MDC.getContext()).to.equal(snapshot);
      MDC.put('k', 'v2');
      expect(snapshot).to.deep.equal({ k: 'v1' });
      expect(Object.isFrozen(snapshot)).to.equal(true);
    });
  });

  it('keeps 1,000 concurrent async tasks apart', async () => {
    const leaks: string[] = [];
    await Promise.all(Array.from({ length: 1000 }, (_, i) => MDC.run({ task: String(i) }, async () => {
      MDC.put('step', `${i}-0`);
      for (let step = 1; step <= 5; step++) {
        await (i % 3 === 0 ? tick() : new Promise((r) => setTimeout(r, i % 7)));
        if (MDC.get('task') !== String(i) || MDC.get('step') !== `${i}-${step - 1}`) {
          leaks.push(`task ${i} saw ${JSON.stringify(MDC.getContext())}`);
        }
        MDC.put('step', `${i}-${step}`);
      }
    })));
    expect(leaks).to.deep.equal([]);
    expect(MDC.get('task')).to.equal(undefined);
  });
});
