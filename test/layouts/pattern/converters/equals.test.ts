import { expect } from 'chai';
import { fixedEvent } from '../../fixed-event.js';
import { log4j2Layout } from './log4j2-layout.js';

describe('%equals / %equalsIgnoreCase (Log4j 2)', () => {
  // Log4j 2's EqualsReplacementConverterTest: "%equals{[%marker]}{[]}{}" prints nothing
  // without a marker; here the MDC stands in for the marker.
  it('prints the substitution when the inner pattern prints exactly the test text', () => {
    const layout = log4j2Layout('%equals{[%X{id}]}{[]}{}%m');
    expect(layout.format(fixedEvent({ message: 'hi' }))).to.equal('hi');
    expect(layout.format(fixedEvent({ message: 'hi', mdc: { id: '7' } }))).to.equal('[7]hi');
  });

  it('reads the substitution as a pattern', () => {
    const layout = log4j2Layout('%equals{%X{user}}{}{anonymous at %t}');
    expect(layout.format(fixedEvent({ threadName: 'main' }))).to.equal('anonymous at main');
    expect(layout.format(fixedEvent({ mdc: { user: 'ann' } }))).to.equal('ann');
  });

  it('%equalsIgnoreCase compares ignoring case', () => {
    const layout = log4j2Layout('%equalsIgnoreCase{%X{env}}{PROD}{!}|%equals{%X{env}}{PROD}{!}');
    expect(layout.format(fixedEvent({ mdc: { env: 'prod' } }))).to.equal('!|prod');
  });
});
