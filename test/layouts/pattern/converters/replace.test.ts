import { expect } from 'chai';
import { fixedEvent } from '../../fixed-event.js';
import { log4j2Layout } from './log4j2-layout.js';

describe('%replace (Log4j 2)', () => {
  it('replaces every match in what the inner pattern prints', () => {
    // Log4j 2's RegexReplacementConverterTest: {"%logger %msg%n", "\\.", "/"}.
    const layout = log4j2Layout('%replace{%logger %msg%n}{\\.}{/}');
    const event = fixedEvent({ loggerName: 'org.apache.logging.log4j.core.pattern.RegexReplacementConverterTest', message: 'This is a test' });
    expect(layout.format(event)).to.equal('org/apache/logging/log4j/core/pattern/RegexReplacementConverterTest This is a test\n');
  });

  it('substitutes groups with $n, as Java does', () => {
    expect(log4j2Layout('%replace{%m}{(\\d{4})-\\d{4}}{$1-****}').format(fixedEvent({ message: 'card 1234-5678' }))).to.equal('card 1234-****');
  });

  it('refuses a regex that repeats a repeating group, and one that is no regex, when the layout is built', () => {
    expect(() => log4j2Layout('%replace{%m}{(a+)+b}{x}')).to.throw(/%replace: regex "\(a\+\)\+b" repeats a group that repeats .* in pattern "%replace\{%m\}\{\(a\+\)\+b\}\{x\}"/);
    expect(() => log4j2Layout('%replace{%m}{[}{x}')).to.throw(/%replace: "\[" is not a regular expression/);
  });
});
