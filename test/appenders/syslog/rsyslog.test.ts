import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Level } from '../../../src/level.js';
import type { LoggingEvent } from '../../../src/logging-event.js';
import { InternalLog } from '../../../src/internal-log.js';
import { OncePerCauseErrorHandler } from '../../../src/error-handler.js';
import { SimpleLayout } from '../../../layouts/simple-layout.js';
import { SyslogAppender, type SyslogAppenderOptions } from '../../../appenders/syslog-appender.js';
import { RsyslogDaemon, rsyslogMissing, type Received } from './rsyslog-daemon.js';

const PID = String(process.pid);
const LEVELS: [Level, number][] = [[Level.FATAL, 0], [Level.ERROR, 3], [Level.WARN, 4], [Level.INFO, 6], [Level.DEBUG, 7], [Level.TRACE, 7]];

function event(level: Level, message: string, error?: Error): LoggingEvent {
  return { timestamp: Date.now(), level, loggerName: 'com.shop.Cart', message, threadName: 'main', mdc: {}, ndc: '', error };
}

describe('SyslogAppender with a real rsyslogd', function () {
  this.timeout(30_000);
  let dir: string;
  let rsyslog: RsyslogDaemon | undefined;
  const appenders: SyslogAppender[] = [];
  const internal: string[] = [];
  let previousSink: ReturnType<typeof InternalLog.setSink> | undefined;

  before(async function () {
    const missing = rsyslogMissing();
    if (missing) {
      console.log(`      skipped: ${missing}`);
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'logwarden-rsyslog-'));
    rsyslog = new RsyslogDaemon(dir);
    previousSink = InternalLog.setSink((line) => internal.push(line));
    await rsyslog.setUp();
  });

  after(async () => {
    for (const appender of appenders.splice(0)) await appender.close();
    await rsyslog?.tearDown();
    if (previousSink) InternalLog.setSink(previousSink);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function appender(options: SyslogAppenderOptions): SyslogAppender {
    const created = new SyslogAppender({
      layout: new SimpleLayout(), errorHandler: new OncePerCauseErrorHandler(), reconnectDelay: 20, maxReconnectDelay: 200, ...options,
    });
    appenders.push(created);
    return created;
  }

  function daemon(): RsyslogDaemon {
    return rsyslog!;
  }

  /** Logs one message per level and checks rsyslog stored each with facility, severity, host, app name and PID. */
  async function roundTrip(syslog: SyslogAppender, input: string, facility: number, hostname: string, appName: string): Promise<void> {
    for (const [level] of LEVELS) syslog.append(event(level, `${appName} says ${level.name}`));
    const records = await daemon().waitFor(LEVELS.length, (record) => record.appName === appName, `${appName}'s messages`);
    expect(records.map((record) => ({ ...record, msg: record.msg.trimStart() }))).to.deep.equal(LEVELS.map(([level, severity]): Received => ({
      input, facility, severity, hostname, appName, procId: PID, msg: `${level.name} - ${appName} says ${level.name}`,
    })));
  }

  it('receives RFC 3164 over UDP with Header and TAG', async () => {
    const syslog = appender({ syslogHost: `127.0.0.1:${daemon().udpPort}`, facility: 'LOCAL4', header: true, hostname: 'web-udp', appName: 'shop-udp' });
    await roundTrip(syslog, 'udp', 20, 'web-udp', 'shop-udp');
  });

  it('receives RFC 5424 over UDP', async () => {
    const syslog = appender({ syslogHost: `127.0.0.1:${daemon().udpPort}`, format: 'rfc5424', facility: 'DAEMON', hostname: 'web-udp5424', appName: 'shop-udp5424' });
    await roundTrip(syslog, 'udp', 3, 'web-udp5424', 'shop-udp5424');
  });

  it('receives RFC 5424 over TCP with octet counting, a stack trace as one message', async () => {
    const syslog = appender({ syslogHost: `127.0.0.1:${daemon().tcpPort}`, protocol: 'tcp', facility: 'LOCAL5', hostname: 'web-tcp', appName: 'shop-tcp' });
    await roundTrip(syslog, 'tcp', 21, 'web-tcp', 'shop-tcp');
    const error = new Error('card declined');
    error.stack = 'Error: card declined\n    at pay (cart.js:10:5)';
    syslog.append(event(Level.ERROR, 'payment failed', error));
    const [record] = await daemon().waitFor(1, (r) => r.appName === 'shop-tcp' && r.msg.includes('payment'), 'the stack trace');
    // rsyslog stores a line break inside a message as #012 by default.
    expect(record!.msg).to.equal('ERROR - payment failed#012Error: card declined#012    at pay (cart.js:10:5)');
  });

  it('receives RFC 5424 over TLS, checking the collector\'s certificate against the test CA', async () => {
    const syslog = appender({
      syslogHost: `127.0.0.1:${daemon().tlsPort}`, protocol: 'tls', tlsCaFile: daemon().caFile, facility: 'AUTHPRIV', hostname: 'web-tls', appName: 'shop-tls',
    });
    await roundTrip(syslog, 'tls', 10, 'web-tls', 'shop-tls');
  });

  it('authenticates with a client certificate where the collector requires one', async () => {
    const syslog = appender({
      syslogHost: `127.0.0.1:${daemon().mutualTlsPort}`, protocol: 'tls', tlsCaFile: daemon().caFile,
      tlsCertFile: daemon().clientCertFile, tlsKeyFile: daemon().clientKeyFile, facility: 'LOCAL7', hostname: 'web-mtls', appName: 'shop-mtls',
    });
    await roundTrip(syslog, 'mtls', 23, 'web-mtls', 'shop-mtls');
  });

  it('refuses a TLS collector whose certificate it cannot verify, and reports it', async () => {
    const syslog = appender({ syslogHost: `127.0.0.1:${daemon().tlsPort}`, protocol: 'tls', appName: 'shop-untrusted', closeTimeout: 300 });
    syslog.append(event(Level.INFO, 'must not arrive'));
    const name = `appender "${syslog.name}"`;
    const deadline = Date.now() + 5000;
    while (!internal.some((line) => line.includes(name) && /certificate/i.test(line)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(internal.filter((line) => line.includes(name))[0]).to.match(/failed \(tls:\/\/127\.0\.0\.1:\d+\): .*certificate/i);
    await syslog.close();
    expect(daemon().received().filter((record) => record.appName === 'shop-untrusted')).to.deep.equal([]);
  });

  it('loses nothing within the buffer bound over TCP and TLS when rsyslog is stopped and restarted mid-run', async () => {
    const tcp = appender({ syslogHost: `127.0.0.1:${daemon().tcpPort}`, protocol: 'tcp', appName: 'restart-tcp', maxBufferedMessages: 100 });
    const tls = appender({ syslogHost: `127.0.0.1:${daemon().tlsPort}`, protocol: 'tls', tlsCaFile: daemon().caFile, appName: 'restart-tls', maxBufferedMessages: 100 });
    const small = appender({ syslogHost: `127.0.0.1:${daemon().tcpPort}`, protocol: 'tcp', appName: 'restart-small', maxBufferedMessages: 25 });
    const all: [SyslogAppender, string][] = [[tcp, 'restart-tcp'], [tls, 'restart-tls'], [small, 'restart-small']];
    const log = (from: number, to: number): void => {
      for (let i = from; i < to; i++) for (const [syslog] of all) syslog.append(event(Level.INFO, `n${i}`));
    };
    const numbers = (appName: string): number[] => daemon().received()
      .filter((record) => record.appName === appName)
      .map((record) => Number(record.msg.slice(record.msg.lastIndexOf('n') + 1)));

    log(0, 20);
    for (const [, appName] of all) await daemon().waitFor(20, (record) => record.appName === appName, `${appName} before the stop`);
    await daemon().stop();
    log(20, 60);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await daemon().start();
    await daemon().waitFor(45, (record) => record.appName === 'restart-small', 'the small buffer after the restart');
    log(60, 80);
    await daemon().waitFor(80, (record) => record.appName === 'restart-tcp', 'every TCP message');
    await daemon().waitFor(80, (record) => record.appName === 'restart-tls', 'every TLS message');
    await daemon().waitFor(65, (record) => record.appName === 'restart-small', 'the small buffer\'s messages');

    const every = Array.from({ length: 80 }, (_, i) => i);
    expect(numbers('restart-tcp')).to.deep.equal(every);
    expect(numbers('restart-tls')).to.deep.equal(every);
    expect(tcp.droppedMessages + tls.droppedMessages).to.equal(0);
    // The small buffer kept the first 25 of the 40 logged while rsyslog was down and counted the other 15.
    expect(numbers('restart-small')).to.deep.equal([...every.slice(0, 45), ...every.slice(60)]);
    expect(small.droppedMessages).to.equal(15);
    // The count is reported once the new connection has lasted half a second.
    const lossReport = (line: string): boolean => line.includes(`"${small.name}"`) && line.includes('15 messages were dropped');
    const deadline = Date.now() + 3000;
    while (!internal.some(lossReport) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(internal.filter(lossReport)).to.have.length(1);
  });
});
