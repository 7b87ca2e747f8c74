import { expect } from 'chai';
import { Hierarchy } from '../../src/hierarchy.js';
import { Level } from '../../src/level.js';
import { MemoryAppender } from '../../appenders/memory-appender.js';
import { ChildLogger, type LoggerView } from '../../src/child-logger.js';
import type { Layout } from '../../layouts/layout.js';

describe('ChildLogger (logger.with)', () => {
  let hierarchy: Hierarchy;
  let root: MemoryAppender;

  beforeEach(() => {
    hierarchy = new Hierarchy();
    root = new MemoryAppender({ name: 'root' });
    hierarchy.root.addAppender(root);
    hierarchy.root.level = Level.INFO;
  });

  it("adds its fields to every event, under the logger's name", () => {
    const log = hierarchy.getLogger('shop.orders').with({ requestId: 'r-1' });
    log.info('received');
    log.warn('slow');
    expect(root.events.map((e) => [e.loggerName, e.level, e.message, e.fields])).to.deep.equal([
      ['shop.orders', Level.INFO, 'received', { requestId: 'r-1' }],
      ['shop.orders', Level.WARN, 'slow', { requestId: 'r-1' }],
    ]);
    expect(log.name).to.equal('shop.orders');
  });

  it("follows a level set on its logger, or on an ancestor, at once", () => {
    const logger = hierarchy.getLogger('shop.orders');
    const child = logger.with({ requestId: 'r-1' });
    child.debug('hidden');
    logger.level = Level.DEBUG;
    child.debug('shown');
    expect(child.isDebugEnabled()).to.equal(true);
    logger.level = null;
    hierarchy.getLogger('shop').level = Level.ERROR;
    child.warn('hidden by the ancestor');
    child.error('shown');
    hierarchy.threshold = Level.OFF;
    child.fatal('hidden by the threshold');
    expect(root.messages).to.deep.equal(['shown', 'shown']);
    expect(child.level).to.equal(null);
    expect(child.getEffectiveLevel()).to.equal(Level.ERROR);
  });

  it("logs through its logger's appenders and additivity as they are at each call", () => {
    const logger = hierarchy.getLogger('shop.orders');
    const child = logger.with({ requestId: 'r-1' });
    const own = new MemoryAppender({ name: 'own' });
    logger.addAppender(own);
    child.info('to both');
    logger.additivity = false;
    child.info('to its own only');
    logger.removeAppender(own);
    child.info('to nobody');
    expect(own.messages).to.deep.equal(['to both', 'to its own only']);
    expect(root.messages).to.deep.equal(['to both']);
    expect(child.additivity).to.equal(false);
    expect(child.appenders).to.deep.equal([]);
  });

  it('merges nested with() calls, the newer value winning', () => {
    const log = hierarchy.getLogger('api').with({ requestId: 'r-1', user: 'ann' }).with({ user: 'bob', tenant: 't-9' });
    log.info('nested');
    expect(root.events[0]!.fields).to.deep.equal({ requestId: 'r-1', user: 'bob', tenant: 't-9' });
  });

  it("lets the call's own fields win over the child's", () => {
    const log = hierarchy.getLogger('api').with({ requestId: 'r-1', step: 'start' });
    log.info({ step: 'charge', amount: 5 }, 'step');
    log.info('bound only');
    expect(root.events.map((e) => e.fields)).to.deep.equal([
      { requestId: 'r-1', step: 'charge', amount: 5 },
      { requestId: 'r-1', step: 'start' },
    ]);
  });

  it('takes a snapshot of the fields: changing the object given to with() later changes nothing', () => {
    const bindings: Record<string, unknown> = { requestId: 'r-1' };
    const log = hierarchy.getLogger('api').with(bindings);
    bindings.requestId = 'r-2';
    log.info('x');
    expect(root.events[0]!.fields).to.deep.equal({ requestId: 'r-1' });
    expect(Object.isFrozen(log.fields)).to.equal(true);
  });

  it('keeps a "__proto__" key of parsed JSON as a field, and a throwing getter as a marker', () => {
    const parsed = JSON.parse('{"__proto__":{"admin":true},"user":"ann"}') as Record<string, unknown>;
    const log = hierarchy.getLogger('api').with(parsed).with({ get broken(): unknown { throw new Error('getter failed'); } });
    log.info('parsed');
    const fields = root.events[0]!.fields!;
    expect(Object.keys(fields)).to.deep.equal(['__proto__', 'user', 'broken']);
    expect(Object.getPrototypeOf(fields)).to.equal(Object.prototype);
    expect(fields.broken).to.equal('[Unserializable: getter failed]');
    expect((fields as { admin?: unknown }).admin).to.equal(undefined);
  });

  it('is not a logger of the hierarchy', () => {
    const logger = hierarchy.getLogger('api');
    const before = hierarchy.getCurrentLoggers();
    const child = logger.with({ a: 1 });
    expect(hierarchy.getCurrentLoggers()).to.deep.equal(before);
    expect(hierarchy.getLogger('api')).to.equal(logger);
    expect(child).to.be.instanceOf(ChildLogger);
    expect(child.logger).to.equal(logger);
  });

  it('logs at custom levels through log(), an Error last as the throwable', () => {
    const notice = Level.forName('NOTICE', 25000);
    const failure = new Error('boom');
    hierarchy.getLogger('api').with({ a: 1 }).log(notice, 'custom', failure);
    expect(root.events[0]!.level).to.equal(notice);
    expect(root.events[0]!.error).to.equal(failure);
    expect(root.events[0]!.fields).to.deep.equal({ a: 1 });
  });

  it("captures the caller's line, not its own, when a layout needs the call site", () => {
    const locating: Layout = { requiresLocation: true, format: (e) => e.message };
    const located = new MemoryAppender({ name: 'located', layout: locating });
    hierarchy.getLogger('loc').addAppender(located);
    hierarchy.getLogger('loc').with({ a: 1 }).info('here');
    expect(located.events[0]!.location!.fileName).to.equal('child-logger.test.js');
  });

  it('refuses fields that are not a plain object, naming the logger', () => {
    const logger = hierarchy.getLogger('api');
    expect(() => logger.with(['x'] as never)).to.throw(TypeError, 'with() on logger "api": expected a plain object of fields, got an array');
    expect(() => logger.with(null as never)).to.throw(TypeError, /got null/);
    expect(() => logger.with({ a: 1 }).with('x' as never)).to.throw(TypeError, /got string/);
  });

  it('is usable wherever a LoggerView is, as the logger itself is', () => {
    const logger = hierarchy.getLogger('api');
    const views: LoggerView[] = [logger, logger.with({ a: 1 })];
    for (const view of views) view.info('from %s', view.name);
    expect(root.messages).to.deep.equal(['from api', 'from api']);
  });
});
