import { expect } from 'chai';
import { compileEventText, compileEventValue, unsupportedLookups } from '../../../appenders/routing/event-lookup.js';
import { Level } from '../../../src/level.js';
import { fixedEvent } from '../../layouts/fixed-event.js';

describe('compileEventText (Log4j 2 run-time lookups)', () => {
  const event = fixedEvent({ level: Level.WARN, loggerName: 'com.acme.Audit', threadName: 'worker-1', mdc: { user: 'alice' }, fields: { order: 17, tags: ['a'] } });

  it('looks up ctx: (the MDC), map: (the event\'s fields) and event: (Level, Logger, ThreadName, Message)', () => {
    expect(compileEventText('${ctx:user}/${map:order}/${map:tags}/${event:Level}/${event:Logger}/${event:ThreadName}')(event))
      .to.equal('alice/17/["a"]/WARN/com.acme.Audit/worker-1');
  });

  it('looks up a field JSON.stringify cannot write (a cycle, a BigInt, a throwing toJSON) without throwing, so the event is still routed', () => {
    const cyclic: Record<string, unknown> = { id: 1 };
    cyclic.self = cyclic;
    const odd = fixedEvent({ fields: { cyclic, big: 2n ** 64n, hostile: { toJSON: () => { throw new Error('no'); } } } });
    expect(compileEventText('${map:cyclic}|${map:big}|${map:hostile}')(odd)).to.equal('{"id":1,"self":"[Circular]"}|18446744073709551616|"[Unserializable: no]"');
  });

  it('prints a missing value as its :-default, else as written (as Log4j 2 does)', () => {
    expect(compileEventText('${ctx:team:-none} ${ctx:team}')(event)).to.equal('none ${ctx:team}');
  });

  it('encodes looked-up values only', () => {
    expect(compileEventText('logs/${ctx:user}-${ctx:x:-a/b}', (v) => v.toUpperCase())(event)).to.equal('logs/ALICE-a/b');
  });

  it('keeps other lookups as written and names them', () => {
    expect(compileEventText('${sd:type}-${ctx:user}')(event)).to.equal('${sd:type}-alice');
    expect(unsupportedLookups('${sd:type} ${ctx:user} ${date:yyyy}')).to.deep.equal(['${sd:type}', '${date:yyyy}']);
  });
});

describe('compileEventValue (a configured value with run-time lookups, e.g. ECS KeyValuePair)', () => {
  const event = fixedEvent({ level: Level.ERROR, mdc: { user: 'alice', quoted: '${ctx:user}' }, fields: { orderId: 7 } });

  it('is undefined for a value without run-time lookups: a constant', () => {
    expect(compileEventValue('payments')).to.equal(undefined);
    expect(compileEventValue('${date:yyyy} ${env:HOME}')).to.equal(undefined);
  });

  it('looks up per event, a default counting as found; undefined when nothing is found', () => {
    const value = compileEventValue('${ctx:user}@${map:orderId}')!;
    expect(value(event)).to.equal('alice@7');
    expect(value(fixedEvent())).to.equal(undefined);
    expect(compileEventValue('${ctx:team:-none}')!(fixedEvent())).to.equal('none');
    expect(compileEventValue('${event:Level}')!(event)).to.equal('ERROR');
  });

  it('keeps a reference it cannot find as written when another one is found', () => {
    expect(compileEventValue('${ctx:user}/${ctx:team}')!(event)).to.equal('alice/${ctx:team}');
  });

  it('never looks into a looked-up value: an MDC value holding a lookup is written as it is', () => {
    expect(compileEventValue('${ctx:quoted}')!(event)).to.equal('${ctx:user}');
  });
});
