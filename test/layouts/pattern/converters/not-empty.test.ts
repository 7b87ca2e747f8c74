import { expect } from 'chai';
import { PatternLayout } from '../../../../layouts/pattern/pattern-layout.js';
import { fixedEvent } from '../../fixed-event.js';
import { log4j2Layout } from './log4j2-layout.js';

describe('%notEmpty (Log4j 2)', () => {
  // Log4j 2's VariablesNotEmptyReplacementConverterTest prints "[%marker]" only with a
  // marker; logwarden has no markers, so the MDC plays the variable.
  it('prints the inner pattern only when some conversion in it prints something', () => {
    for (const keyword of ['notEmpty', 'varsNotEmpty', 'variablesNotEmpty']) {
      const layout = log4j2Layout(`%${keyword}{[%X{id}]}%m`);
      expect(layout.format(fixedEvent({ message: 'hi' }))).to.equal('hi');
      expect(layout.format(fixedEvent({ message: 'hi', mdc: { id: '42' } }))).to.equal('[42]hi');
    }
    expect(log4j2Layout('%notEmpty{[%X{a}/%X{b}]}').format(fixedEvent({ mdc: { b: 'x' } }))).to.equal('[/x]');
  });

  it('prints nothing for literals alone, as Log4j 2 does', () => {
    expect(log4j2Layout('%notEmpty{[just text]}|').format(fixedEvent())).to.equal('|');
  });

  it('compiles the inner pattern when the layout is built: its problems are reported then, once', () => {
    const warnings: string[] = [];
    const layout = log4j2Layout('%notEmpty{[%bogus]}', warnings);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(/unknown conversion "%bogus"/);
    layout.format(fixedEvent());
    expect(warnings).to.have.length(1);
  });

  it('stays %n followed by text in an EnhancedPatternLayout pattern, as before', () => {
    expect(new PatternLayout('%notEmpty{x}', { style: 'enhanced' }).format(fixedEvent())).to.equal('\notEmpty');
  });
});
