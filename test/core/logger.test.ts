import { expect } from 'chai';
import { Hierarchy } from '../../src/hierarchy.js';
import { Level } from '../../src/level.js';
import { MemoryAppender } from '../../appenders/memory-appender.js';
import { InternalLog } from '../../src/internal-log.js';
import { MDC } from '../../src/context/mdc.js';
import { NDC } from '../../src/context/ndc.js';
import { ThreadName } from '../../src/context/thread-name.js';
import type { LoggingEvent } from '../../src/logging-event.js';
import type { Layout } from '../../layouts/layout.js';

describe('Logger', () => {
  let hierarchy: Hierarchy;
  let memory: MemoryAppender;
  let internal: string[];
  let previousSink: ReturnType<typeof InternalLog.setSink>;

  beforeEach(() => {
    hierarchy = new Hierarchy();
    memory = new MemoryAppender({ name: 'memory' });
    hierarchy.root.addAppender(memory);
    hierarchy.root.level = Level.ALL;
    internal = [];
    previousSink = InternalLog.setSink((line) => internal.push(line));
  });
  afterEach(() => InternalLog.setSink(previousSink));

  it('has a method per level that builds a LoggingEvent', () => {
    const logger = hierarchy.getLogger('de.resolution.apitokenauth.ApiTokenAuthenticationService');
    const before = Date.now();
    logger.trace('t');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    logger.error('e');
    logger.fatal('f');
    expect(memory.events.map((e) => e.level)).to.deep.equal([Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR, Level.FATAL]);
    const event = memory.events[2]!;
    expect(event.loggerName).to.equal('de.resolution.apitokenauth.ApiTokenAuthenticationService');
    expect(event.message).to.equal('i');
    expect(event.threadName).to.equal('main');
    expect(event.ndc).to.equal('');
    expect(event.mdc).to.deep.equal({});
    expect(event.error).to.equal(undefined);
    expect(event.timestamp).to.be.within(before, Date.now());
  });

  it('logs at a custom level through log()', () => {
    const notice = Level.forName('NOTICE', 25000);
    const logger = hierarchy.getLogger('custom');
    logger.level = Level.WARN;
    logger.log(notice, 'not enabled');
    logger.level = notice;
    logger.log(notice, 'enabled');
    logger.info('below');
    expect(memory.messages).to.deep.equal(['enabled']);
    expect(memory.events[0]!.level).to.equal(notice);
  });

  it('takes an Error as last argument as the throwable', () => {
    const err = new Error('Just testing');
    hierarchy.getLogger('x').error('Upload failed', err);
    expect(memory.events[0]!.message).to.equal('Upload failed');
    expect(memory.events[0]!.error).to.equal(err);
  });

  it('takes a lone Error as message and throwable', () => {
    const err = new TypeError('bad');
    hierarchy.getLogger('x').warn(err);
    expect(memory.events[0]!.message).to.equal('bad');
    expect(memory.events[0]!.error).to.equal(err);
  });

  it('formats printf-style arguments, never the message alone', () => {
    const logger = hierarchy.getLogger('x');
    logger.info('user %s has %d tokens', 'admin', 3);
    logger.info('100%s literal');
    expect(memory.messages).to.deep.equal(['user admin has 3 tokens', '100%s literal']);
  });

  it('renders non-string messages readably', () => {
    const logger = hierarchy.getLogger('x');
    logger.info({ a: 1 });
    logger.info(42);
    logger.info(null);
    logger.info();
    expect(memory.messages).to.deep.equal(['{ a: 1 }', '42', 'null', '']);
  });

  describe('lazy messages', () => {
    it('are evaluated only when the level is enabled', () => {
      const logger = hierarchy.getLogger('lazy');
      logger.level = Level.INFO;
      let calls = 0;
      logger.debug(() => { calls++; return 'expensive'; });
      expect(calls).to.equal(0);
      logger.info(() => { calls++; return 'expensive'; });
      expect(calls).to.equal(1);
      expect(memory.messages).to.deep.equal(['expensive']);
    });

    it('are not evaluated when no appender would receive the event', () => {
      hierarchy.root.removeAllAppenders();
      let calls = 0;
      hierarchy.getLogger('lazy').info(() => { calls++; return 'x'; });
      expect(calls).to.equal(0);
    });

    it('do not throw into the caller when the supplier throws', () => {
      const logger = hierarchy.getLogger('lazy');
      expect(() => logger.info(() => { throw new Error('oops'); })).not.to.throw();
      expect(memory.messages).to.deep.equal(['<message function threw>']);
      expect(internal.some((l) => l.includes('oops') && l.includes('lazy'))).to.equal(true);
    });
  });

  it('makes disabled level methods the same shared no-op for every logger', () => {
    const a = hierarchy.getLogger('a');
    const b = hierarchy.getLogger('b');
    a.level = Level.INFO;
    b.level = Level.ERROR;
    expect(a.debug).to.equal(b.debug);
    expect(a.debug).to.equal(b.info);
    expect(a.info).not.to.equal(b.info);
  });

  it('reports a throwing appender and still serves the others', () => {
    const broken = { name: 'broken', append() { throw new Error('disk on fire'); } };
    const logger = hierarchy.getLogger('resilient');
    logger.addAppender(broken);
    expect(() => { logger.info('one'); logger.info('two'); }).not.to.throw();
    expect(memory.messages).to.deep.equal(['one', 'two']);
    const reports = internal.filter((l) => l.includes('"broken"'));
    expect(reports).to.have.length(1);
    expect(reports[0]).to.include('disk on fire');
  });

  it('rejects something that is not an appender', () => {
    expect(() => hierarchy.root.addAppender({} as never)).to.throw(TypeError, /append\(event\)/);
  });

  it('carries MDC, NDC and thread name of the calling context', async () => {
    const logger = hierarchy.getLogger('ctx');
    await MDC.run({ 'jira.username': 'admin' }, () => NDC.run('req-1', () => ThreadName.run('http-nio-8080-exec-1', async () => {
      await new Promise((r) => setTimeout(r, 1));
      logger.info('inside');
    })));
    logger.info('outside');
    const [inside, outside] = memory.events as [LoggingEvent, LoggingEvent];
    expect(inside.mdc).to.deep.equal({ 'jira.username': 'admin' });
    expect(inside.ndc).to.equal('req-1');
    expect(inside.threadName).to.equal('http-nio-8080-exec-1');
    expect(outside.mdc).to.deep.equal({});
    expect(outside.threadName).to.equal('main');
  });

  it('captures the call site only when an appender layout needs it', () => {
    const logger = hierarchy.getLogger('loc');
    logger.info('no location');
    expect(memory.events[0]!.location).to.equal(undefined);
    const locating: Layout = { requiresLocation: true, format: (e) => e.message };
    const withLocation = new MemoryAppender({ name: 'loc', layout: locating });
    logger.addAppender(withLocation);
    logger.info('with location');
    const location = withLocation.events[0]!.location!;
    expect(location.fileName).to.equal('logger.test.js');
    expect(Number(location.lineNumber)).to.be.greaterThan(0);
  });
});
