import { expect } from 'chai';
import { fixedEvent } from '../../fixed-event.js';
import { log4j2Layout } from './log4j2-layout.js';

describe('%u / %uuid (Log4j 2)', () => {
  it('{RANDOM} prints a new version 4 UUID at each line', () => {
    const layout = log4j2Layout('%uuid{RANDOM}');
    const a = layout.format(fixedEvent());
    expect(a).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(layout.format(fixedEvent())).to.not.equal(a);
  });

  it('{TIME} and no option print a new version 1 UUID at each line', () => {
    for (const pattern of ['%u', '%uuid{TIME}', '%u{time}']) {
      const layout = log4j2Layout(pattern);
      const a = layout.format(fixedEvent());
      expect(a).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(layout.format(fixedEvent())).to.not.equal(a);
    }
  });

  it('warns about another option and uses TIME, as Log4j 2 does', () => {
    const warnings: string[] = [];
    expect(log4j2Layout('%u{SEQUENTIAL}', warnings).format(fixedEvent())).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-1/);
    expect(warnings[0]).to.contain('bad option {SEQUENTIAL} for %u');
  });
});
