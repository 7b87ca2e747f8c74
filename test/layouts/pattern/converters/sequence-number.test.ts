import { expect } from 'chai';
import { fixedEvent } from '../../fixed-event.js';
import { log4j2Layout } from './log4j2-layout.js';

describe('%sn / %sequenceNumber (Log4j 2)', () => {
  it('counts up by one at each line, one counter for every layout as in Log4j 2', () => {
    const first = log4j2Layout('%sn %m');
    const second = log4j2Layout('%sequenceNumber');
    const a = Number(first.format(fixedEvent()).split(' ')[0]);
    expect(a).to.be.greaterThan(0);
    expect(first.format(fixedEvent())).to.equal(`${a + 1} Message 0`);
    expect(second.format(fixedEvent())).to.equal(String(a + 2));
  });
});
