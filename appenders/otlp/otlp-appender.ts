import { spawnSync } from 'node:child_process';
import http from 'node:http';
import https from 'node:https';
import { fileURLToPath } from 'node:url';
import { InternalLog } from '../../src/internal-log.js';
import { LogManager } from '../../src/log-manager.js';
import type { LoggingEvent } from '../../src/logging-event.js';
import { LostRecordsError } from '../../src/lost-records-error.js';
import { AppenderSkeleton, type AppenderOptions } from '../appender-skeleton.js';
import { ExitFlush, type ExitFlushable } from '../file/exit-flush.js';
import type { ExitSend, ExitSendResult } from './exit-sender.js';
import { postJson } from './http-post.js';
import { describeUrl, keyValueList, logsUrl, type OtlpEnvironment } from './otlp-endpoint.js';
import { logRecordWriter } from './otlp-log-record.js';
import { exportRequest, resourceJson, type QueuedRecord } from './otlp-request.js';
import { backoffDelay, verdictOf } from './retry-policy.js';

const EXIT_SENDER = fileURLToPath(new URL('./exit-sender.js', import.meta.url));

/** A request stops taking records at about this size (a record larger than it goes alone): collectors refuse bodies past a limit (the OpenTelemetry Collector's default is 20 MiB). */
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** Time and timers, injectable so that tests of backoff fire timers themselves instead of sleeping. */
export interface OtlpClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Real time; timers unreferenced, so a waiting batch or retry never keeps an idle process alive. */
const REAL_CLOCK: OtlpClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface OtlpAppenderOptions extends AppenderOptions {
  /** Collector base URL; records go to `{endpoint}/v1/logs`. Default: OTEL_EXPORTER_OTLP_LOGS_ENDPOINT / OTEL_EXPORTER_OTLP_ENDPOINT, else http://localhost:4318. */
  endpoint?: string;
  /** Sent with every request (an API key): an object, or `key=value` pairs separated by commas. Default: OTEL_EXPORTER_OTLP_(LOGS_)HEADERS. Never reported. */
  headers?: Readonly<Record<string, string>> | string;
  /** The resource's `service.name`. Default: OTEL_SERVICE_NAME, else `unknown_service:node`. */
  serviceName?: string;
  /** More resource attributes, as `serviceName`'s companions. Default: OTEL_RESOURCE_ATTRIBUTES. */
  resourceAttributes?: Readonly<Record<string, string>> | string;
  /** Records per request (default 512). */
  batchSize?: number;
  /** Records kept while the collector is slow or away; beyond it new records are dropped and counted (default 2048). */
  maxQueueSize?: number;
  /** The same bound in bytes of serialized records (default 8 MiB), for events with large fields. */
  maxQueueBytes?: number;
  /** How long a batch that is not full waits for more records, ms (default 1000). */
  delay?: number;
  /** A request is abandoned after this long without an answer, ms (default 10,000). */
  timeout?: number;
  /** First wait before a retry, ms (default 1000), doubled per failure up to `maxRetryDelay` (default 30,000), with jitter. */
  retryDelay?: number;
  maxRetryDelay?: number;
  /** How long `close()` (and process exit) keeps trying to send what is queued, ms (default 5000). */
  closeTimeout?: number;
  /** Where the OTEL_* defaults are read, once, when the appender is built (default process.env). */
  environment?: OtlpEnvironment;
  clock?: OtlpClock;
  /** Jitter source in [0, 1) (default Math.random). */
  random?: () => number;
}

function pairs(value: Readonly<Record<string, string>> | string | undefined, option: string): [string, string][] {
  if (value === undefined) return [];
  return typeof value === 'string' ? keyValueList(value, option) : Object.entries(value);
}

