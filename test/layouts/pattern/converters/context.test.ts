import { expect } from 'chai';
import { PatternLayout } from '../../../../layouts/pattern/pattern-layout.js';
import { fixedEvent } from '../../fixed-event.js';
import { log4j2Layout } from './log4j2-layout.js';

describe('%X without a key', () => {
  const event = fixedEvent({ message: 'Hello', mdc: { key2: 'value2', key1: 'value1' } });

  it('prints the context map as Log4j 2 does in its patterns (PatternLayoutTest.testMdcPattern0 and 1)', () => {
    expect(log4j2Layout('%m : %X').format(event)).to.equal('Hello : {key1=value1, key2=value2}');
    expect(log4j2Layout('%m : %X').format(fixedEvent({ message: 'Hello' }))).to.equal('Hello : {}');
  });

  it('keeps log4j 1.2\'s {{key,value}} form in log4j patterns', () => {
    expect(new PatternLayout('%X').format(event)).to.equal('{{key1,value1}{key2,value2}}');
  });
});

describe('%X{key} with structured fields and trace context', () => {
  const trace = Object.freeze({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 });

  it("finds the event's field before the MDC value of the same key", () => {
    const layout = new PatternLayout('[%X{orderId}] [%X{user}] [%X{missing}]');
    const event = fixedEvent({ fields: { orderId: 'A-17' }, mdc: { orderId: 'from-mdc', user: 'admin' } });
    expect(layout.format(event)).to.equal('[A-17] [admin] []');
  });

  it('prints values that are not strings as text: numbers and booleans as written, objects as one line of JSON', () => {
    const layout = new PatternLayout('%X{n}|%X{b}|%X{nil}|%X{big}|%X{list}|%X{o}|%X{when}|%X{err}|%X{undef}|%X{fn}', { style: 'logback' });
    const event = fixedEvent({
      fields: {
        n: 9.5, b: false, nil: null, big: 12345678901234567890n, list: [1, 'two'], o: { id: 7, tags: ['x'] },
        when: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)), err: new TypeError('bad input'), undef: undefined, fn: () => 1,
      },
    });
    expect(layout.format(event)).to.equal('9.5|false|null|12345678901234567890|[1,"two"]|{"id":7,"tags":["x"]}|2024-01-02T03:04:05.006Z|TypeError: bad input||');
  });

  it('falls back to the MDC, and to logback\'s default, for a field that is undefined', () => {
    const event = fixedEvent({ fields: { user: undefined }, mdc: { user: 'admin' } });
    expect(new PatternLayout('%X{user}').format(event)).to.equal('admin');
    expect(new PatternLayout('%X{other:-none}', { style: 'logback' }).format(event)).to.equal('none');
  });

  it('prints the active span as OpenTelemetry\'s Log4j 2 and logback instrumentations name it', () => {
    const layout = new PatternLayout('trace_id=%X{trace_id} span_id=%X{span_id} trace_flags=%X{trace_flags}');
    expect(layout.format(fixedEvent({ trace }))).to.equal('trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7 trace_flags=01');
    expect(layout.format(fixedEvent({ trace: { ...trace, traceFlags: 0 } }))).to.match(/ trace_flags=00$/);
  });

  it('prints the span\'s ids before a field or MDC value of that name, so a logged object cannot forge them; outside a span the field, then the MDC', () => {
    const layout = new PatternLayout('%X{trace_id}');
    expect(layout.format(fixedEvent({ mdc: { trace_id: 'from-mdc' } }))).to.equal('from-mdc');
    expect(layout.format(fixedEvent({ mdc: { trace_id: 'from-mdc' }, trace }))).to.equal(trace.traceId);
    expect(layout.format(fixedEvent({ fields: { trace_id: 'forged' }, trace }))).to.equal(trace.traceId);
    expect(layout.format(fixedEvent({ fields: { trace_id: 'from-field' }, mdc: { trace_id: 'from-mdc' } }))).to.equal('from-field');
    expect(layout.format(fixedEvent())).to.equal('');
  });

  it('is formatted again for each event whose fields or span differ, though level, logger, thread, MDC and NDC repeat', () => {
    const layout = new PatternLayout('%-5p %c [%X{orderId} %X{span_id}] %m');
    const mdc = { user: 'admin' };
    const lines = [
      fixedEvent({ mdc, message: 'a', fields: { orderId: 'A-1' } }),
      fixedEvent({ mdc, message: 'b', fields: { orderId: 'A-2' } }),
      fixedEvent({ mdc, message: 'c', fields: { orderId: 'A-2' }, trace }),
      fixedEvent({ mdc, message: 'd' }),
    ].map((event) => layout.format(event));
    const prefix = 'INFO  org.apache.log4j.PatternLayoutTestCase';
    expect(lines).to.deep.equal([`${prefix} [A-1 ] a`, `${prefix} [A-2 ] b`, `${prefix} [A-2 00f067aa0ba902b7] c`, `${prefix} [ ] d`]);
  });
});
