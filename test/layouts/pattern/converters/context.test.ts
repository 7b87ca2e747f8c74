import { expect } from 'chai';
import { PatternLayout } from '../../../../layouts/pattern/pattern-layout.js';
import { fixedEvent } from '../../fixed-event.js';
import { log4j2Layout } from './log4j2-layout.js';

describe('%X without a key', () => {
  const event = fixedEvent({ message: 'Hello', mdc: { key2: 'value2', key1: 'value1' } });

  it('prints the context map as Log4j 2 does in its patterns (PatternLayoutTest.testMdcPattern0 and 1)', () => {
    expect(log4j2Layout('%m : %X').format(event)).to.equal('Hello : {key1=value1, key2=value2}');
    expect(log4j2Layout('%m : %X').format(fixedEvent({ message: 'Hello' }))).to.equal('Hello : {}');
  });

  it('keeps log4j 1.2\'s {{key,value}} form in log4j patterns', () => {
    expect(new PatternLayout('%X').format(event)).to.equal('{{key1,value1}{key2,value2}}');
  });
});