/** A header Node would refuse when sending: refused when the appender is built, naming the header but never its value. */
function checkHeader(name: string, value: string): void {
  try {
    http.validateHeaderName(name);
  } catch {
    // Only the part before the first bad character is quoted: a mistyped "Authorization Bearer <token>"
    // must not print the token.
    const bad = name.search(/[^!#$%&'*+.^_`|~0-9A-Za-z-]/);
    const shown = (bad < 0 ? name : name.slice(0, bad)).slice(0, 40);
    throw new Error(bad < 0
      ? `headers: "${shown}" is not a valid header name`
      : `headers: the header name "${shown}" is followed by a character a header name cannot carry (character ${bad + 1}); a value goes after "="`);
  }
  try {
    http.validateHeaderValue(name, value);
  } catch {
    throw new Error(`headers: the value of "${name}" holds characters a header cannot carry (a line break?)`);
  }
}

function positive(value: number | undefined, fallback: number, option: string): number {
  const result = value ?? fallback;
  if (!Number.isInteger(result) || result < 1) throw new RangeError(`${option} must be a whole number of at least 1, got ${value}`);
  return result;
}

/** An appender's resolved settings. */
export interface OtlpSettings {
  readonly url: URL;
  readonly headers: Record<string, string>;
  /** Resource attributes, `service.name` first. */
  readonly resource: readonly [string, string][];
  readonly batchSize: number;
  readonly maxQueueSize: number;
  readonly maxQueueBytes: number;
  readonly delay: number;
  readonly timeout: number;
  readonly retryDelay: number;
  readonly maxRetryDelay: number;
  readonly closeTimeout: number;
}

interface FlushWaiter {
  readonly until: number;
  readonly resolve: () => void;
}

/**
 * Sends events to an OpenTelemetry collector over OTLP/HTTP with JSON encoding
 * (POST {endpoint}/v1/logs), in the log data model: times, severity number and
 * text, the message as body, attributes (logger, thread, exception, MDC, event
 * fields), trace context, a resource with `service.name`, the logger as the
 * instrumentation scope.
 *
 * Records are serialized when appended and queued (bounded: beyond `maxQueueSize`
 * records or `maxQueueBytes` bytes new ones are dropped and counted); a batch
 * leaves when it is full or after `delay`, one request at a time, so the
 * collector receives them in order. A record leaves the queue only when the
 * collector accepted it: network errors and 429/502/503/504 are retried with
 * exponential backoff and jitter (Retry-After honoured); another 4xx or 5xx is
 * final and its records are counted as lost. An outage is reported once, its
 * recovery with the number of records dropped.
 * `close()` / `shutdown()` send what is queued, bounded by `closeTimeout`; at
 * process exit the rest is sent by a child process (see exit-sender.ts), as the
 * DatabaseAppender writes its rows.
 */
export class OtlpAppender extends AppenderSkeleton implements ExitFlushable {
  readonly url: URL;
  private readonly where: string;
  private readonly headers: Record<string, string>;
  private readonly resource: string;
  private readonly batchSize: number;
  private readonly maxQueueSize: number;
  private readonly maxQueueBytes: number;
  private readonly delay: number;
  private readonly timeout: number;
  private readonly retryDelay: number;
  private readonly maxRetryDelay: number;
  private readonly closeTimeout: number;
  private readonly clock: OtlpClock;
  private readonly random: () => number;
  private readonly agent: http.Agent;
  private readonly writeRecord = logRecordWriter();
  private queue: QueuedRecord[] = [];
  private queuedBytes = 0;
  /** Records accepted into the queue so far, and records that left it (sent, refused or lost): flush() waits for the second to reach the first. */
  private accepted = 0;
  private finished = 0;
  private sending = false;
  private timer: unknown;
  private timerKind: 'delay' | 'backoff' | undefined;
  private attempt = 0;
  private failing = false;
  private lastFailure = '';
  private dropped = 0;
  private droppedUnreported = 0;
  private sent = 0;
  private waiters: FlushWaiter[] = [];
  private closeDeadline = Infinity;
  /** Bumped when the exit flush takes the queue over: an answer for an older request changes nothing. */
  private generation = 0;
  private readonly unregisterShutdown: () => void;

  constructor(options: OtlpAppenderOptions = {}) {
    super(options);
    const settings = OtlpAppender.validate(options);
    this.url = settings.url;
    this.where = describeUrl(this.url);
    this.headers = settings.headers;
    this.resource = resourceJson(settings.resource);
    this.maxQueueSize = settings.maxQueueSize;
    this.maxQueueBytes = settings.maxQueueBytes;
    this.batchSize = settings.batchSize;
    this.delay = settings.delay;
    this.timeout = settings.timeout;
    this.retryDelay = settings.retryDelay;
    this.maxRetryDelay = settings.maxRetryDelay;
    this.closeTimeout = settings.closeTimeout;
    this.clock = options.clock ?? REAL_CLOCK;
    this.random = options.random ?? Math.random;
    // Keep-alive reuses the connection between batches; Node unreferences idle sockets, so they keep no process alive.
    this.agent = this.url.protocol === 'https:' ? new https.Agent({ keepAlive: true, maxSockets: 1 }) : new http.Agent({ keepAlive: true, maxSockets: 1 });
    this.unregisterShutdown = LogManager.onShutdown(() => this.close());
    ExitFlush.register(this);
  }

  /** What the options (with the OTEL_* defaults) come to; throws what the constructor would, opening and registering nothing. */
  static validate(options: OtlpAppenderOptions): OtlpSettings {
    const environment = options.environment ?? (process.env as OtlpEnvironment);
    const url = logsUrl(options.endpoint, environment);
    const headers = Object.fromEntries(options.headers !== undefined
      ? pairs(options.headers, 'headers')
      : keyValueList(environment.OTEL_EXPORTER_OTLP_LOGS_HEADERS ?? environment.OTEL_EXPORTER_OTLP_HEADERS, 'OTEL_EXPORTER_OTLP_HEADERS'));
    for (const [name, value] of Object.entries(headers)) checkHeader(name, value);
    const resource = new Map<string, string>();
    resource.set('service.name', options.serviceName?.trim() || environment.OTEL_SERVICE_NAME?.trim() || 'unknown_service:node');
    const extra = options.resourceAttributes !== undefined
      ? pairs(options.resourceAttributes, 'resourceAttributes')
      : keyValueList(environment.OTEL_RESOURCE_ATTRIBUTES, 'OTEL_RESOURCE_ATTRIBUTES');
    for (const [key, value] of extra) if (key !== 'service.name' || !options.serviceName?.trim()) resource.set(key, value);
    const maxQueueSize = positive(options.maxQueueSize, 2048, 'maxQueueSize');
    const retryDelay = positive(options.retryDelay, 1000, 'retryDelay');
    return {
      url, headers, resource: [...resource], maxQueueSize,
      maxQueueBytes: positive(options.maxQueueBytes, 8 * 1024 * 1024, 'maxQueueBytes'),
      batchSize: Math.min(positive(options.batchSize, 512, 'batchSize'), maxQueueSize),
      delay: positive(options.delay, 1000, 'delay'),
      timeout: positive(options.timeout, 10_000, 'timeout'),
      retryDelay,
      maxRetryDelay: Math.max(retryDelay, positive(options.maxRetryDelay, 30_000, 'maxRetryDelay')),
      closeTimeout: positive(options.closeTimeout, 5000, 'closeTimeout'),
    };
  }

  /** Records the collector accepted so far. */
  get sentRecords(): number {
    return this.sent;
  }

  /** Records dropped so far because the queue was full. */
  get droppedRecords(): number {
    return this.dropped;
  }

  /** Records waiting to be sent (including a batch in flight). */
  get queuedRecords(): number {
    return this.queue.length;
  }

  protected write(event: LoggingEvent): void {
    const json = this.writeRecord(event, this.clock.now());
    const bytes = Buffer.byteLength(json);
    if (this.queue.length >= this.maxQueueSize || this.queuedBytes + bytes > this.maxQueueBytes) {
      if (this.droppedUnreported === 0) {
        this.errorHandler.error(this.name, new Error(`queue of ${this.maxQueueSize} records or ${this.maxQueueBytes} bytes is full (${this.where}); dropping records until the collector catches up`));
      }
      this.dropped++;
      this.droppedUnreported++;
      return;
    }
    this.queue.push({ scope: event.loggerName, json, bytes });
    this.queuedBytes += bytes;
    this.accepted++;
    // Logged by a later 'exit' listener: no event-loop turn follows to send it.
    if (ExitFlush.exiting) this.flushForExit(true);
    else this.schedule();
  }

  /** Resolves when every record appended before the call has left the queue: sent, refused by the collector, or (at close) given up and reported. */
  override flush(): Promise<void> {
    if (this.finished >= this.accepted) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.waiters.push({ until: this.accepted, resolve }));
    this.schedule();
    return done;
  }

  protected override async onClose(): Promise<void> {
    this.unregisterShutdown();
    ExitFlush.unregister(this);
    this.closeDeadline = this.clock.now() + this.closeTimeout;
    // A retry waiting longer than the close allows is tried now instead.
    if (this.timerKind === 'backoff') {
      this.cancelTimer();
      this.send();
    }
    await this.flush();
    if (this.droppedUnreported > 0) this.reportDropped();
    this.agent.destroy();
  }

  /** Starts a request now when a batch is full, a flush or close waits, else after `delay`; never while one is in flight or a retry waits. */
  private schedule(): void {
    if (this.sending || this.timerKind === 'backoff' || this.queue.length === 0) return;
    if (this.queue.length >= this.batchSize || this.queuedBytes >= MAX_REQUEST_BYTES || this.waiters.length > 0 || this.closed) {
      this.cancelTimer();
      this.send();
    } else if (this.timerKind === undefined) {
      this.startTimer('delay', this.delay);
    }
  }

  private startTimer(kind: 'delay' | 'backoff', ms: number): void {
    this.timerKind = kind;
    this.timer = this.clock.setTimeout(() => {
      this.timerKind = undefined;
      this.timer = undefined;
      this.send();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timerKind === undefined) return;
    this.clock.clearTimeout(this.timer);
    this.timerKind = undefined;
    this.timer = undefined;
  }

  private send(): void {
    if (this.sending || this.queue.length === 0) return;
    this.sending = true;
    const count = this.batchEnd(this.queue, 0);
    const body = exportRequest(this.resource, this.queue, 0, count);
    const generation = this.generation;
    void postJson(this.url, this.headers, body, this.timeout, this.agent).then((outcome) => {
      if (generation === this.generation) this.answered(verdictOf(outcome, this.clock.now()), count);
    });
  }

  /** Where the batch starting at `start` ends: `batchSize` records, or fewer once the request reaches MAX_REQUEST_BYTES (never none). */
  private batchEnd(records: readonly QueuedRecord[], start: number): number {
    const last = Math.min(records.length, start + this.batchSize);
    let end = start + 1;
    let bytes = records[start]!.bytes;
    while (end < last && bytes + records[end]!.bytes <= MAX_REQUEST_BYTES) bytes += records[end++]!.bytes;
    return end;
  }

  /** The first `count` records left the queue (accepted, refused or given up). */
  private removeSent(count: number): void {
    for (let i = 0; i < count; i++) this.queuedBytes -= this.queue[i]!.bytes;
    this.queue.splice(0, count);
    this.finished += count;
  }

  private answered(verdict: ReturnType<typeof verdictOf>, count: number): void {
    this.sending = false;
    if (verdict.kind === 'retry') {
      this.lastFailure = verdict.reason;
      if (!this.failing) {
        this.failing = true;
        this.errorHandler.error(this.name, new Error(`cannot send to ${this.where}: ${verdict.reason}; keeping up to ${this.maxQueueSize} records and retrying`));
      }
      let wait = verdict.retryAfterMs ?? backoffDelay(this.attempt, this.retryDelay, this.maxRetryDelay, this.random);
      this.attempt++;
      if (this.closed) {
        const left = this.closeDeadline - this.clock.now();
        if (left <= 0) {
          this.giveUp();
          return;
        }
        wait = Math.min(wait, left);
      }
      this.startTimer('backoff', wait);
      return;
    }
    this.removeSent(count);
    this.attempt = 0;
    if (verdict.kind === 'refused') {
      this.errorHandler.error(this.name, new LostRecordsError(count, `${count} records refused by ${this.where} (${verdict.reason}); not retried`));
    } else {
      this.sent += count - verdict.rejected;
      if (verdict.rejected > 0) {
        this.errorHandler.error(this.name, new LostRecordsError(verdict.rejected, `${verdict.rejected} of ${count} records rejected by ${this.where}${verdict.message ? `: ${verdict.message}` : ''}`));
      }
    }
    if (this.failing) {
      this.failing = false;
      this.errorHandler.recovered(this.name);
      InternalLog.warn(`appender "${this.name}": sending to ${this.where} again`);
    }
    if (this.droppedUnreported > 0) this.reportDropped();
    this.wakeWaiters();
    this.schedule();
  }

  private wakeWaiters(): void {
    if (this.waiters.length === 0) return;
    const waiting: FlushWaiter[] = [];
    for (const waiter of this.waiters) {
      if (this.finished >= waiter.until) waiter.resolve();
      else waiting.push(waiter);
    }
    this.waiters = waiting;
  }

  private reportDropped(): void {
    const lost = this.droppedUnreported;
    this.droppedUnreported = 0;
    this.errorHandler.error(this.name, new LostRecordsError(lost, `${lost} records were dropped while the queue was full (${this.where})`));
  }

  /** Closing with the collector still away: what cannot be sent is counted, not silently lost. */
  private giveUp(): void {
    const lost = this.queue.length + this.droppedUnreported;
    this.removeSent(this.queue.length);
    this.droppedUnreported = 0;
    if (lost > 0) this.errorHandler.error(this.name, new LostRecordsError(lost, `${lost} records could not be sent at close (${this.where}: ${this.lastFailure})`));
    this.wakeWaiters();
  }

  /**
   * At exit nothing asynchronous runs, so the records still queued are sent by a
   * child process, synchronously, within `closeTimeout`. A batch whose answer had
   * not arrived is sent again: the collector may then hold it twice, never not at all.
   */
  flushForExit(_final: boolean): void {
    if (this.queue.length === 0) {
      if (this.droppedUnreported > 0) this.reportDropped();
      return;
    }
    this.generation++;
    this.cancelTimer();
    this.sending = false;
    const records = this.queue;
    this.queue = [];
    this.queuedBytes = 0;
    const batches: ExitSend['batches'] = [];
    for (let start = 0; start < records.length;) {
      const end = this.batchEnd(records, start);
      batches.push({ body: exportRequest(this.resource, records, start, end), records: end - start });
      start = end;
    }
    const input: ExitSend = { url: this.url.href, headers: this.headers, batches, budgetMs: this.closeTimeout, timeoutMs: this.timeout };
    const child = spawnSync(process.execPath, [EXIT_SENDER], { input: JSON.stringify(input), encoding: 'utf8', timeout: this.closeTimeout + 2000 });
    let result: ExitSendResult | undefined;
    try {
      result = JSON.parse(child.stdout) as ExitSendResult;
    } catch {
      result = undefined;
    }
    const sent = result?.sent ?? 0;
    this.sent += sent;
    this.finished += records.length;
    const lost = records.length - sent + this.droppedUnreported;
    this.droppedUnreported = 0;
    this.wakeWaiters();
    if (lost > 0) {
      const reason = result?.failure ?? (child.error ? child.error.message : child.stderr.trim() || `exit sender ended with ${child.signal ?? child.status}`);
      this.errorHandler.error(this.name, new LostRecordsError(lost, `${lost} records could not be sent at exit (${this.where}: ${reason})`));
    }
  }
}
