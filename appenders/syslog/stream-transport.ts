import type { Socket } from 'node:net';
import type { SyslogTransport } from './syslog-transport.js';
import type { DeliveryReport } from './delivery-report.js';
import { octetCountedFrame } from './octet-counting.js';
import { IdleWaiters } from './idle-waiters.js';

/** Opens one connection; `ready` names the event that says messages may be written. */
export interface StreamConnector {
  /** `tcp://host:port` or `tls://host:port`, for reports. */
  readonly destination: string;
  connect(): { socket: Socket; ready: 'connect' | 'secureConnect' };
}

export interface StreamTransportOptions {
  connector: StreamConnector;
  report: DeliveryReport;
  /** Messages held while the collector is away (queued plus written but not yet confirmed by the socket). */
  maxBuffered: number;
  /** First wait before reconnecting, in ms; doubles after each failed attempt. */
  reconnectDelay: number;
  maxReconnectDelay: number;
  /** A connection attempt that takes longer than this is abandoned and retried. */
  connectTimeout: number;
}

/**
 * How long after its write completed a batch is still sent again if the connection
 * then fails with an error: a reset or a TLS alert that soon after a write means the
 * collector most likely never read it. A new connection also has to last this long
 * before it counts as working again (back-off reset, recovery reported): a TLS 1.3
 * server rejects a client certificate only after the handshake has completed.
 */
const RESEND_WINDOW_MS = 500;

interface WrittenBatch {
  readonly frames: string[];
  readonly at: number;
}

/** One socket, the batches written to it whose write has not completed yet, and those written just before. */
interface Connection {
  readonly socket: Socket;
  ready: boolean;
  inFlight: string[][];
  recent: WrittenBatch[];
  recentCount: number;
  blocked: boolean;
  failed: boolean;
}

/**
 * Syslog over a byte stream (TCP, RFC 6587; TLS, RFC 5425) with octet-counting
 * framing. Messages go into a bounded queue; a drain scheduled with setImmediate
 * writes everything queued as one chunk, so a burst of log calls costs one write and
 * the logging call never waits for the network.
 *
 * While the collector is away the queue holds up to `maxBuffered` messages and
 * reconnects with exponential back-off; beyond the bound new messages are dropped and
 * counted. A batch stays counted as in flight until its write completes; when the
 * connection dies first, the batch goes back to the front of the queue and is sent again
 * on the next connection. Deferring the write to setImmediate also means a socket the
 * collector has closed has had its end-of-stream processed before anything new is
 * written into it.
 *
 * Plain syslog has no acknowledgements: a completed write only means the kernel took
 * the bytes. When a connection fails with an error (a reset from a collector that died
 * with unread data, a TLS 1.3 server rejecting the client certificate after the client
 * already wrote), the batches completed within RESEND_WINDOW_MS before are sent again
 * as well, as far as the buffer bound has room for them. That favours a duplicate over
 * a loss; a collector that closes cleanly gets nothing twice.
 */
export class StreamTransport implements SyslogTransport {
  private queue: string[] = [];
  private inFlightCount = 0;
  private connection: Connection | undefined;
  private delay: number;
  private retryTimer: NodeJS.Timeout | undefined;
  private drainScheduled = false;
  private closed = false;
  private readonly idleWaiters = new IdleWaiters();

  constructor(private readonly options: StreamTransportOptions) {
    this.delay = options.reconnectDelay;
  }

  send(message: string): void {
    if (this.queue.length + this.inFlightCount >= this.options.maxBuffered) {
      this.options.report.drop(1);
      return;
    }
    this.queue.push(octetCountedFrame(message));
    this.scheduleDrain();
  }

