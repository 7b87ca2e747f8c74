import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SeverityNumber, trace, type Attributes, type AttributeValue, type HrTime } from '@opentelemetry/api';
import { JsonLogsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { OtlpAppender, type OtlpAppenderOptions } from '../../../appenders/otlp/otlp-appender.js';
import { configure } from '../../../src/config/configure.js';
import type { ErrorHandler } from '../../../src/error-handler.js';
import { Hierarchy } from '../../../src/hierarchy.js';
import { InternalLog } from '../../../src/internal-log.js';
import { Level } from '../../../src/level.js';
import { getLogger, LogManager, shutdown } from '../../../src/log-manager.js';
import type { LoggingEvent } from '../../../src/logging-event.js';
import { LostRecordsError } from '../../../src/lost-records-error.js';
import { fixedError } from '../../layouts/fixed-event.js';
import { withGlobalTracer } from '../../support/global-tracer.js';
import { ManualClock } from './manual-clock.js';
import { OtlpReceiver, type ReceivedLogRecord, type ReceivedRequest } from './otlp-receiver.js';

const T0 = Date.UTC(2026, 10, 29, 12, 0, 0, 250);
const TRACE = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 };

class RecordingHandler implements ErrorHandler {
  readonly causes: Error[] = [];
  recoveries = 0;
  error(_name: string, cause: unknown): void {
    this.causes.push(cause as Error);
  }
  recovered(): void {
    this.recoveries++;
  }
  get messages(): string[] {
    return this.causes.map((cause) => cause.message);
  }
  get lost(): number[] {
    return this.causes.filter((cause): cause is LostRecordsError => cause instanceof LostRecordsError).map((cause) => cause.records);
  }
}

function event(i: number, overrides: Partial<LoggingEvent> = {}): LoggingEvent {
  return { timestamp: T0 + i, level: Level.INFO, loggerName: 'shop.checkout', message: `record ${i}`, threadName: 'main', mdc: {}, ndc: '', ...overrides };
}

const hr = (ms: number): HrTime => [Math.floor(ms / 1000), (ms % 1000) * 1e6];
const SEVERITY: Record<string, SeverityNumber> = {
  TRACE: SeverityNumber.TRACE, DEBUG: SeverityNumber.DEBUG, INFO: SeverityNumber.INFO, WARN: SeverityNumber.WARN, ERROR: SeverityNumber.ERROR, FATAL: SeverityNumber.FATAL,
};

/**
 * What OpenTelemetry's own JSON serializer (@opentelemetry/otlp-transformer) writes
 * for the same events as SDK log records: the reference the received payload is
 * compared with.
 */
function reference(events: readonly LoggingEvent[], observed: number, resourceAttributes: Attributes): ReceivedRequest {
  const resource = resourceFromAttributes(resourceAttributes);
  const scopes = new Map<string, { name: string }>();
  const records: ReadableLogRecord[] = events.map((e) => {
    const attributes: Attributes = { 'logger.name': e.loggerName, 'thread.name': e.threadName };
    if (e.error) {
      attributes['exception.type'] = e.error.constructor.name;
      attributes['exception.message'] = e.error.message;
      attributes['exception.stacktrace'] = e.error.stack!;
    }
    Object.assign(attributes, e.mdc, e.fields as Record<string, AttributeValue>);
    if (!scopes.has(e.loggerName)) scopes.set(e.loggerName, { name: e.loggerName });
    return {
      hrTime: hr(e.timestamp), hrTimeObserved: hr(observed), spanContext: e.trace, severityText: e.level.name, severityNumber: SEVERITY[e.level.name],
      body: e.message, resource, instrumentationScope: scopes.get(e.loggerName)!, attributes, droppedAttributesCount: 0,
    };
  });
  const request = JSON.parse(new TextDecoder().decode(JsonLogsSerializer.serializeRequest(records))) as ReceivedRequest;
  // A zero count is the protobuf default: OTLP/JSON may leave it out, as the appender does.
  for (const rl of request.resourceLogs) for (const sl of rl.scopeLogs) for (const r of sl.logRecords) delete (r as { droppedAttributesCount?: number }).droppedAttributesCount;
  return request;
}

