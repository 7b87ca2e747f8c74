import dgram from 'node:dgram';
import { lookup } from 'node:dns';
import { isIP } from 'node:net';
import type { SyslogTransport } from './syslog-transport.js';
import type { DeliveryReport } from './delivery-report.js';
import type { SyslogAddress } from './syslog-host.js';
import { IdleWaiters } from './idle-waiters.js';

/** How long a looked-up address is reused: one DNS query per message would cost more than the message. */
const ADDRESS_TTL_MS = 30_000;

export interface UdpTransportOptions {
  address: SyslogAddress;
  report: DeliveryReport;
  /** Datagrams handed to the socket whose send has not completed yet. */
  maxBuffered: number;
}

/**
 * Syslog over UDP (RFC 5426, and RFC 3164's traditional transport): one message per
 * datagram, fire and forget. Nobody confirms receipt, so a collector that is down
 * loses what is sent meanwhile; what this side can see (send errors, a send queue
 * beyond the bound) is counted and reported.
 */
export class UdpTransport implements SyslogTransport {
  private socket: dgram.Socket | undefined;
  private inFlight = 0;
  private failing = false;
  private readonly idleWaiters = new IdleWaiters();
  private resolved: { address: string; family: number; until: number } | undefined;
  private readonly afterSend = (error: Error | null): void => {
    this.inFlight--;
    if (error) {
      this.failing = true;
      this.options.report.failure(error);
    } else if (this.failing) {
      this.failing = false;
      this.options.report.recovered();
    }
    if (this.inFlight === 0) {
      this.socket?.unref();
      this.idleWaiters.wakeAll();
    }
  };

  constructor(private readonly options: UdpTransportOptions) {}

  send(message: string): void {
    if (this.inFlight >= this.options.maxBuffered) {
      this.options.report.drop(1);
      return;
    }
    const socket = this.socket ?? this.open();
    this.inFlight++;
    socket.ref();
    socket.send(message, this.options.address.port, this.options.address.host, this.afterSend);
  }

  flush(timeoutMs: number): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return this.idleWaiters.wait(timeoutMs);
  }

  async close(timeoutMs: number): Promise<void> {
    await this.flush(timeoutMs);
    this.options.report.undelivered(this.inFlight);
    const socket = this.socket;
    this.socket = undefined;
    if (socket) await new Promise<void>((resolve) => socket.close(() => resolve()));
  }

  private open(): dgram.Socket {
    const host = this.options.address.host;
    const type = isIP(host) === 6 ? 'udp6' : 'udp4';
    const socket = dgram.createSocket({
      type,
      lookup: (hostname, _options, callback) => this.cachedLookup(hostname, type === 'udp6' ? 6 : 4, callback),
    });
    socket.on('error', (error) => this.options.report.failure(error));
    this.socket = socket;
    return socket;
  }

  private cachedLookup(
    hostname: string,
    family: number,
    callback: (error: NodeJS.ErrnoException | null, address: string, family: number) => void,
  ): void {
    // dgram also looks up the address it binds to; only the collector's name is cached.
    if (hostname !== this.options.address.host) {
      lookup(hostname, { family }, callback);
      return;
    }
    const cached = this.resolved;
    if (cached && cached.until > Date.now()) {
      callback(null, cached.address, cached.family);
      return;
    }
    lookup(hostname, { family }, (error, address, resolvedFamily) => {
      if (!error) this.resolved = { address, family: resolvedFamily, until: Date.now() + ADDRESS_TTL_MS };
      callback(error, address, resolvedFamily);
    });
  }
}
