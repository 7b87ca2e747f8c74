import { expect } from 'chai';
import { fixedEvent } from '../../fixed-event.js';
import { log4j2Layout } from './log4j2-layout.js';

describe('%K / %map / %MAP (Log4j 2): the event\'s fields', () => {
  // Log4j 2's MapPatternConverterTest: a MapMessage with subject=I, verb=love, object=Log4j;
  // printed whole in MapFormat.JAVA_UNQUOTED, keys sorted as its map keeps them.
  const event = fixedEvent({ fields: { subject: 'I', verb: 'love', object: 'Log4j' } });

  it('prints every field as {key=value, ...} (testConverter)', () => {
    for (const keyword of ['K', 'map', 'MAP']) {
      expect(log4j2Layout(`%${keyword}`).format(event)).to.equal('{object=Log4j, subject=I, verb=love}');
    }
  });

  it('prints one value with a key (testConverterWithKey), nothing for a missing key', () => {
    expect(log4j2Layout('%K{object}').format(event)).to.equal('Log4j');
    expect(log4j2Layout('[%map{nothing}]').format(event)).to.equal('[]');
  });

  it('prints nothing for an event without fields, as Log4j 2 for a message that is not a MapMessage; {} for none', () => {
    expect(log4j2Layout('[%K]').format(fixedEvent())).to.equal('[]');
    expect(log4j2Layout('[%K]').format(fixedEvent({ fields: {} }))).to.equal('[{}]');
  });

  it('prints values as Log4j 2\'s deep toString: numbers, null, arrays [a, b], objects {k=v}, a cycle as [...]', () => {
    const loop: Record<string, unknown> = { name: 'loop' };
    loop.self = loop;
    const fields = { n: 42, ok: true, none: null, list: [1, 'two'], nested: { b: 2, a: 1 }, loop };
    expect(log4j2Layout('%K').format(fixedEvent({ fields })))
      .to.equal('{list=[1, two], loop={name=loop, self=[...]}, n=42, nested={a=1, b=2}, none=null, ok=true}');
    expect(log4j2Layout('%K{nested}').format(fixedEvent({ fields }))).to.equal('{a=1, b=2}');
  });

  it('prints what it cannot read or would never finish as a marker, so the line is still written', () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const hostile = { get secret(): never { throw new Error('no access'); } };
    let repeated: unknown = 'x';
    for (let depth = 0; depth < 8; depth++) repeated = Array<unknown>(10).fill(repeated);
    const fields = { draft: revoked.proxy, hostile, repeated };
    expect(log4j2Layout('%K{draft}').format(fixedEvent({ fields }))).to.equal('[Unserializable: Cannot perform \'getPrototypeOf\' on a proxy that has been revoked]');
    expect(log4j2Layout('%K{hostile}').format(fixedEvent({ fields }))).to.equal('[Unserializable: no access]');
    expect(log4j2Layout('%K{repeated}').format(fixedEvent({ fields }))).to.equal('[Unserializable: more than 100000 values]');
    expect(log4j2Layout('%K').format(fixedEvent({ fields }))).to.equal('[Unserializable: Cannot perform \'getPrototypeOf\' on a proxy that has been revoked]');
  });

  it('is not cached with the context: two events of one context print their own fields', () => {
    const layout = log4j2Layout('%p %K{id}');
    expect(layout.format(fixedEvent({ fields: { id: 1 } }))).to.equal('INFO 1');
    expect(layout.format(fixedEvent({ fields: { id: 2 } }))).to.equal('INFO 2');
  });
});
