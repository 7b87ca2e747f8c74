import { expect } from 'chai';
import { context, INVALID_SPAN_CONTEXT, trace, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AlwaysOffSampler, TracerProvider } from '@opentelemetry/sdk-trace';
import { createRequire } from 'node:module';
import { activeTrace, traceLookup } from '../../src/active-trace.js';
import { Hierarchy } from '../../src/hierarchy.js';
import { InternalLog } from '../../src/internal-log.js';
import { Level } from '../../src/level.js';
import { MemoryAppender } from '../../appenders/memory-appender.js';
import { withGlobalTracer } from '../support/global-tracer.js';

const require = createRequire(import.meta.url);
const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

function idsOf(span: Span): { traceId: string; spanId: string; traceFlags: number } {
  const { traceId, spanId, traceFlags } = span.spanContext();
  return { traceId, spanId, traceFlags };
}

describe('trace correlation (active-trace)', () => {
  let memory: MemoryAppender;
  let hierarchy: Hierarchy;

  withGlobalTracer();

  beforeEach(() => {
    hierarchy = new Hierarchy();
    memory = new MemoryAppender({ name: 'memory' });
    hierarchy.root.addAppender(memory);
    hierarchy.root.level = Level.ALL;
  });

  it("gives each event made inside an active span that span's ids, across awaits", async () => {
    const log = hierarchy.getLogger('shop');
    const tracer = trace.getTracer('test');
    const expected = await tracer.startActiveSpan('checkout', async (span) => {
      log.info('before await');
      await tick();
      log.with({ orderId: 7 }).info('after await');
      span.end();
      return idsOf(span);
    });
    log.info('outside');
    expect(expected.traceId).to.match(/^[0-9a-f]{32}$/);
    expect(expected.spanId).to.match(/^[0-9a-f]{16}$/);
    expect(expected.traceFlags).to.equal(1);
    const [before, after, outside] = memory.events;
    expect(before!.trace).to.deep.equal(expected);
    expect(after!.trace).to.deep.equal(expected);
    expect(outside!.trace).to.equal(undefined);
  });

  it('follows nested and interleaved spans, each event with the span of its own async context', async () => {
    const log = hierarchy.getLogger('shop');
    const tracer = trace.getTracer('test');
    const request = (name: string) => tracer.startActiveSpan(name, async (parent) => {
      await tick();
      const child = await tracer.startActiveSpan(`${name}.db`, async (span) => {
        await tick();
        log.info(`${name} query`);
        span.end();
        return idsOf(span);
      });
      log.info(`${name} done`);
      parent.end();
      return { parent: idsOf(parent), child };
    });
    const [a, b] = await Promise.all([request('a'), request('b')]);
    const byMessage = new Map(memory.events.map((e) => [e.message, e.trace]));
    expect(byMessage.get('a query')).to.deep.equal(a.child);
    expect(byMessage.get('a done')).to.deep.equal(a.parent);
    expect(byMessage.get('b query')).to.deep.equal(b.child);
    expect(byMessage.get('b done')).to.deep.equal(b.parent);
    expect(a.child.traceId).to.equal(a.parent.traceId);
    expect(a.parent.traceId).not.to.equal(b.parent.traceId);
  });

  it('gives the events of one span one shared, frozen trace context', () => {
    const log = hierarchy.getLogger('shop');
    trace.getTracer('test').startActiveSpan('one', (span) => {
      log.info('first');
      log.info('second');
      span.end();
    });
    const [first, second] = memory.events;
    expect(first!.trace).to.equal(second!.trace);
    expect(Object.isFrozen(first!.trace)).to.equal(true);
  });

  it('carries the ids of a span that is not sampled, with trace flags 0', () => {
    const unsampled = new TracerProvider({ sampler: new AlwaysOffSampler() }).getTracer('off');
    const ids = unsampled.startActiveSpan('dropped', (span) => {
      hierarchy.getLogger('shop').info('unsampled');
      span.end();
      return idsOf(span);
    });
    expect(ids.traceFlags).to.equal(0);
    expect(memory.events[0]!.trace).to.deep.equal(ids);
  });

  it('carries nothing for an invalid span context', () => {
    context.with(trace.setSpan(context.active(), trace.wrapSpanContext(INVALID_SPAN_CONTEXT)), () => {
      hierarchy.getLogger('shop').info('invalid');
    });
    expect(memory.events[0]!.trace).to.equal(undefined);
  });

  it('is what activeTrace() gives outside any logger', () => {
    expect(activeTrace()).to.equal(undefined);
    trace.getTracer('test').startActiveSpan('direct', (span) => {
      expect(activeTrace()).to.deep.equal(idsOf(span));
      span.end();
    });
  });

  describe('traceLookup', () => {
    let internal: string[];
    let previousSink: ReturnType<typeof InternalLog.setSink>;
    beforeEach(() => {
      internal = [];
      previousSink = InternalLog.setSink((line) => internal.push(line));
    });
    afterEach(() => InternalLog.setSink(previousSink));

    it('loads the package once, and without it gives no trace and says nothing', () => {
      let loads = 0;
      const lookup = traceLookup(() => {
        loads++;
        return require('@opentelemetry/no-such-package');
      });
      trace.getTracer('test').startActiveSpan('span', (span) => {
        expect(lookup()).to.equal(undefined);
        expect(lookup()).to.equal(undefined);
        span.end();
      });
      expect(loads).to.equal(1);
      expect(internal).to.deep.equal([]);
    });

    it('turns itself off with one warning when the package is not the 1.x API', () => {
      const lookup = traceLookup(() => ({ trace: {} }));
      expect(lookup()).to.equal(undefined);
      expect(internal).to.have.length(1);
      expect(internal[0]).to.include('trace correlation is off: @opentelemetry/api has no trace.getSpan');
    });

    it('reports a failing context manager once and keeps the logging call alive', () => {
      const broken = {
        trace: { getSpan: () => undefined },
        context: { active: () => { throw new Error('context lost'); } },
        isSpanContextValid: () => true,
      };
      const lookup = traceLookup(() => broken);
      expect(lookup()).to.equal(undefined);
      expect(lookup()).to.equal(undefined);
      expect(internal).to.deep.equal(['logwarden:ERROR trace correlation: reading the active span failed: context lost']);
    });
  });
});

describe('activeTrace before OpenTelemetry is set up', () => {
  before(() => {
    context.disable();
    trace.disable();
  });
  after(() => {
    context.disable();
    trace.disable();
  });

  it('gives nothing until a context manager is registered, then the active span', () => {
    trace.getTracer('test').startActiveSpan('unmanaged', (span) => {
      expect(activeTrace()).to.equal(undefined);
      span.end();
    });
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(new TracerProvider());
    trace.getTracer('test').startActiveSpan('managed', (span) => {
      expect(activeTrace()).to.deep.equal(idsOf(span));
      span.end();
    });
  });
});