  flush(timeoutMs: number): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    const idle = this.idleWaiters.wait(timeoutMs);
    this.scheduleDrain();
    return idle;
  }

  async close(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    await this.flush(timeoutMs);
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.options.report.undelivered(this.queue.length + this.inFlightCount);
    this.queue = [];
    const connection = this.connection;
    this.connection = undefined;
    if (!connection) return;
    await new Promise<void>((resolve) => {
      const socket = connection.socket;
      const timer = setTimeout(() => socket.destroy(), Math.max(0, deadline - Date.now()));
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.end();
    });
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.inFlightCount === 0;
  }

  private scheduleDrain(): void {
    if (this.drainScheduled || this.closed) return;
    this.drainScheduled = true;
    setImmediate(() => {
      this.drainScheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    const connection = this.connection;
    if (!connection) {
      if (this.retryTimer === undefined && this.queue.length > 0) this.connect();
      return;
    }
    if (!connection.ready || connection.blocked) return;
    if (this.queue.length === 0) {
      if (this.inFlightCount === 0) this.becameIdle(connection);
      return;
    }
    const batch = this.queue;
    this.queue = [];
    connection.inFlight.push(batch);
    this.inFlightCount += batch.length;
    connection.socket.ref();
    const accepted = connection.socket.write(batch.join(''), (error) => {
      // Writes complete in order; a failed one stays in flight until the close handler requeues it.
      if (error || connection.inFlight[0] !== batch) return;
      connection.inFlight.shift();
      this.inFlightCount -= batch.length;
      this.remember(connection, batch);
      if (this.queue.length > 0) this.scheduleDrain();
      else if (this.inFlightCount === 0) this.becameIdle(connection);
    });
    if (!accepted) connection.blocked = true;
  }

  /** Keeps a completed batch for RESEND_WINDOW_MS, within what the buffer bound leaves room for. */
  private remember(connection: Connection, frames: string[]): void {
    const now = Date.now();
    connection.recent.push({ frames, at: now });
    connection.recentCount += frames.length;
    const room = this.options.maxBuffered - this.queue.length - this.inFlightCount;
    while (connection.recent.length > 0 && (connection.recentCount > room || connection.recent[0]!.at < now - RESEND_WINDOW_MS)) {
      connection.recentCount -= connection.recent.shift()!.frames.length;
    }
  }

  /** Nothing left to send: let the process exit if it wants to, and wake flush() callers. */
  private becameIdle(connection: Connection): void {
    connection.socket.unref();
    this.idleWaiters.wakeAll();
  }

  private connect(): void {
    let opened: ReturnType<StreamConnector['connect']>;
    try {
      opened = this.options.connector.connect();
    } catch (cause) {
      this.options.report.failure(cause);
      this.retryLater();
      return;
    }
    const connection: Connection = { socket: opened.socket, ready: false, inFlight: [], recent: [], recentCount: 0, blocked: false, failed: false };
    const socket = connection.socket;
    this.connection = connection;
    socket.setTimeout(this.options.connectTimeout, () => {
      socket.destroy(new Error(`no connection to ${this.options.connector.destination} within ${this.options.connectTimeout} ms`));
    });
    socket.once(opened.ready, () => {
      socket.setTimeout(0);
      socket.setNoDelay(true);
      socket.setKeepAlive(true, 30_000);
      connection.ready = true;
      setTimeout(() => {
        if (this.connection !== connection || connection.failed) return;
        this.delay = this.options.reconnectDelay;
        this.options.report.recovered();
      }, RESEND_WINDOW_MS).unref();
      this.drain();
    });
    // The collector sends nothing, but reading is how its end of the connection is noticed.
    socket.resume();
    socket.on('drain', () => {
      connection.blocked = false;
      this.drain();
    });
    socket.on('error', (error) => {
      connection.failed = true;
      this.options.report.failure(error);
    });
    socket.once('close', () => this.connectionClosed(connection));
  }

  private connectionClosed(connection: Connection): void {
    if (this.connection === connection) this.connection = undefined;
    const unconfirmed = connection.inFlight.flat();
    connection.inFlight = [];
    this.inFlightCount -= unconfirmed.length;
    let resend = unconfirmed;
    if (connection.failed) {
      const since = Date.now() - RESEND_WINDOW_MS;
      const room = this.options.maxBuffered - this.queue.length - this.inFlightCount - unconfirmed.length;
      const recent = connection.recent.filter((written) => written.at >= since).flatMap((written) => written.frames);
      resend = recent.slice(Math.max(0, recent.length - room)).concat(unconfirmed);
    }
    connection.recent = [];
    connection.recentCount = 0;
    if (resend.length > 0) this.queue = resend.concat(this.queue);
    if (this.closed) return;
    if (!connection.ready && !connection.failed) {
      this.options.report.failure(new Error(`connection to ${this.options.connector.destination} closed before it was established`));
    }
    this.retryLater();
  }

  private retryLater(): void {
    if (this.closed || this.retryTimer !== undefined) return;
    const wait = this.delay;
    this.delay = Math.min(this.delay * 2, this.options.maxReconnectDelay);
    // Unreferenced: a collector that stays away must not keep the process alive.
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.queue.length > 0) this.connect();
    }, wait).unref();
  }
}
