import { expect } from 'chai';
import { Hierarchy } from '../../src/hierarchy.js';
import { Level } from '../../src/level.js';
import { MemoryAppender } from '../../appenders/memory-appender.js';
import { eventFields, fieldValue, isPlainObject } from '../../src/event-fields.js';
import type { Logger } from '../../src/logger.js';

describe('structured fields of a logging call', () => {
  let memory: MemoryAppender;
  let log: Logger;

  beforeEach(() => {
    const hierarchy = new Hierarchy();
    memory = new MemoryAppender({ name: 'memory' });
    hierarchy.root.addAppender(memory);
    hierarchy.root.level = Level.ALL;
    log = hierarchy.getLogger('shop.orders');
  });

  it("takes a plain object before the message as the event's fields (pino's log.info(obj, msg))", () => {
    log.info({ orderId: 'A-17', amount: 9.5 }, 'paid');
    const [event] = memory.events;
    expect(event!.message).to.equal('paid');
    expect(event!.fields).to.deep.equal({ orderId: 'A-17', amount: 9.5 });
  });

  it('formats the printf arguments after the message and keeps a last Error as the throwable', () => {
    const failure = new Error('card declined');
    log.error({ orderId: 'A-17' }, 'payment %d of %s failed', 2, 'A-17', failure);
    const [event] = memory.events;
    expect(event!.message).to.equal('payment 2 of A-17 failed');
    expect(event!.fields).to.deep.equal({ orderId: 'A-17' });
    expect(event!.error).to.equal(failure);
  });

  it('takes a message function after the fields, evaluated only when enabled', () => {
    log.level = Level.INFO;
    let calls = 0;
    log.debug({ step: 1 }, () => { calls++; return 'skipped'; });
    log.info({ step: 2 }, () => { calls++; return 'computed'; });
    expect(calls).to.equal(1);
    expect(memory.events.map((e) => [e.message, e.fields])).to.deep.equal([['computed', { step: 2 }]]);
  });

  it('prints a lone object as the message as before, and also keeps it as fields', () => {
    log.info({ a: 1 });
    const [event] = memory.events;
    expect(event!.message).to.equal('{ a: 1 }');
    expect(event!.fields).to.deep.equal({ a: 1 });
  });

  it('prints an object followed by something other than a message as before, the object kept as fields', () => {
    log.info({ a: 1 }, 42);
    expect(memory.events[0]!.message).to.equal('{ a: 1 } 42');
    expect(memory.events[0]!.fields).to.deep.equal({ a: 1 });
  });

  it('takes an Error before the message as the throwable (pino\'s log.error(err, msg))', () => {
    const failure = new TypeError('bad input');
    log.error(failure, 'upload %s failed', 'report.pdf');
    const [event] = memory.events;
    expect(event!.message).to.equal('upload report.pdf failed');
    expect(event!.error).to.equal(failure);
    expect(event!.fields).to.equal(undefined);
  });

  it('keeps an Error first and one last as before: the last is the throwable, the first printed', () => {
    const first = new Error('first');
    const last = new Error('last');
    log.error(first, 'then', last);
    const [event] = memory.events;
    expect(event!.error).to.equal(last);
    expect(event!.message).to.match(/^Error: first\n {4}at .* then$/s);
  });

  it('leaves objects after the message in the message text, and arrays, Maps and class instances first too', () => {
    class Order { id = 7; }
    log.info('paid', { orderId: 'A-17' });
    log.info([1, 2], 'list');
    log.info(new Map([['k', 'v']]), 'map');
    log.info(new Order(), 'order');
    expect(memory.messages).to.deep.equal(["paid { orderId: 'A-17' }", '[ 1, 2 ] list', "Map(1) { 'k' => 'v' } map", 'Order { id: 7 } order']);
    expect(memory.events.map((e) => e.fields)).to.deep.equal([undefined, undefined, undefined, undefined]);
  });

  it('copies the object: a caller reusing and changing it does not change events already made', () => {
    const progress = { step: 1 };
    log.info(progress, 'step');
    progress.step = 2;
    log.info(progress, 'step');
    expect(memory.events.map((e) => e.fields)).to.deep.equal([{ step: 1 }, { step: 2 }]);
    expect(memory.events[0]!.fields).not.to.equal(progress);
  });

  it('keeps the call alive and the other fields when a getter of the object throws', () => {
    const fields = { orderId: 7, get broken(): unknown { throw new Error('getter failed'); } };
    expect(() => log.info(fields, 'odd')).not.to.throw();
    expect(memory.events[0]!.fields).to.deep.equal({ orderId: 7, broken: '[Unserializable: getter failed]' });
  });

  it('keeps the call alive when a getter throws a value that cannot be printed (an object without a prototype)', () => {
    const fields = { orderId: 7, get broken(): unknown { throw Object.create(null); } };
    expect(() => log.info(fields, 'odd')).not.to.throw();
    expect(memory.events[0]!.fields).to.deep.equal({ orderId: 7, broken: '[Unserializable: a thrown value that cannot be printed]' });
  });

  it('keeps a field named __proto__ (JSON.parse makes one) as a field of a call, of a with() child and past a throwing getter, and changes no prototype', () => {
    const parsed = JSON.parse('{"__proto__": {"level": "FATAL"}, "user": "ann"}') as Record<string, unknown>;
    log.info(parsed, 'call');
    log.with(parsed).info('child');
    Object.defineProperty(parsed, 'broken', { enumerable: true, get: () => { throw new Error('no'); } });
    log.info(parsed, 'getter');
    for (const event of memory.events) {
      expect(Object.getPrototypeOf(event.fields), event.message).to.equal(Object.prototype);
      expect(Object.hasOwn(event.fields!, '__proto__'), event.message).to.equal(true);
      expect(fieldValue(event.fields!, '__proto__'), event.message).to.deep.equal({ level: 'FATAL' });
      expect(fieldValue(event.fields!, 'level'), event.message).to.equal(undefined);
    }
  });

  it('keeps the call alive and the line when an argument is a Proxy that cannot be read (revoked, as immer revokes its drafts, or with throwing traps)', () => {
    const revoked = Proxy.revocable({}, {});
    revoked.revoke();
    const hostile = [
      revoked.proxy,
      new Proxy({}, { getPrototypeOf: () => { throw new Error('no prototype'); } }),
      new Proxy({}, { ownKeys: () => { throw new Error('no keys'); } }),
    ];
    for (const value of hostile) {
      expect(() => log.info(value, 'first')).not.to.throw();
      expect(() => log.info('last %s', 'x', value)).not.to.throw();
      expect(() => log.info(value)).not.to.throw();
    }
    // An object that cannot be read as fields is printed, as any other value: util.inspect knows revoked Proxies.
    expect(memory.events.map((e) => e.message)).to.deep.equal([
      '<Revoked Proxy> first', 'last x <Revoked Proxy>', '<Revoked Proxy>',
      '{} first', 'last x {}', '{}',
      'first', 'last x {}', '{}',
    ]);
    // with() refuses what is not a plain object with its own clear error; keys that cannot be listed are no fields.
    expect(() => log.with(revoked.proxy as Record<string, unknown>)).to.throw(TypeError, 'with() on logger "shop.orders": expected a plain object of fields');
    expect(() => log.with(hostile[1] as Record<string, unknown>)).to.throw(TypeError, 'with() on logger "shop.orders": expected a plain object of fields');
    log.with(hostile[2] as Record<string, unknown>).info('child');
    expect(memory.events.at(-1)!.message).to.equal('child');
  });

  it('makes no fields for a string message', () => {
    log.info('plain');
    expect(memory.events[0]!.fields).to.equal(undefined);
  });
});

describe('event-fields', () => {
  it('counts object literals and null-prototype objects as plain, nothing else', () => {
    expect(isPlainObject({ a: 1 })).to.equal(true);
    expect(isPlainObject(Object.create(null))).to.equal(true);
    for (const value of [null, undefined, 'x', 1, [], new Map(), new Date(0), new Error('e'), new (class Point {})()]) {
      expect(isPlainObject(value), String(value)).to.equal(false);
    }
  });

  it("merges the call's fields over a child's, the call's winning, into a new object", () => {
    const bound = Object.freeze({ requestId: 'r-1', user: 'ann' });
    const own = { user: 'bob', orderId: 7 };
    const merged = eventFields(bound, own);
    expect(merged).to.deep.equal({ requestId: 'r-1', user: 'bob', orderId: 7 });
    expect(merged).not.to.equal(own);
    const copy = eventFields(undefined, own);
    expect(copy).to.deep.equal(own);
    expect(copy).not.to.equal(own);
  });

  it('reads only own values, so a key such as "constructor" is absent unless given', () => {
    expect(fieldValue({ a: 1 }, 'constructor')).to.equal(undefined);
    expect(fieldValue({ constructor: 'x' }, 'constructor')).to.equal('x');
  });
});
