import { expect } from 'chai';
import { LevelGate } from '../../appenders/level-gate.js';
import { MemoryAppender } from '../../appenders/memory-appender.js';
import { Hierarchy } from '../../src/hierarchy.js';
import { Level } from '../../src/level.js';
import { fixedEvent } from '../layouts/fixed-event.js';

describe('LevelGate', () => {
  it('passes events at or above its level to the appender, and nothing below', () => {
    const target = new MemoryAppender({ name: 'm' });
    const gate = new LevelGate(target, Level.WARN);
    for (const level of [Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR]) gate.append(fixedEvent({ level, message: level.name }));
    expect(target.messages).to.deep.equal(['WARN', 'ERROR']);
  });

  it('answers with the appender\'s name and location needs, and names it in forwardsTo so the hierarchy counts it attached', () => {
    const target = new MemoryAppender({ name: 'm' });
    const gate = new LevelGate(target, Level.WARN);
    expect(gate.name).to.equal('m');
    expect(gate.requiresLocation).to.equal(false);
    const hierarchy = new Hierarchy();
    hierarchy.getLogger('a').addAppender(gate);
    expect(hierarchy.allAppenders()).to.have.members([gate, target]);
  });
});
