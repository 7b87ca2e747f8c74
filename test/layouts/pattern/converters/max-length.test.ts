import { expect } from 'chai';
import { fixedEvent } from '../../fixed-event.js';
import { log4j2Layout } from './log4j2-layout.js';

describe('%maxLen / %maxLength (Log4j 2)', () => {
  it('cuts the inner pattern to N characters', () => {
    // Log4j 2's MaxLengthConverterTest.testOverMaxLength: "01234567890123456789" at 10.
    const event = fixedEvent({ message: '01234567890123456789' });
    expect(log4j2Layout('%maxLen{%m}{10}').format(event)).to.equal('0123456789');
    expect(log4j2Layout('%maxLength{%m}{10}').format(event)).to.equal('0123456789');
    expect(log4j2Layout('%maxLen{%m}{20}').format(event)).to.equal('01234567890123456789');
  });

  it('adds "..." after the cut only when N is over 20 (MaxLengthConverter.format)', () => {
    const message = 'a'.repeat(30);
    expect(log4j2Layout('%maxLen{%m}{20}').format(fixedEvent({ message }))).to.equal('a'.repeat(20));
    expect(log4j2Layout('%maxLen{%m}{21}').format(fixedEvent({ message }))).to.equal(`${'a'.repeat(21)}...`);
  });

  it('refuses a length that is not a whole number', () => {
    expect(() => log4j2Layout('%maxLen{%m}{ten}')).to.throw(/%maxLen: the length \{ten\} must be a whole number/);
  });
});