const byBody = (records: readonly ReceivedLogRecord[]): Map<string, ReceivedLogRecord> => new Map(records.map((r) => [r.body.stringValue!, r]));

describe('OtlpAppender', () => {
  let receiver: OtlpReceiver;
  let clock: ManualClock;
  let handler: RecordingHandler;
  let internal: string[];
  let previousSink: ReturnType<typeof InternalLog.setSink>;
  const appenders: OtlpAppender[] = [];

  const make = (options: OtlpAppenderOptions = {}): OtlpAppender => {
    const appender = new OtlpAppender({
      name: 'otlp', endpoint: receiver.endpoint, serviceName: 'checkout', clock, random: () => 0.5, errorHandler: handler, environment: {}, ...options,
    });
    appenders.push(appender);
    return appender;
  };

  beforeEach(async () => {
    receiver = new OtlpReceiver();
    await receiver.start();
    clock = new ManualClock(T0 + 1000);
    handler = new RecordingHandler();
    internal = [];
    previousSink = InternalLog.setSink((line) => internal.push(line));
  });

  afterEach(async () => {
    await receiver.start().catch(() => undefined);
    receiver.reply = () => ({ status: 200, body: '{}' });
    for (const appender of appenders.splice(0)) {
      const closing = appender.close();
      for (let done = false; !done;) {
        const timer = await Promise.race([clock.nextTimer(), closing.then(() => undefined)]);
        if (timer) clock.fire(timer);
        else done = true;
      }
    }
    await receiver.stop();
    InternalLog.setSink(previousSink);
  });

  describe('the payload (OTLP/HTTP JSON, the log data model)', () => {
    it('POSTs application/json to {endpoint}/v1/logs with the configured headers', async () => {
      const appender = make({ headers: 'api-key=s3cr%3Dt,x-tenant=shop' });
      appender.append(event(0));
      await appender.flush();
      const [request] = await receiver.requests(1);
      expect([request!.method, request!.url, request!.headers['content-type']]).to.deep.equal(['POST', '/v1/logs', 'application/json']);
      expect([request!.headers['api-key'], request!.headers['x-tenant']]).to.deep.equal(['s3cr=t', 'shop']);
    });

    it('each record is what OpenTelemetry\'s JsonLogsSerializer writes for it: times, severity, body, attributes, trace context, resource', async () => {
      const events = [
        event(0, { level: Level.TRACE }),
        event(1, { level: Level.DEBUG, mdc: { requestId: 'r-1', user: 'admin' } }),
        event(2, { level: Level.INFO, fields: { orderId: 'o-17', amount: 12.5, items: 3, paid: true, tags: ['a', 'b'], customer: { id: 7, vip: false } } }),
        event(3, { level: Level.WARN, trace: TRACE, threadName: 'http-nio-8080-exec-11' }),
        event(4, { level: Level.ERROR, error: fixedError('card declined'), trace: { ...TRACE, traceFlags: 0 } }),
        event(5, { level: Level.FATAL, loggerName: 'shop.payment', mdc: { requestId: 'r-2' }, fields: { requestId: 'field wins', note: null } }),
      ];
      const appender = make({ resourceAttributes: 'deployment.environment=prod' });
      for (const e of events) appender.append(e);
      await appender.flush();
      const [request] = await receiver.requests(1);
      const expected = reference(events, clock.now(), { 'service.name': 'checkout', 'deployment.environment': 'prod' });
      expect(request!.request.resourceLogs).to.have.length(1);
      expect(request!.request.resourceLogs[0]!.resource).to.deep.equal(expected.resourceLogs[0]!.resource);
      const ours = byBody(receiver.records());
      const theirs = byBody(expected.resourceLogs[0]!.scopeLogs.flatMap((sl) => sl.logRecords));
      expect(ours.size).to.equal(events.length);
      for (const [body, record] of theirs) expect(ours.get(body), body).to.deep.equal(record);
      expect(receiver.records().map((r) => r.severityNumber)).to.deep.equal([1, 5, 9, 13, 17, 21]);
    });

    it('the scope is the logger: consecutive records of one logger share a ScopeLogs, in logged order', async () => {
      const appender = make();
      const loggers = ['a', 'a', 'b', 'a', 'a'];
      loggers.forEach((loggerName, i) => appender.append(event(i, { loggerName })));
      await appender.flush();
      const [request] = await receiver.requests(1);
      expect(request!.request.resourceLogs[0]!.scopeLogs.map((sl) => [sl.scope.name, sl.logRecords.length])).to.deep.equal([['a', 2], ['b', 1], ['a', 2]]);
      expect(receiver.messages()).to.deep.equal(loggers.map((_, i) => `record ${i}`));
    });

    it('line breaks and quotes in any text stay inside their JSON strings', async () => {
      const text = 'line1\n{"forged":true}\r\u2028\u2029"\\';
      const appender = make();
      appender.append(event(0, { message: text, threadName: text, mdc: { [text]: text } }));
      await appender.flush();
      const [request] = await receiver.requests(1);
      const record = receiver.records()[0]!;
      expect(record.body.stringValue).to.equal(text);
      expect(record.attributes.find((a) => a.key === text)?.value.stringValue).to.equal(text);
      expect(JSON.stringify(request!.request)).to.include('forged');
    });

    it('an MDC key or field named like the appender\'s own attributes goes under fields.', async () => {
      const appender = make();
      appender.append(event(0, { mdc: { 'thread.name': 'forged' }, fields: { 'logger.name': 'forged too' } }));
      await appender.flush();
      await receiver.requests(1);
      const attributes = receiver.records()[0]!.attributes.map((a) => [a.key, a.value.stringValue]);
      expect(attributes).to.deep.equal([['logger.name', 'shop.checkout'], ['thread.name', 'main'], ['fields.thread.name', 'forged'], ['fields.logger.name', 'forged too']]);
    });
  });

  describe('through a logger: structured fields and the active OpenTelemetry span', () => {
    withGlobalTracer();

    it('log.info({...}, msg) fields become typed attributes; the span gives traceId, spanId and flags', async () => {
      const hierarchy = new Hierarchy();
      const appender = make();
      hierarchy.root.addAppender(appender);
      const log = hierarchy.getLogger('shop.orders');
      const ids = trace.getTracer('test').startActiveSpan('checkout', (span) => {
        log.info({ orderId: 'o-17', amount: 12.5, items: 3 }, 'paid');
        span.end();
        return span.spanContext();
      });
      await appender.flush();
      await receiver.requests(1);
      const record = receiver.records()[0]!;
      expect([record.traceId, record.spanId, record.flags]).to.deep.equal([ids.traceId, ids.spanId, ids.traceFlags]);
      expect(record.attributes.slice(2)).to.deep.equal([
        { key: 'orderId', value: { stringValue: 'o-17' } }, { key: 'amount', value: { doubleValue: 12.5 } }, { key: 'items', value: { intValue: 3 } },
      ]);
      expect(receiver.received[0]!.request.resourceLogs[0]!.scopeLogs[0]!.scope.name).to.equal('shop.orders');
    });
  });

  describe('batching', () => {
    it('sends a full batch at once and the rest after the delay, one request at a time', async () => {
      const appender = make({ batchSize: 3, delay: 250 });
      for (let i = 0; i < 7; i++) appender.append(event(i));
      await receiver.requests(2);
      const timer = await clock.nextTimer();
      expect(timer.ms).to.equal(250);
      expect(receiver.received.map((r) => r.request.resourceLogs[0]!.scopeLogs[0]!.logRecords.length)).to.deep.equal([3, 3]);
      clock.fire(timer);
      await receiver.requests(3);
      await appender.flush();
      expect(receiver.messages()).to.deep.equal([0, 1, 2, 3, 4, 5, 6].map((i) => `record ${i}`));
      expect(appender.sentRecords).to.equal(7);
    });

    it('an appender created and closed without records sends nothing', async () => {
      await make().close();
      expect(receiver.received).to.deep.equal([]);
    });
  });

  describe('when the collector fails', () => {
    it('an outage in the middle (503 with Retry-After, then the receiver gone, then back): every record arrives once, in order; reported once', async () => {
      receiver.reply = (n) => (n === 1 ? { status: 503, headers: { 'Retry-After': '7' }, body: '{"message":"overloaded"}' } : { status: 200, body: '{}' });
      const appender = make({ batchSize: 2, retryDelay: 1000 });
      appender.append(event(0));
      appender.append(event(1));
      await appender.flush();
      appender.append(event(2));
      appender.append(event(3));
      const retryAfter = await clock.nextTimer();
      expect(retryAfter.ms, 'Retry-After: 7 honoured').to.equal(7000);
      expect(handler.messages).to.deep.equal([`cannot send to ${receiver.endpoint}/v1/logs: HTTP 503: overloaded; keeping up to 2048 records and retrying`]);
      appender.append(event(4));
      await receiver.stop();
      clock.fire(retryAfter);
      const backoff = await clock.nextTimer();
      expect(backoff.ms, 'second failure: 2 x 1000 ms x jitter 0.75').to.equal(1500);
      for (let i = 5; i < 8; i++) appender.append(event(i));
      await receiver.start();
      clock.fire(backoff);
      await appender.flush();
      appender.append(event(8));
      appender.append(event(9));
      await appender.flush();
      expect(receiver.messages()).to.deep.equal(Array.from({ length: 10 }, (_, i) => `record ${i}`));
      expect(handler.messages).to.have.length(1);
      expect([handler.recoveries, appender.sentRecords, appender.droppedRecords]).to.deep.equal([1, 10, 0]);
      expect(internal).to.deep.equal([`logwarden:WARN appender "otlp": sending to ${receiver.endpoint}/v1/logs again`]);
    });

    it('backoff doubles up to maxRetryDelay, with jitter between half and all of it', async () => {
      receiver.reply = () => ({ status: 502 });
      const jitter = [0, 0.999, 0.5, 0, 0.25];
      const appender = make({ retryDelay: 100, maxRetryDelay: 1000, random: () => jitter.shift() ?? 0 });
      appender.append(event(0));
      void appender.flush();
      const waits: number[] = [];
      for (let i = 0; i < 5; i++) {
        const timer = await clock.nextTimer();
        waits.push(timer.ms);
        clock.fire(timer);
      }
      expect(waits).to.deep.equal([50, 200, 300, 400, 625]);
      const last = await clock.nextTimer();
      expect(last.ms).to.equal(500);
      receiver.reply = () => ({ status: 200, body: '{}' });
      clock.fire(last);
      await appender.flush();
      expect(receiver.messages()).to.deep.equal(['record 0']);
    });

    it('a 400 is not retried: its records are counted as lost and the next batch goes on', async () => {
      receiver.reply = (n) => (n === 0 ? { status: 400, body: '{"code":3,"message":"unknown field \\"x\\""}' } : { status: 200, body: '{}' });
      const appender = make({ batchSize: 2 });
      appender.append(event(0));
      appender.append(event(1));
      await appender.flush();
      expect(clock.timers.size, 'no retry scheduled').to.equal(0);
      appender.append(event(2));
      appender.append(event(3));
      await appender.flush();
      expect(receiver.received.map((r) => r.reply.status)).to.deep.equal([400, 200]);
      expect(receiver.messages()).to.deep.equal(['record 2', 'record 3']);
      expect(handler.lost).to.deep.equal([2]);
      expect(handler.messages).to.deep.equal([`2 records refused by ${receiver.endpoint}/v1/logs (HTTP 400: unknown field "x"); not retried`]);
    });

    it('a partial success reports the records the collector rejected', async () => {
      receiver.reply = () => ({ status: 200, body: '{"partialSuccess":{"rejectedLogRecords":1,"errorMessage":"too old"}}' });
      const appender = make();
      appender.append(event(0));
      appender.append(event(1));
      await appender.flush();
      expect([appender.sentRecords, handler.lost]).to.deep.equal([1, [1]]);
      expect(handler.messages[0]).to.equal(`1 of 2 records rejected by ${receiver.endpoint}/v1/logs: too old`);
    });

    it('a full queue drops the newest records, counts them and reports the count once when sending works again', async () => {
      receiver.reply = (n) => (n === 0 ? { status: 503 } : { status: 200, body: '{}' });
      const appender = make({ batchSize: 2, maxQueueSize: 4 });
      appender.append(event(0));
      appender.append(event(1));
      const timer = await clock.nextTimer();
      for (let i = 2; i < 9; i++) appender.append(event(i));
      expect([appender.queuedRecords, appender.droppedRecords]).to.deep.equal([4, 5]);
      clock.fire(timer);
      await appender.flush();
      expect(receiver.messages()).to.deep.equal(['record 0', 'record 1', 'record 2', 'record 3']);
      expect(handler.messages).to.deep.equal([
        `cannot send to ${receiver.endpoint}/v1/logs: HTTP 503; keeping up to 4 records and retrying`,
        `queue of 4 records or 8388608 bytes is full (${receiver.endpoint}/v1/logs); dropping records until the collector catches up`,
        `5 records were dropped while the queue was full (${receiver.endpoint}/v1/logs)`,
      ]);
      expect(handler.lost).to.deep.equal([5]);
    });

    it('the queue is bounded in bytes too: an event with huge fields is dropped and counted, not kept', async () => {
      const appender = make({ maxQueueBytes: 64 * 1024 });
      appender.append(event(0, { fields: { blob: 'x'.repeat(100 * 1024) } }));
      appender.append(event(1));
      await appender.flush();
      expect(receiver.messages()).to.deep.equal(['record 1']);
      expect([appender.droppedRecords, handler.lost]).to.deep.equal([1, [1]]);
    });

    it('a request stops taking records at about 4 MiB, so a collector\'s body limit is not met by a batch of large records', async () => {
      const appender = make({ maxQueueBytes: 64 * 1024 * 1024 });
      for (let i = 0; i < 5; i++) appender.append(event(i, { fields: { blob: 'x'.repeat(1024 * 1024) } }));
      await appender.flush();
      expect(receiver.received.map((r) => r.request.resourceLogs[0]!.scopeLogs[0]!.logRecords.length)).to.deep.equal([3, 2]);
      expect(receiver.messages()).to.deep.equal([0, 1, 2, 3, 4].map((i) => `record ${i}`));
    });

    it('closing while the collector is away tries until closeTimeout, then counts what is left as lost', async () => {
      receiver.reply = () => ({ status: 503 });
      const appender = make({ closeTimeout: 5000, retryDelay: 1000 });
      appender.append(event(0));
      appender.append(event(1));
      const start = clock.now();
      const closing = appender.close();
      const waits: number[] = [];
      for (let done = false; !done;) {
        const timer = await Promise.race([clock.nextTimer(), closing.then(() => undefined)]);
        if (timer) {
          waits.push(timer.ms);
          clock.fire(timer);
        } else {
          done = true;
        }
      }
      expect(waits, 'the last wait ends at the deadline').to.deep.equal([750, 1500, 2750]);
      expect(clock.now() - start).to.equal(5000);
      expect(receiver.received).to.have.length(4);
      expect(handler.lost).to.deep.equal([2]);
      expect(handler.messages.at(-1)).to.equal(`2 records could not be sent at close (${receiver.endpoint}/v1/logs: HTTP 503)`);
    });

    it('refuses a header Node could not send when built, naming it but not its value', () => {
      expect(() => make({ headers: { 'x-key': 'abc\r\nInjected: 1' } })).to.throw('headers: the value of "x-key" holds characters a header cannot carry (a line break?)');
      expect(() => make({ headers: { 'bad name': 'v' } })).to.throw('headers: the header name "bad" is followed by a character a header name cannot carry (character 4)');
      expect(() => make({ headers: { '': 'v' } })).to.throw('headers: "" is not a valid header name');
      let message = '';
      try {
        make({ headers: { 'Authorization Bearer s3cr3t-t0ken': 'v' } });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).to.include('"Authorization"').and.not.to.include('s3cr3t');
      expect(() => make({ headers: { 'x-key': 's3cret\n' } })).to.throw(Error).with.property('message').that.does.not.include('s3cret');
    });

    it('never puts the endpoint\'s credentials or query, or a header value, in a report', async () => {
      await receiver.stop();
      const appender = make({ endpoint: `http://user:pa55word@127.0.0.1:${receiver.port}/otel?token=t0ken`, headers: { authorization: 'Bearer b34rer' } });
      expect(appender.url.href).to.equal(`http://user:pa55word@127.0.0.1:${receiver.port}/otel/v1/logs?token=t0ken`);
      appender.append(event(0));
      void appender.flush();
      await clock.nextTimer();
      expect(handler.messages[0]).to.match(new RegExp(`^cannot send to http://127\\.0\\.0\\.1:${receiver.port}/otel/v1/logs: `));
      for (const secret of ['pa55word', 't0ken', 'b34rer', 'user']) expect(handler.messages.join('\n')).not.to.include(secret);
      await receiver.start();
    });
  });

  describe('close and exit', () => {
    it('close() sends a batch still waiting for its delay and resolves when it is accepted', async () => {
      const appender = make({ delay: 60_000 });
      for (let i = 0; i < 3; i++) appender.append(event(i));
      expect((await clock.nextTimer()).ms).to.equal(60_000);
      await appender.close();
      expect(receiver.messages()).to.deep.equal(['record 0', 'record 1', 'record 2']);
      expect(clock.timers.size).to.equal(0);
    });

    it('a hierarchy\'s shutdown flushes it like every appender', async () => {
      const hierarchy = new Hierarchy();
      hierarchy.root.addAppender(make({ delay: 60_000 }));
      hierarchy.getLogger('shop').info('before shutdown');
      await hierarchy.shutdown();
      expect(receiver.messages()).to.deep.equal(['before shutdown']);
    });

    const script = (body: string): string => {
      const appenderModule = new URL('../../../appenders/otlp/otlp-appender.js', import.meta.url).href;
      const levelModule = new URL('../../../src/level.js', import.meta.url).href;
      return [
        `import { OtlpAppender } from ${JSON.stringify(appenderModule)};`,
        `import { Level } from ${JSON.stringify(levelModule)};`,
        'const appender = new OtlpAppender({ endpoint: process.argv[2], environment: {}, batchSize: 100, delay: 60000 });',
        "const log = (i) => appender.append({ timestamp: Date.now(), level: Level.INFO, loggerName: 'exit', message: 'record ' + i, threadName: 'main', mdc: {}, ndc: '' });",
        body,
      ].join('\n');
    };
    const runChild = async (source: string): Promise<{ code: number | null; stderr: string }> => {
      const dir = mkdtempSync(join(tmpdir(), 'logwarden-otlp-'));
      try {
        const file = join(dir, 'child.mjs');
        writeFileSync(file, source);
        return await new Promise((resolve) => {
          execFile(process.execPath, [file, receiver.endpoint], { timeout: 60_000 }, (error, _stdout, stderr) => resolve({ code: error ? (error as { code?: number }).code ?? null : 0, stderr }));
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };

    it('process.exit() right after logging: the exit path sends every queued record, once, in order', async () => {
      const child = await runChild(script('for (let i = 0; i < 1000; i++) log(i);\nprocess.exit(0);'));
      expect(child).to.deep.equal({ code: 0, stderr: '' });
      expect(receiver.messages()).to.deep.equal(Array.from({ length: 1000 }, (_, i) => `record ${i}`));
    });

    it('an idle process ends by itself (no timer or socket holds it), and the record waiting for its batch is sent at exit', async () => {
      const child = await runChild(script('log(0);'));
      expect(child).to.deep.equal({ code: 0, stderr: '' });
      expect(receiver.messages()).to.deep.equal(['record 0']);
    });

    it('at exit with the collector away, the records are counted as lost in the report', async () => {
      await receiver.stop();
      const source = script('log(0); log(1);').replace('delay: 60000', 'delay: 60000, closeTimeout: 300');
      const child = await runChild(source);
      expect(child.code).to.equal(0);
      expect(child.stderr).to.match(/appender "OtlpAppender-\d+" failed: 2 records could not be sent at exit \(http:\/\/127\.0\.0\.1:\d+\/v1\/logs: /);
      await receiver.start();
    });
  });

  describe('from configuration files', () => {
    let dir: string;
    beforeEach(async () => {
      await LogManager.resetConfiguration();
      dir = mkdtempSync(join(tmpdir(), 'logwarden-otlp-conf-'));
    });
    afterEach(async () => {
      await LogManager.resetConfiguration();
      rmSync(dir, { recursive: true, force: true });
    });

    const files = (endpoint: string): Record<string, string> => ({
      'log4j.properties': [
        'log4j.rootLogger=INFO, O',
        'log4j.appender.O=logwarden.OtlpAppender',
        `log4j.appender.O.Endpoint=${endpoint}`,
        'log4j.appender.O.ServiceName=checkout',
        'log4j.appender.O.ResourceAttributes=deployment.environment=prod',
        'log4j.appender.O.BatchSize=10',
        'log4j.appender.O.Delay=60000',
      ].join('\n'),
      'logwarden.yaml': [
        'root: { level: INFO, appenders: [O] }',
        'appenders:',
        `  O: { class: otlp, Endpoint: "${endpoint}", ServiceName: checkout, ResourceAttributes: deployment.environment=prod, Delay: 60000 }`,
      ].join('\n'),
      'log4j2.xml': [
        '<Configuration>',
        `  <Appenders><Otlp name="O" endpoint="${endpoint}" serviceName="checkout" resourceAttributes="deployment.environment=prod" delay="60000"/></Appenders>`,
        '  <Loggers><Root level="info"><AppenderRef ref="O"/></Root></Loggers>',
        '</Configuration>',
      ].join('\n'),
      'logback.xml': [
        '<configuration>',
        '  <appender name="O" class="logwarden.OtlpAppender">',
        `    <endpoint>${endpoint}</endpoint><serviceName>checkout</serviceName><resourceAttributes>deployment.environment=prod</resourceAttributes><delay>60000</delay>`,
        '  </appender>',
        '  <root level="INFO"><appender-ref ref="O"/></root>',
        '</configuration>',
      ].join('\n'),
    });

    for (const name of ['log4j.properties', 'logwarden.yaml', 'log4j2.xml', 'logback.xml']) {
      it(`${name}: the options reach the appender, and shutdown sends what is queued`, async () => {
        const file = join(dir, name);
        writeFileSync(file, files(receiver.endpoint)[name]!);
        expect(configure(file).warnings).to.deep.equal([]);
        getLogger('shop.orders').info('configured');
        await shutdown();
        const [request] = await receiver.requests(1);
        expect(request!.request.resourceLogs[0]!.resource.attributes).to.deep.equal([
          { key: 'service.name', value: { stringValue: 'checkout' } },
          { key: 'deployment.environment', value: { stringValue: 'prod' } },
        ]);
        expect(receiver.messages()).to.deep.equal(['configured']);
      });
    }

    it('a bad option is an error naming it', () => {
      const file = join(dir, 'log4j.properties');
      writeFileSync(file, 'log4j.rootLogger=INFO, O\nlog4j.appender.O=otlp\nlog4j.appender.O.Endpoint=ftp://collector\n');
      expect(() => configure(file)).to.throw(/endpoint must be an http or https URL, got "ftp:\/\/collector"/);
    });
  });
});
