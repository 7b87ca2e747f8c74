import { expect } from 'chai';
import { fixedEvent } from '../../fixed-event.js';
import { log4j2Layout } from './log4j2-layout.js';

describe('%highlight / %style (Log4j 2)', () => {
  it('prints the inner pattern without colours', () => {
    const layout = log4j2Layout('%highlight{%-5level}{FATAL=red} %style{%t}{bright,green} %m');
    expect(layout.format(fixedEvent({ message: 'hi' }))).to.equal('INFO  main hi');
  });
});
