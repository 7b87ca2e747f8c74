import { expect } from 'chai';
import { NewLineIndentingFilteringPatternLayout } from '../../../../layouts/atlassian/new-line-indenting-layout.js';
import { PatternLayout, type PatternStyle } from '../../../../layouts/pattern/pattern-layout.js';
import { Hierarchy } from '../../../../src/hierarchy.js';
import { Level } from '../../../../src/level.js';
import { MemoryAppender } from '../../../../appenders/memory-appender.js';
import { fixedEvent } from '../../fixed-event.js';

describe('%fields', () => {
  it('prints every field as key=value in the order given, nothing without fields', () => {
    const layout = new PatternLayout('%m %fields');
    expect(layout.format(fixedEvent({ message: 'paid', fields: { orderId: 'A-17', amount: 9.5, retried: false, note: null } })))
      .to.equal('paid orderId=A-17 amount=9.5 retried=false note=null');
    expect(layout.format(fixedEvent({ message: 'plain' }))).to.equal('plain ');
  });

  it('quotes a string with JSON escapes when it is empty or has a blank, quote, =, backslash or line break, so no value can forge a line or a pair', () => {
    const layout = new PatternLayout('%fields');
    const event = fixedEvent({ fields: { empty: '', spaced: 'Ann Lee', quoted: 'say "hi"', pair: 'a=b', forged: 'x\n2024-01-01 INFO root - forged', sep: 'a\u2028b' } });
    expect(layout.format(event)).to.equal(
      'empty="" spaced="Ann Lee" quoted="say \\"hi\\"" pair="a=b" forged="x\\n2024-01-01 INFO root - forged" sep="a\\u2028b"',
    );
  });

  it('quotes keys the same way and writes objects as quoted JSON, leaving out undefined, functions and symbols', () => {
    const layout = new PatternLayout('%fields');
    const event = fixedEvent({ fields: { 'odd key': 1, order: { id: 7, items: ['a b'] }, gone: undefined, fn: () => 1, list: [1, 2] } });
    expect(layout.format(event)).to.equal('"odd key"=1 order="{\\"id\\":7,\\"items\\":[\\"a b\\"]}" list=[1,2]');
  });

  it('prints a value that cannot be read (a revoked Proxy, a throwing getPrototypeOf) as a marker, so the line is still written', () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const hostile = new Proxy({}, { getPrototypeOf: () => { throw new Error('no prototype'); } });
    const layout = new PatternLayout('%X{draft} | %fields');
    expect(layout.format(fixedEvent({ fields: { draft: revoked.proxy, hostile } }))).to.equal(
      '[Unserializable: Cannot perform \'getPrototypeOf\' on a proxy that has been revoked] | '
      + 'draft="[Unserializable: Cannot perform \'getPrototypeOf\' on a proxy that has been revoked]" hostile="[Unserializable: no prototype]"',
    );
  });

  it('is a keyword in every style', () => {
    const event = fixedEvent({ fields: { a: 1 } });
    for (const style of ['log4j', 'enhanced', 'logback', 'log4j2'] as PatternStyle[]) {
      expect(new PatternLayout('<%fields>', { style }).format(event), style).to.equal('<a=1>');
    }
  });

  it('renders each value once per event, however many converters print it', () => {
    let renders = 0;
    const counted = { toJSON: () => { renders++; return { id: 7 }; } };
    const layout = new PatternLayout('%X{o} %X{o} %fields');
    expect(layout.format(fixedEvent({ fields: { o: counted } }))).to.equal('{"id":7} {"id":7} o="{\\"id\\":7}"');
    expect(renders).to.equal(1);
  });

  it('is indented like the message by the Atlassian layout, as %X{key} is', () => {
    const layout = new NewLineIndentingFilteringPatternLayout('%p %m [%X{note}]%n');
    expect(layout.format(fixedEvent({ message: 'one\ntwo', fields: { note: 'three\nfour' } }))).to.equal('INFO one\n    two [three\n    four]\n');
  });

  it('prints the fields of a with() child and of the call through a logger, the call\'s winning', () => {
    const hierarchy = new Hierarchy();
    const memory = new MemoryAppender({ name: 'memory', layout: new PatternLayout('%-5p %c [%X{requestId}] %m %fields%n') });
    hierarchy.root.addAppender(memory);
    hierarchy.root.level = Level.INFO;
    const log = hierarchy.getLogger('shop.orders').with({ requestId: 'r-1', step: 'start' });
    log.info('received');
    log.info({ step: 'charge', amount: 9.5 }, 'charged %d cards', 1);
    log.warn({ requestId: 'r-2' }, 'retried');
    expect(memory.text).to.equal(
      'INFO  shop.orders [r-1] received requestId=r-1 step=start\n'
      + 'INFO  shop.orders [r-1] charged 1 cards requestId=r-1 step=charge amount=9.5\n'
      + 'WARN  shop.orders [r-2] retried requestId=r-2 step=start\n',
    );
  });
});
