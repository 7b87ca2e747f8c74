import { expect } from 'chai';
import { fixedEvent } from '../../fixed-event.js';
import { log4j2Layout } from './log4j2-layout.js';

describe('%marker / %markerSimpleName (Log4j 2)', () => {
  // Events here have no marker: Log4j 2 prints nothing for such an event.
  const event = fixedEvent({ loggerName: 'org.apache.logging.log4j.core.layout.PatternLayoutTest', message: 'Hello, world!' });

  it('prints nothing for an event without a marker (PatternLayoutTest.testEqualsEmptyMarker, testRegexEmptyMarker)', () => {
    const warnings: string[] = [];
    expect(log4j2Layout('[%logger]%equals{[%marker]}{[]}{} %msg', warnings).format(event))
      .to.equal('[org.apache.logging.log4j.core.layout.PatternLayoutTest] Hello, world!');
    expect(log4j2Layout('[%logger]%replace{[%marker]}{\\[\\]}{} %msg', warnings).format(event))
      .to.equal('[org.apache.logging.log4j.core.layout.PatternLayoutTest] Hello, world!');
    expect(log4j2Layout('[%logger]%equals{[%marker]}{[]}{[%msg]}', warnings).format(event))
      .to.equal('[org.apache.logging.log4j.core.layout.PatternLayoutTest][Hello, world!]');
    expect(log4j2Layout('%markerSimpleName|%notEmpty{[%marker]}|', warnings).format(event)).to.equal('||');
    expect(warnings).to.deep.equal([]);
  });
});
