import { expect } from 'chai';
import fastJson from 'fast-json-stringify';
import { Level } from '../../../src/level.js';
import { DIAGNOSTICS_JSON_OPTIONS, JsonLayout } from '../../../layouts/json/json-layout.js';
import { renderThrowable } from '../../../layouts/throwable.js';
import { fixedError, fixedEvent } from '../fixed-event.js';
import { Hierarchy } from '../../../src/hierarchy.js';
import { MDC } from '../../../src/context/mdc.js';
import { MemoryAppender } from '../../../appenders/memory-appender.js';
import { createLayout } from '../../../layouts/registry.js';

const T = Date.UTC(2019, 10, 11, 15, 23, 7, 230);

/** One record: exactly one line, and it parses. */
function parseRecord(text: string): Record<string, unknown> {
  expect(text.endsWith('\n')).to.equal(true);
  const body = text.slice(0, -1);
  expect(/[\n\r\u2028\u2029\u0085]/.test(body), `raw line break in ${JSON.stringify(body).slice(0, 200)}`).to.equal(false);
  return JSON.parse(body) as Record<string, unknown>;
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('JsonLayout', () => {
  it('writes every default field in order, one line per event', () => {
    const layout = new JsonLayout({ timeZone: 'UTC' });
    const text = layout.format(fixedEvent({ timestamp: T, loggerName: 'a.B', mdc: { user: 'admin' }, ndc: 'req 1' }));
    expect(text).to.equal(
      '{"timestamp":"2019-11-11T15:23:07.230Z","level":"INFO","logger":"a.B","thread":"main","message":"Message 0","mdc":{"user":"admin"},"ndc":"req 1"}\n',
    );
  });

  it('adds the error (name, message, stack with causes) only when there is one', () => {
    const error = fixedError('Just testing');
    (error as Error & { cause?: unknown }).cause = fixedError('root cause', ['    at deep (/app/b.js:2:2)']);
    const record = parseRecord(new JsonLayout({ timeZone: 'UTC' }).format(fixedEvent({ error })));
    expect(record.error).to.deep.equal({
      name: 'Error',
      message: 'Just testing',
      stack: 'Error: Just testing\n    at common (/app/test.js:10:5)\n    at run (/app/test.js:20:3)\nCaused by: Error: root cause\n    at deep (/app/b.js:2:2)',
    });
  });

  it('serialises the MDC snapshots the context module makes (frozen, no prototype)', () => {
    const mdc = Object.freeze(Object.assign(Object.create(null) as Record<string, string>, { user: 'admin', url: '/x\n' }));
    expect(new JsonLayout({ fields: 'mdc' }).format(fixedEvent({ mdc }))).to.equal('{"mdc":{"user":"admin","url":"/x\\n"}}\n');
  });

  it('produces the Kantega diagnostics record', () => {
    const layout = new JsonLayout({ ...DIAGNOSTICS_JSON_OPTIONS, timeZone: 'UTC' });
    const text = layout.format(fixedEvent({ timestamp: T, mdc: { context: 'Kerberos' }, message: 'Kerberos authentication failed: no ticket' }));
    expect(text).to.equal('{"timestamp":"2019-11-11 15:23:07,230","context":"Kerberos","message":"Kerberos authentication failed: no ticket"}\n');
  });

  it('takes context from the MDC key, else the fixed value', () => {
    const layout = new JsonLayout({ fields: 'context,message', contextKey: 'area', context: 'SAML' });
    expect(layout.format(fixedEvent({ mdc: { area: 'Kerberos' } }))).to.equal('{"context":"Kerberos","message":"Message 0"}\n');
    expect(layout.format(fixedEvent())).to.equal('{"context":"SAML","message":"Message 0"}\n');
    expect(new JsonLayout({ fields: ['context'] }).format(fixedEvent())).to.equal('{"context":""}\n');
  });

  it('selects and orders fields; timestamps as epoch, named or pattern', () => {
    expect(new JsonLayout({ fields: ['message', 'timestamp'], timestampFormat: 'epoch' }).format(fixedEvent({ timestamp: T }))).to.equal(`{"message":"Message 0","timestamp":${T}}\n`);
    expect(new JsonLayout({ fields: 'timestamp', timestampFormat: 'ISO8601', timeZone: 'UTC' }).format(fixedEvent({ timestamp: T }))).to.equal('{"timestamp":"2019-11-11 15:23:07,230"}\n');
    expect(new JsonLayout({ fields: 'timestamp', timestampFormat: 'yyyy-MM-dd HH:mm:ss,SSSZ', timeZone: 'Europe/Berlin' }).format(fixedEvent({ timestamp: T }))).to.equal('{"timestamp":"2019-11-11 16:23:07,230+0100"}\n');
    expect(new JsonLayout({ fields: 'level , logger' }).format(fixedEvent({ level: Level.WARN }))).to.equal('{"level":"WARN","logger":"org.apache.log4j.PatternLayoutTestCase"}\n');
  });

  it('rejects unknown, duplicate or no fields and bad timestamp formats', () => {
    expect(() => new JsonLayout({ fields: 'message,user' })).to.throw('JsonLayout: unknown field "user"');
    expect(() => new JsonLayout({ fields: 'message,message' })).to.throw(/listed twice/);
    expect(() => new JsonLayout({ fields: ' , ' })).to.throw(/at least one field/);
    expect(() => new JsonLayout({ timestampFormat: 'yyyy-MM-dd b' })).to.throw(/Illegal letter 'b'/);
  });

  it('stays valid JSON on one line for hostile text anywhere', () => {
    let controls = '';
    for (let c = 0; c < 32; c++) controls += String.fromCharCode(c);
    const hostile = [
      controls,
      '"}\n{"level":"FATAL","message":"forged"}',
      '\\u0000 \\" \\\\',
      '\ud800 lone high, lone low \udc00, reversed \udc00\ud800, pair \ud83d\ude00',
      'line\u2028separator\u2029paragraph\u0085next\r\nwindows',
      '\u007f\u009f\ufeff\uffff',
      '</script><script>alert(1)</script>',
    ];
    const layout = new JsonLayout({ timeZone: 'UTC' });
    for (const text of hostile) {
      const event = fixedEvent({ message: text, loggerName: text, threadName: text, ndc: text, mdc: { [text]: text, k: text }, error: fixedError(text) });
      const record = parseRecord(layout.format(event));
      // Lone surrogates come back exactly: they are written as \udXXX escapes.
      expect(record.message).to.equal(text);
      expect(record.logger).to.equal(text);
      expect(record.thread).to.equal(text);
      expect(record.ndc).to.equal(text);
      expect(record.mdc).to.deep.equal({ [text]: text, k: text });
      expect((record.error as { message: string }).message).to.equal(text);
    }
  });

  it('writes strings byte for byte as fast-json-stringify does, line ends escaped', () => {
    // The layout escapes strings itself; these are the bytes it wrote when every
    // string went through fast-json-stringify.
    const fjsString = fastJson({ type: 'string' });
    const expected = (text: string) => fjsString(text).replaceAll('\u2028', '\\u2028').replaceAll('\u2029', '\\u2029').replaceAll('\u0085', '\\u0085');
    const next = random(11);
    const texts = ['', 'plain', 'x'.repeat(41) + '"', 'q"b\\s', 'a\u2028b\u2029c\u0085d', '\ud800', '\u001f', 'é€😀'.repeat(20)];
    for (let round = 0; round < 300; round++) {
      let text = '';
      const length = Math.floor(next() * 80);
      for (let i = 0; i < length; i++) text += String.fromCharCode(next() < 0.5 ? Math.floor(next() * 0x80) : Math.floor(next() * 0x10000));
      texts.push(text);
    }
    const layout = new JsonLayout({ fields: 'level,logger,message' });
    for (const text of texts) {
      expect(layout.format(fixedEvent({ message: text, loggerName: text }))).to.equal(`{"level":"INFO","logger":${expected(text)},"message":${expected(text)}}\n`);
    }
  });

  it('writes each event\'s own level and logger after a run of the same ones', () => {
    const layout = new JsonLayout({ fields: 'level,logger' });
    expect(layout.format(fixedEvent({ level: Level.WARN, loggerName: 'a' }))).to.equal('{"level":"WARN","logger":"a"}\n');
    expect(layout.format(fixedEvent({ level: Level.WARN, loggerName: 'a' }))).to.equal('{"level":"WARN","logger":"a"}\n');
    expect(layout.format(fixedEvent({ level: Level.ERROR, loggerName: 'b' }))).to.equal('{"level":"ERROR","logger":"b"}\n');
  });

  it('separates the members right wherever the error is, with or without one', () => {
    const error = fixedError('boom');
    const errorJson = JSON.stringify({ name: error.name, message: error.message, stack: renderThrowable(error).slice(0, -1) });
    const cases: Array<[string, string, string]> = [
      ['error', '{}', `{"error":${errorJson}}`],
      ['error,level', '{"level":"INFO"}', `{"error":${errorJson},"level":"INFO"}`],
      ['error,level,ndc', '{"level":"INFO","ndc":""}', `{"error":${errorJson},"level":"INFO","ndc":""}`],
      ['level,error,ndc', '{"level":"INFO","ndc":""}', `{"level":"INFO","error":${errorJson},"ndc":""}`],
      ['level,ndc,error', '{"level":"INFO","ndc":""}', `{"level":"INFO","ndc":"","error":${errorJson}}`],
    ];
    for (const [fields, without, withError] of cases) {
      const layout = new JsonLayout({ fields });
      expect(layout.format(fixedEvent({ ndc: '' }))).to.equal(without + '\n');
      expect(layout.format(fixedEvent({ ndc: '', error }))).to.equal(withError + '\n');
    }
  });

  it('round-trips random strings and a huge message', () => {
    const next = random(7);
    const layout = new JsonLayout({ fields: 'message' });
    for (let round = 0; round < 300; round++) {
      let text = '';
      const length = Math.floor(next() * 60);
      for (let i = 0; i < length; i++) {
        const pick = next();
        text += pick < 0.3 ? String.fromCharCode(Math.floor(next() * 0x80)) : pick < 0.5 ? String.fromCharCode(0xd800 + Math.floor(next() * 0x800)) : String.fromCharCode(Math.floor(next() * 0x10000));
      }
      expect(parseRecord(layout.format(fixedEvent({ message: text }))).message).to.equal(text);
    }
    const huge = 'x"\n\ud800'.repeat(250_000);
    expect(parseRecord(layout.format(fixedEvent({ message: huge }))).message).to.equal(huge);
  });
});

describe('JsonLayout with structured fields and trace context', () => {
  const trace = Object.freeze({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 });

  it("writes the event's fields as members of the record, each with its JSON type", () => {
    const layout = new JsonLayout({ fields: 'level,message,fields' });
    const event = fixedEvent({
      message: 'paid',
      fields: { orderId: 'A-17', amount: 9.5, card: { last4: '4242' }, tags: ['x', 1], ok: true, none: null, big: 10n ** 20n, gone: undefined, fn: () => 1 },
    });
    expect(layout.format(event)).to.equal(
      '{"level":"INFO","message":"paid","orderId":"A-17","amount":9.5,"card":{"last4":"4242"},"tags":["x",1],"ok":true,"none":null,"big":100000000000000000000}\n',
    );
  });

  it('writes the active span as trace_id, span_id and trace_flags (pino\'s OpenTelemetry names), nothing outside a span', () => {
    const layout = new JsonLayout({ fields: 'message,trace' });
    expect(layout.format(fixedEvent({ message: 'm', trace }))).to.equal(
      '{"message":"m","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","trace_flags":"01"}\n',
    );
    expect(layout.format(fixedEvent({ message: 'm' }))).to.equal('{"message":"m"}\n');
  });

  it('writes trace and fields by default, after the message', () => {
    const layout = new JsonLayout({ timeZone: 'UTC' });
    const text = layout.format(fixedEvent({ timestamp: T, loggerName: 'a.B', fields: { orderId: 7 }, trace, mdc: { user: 'admin' } }));
    expect(text).to.equal(
      '{"timestamp":"2019-11-11T15:23:07.230Z","level":"INFO","logger":"a.B","thread":"main","message":"Message 0",'
      + '"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","trace_flags":"01","orderId":7,"mdc":{"user":"admin"},"ndc":""}\n',
    );
  });

  it('writes a field named like one of its own members as fields.<name>, so it can neither replace nor repeat it', () => {
    const layout = new JsonLayout({ fields: 'level,message,trace,fields,mdc' });
    const event = fixedEvent({ message: 'real', fields: { message: 'forged', level: 'FATAL', trace_id: 'x', mdc: 1, thread: 't', 'fields.message': 'y' } });
    const text = layout.format(event);
    expect(text).to.equal('{"level":"INFO","message":"real","fields.message":"forged","fields.level":"FATAL","fields.trace_id":"x","fields.mdc":1,"thread":"t","fields.message":"y","mdc":{}}\n');
  });

  it('flattens the MDC into members when asked (pino\'s shape), the event\'s field winning over an MDC key of the same name', () => {
    const layout = new JsonLayout({ fields: 'level,message,fields,mdc', flattenMdc: true });
    const mdc = Object.freeze({ user: 'admin', requestId: 'r-1', message: 'from mdc' });
    expect(layout.format(fixedEvent({ mdc }))).to.equal('{"level":"INFO","message":"Message 0","user":"admin","requestId":"r-1","fields.message":"from mdc"}\n');
    expect(layout.format(fixedEvent({ mdc, fields: { requestId: 'r-2', orderId: 7 } })))
      .to.equal('{"level":"INFO","message":"Message 0","requestId":"r-2","orderId":7,"user":"admin","fields.message":"from mdc"}\n');
    expect(layout.format(fixedEvent({ mdc, fields: { orderId: 7 } })))
      .to.equal('{"level":"INFO","message":"Message 0","orderId":7,"user":"admin","requestId":"r-1","fields.message":"from mdc"}\n');
    expect(layout.format(fixedEvent({ mdc: {} }))).to.equal('{"level":"INFO","message":"Message 0"}\n');
  });

  it('separates the members right when fields, trace, a flattened MDC and the error come first, last or alone', () => {
    const error = fixedError('boom');
    const errorJson = JSON.stringify({ name: error.name, message: error.message, stack: renderThrowable(error).slice(0, -1) });
    const full = fixedEvent({ ndc: '', fields: { a: 1, b: 'x' }, trace, mdc: { m: 'v' }, error });
    const empty = fixedEvent({ ndc: '', mdc: {} });
    const traceJson = '"trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span_id":"00f067aa0ba902b7","trace_flags":"01"';
    const cases: Array<[string, string, string]> = [
      ['fields', '{}', '{"a":1,"b":"x"}'],
      ['fields,trace,mdc,error', '{}', `{"a":1,"b":"x",${traceJson},"m":"v","error":${errorJson}}`],
      ['fields,trace,ndc', '{"ndc":""}', `{"a":1,"b":"x",${traceJson},"ndc":""}`],
      ['ndc,mdc,fields,trace', '{"ndc":""}', `{"ndc":"","m":"v","a":1,"b":"x",${traceJson}}`],
      ['trace,level,fields,ndc', '{"level":"INFO","ndc":""}', `{${traceJson},"level":"INFO","a":1,"b":"x","ndc":""}`],
    ];
    for (const [fields, withoutAny, withAll] of cases) {
      const layout = new JsonLayout({ fields, flattenMdc: true });
      expect(layout.format(empty), fields).to.equal(withoutAny + '\n');
      expect(layout.format(full), fields).to.equal(withAll + '\n');
      parseRecord(layout.format(full));
    }
  });

  it('stays one valid line for hostile keys and values, cycles and throwing getters included', () => {
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle.self = cycle;
    const hostile = {
      'key\nwith "quotes"': 'value\r\n{"level":"FATAL"}\u2028',
      cycle,
      get broken(): unknown { throw new Error('getter failed'); },
    };
    const hierarchy = new Hierarchy();
    const memory = new MemoryAppender({ name: 'memory', layout: new JsonLayout({ fields: 'message,fields' }) });
    hierarchy.root.addAppender(memory);
    hierarchy.getLogger('x').info(hostile, 'hostile');
    const record = parseRecord(memory.text);
    expect(record['key\nwith "quotes"']).to.equal('value\r\n{"level":"FATAL"}\u2028');
    expect(record.cycle).to.deep.equal({ name: 'loop', self: '[Circular]' });
    expect(record.broken).to.equal('[Unserializable: getter failed]');
  });

  it('writes what a with() child and the call give, through a logger, with the span of the call', () => {
    const hierarchy = new Hierarchy();
    const memory = new MemoryAppender({ name: 'memory', layout: new JsonLayout({ fields: 'level,logger,message,trace,fields,mdc', flattenMdc: true }) });
    hierarchy.root.addAppender(memory);
    const log = hierarchy.getLogger('shop.orders').with({ requestId: 'r-1' });
    MDC.run({ user: 'admin' }, () => {
      log.info({ orderId: 'A-17', amount: 9.5 }, 'paid');
      log.warn('slow');
    });
    expect(memory.text).to.equal(
      '{"level":"INFO","logger":"shop.orders","message":"paid","requestId":"r-1","orderId":"A-17","amount":9.5,"user":"admin"}\n'
      + '{"level":"WARN","logger":"shop.orders","message":"slow","requestId":"r-1","user":"admin"}\n',
    );
  });

  it("serialises a with() child's fields once for all its events, and the fields of each call for that call", () => {
    let serialised = 0;
    const counted = { toJSON: () => { serialised++; return 'tenant-9'; } };
    const hierarchy = new Hierarchy();
    const memory = new MemoryAppender({ name: 'memory', layout: new JsonLayout({ fields: 'message,fields' }) });
    hierarchy.root.addAppender(memory);
    const log = hierarchy.getLogger('api').with({ tenant: counted });
    log.info('one');
    log.info('two');
    expect(serialised).to.equal(1);
    log.info({ step: 3 }, 'three');
    expect(serialised).to.equal(2);
    expect(memory.text).to.equal('{"message":"one","tenant":"tenant-9"}\n{"message":"two","tenant":"tenant-9"}\n{"message":"three","tenant":"tenant-9","step":3}\n');
  });

  it('reads FlattenMdc from a configuration file\'s options', () => {
    const layout = createLayout('json', { Fields: 'message,mdc', FlattenMdc: 'true' });
    expect(layout.format(fixedEvent({ mdc: { user: 'admin' } }))).to.equal('{"message":"Message 0","user":"admin"}\n');
  });
});
