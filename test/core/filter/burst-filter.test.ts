import { expect } from 'chai';
import { BurstFilter } from '../../../src/filter/burst-filter.js';
import { FilterDecision } from '../../../src/filter/filter.js';
import { Level } from '../../../src/level.js';
import { fixedEvent } from '../../layouts/fixed-event.js';

describe('BurstFilter (Log4j 2)', () => {
  it('lets maxBurst events at the level or below through at once, then `rate` a second; more severe ones always', () => {
    let now = 1_000_000;
    const filter = new BurstFilter({ level: Level.INFO, rate: 2, maxBurst: 3, now: () => now });
    const info = fixedEvent({ level: Level.INFO });
    const debug = fixedEvent({ level: Level.DEBUG });
    const decisions = [info, debug, info, info, debug].map((event) => filter.decide(event));
    expect(decisions).to.deep.equal([FilterDecision.NEUTRAL, FilterDecision.NEUTRAL, FilterDecision.NEUTRAL, FilterDecision.DENY, FilterDecision.DENY]);
    expect(filter.decide(fixedEvent({ level: Level.WARN }))).to.equal(FilterDecision.NEUTRAL);
    now += 500; // half a second at 2 a second: one more
    expect([filter.decide(info), filter.decide(info)]).to.deep.equal([FilterDecision.NEUTRAL, FilterDecision.DENY]);
    now += 60_000; // refills to maxBurst, no further
    expect([info, info, info, info].map((event) => filter.decide(event))).to.deep.equal([FilterDecision.NEUTRAL, FilterDecision.NEUTRAL, FilterDecision.NEUTRAL, FilterDecision.DENY]);
  });

  it('defaults as Log4j 2: WARN, 10 a second, a burst of 100', () => {
    const filter = new BurstFilter({ now: () => 0 });
    const warn = fixedEvent({ level: Level.WARN });
    const passed = Array.from({ length: 150 }, () => filter.decide(warn)).filter((d) => d === FilterDecision.NEUTRAL).length;
    expect(passed).to.equal(100);
    expect(filter.decide(fixedEvent({ level: Level.ERROR }))).to.equal(FilterDecision.NEUTRAL);
  });

  it('refuses a rate or burst that is not positive', () => {
    expect(() => new BurstFilter({ rate: 0 })).to.throw(/option rate: must be a positive number/);
    expect(() => new BurstFilter({ maxBurst: 0 })).to.throw(/option maxBurst: must be a whole number of at least 1/);
  });
});
