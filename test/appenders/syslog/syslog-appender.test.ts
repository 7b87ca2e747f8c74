import { expect } from 'chai';
import { Level } from '../../../src/level.js';
import type { LoggingEvent } from '../../../src/logging-event.js';
import { InternalLog } from '../../../src/internal-log.js';
import { OncePerCauseErrorHandler } from '../../../src/error-handler.js';
import { SimpleLayout } from '../../../layouts/simple-layout.js';
import { SyslogAppender, type SyslogAppenderOptions } from '../../../appenders/syslog-appender.js';
import { UdpReceiver, OctetCountingReceiver, freePort, waitUntil } from './local-receivers.js';

const WINTER = Date.UTC(2026, 0, 5, 3, 4, 5, 67);
const PID = process.pid;

function event(level: Level, message: string, error?: Error): LoggingEvent {
  return { timestamp: WINTER, level, loggerName: 'com.shop.Cart', message, threadName: 'main', mdc: {}, ndc: '', error };
}

function boom(): Error {
  const error = new Error('boom');
  error.stack = 'Error: boom\n    at a (x.js:1:1)\n\tat b (y.js:2:2)';
  return error;
}

describe('SyslogAppender', () => {
  const appenders: SyslogAppender[] = [];
  const receivers: { close(): Promise<void> }[] = [];
  const internal: string[] = [];
  let previousSink: ReturnType<typeof InternalLog.setSink>;

  function appender(options: SyslogAppenderOptions): SyslogAppender {
    const created = new SyslogAppender({ layout: new SimpleLayout(), errorHandler: new OncePerCauseErrorHandler(), ...options });
    appenders.push(created);
    return created;
  }

  async function udp(): Promise<UdpReceiver> {
    const receiver = await UdpReceiver.start();
    receivers.push(receiver);
    return receiver;
  }

  async function tcp(port = 0): Promise<OctetCountingReceiver> {
    const receiver = await OctetCountingReceiver.start(port);
    receivers.push(receiver);
    return receiver;
  }

  beforeEach(() => {
    internal.length = 0;
    previousSink = InternalLog.setSink((line) => internal.push(line));
  });

  afterEach(async () => {
    for (const created of appenders.splice(0)) await created.close();
    for (const receiver of receivers.splice(0)) await receiver.close();
    InternalLog.setSink(previousSink);
  });

  describe('over UDP', () => {
    it('sends RFC 3164 as log4j does by default: <PRI> and the layout text, PRI from facility and level', async () => {
      const receiver = await udp();
      const syslog = appender({ syslogHost: `127.0.0.1:${receiver.port}`, facility: 'LOCAL3' });
      syslog.append(event(Level.WARN, 'disk full'));
      syslog.append(event(Level.DEBUG, 'cache miss'));
      syslog.append(event(Level.FATAL, 'gone'));
      await waitUntil(() => receiver.datagrams.length === 3, 'three datagrams');
      expect(receiver.texts).to.deep.equal(['<156>WARN - disk full', '<159>DEBUG - cache miss', '<152>FATAL - gone']);
    });

    it('adds Header, TAG and FacilityPrinting byte for byte', async () => {
      const receiver = await udp();
      const syslog = appender({
        syslogHost: `127.0.0.1:${receiver.port}`, facility: 'local3', header: true, facilityPrinting: true,
        appName: 'shop', hostname: 'web-1', timeZone: 'Europe/Berlin',
      });
      syslog.append(event(Level.INFO, 'order 17 placed'));
      await waitUntil(() => receiver.datagrams.length === 1, 'one datagram');
      expect(receiver.texts).to.deep.equal([`<158>Jan  5 04:04:05 web-1 shop[${PID}]: local3:INFO - order 17 placed`]);
    });

    it('sends RFC 5424 byte for byte', async () => {
      const receiver = await udp();
      const syslog = appender({
        syslogHost: `127.0.0.1:${receiver.port}`, format: 'RFC5424', facility: 'LOCAL3',
        appName: 'shop', hostname: 'web-1', timeZone: 'Europe/Berlin',
      });
      syslog.append(event(Level.WARN, 'disk full'));
      await waitUntil(() => receiver.datagrams.length === 1, 'one datagram');
      expect(receiver.texts).to.deep.equal([`<156>1 2026-01-05T04:04:05.067+01:00 web-1 shop ${PID} - - WARN - disk full`]);
    });

    it('sends a throwable line by line after the record, a leading tab as four spaces, as log4j does', async () => {
      const receiver = await udp();
      const syslog = appender({ syslogHost: `127.0.0.1:${receiver.port}`, header: true, hostname: 'web-1', timeZone: 'UTC' });
      syslog.append(event(Level.ERROR, 'payment failed', boom()));
      await waitUntil(() => receiver.datagrams.length === 4, 'four datagrams');
      const head = '<11>Jan  5 03:04:05 web-1 ';
      expect(receiver.texts).to.deep.equal([
        `${head}ERROR - payment failed`, `${head}Error: boom`, `${head}    at a (x.js:1:1)`, `${head}    at b (y.js:2:2)`,
      ]);
    });

    it('splits a message longer than a datagram without breaking a character', async () => {
      const receiver = await udp();
      const syslog = appender({ syslogHost: `127.0.0.1:${receiver.port}`, header: true, hostname: 'web-1', timeZone: 'UTC', maxMessageSize: 480 });
      const text = 'ü€😀'.repeat(300);
      syslog.append(event(Level.INFO, text));
      const head = '<14>Jan  5 03:04:05 web-1 ';
      await waitUntil(() => receiver.texts.join('').endsWith('😀'), 'the last part');
      let rejoined = '';
      receiver.datagrams.forEach((datagram, i) => {
        expect(datagram.length).to.be.at.most(480);
        const part = datagram.toString('utf8');
        expect(Buffer.from(part, 'utf8').equals(datagram), `datagram ${i} is whole UTF-8`).to.equal(true);
        expect(part.startsWith(head)).to.equal(true);
        let body = part.slice(head.length);
        if (i > 0) body = body.slice(3);
        if (i < receiver.datagrams.length - 1) body = body.slice(0, -3);
        rejoined += body;
      });
      expect(receiver.datagrams.length).to.be.greaterThan(3);
      expect(rejoined).to.equal(`INFO - ${text}`);
    });

    it('truncates instead when TruncateLongMessages is set', async () => {
      const receiver = await udp();
      const syslog = appender({ syslogHost: `127.0.0.1:${receiver.port}`, maxMessageSize: 480, truncateLongMessages: true });
      syslog.append(event(Level.INFO, '€'.repeat(300)));
      await waitUntil(() => receiver.datagrams.length === 1, 'one datagram');
      expect(receiver.texts[0]).to.equal(`<14>INFO - ${'€'.repeat(156)}`);
    });

    it('sends to an IPv6 collector written in brackets', async function () {
      let receiver: UdpReceiver;
      try {
        receiver = await UdpReceiver.start('::1');
      } catch (error) {
        console.log(`      skipped: no IPv6 loopback here (${(error as Error).message})`);
        this.skip();
      }
      receivers.push(receiver);
      const syslog = appender({ syslogHost: `[::1]:${receiver.port}` });
      syslog.append(event(Level.INFO, 'over IPv6'));
      await waitUntil(() => receiver.datagrams.length === 1, 'one datagram');
      expect(receiver.texts).to.deep.equal(['<14>INFO - over IPv6']);
    });

    it('reports an unknown host through the error handler instead of throwing', async () => {
      const syslog = appender({ syslogHost: 'no-such-host.invalid:5140' });
      expect(() => syslog.append(event(Level.INFO, 'lost'))).not.to.throw();
      await waitUntil(() => internal.length > 0, 'a report');
      expect(internal[0]).to.match(/^logwarden:ERROR appender "SyslogAppender-\d+" failed \(udp:\/\/no-such-host\.invalid:5140\): .*no-such-host\.invalid/);
    });
  });

  describe('over TCP', () => {
    it('sends RFC 5424 with octet counting, the stack trace inside the one message', async () => {
      const receiver = await tcp();
      const syslog = appender({ syslogHost: `127.0.0.1:${receiver.port}`, protocol: 'tcp', appName: 'shop', hostname: 'web-1', timeZone: 'UTC', facility: 'AUTH' });
      syslog.append(event(Level.ERROR, 'login failed', boom()));
      syslog.append(event(Level.INFO, 'user typed\n<14>1 2026-01-05T03:04:05Z web-1 forged - - - admin logged in'));
      await waitUntil(() => receiver.messages.length === 2, 'two messages');
      const head = (pri: number): string => `<${pri}>1 2026-01-05T03:04:05.067Z web-1 shop ${PID} - - `;
      expect(receiver.messages).to.deep.equal([
        `${head(35)}ERROR - login failed\nError: boom\n    at a (x.js:1:1)\n\tat b (y.js:2:2)`,
        `${head(38)}INFO - user typed\n<14>1 2026-01-05T03:04:05Z web-1 forged - - - admin logged in`,
      ]);
    });

    it('holds messages while the collector is away, delivers them in order, and counts and reports those beyond the bound', async () => {
      const port = await freePort();
      const syslog = appender({ syslogHost: `127.0.0.1:${port}`, protocol: 'tcp', maxBufferedMessages: 50, reconnectDelay: 10, maxReconnectDelay: 40 });
      for (let i = 0; i < 80; i++) syslog.append(event(Level.INFO, `m${i}`));
      expect(syslog.droppedMessages).to.equal(30);
      await waitUntil(() => internal.some((line) => line.includes('ECONNREFUSED')), 'a refused connection');
      await new Promise((resolve) => setTimeout(resolve, 100));
      const receiver = await tcp(port);
      await waitUntil(() => receiver.messages.length === 50, 'the buffered messages');
      expect(receiver.messages.map((message) => message.slice(message.lastIndexOf(' ') + 1))).to.deep.equal(
        Array.from({ length: 50 }, (_, i) => `m${i}`),
      );
      syslog.append(event(Level.INFO, 'after'));
      await waitUntil(() => receiver.messages.length === 51, 'the message after recovery');
      const name = `appender "${syslog.name}"`;
      // A connection counts as working again once it has lasted half a second.
      await waitUntil(() => internal.includes(`logwarden:WARN ${name} recovered`), 'the recovery');
      expect(internal).to.deep.equal([
        `logwarden:ERROR ${name} failed (tcp://127.0.0.1:${port}): buffer of 50 messages is full; dropping and counting further messages until tcp://127.0.0.1:${port} takes them again`,
        `logwarden:ERROR ${name} failed (tcp://127.0.0.1:${port}): connect ECONNREFUSED 127.0.0.1:${port}`,
        `logwarden:ERROR ${name} failed: 30 messages were dropped while tcp://127.0.0.1:${port} was unreachable (buffer bound 50)`,
        `logwarden:WARN ${name} recovered`,
      ]);
    });

    it('sends again what a dropped connection had not taken, after reconnecting', async () => {
      const first = await tcp();
      const port = first.port;
      const syslog = appender({ syslogHost: `127.0.0.1:${port}`, protocol: 'tcp', reconnectDelay: 10, maxReconnectDelay: 40 });
      for (let i = 0; i < 10; i++) syslog.append(event(Level.INFO, `m${i}`));
      await waitUntil(() => first.messages.length === 10, 'the first ten');
      await first.close();
      receivers.splice(receivers.indexOf(first), 1);
      for (let i = 10; i < 20; i++) syslog.append(event(Level.INFO, `m${i}`));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const second = await tcp(port);
      await waitUntil(() => second.messages.length === 10, 'the next ten');
      expect(second.messages.map((message) => message.slice(message.lastIndexOf(' ') + 1))).to.deep.equal(
        Array.from({ length: 10 }, (_, i) => `m${i + 10}`),
      );
      expect(syslog.droppedMessages).to.equal(0);
    });

    it('sends again what was written just before the connection was reset, as the collector most likely never read it', async () => {
      const receiver = await tcp();
      receiver.resetConnections = 1;
      const syslog = appender({ syslogHost: `127.0.0.1:${receiver.port}`, protocol: 'tcp', reconnectDelay: 10 });
      for (let i = 0; i < 10; i++) syslog.append(event(Level.INFO, `m${i}`));
      await waitUntil(() => receiver.messages.length === 10, 'the ten messages on the second connection');
      expect(receiver.messages.map((message) => message.slice(message.lastIndexOf(' ') + 1))).to.deep.equal(
        Array.from({ length: 10 }, (_, i) => `m${i}`),
      );
      expect(internal).to.have.length(1);
      expect(internal[0]).to.match(/failed \(tcp:\/\/127\.0\.0\.1:\d+\): .*ECONNRESET/);
    });

    it('close() sends what is still queued before it resolves', async () => {
      const receiver = await tcp();
      const syslog = appender({ syslogHost: `127.0.0.1:${receiver.port}`, protocol: 'tcp' });
      for (let i = 0; i < 1000; i++) syslog.append(event(Level.INFO, `m${i}`));
      await syslog.close();
      await waitUntil(() => receiver.messages.length === 1000, 'every message');
      expect(syslog.droppedMessages).to.equal(0);
      expect(internal).to.deep.equal([]);
    });

    it('close() resolves within CloseTimeout when the collector never comes, reporting what was not delivered', async () => {
      const port = await freePort();
      const syslog = appender({ syslogHost: `127.0.0.1:${port}`, protocol: 'tcp', closeTimeout: 200, reconnectDelay: 20 });
      for (let i = 0; i < 5; i++) syslog.append(event(Level.INFO, `m${i}`));
      const started = Date.now();
      await syslog.close();
      expect(Date.now() - started).to.be.lessThan(1000);
      expect(syslog.droppedMessages).to.equal(5);
      expect(internal.some((line) => line.endsWith(`5 messages could not be delivered to tcp://127.0.0.1:${port} before close`))).to.equal(true);
      expect(() => syslog.append(event(Level.INFO, 'late'))).not.to.throw();
    });
  });

  describe('options', () => {
    it('rejects bad values with messages naming the option and value', () => {
      expect(() => new SyslogAppender({ protocol: 'sctp' })).to.throw('SyslogAppender Protocol must be one of udp, tcp, tls, got "sctp"');
      expect(() => new SyslogAppender({ format: 'rfc9999' })).to.throw('SyslogAppender Format must be one of rfc3164, rfc5424, got "rfc9999"');
      expect(() => new SyslogAppender({ facility: 'LOCAL9' })).to.throw('unknown syslog Facility "LOCAL9"');
      expect(() => new SyslogAppender({ syslogHost: 'host:99999' })).to.throw('SyslogHost "host:99999"');
      expect(() => new SyslogAppender({ maxMessageSize: 100 })).to.throw('SyslogAppender MaxMessageSize must be a whole number of at least 480, got 100');
      expect(() => new SyslogAppender({ maxBufferedMessages: 0 })).to.throw('MaxBufferedMessages');
      expect(() => new SyslogAppender({ timeZone: 'Mars/Olympus' })).to.throw('Unknown time zone "Mars/Olympus"');
      expect(() => new SyslogAppender({ protocol: 'tls', tlsCaFile: '/nonexistent/ca.pem' })).to.throw('SyslogAppender TlsCaFile "/nonexistent/ca.pem" cannot be read');
      expect(() => new SyslogAppender({ protocol: 'tls', tlsCertFile: '/x.pem' })).to.throw('TlsCertFile and TlsKeyFile go together');
    });

    it('defaults to UDP and RFC 3164 on port 514, TCP and TLS to RFC 5424, TLS to port 6514', () => {
      const udpDefault = new SyslogAppender();
      expect([udpDefault.protocol, udpDefault.wireFormat, udpDefault.address]).to.deep.equal(['udp', 'rfc3164', { host: 'localhost', port: 514 }]);
      expect(udpDefault.facility.name).to.equal('USER');
      const tls = new SyslogAppender({ protocol: 'TLS', syslogHost: 'logs.example.com' });
      expect([tls.protocol, tls.wireFormat, tls.address]).to.deep.equal(['tls', 'rfc5424', { host: 'logs.example.com', port: 6514 }]);
    });
  });
});
