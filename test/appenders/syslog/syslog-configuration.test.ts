import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hierarchy } from '../../../src/hierarchy.js';
import { Configurator } from '../../../src/config/configurator.js';
import { InternalLog } from '../../../src/internal-log.js';
import { findAppenderType } from '../../../appenders/registry.js';
import { SyslogAppender } from '../../../appenders/syslog-appender.js';
import { OctetCountingReceiver, UdpReceiver, waitUntil } from './local-receivers.js';

describe('SyslogAppender from configuration files', () => {
  let dir: string;
  let hierarchy: Hierarchy;
  let previousSink: ReturnType<typeof InternalLog.setSink>;
  const warnings: string[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'logwarden-syslog-config-'));
    hierarchy = new Hierarchy();
    warnings.length = 0;
    previousSink = InternalLog.setSink((line) => warnings.push(line));
  });

  afterEach(async () => {
    await hierarchy.resetConfiguration();
    InternalLog.setSink(previousSink);
    rmSync(dir, { recursive: true, force: true });
  });

  it('is registered under log4j\'s class name and the short name syslog', () => {
    expect(findAppenderType('org.apache.log4j.net.SyslogAppender')?.className).to.equal('org.apache.log4j.net.SyslogAppender');
    expect(findAppenderType('SYSLOG')?.className).to.equal('org.apache.log4j.net.SyslogAppender');
  });

  it('takes log4j\'s options from log4j.properties, in any case, and sends what it is given', async () => {
    const receiver = await UdpReceiver.start();
    try {
      const path = join(dir, 'log4j.properties');
      writeFileSync(path, [
        'log4j.rootLogger=INFO, S',
        'log4j.appender.S=org.apache.log4j.net.SyslogAppender',
        `log4j.appender.S.SyslogHost=127.0.0.1:${receiver.port}`,
        'log4j.appender.S.Facility=LOCAL1',
        'log4j.appender.S.FacilityPrinting=true',
        'log4j.appender.S.Header=true',
        'log4j.appender.S.hostname=web-1',
        'log4j.appender.S.TimeZone=UTC',
        'log4j.appender.S.layout=org.apache.log4j.PatternLayout',
        'log4j.appender.S.layout.ConversionPattern=%-5p [%c] %m%n',
      ].join('\n'));
      new Configurator(hierarchy).configure(path);
      const [appender] = hierarchy.root.appenders;
      expect(appender).to.be.instanceOf(SyslogAppender);
      hierarchy.getLogger('com.shop').warn('low stock');
      await waitUntil(() => receiver.datagrams.length === 1, 'the datagram');
      expect(receiver.texts[0]).to.match(/^<140>[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d web-1 local1:WARN  \[com\.shop\] low stock$/);
      expect(warnings.filter((line) => line.includes('log4j.properties'))).to.deep.equal([]);
    } finally {
      await receiver.close();
    }
  });

  it('takes the extended options from YAML: TCP, RFC 5424, app name, buffer bound', async () => {
    const receiver = await OctetCountingReceiver.start();
    try {
      const path = join(dir, 'logging.yaml');
      writeFileSync(path, [
        'root: INFO, shipper',
        'appenders:',
        '  shipper:',
        '    class: syslog',
        `    SyslogHost: "[::ffff:127.0.0.1]:${receiver.port}"`,
        '    Protocol: TCP',
        '    Format: rfc5424',
        '    AppName: shop',
        '    Hostname: web-2',
        '    Facility: daemon',
        '    MaxBufferedMessages: 500',
        '    ReconnectDelay: 50',
        '    layout: { class: PatternLayout, ConversionPattern: "%m%n" }',
      ].join('\n'));
      new Configurator(hierarchy).configure(path);
      const appender = hierarchy.root.appenders[0] as SyslogAppender;
      expect(appender.address).to.deep.equal({ host: '::ffff:127.0.0.1', port: receiver.port });
      hierarchy.getLogger('x').error('disk failing');
      await waitUntil(() => receiver.messages.length === 1, 'the message');
      expect(receiver.messages[0]).to.match(new RegExp(`^<27>1 \\S+ web-2 shop ${process.pid} - - disk failing$`));
    } finally {
      await hierarchy.resetConfiguration();
      await receiver.close();
    }
  });

  it('names the file, the line of the option and the problem for a bad option', () => {
    const path = join(dir, 'bad.properties');
    writeFileSync(path, 'log4j.rootLogger=INFO, S\nlog4j.appender.S=syslog\nlog4j.appender.S.Facility=LOCAL9\n');
    expect(() => new Configurator(hierarchy).configure(path)).to.throw(/bad\.properties:3: log4j\.appender\.S\.Facility: cannot create appender "S".*unknown syslog Facility "LOCAL9"/);
  });
});
