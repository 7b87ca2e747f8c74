import { hostname as osHostname } from 'node:os';
import { basename, extname } from 'node:path';
import type { LoggingEvent } from '../src/logging-event.js';
import { resolveTimeZone } from '../layouts/date/time-zone.js';
import { renderThrowable } from '../layouts/throwable.js';
import { AppenderSkeleton, type AppenderOptions } from './appender-skeleton.js';
import { parseFacility, type Facility } from './syslog/facility.js';
import { parseSyslogHost, DEFAULT_SYSLOG_PORT, DEFAULT_SYSLOG_TLS_PORT, type SyslogAddress } from './syslog/syslog-host.js';
import type { SyslogFormat } from './syslog/syslog-format.js';
import { Rfc3164Format } from './syslog/rfc3164.js';
import { Rfc5424Format } from './syslog/rfc5424.js';
import { fitMessage, type LongMessagePolicy } from './syslog/fit-message.js';
import type { SyslogTransport } from './syslog/syslog-transport.js';
import { DeliveryReport } from './syslog/delivery-report.js';
import { UdpTransport } from './syslog/udp-transport.js';
import { StreamTransport, type StreamConnector } from './syslog/stream-transport.js';
import { tcpConnector, formatAddress } from './syslog/tcp-connector.js';
import { tlsConnector } from './syslog/tls-connector.js';

export type SyslogProtocol = 'udp' | 'tcp' | 'tls';
export type SyslogWireFormat = 'rfc3164' | 'rfc5424';

export interface SyslogAppenderOptions extends AppenderOptions {
  /** log4j's SyslogHost: `host`, `host:port`, `[IPv6]:port`. Default `localhost`, port 514 (6514 for TLS). */
  syslogHost?: string;
  /** KERN, USER (default), MAIL, DAEMON, AUTH, SYSLOG, LPR, NEWS, UUCP, CRON, AUTHPRIV, FTP, LOCAL0..LOCAL7. */
  facility?: string;
  /** Put the facility name and a colon (`local3:`) before each message, as log4j does. */
  facilityPrinting?: boolean;
  /** RFC 3164 only: send the `Mmm dd HH:mm:ss hostname ` header (log4j's default is no header). */
  header?: boolean;
  /** `udp` (default), `tcp` or `tls`. */
  protocol?: SyslogProtocol | string;
  /** `rfc3164` (default over UDP) or `rfc5424` (default over TCP and TLS). */
  format?: SyslogWireFormat | string;
  /** APP-NAME (RFC 5424; default: the main script's name) or the TAG (RFC 3164; none unless set). */
  appName?: string;
  /** HOSTNAME in the header; default the machine's host name. */
  hostname?: string;
  /** Zone of the header's time stamp; default the process's zone. */
  timeZone?: string;
  /** TLS: PEM file of the CA that signed the collector's certificate. */
  tlsCaFile?: string;
  /** TLS: client certificate and key, for collectors that authenticate clients. */
  tlsCertFile?: string;
  tlsKeyFile?: string;
  /** Messages held while the collector is away; beyond this, messages are dropped, counted and reported. Default 10000. */
  maxBufferedMessages?: number;
  /** Largest message in octets; longer ones are split (or truncated). Default 1024 (RFC 3164), 2048 (RFC 5424 over UDP), 8192 (TCP, TLS: rsyslog's default limit). */
  maxMessageSize?: number;
  /** Cut long messages instead of splitting them into several. */
  truncateLongMessages?: boolean;
  /** First wait before reconnecting, in ms (default 500); doubles up to maxReconnectDelay (default 30000). */
  reconnectDelay?: number;
  maxReconnectDelay?: number;
  /** How long close() and flush() wait for the collector, in ms. Default 5000. */
  closeTimeout?: number;
}

const MIN_MESSAGE_SIZE = 480;

function choice<T extends string>(option: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  const lower = value.trim().toLowerCase();
  const found = allowed.find((candidate) => candidate === lower);
  if (!found) throw new Error(`SyslogAppender ${option} must be one of ${allowed.join(', ')}, got "${value}"`);
  return found;
}

function positiveInteger(option: string, value: number | undefined, fallback: number, minimum = 1): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < minimum) {
    throw new Error(`SyslogAppender ${option} must be a whole number of at least ${minimum}, got ${value}`);
  }
  return value;
}

function defaultAppName(): string {
  const script = process.argv[1];
  return script ? basename(script, extname(script)) : 'node';
}

/** One trailing line separator: layouts end records with one, syslog messages carry none. */
function withoutLineEnd(text: string): string {
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  if (text.endsWith('\n') || text.endsWith('\r')) return text.slice(0, -1);
  return text;
}

/**
 * Sends events to a syslog collector (log4j's SyslogAppender): severity from the
 * level's syslog equivalent, facility from configuration, the layout's text as MSG.
 *
 * Stack traces: over UDP, as log4j does, the record goes in one datagram and each
 * line of the throwable in its own (a datagram cannot be relied on beyond a small
 * size, and collectors store each datagram as one line). Over TCP and TLS the octet-
 * counted framing carries line breaks safely, so the record and its stack trace are
 * one multi-line message, which collectors keep together.
 *
 * The logging call never blocks or throws: messages are queued and sent from the event
 * loop; see StreamTransport and UdpTransport for buffering, reconnecting and loss.
 */
export class SyslogAppender extends AppenderSkeleton {
  readonly address: SyslogAddress;
  readonly protocol: SyslogProtocol;
  readonly wireFormat: SyslogWireFormat;
  readonly facility: Facility;
  private readonly format: SyslogFormat;
  private readonly maxMessageSize: number;
  private readonly longMessages: LongMessagePolicy;
  private readonly closeTimeout: number;
  private readonly report: DeliveryReport;
  private readonly makeTransport: () => SyslogTransport;
  private transport: SyslogTransport | undefined;

  constructor(options: SyslogAppenderOptions = {}) {
    super(options);
    this.protocol = choice('Protocol', options.protocol, ['udp', 'tcp', 'tls'], 'udp');
    this.wireFormat = choice('Format', options.format, ['rfc3164', 'rfc5424'], this.protocol === 'udp' ? 'rfc3164' : 'rfc5424');
    this.address = parseSyslogHost(options.syslogHost ?? 'localhost', this.protocol === 'tls' ? DEFAULT_SYSLOG_TLS_PORT : DEFAULT_SYSLOG_PORT);
    this.facility = parseFacility(options.facility ?? 'USER');
    const facilityPrefix = options.facilityPrinting ? this.facility.prefix : '';
    const timeZone = resolveTimeZone(options.timeZone);
    const hostname = options.hostname ?? osHostname();
    this.format = this.wireFormat === 'rfc3164'
      ? new Rfc3164Format({ header: options.header ?? false, hostname, appName: options.appName, pid: process.pid, timeZone, facilityPrefix })
      : new Rfc5424Format({ hostname, appName: options.appName ?? defaultAppName(), pid: process.pid, timeZone, facilityPrefix });
    const defaultSize = this.protocol !== 'udp' ? 8192 : this.wireFormat === 'rfc3164' ? 1024 : 2048;
    this.maxMessageSize = positiveInteger('MaxMessageSize', options.maxMessageSize, defaultSize, MIN_MESSAGE_SIZE);
    this.longMessages = options.truncateLongMessages ? 'truncate' : 'split';
    this.closeTimeout = positiveInteger('CloseTimeout', options.closeTimeout, 5000, 0);
    const maxBuffered = positiveInteger('MaxBufferedMessages', options.maxBufferedMessages, 10_000);
    const reconnectDelay = positiveInteger('ReconnectDelay', options.reconnectDelay, 500);
    const maxReconnectDelay = positiveInteger('MaxReconnectDelay', options.maxReconnectDelay, 30_000, reconnectDelay);

    let connector: StreamConnector | undefined;
    if (this.protocol === 'tls') {
      connector = tlsConnector(this.address, { caFile: options.tlsCaFile, certFile: options.tlsCertFile, keyFile: options.tlsKeyFile });
    } else if (this.protocol === 'tcp') {
      connector = tcpConnector(this.address);
    }
    this.report = new DeliveryReport(this, connector?.destination ?? `udp://${formatAddress(this.address)}`, maxBuffered);
    this.makeTransport = connector
      ? () => new StreamTransport({ connector, report: this.report, maxBuffered, reconnectDelay, maxReconnectDelay, connectTimeout: 10_000 })
      : () => new UdpTransport({ address: this.address, report: this.report, maxBuffered });
  }

  /** Messages dropped so far because the buffer was full or the appender closed before they went out. */
  get droppedMessages(): number {
    return this.report.dropped;
  }

  protected write(event: LoggingEvent): void {
    const transport = this.transport ??= this.makeTransport();
    const head = this.format.head(this.facility.code | (event.level.syslogEquivalent & 7), event.timestamp);
    if (this.protocol !== 'udp' || event.error === undefined) {
      this.send(transport, head, withoutLineEnd(this.render(event)));
      return;
    }
    this.send(transport, head, withoutLineEnd(this.render({ ...event, error: undefined })));
    for (const line of withoutLineEnd(renderThrowable(event.error)).split('\n')) {
      this.send(transport, head, line.startsWith('\t') ? `    ${line.slice(1)}` : line);
    }
  }

  private send(transport: SyslogTransport, head: string, body: string): void {
    for (const message of fitMessage(head, body, this.maxMessageSize, this.longMessages)) transport.send(message);
  }

  override flush(): Promise<void> {
    return this.transport?.flush(this.closeTimeout) ?? Promise.resolve();
  }

  protected override async onClose(): Promise<void> {
    await this.transport?.close(this.closeTimeout);
  }
}
