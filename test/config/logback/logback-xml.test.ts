import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppenderSkeleton } from '../../../appenders/appender-skeleton.js';
import { DailyRollingFileAppender } from '../../../appenders/daily-rolling-file-appender.js';
import { RollingFileAppender } from '../../../appenders/rolling-file-appender.js';
import { configure } from '../../../src/config/configure.js';
import { ConfigurationError } from '../../../src/config/configuration-error.js';
import { parseConfigText } from '../../../src/config/load.js';
import { MDC } from '../../../src/context/mdc.js';
import { ThreadName } from '../../../src/context/thread-name.js';
import { Level } from '../../../src/level.js';
import { getLogger, LogManager } from '../../../src/log-manager.js';
import { BITBUCKET_EVENT, BITBUCKET_LINE } from '../../layouts/reference-lines.js';
import { refusalOf } from '../refusal.js';

const CONF = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../conf');

const NO_VARIABLES = { environment: {}, supplied: {} };
const model = (xml: string, file = '/conf/logback.xml') => parseConfigText(xml, file, 'xml', NO_VARIABLES);

const refusal = (xml: string): ConfigurationError => refusalOf(() => model(xml));

describe('logback XML', () => {
  let dir: string;
  const savedTz = process.env.TZ;

  beforeEach(async () => {
    await LogManager.resetConfiguration();
    dir = mkdtempSync(join(tmpdir(), 'logwarden-logback-'));
  });

  afterEach(async () => {
    await LogManager.resetConfiguration();
    rmSync(dir, { recursive: true, force: true });
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  describe('conf/logback-spring.xml (Bitbucket)', () => {
    it('loads without a warning: loggers, levels, additivity and appenders as Bitbucket has them', () => {
      const handle = configure(join(CONF, 'logback-spring.xml'), { environment: { LOG_HOME: dir } });
      expect(handle.warnings).to.deep.equal([]);
      expect(getLogger().level).to.equal(Level.WARN);
      expect(getLogger().appenders.map((a) => a.name)).to.deep.equal(['bitbucket', 'console']);
      expect(getLogger('com.atlassian.bitbucket').level).to.equal(Level.INFO);
      expect(getLogger('de.resolution.apitokenauth').level).to.equal(Level.INFO);
      expect(getLogger('com.atlassian.pats').level).to.equal(Level.WARN);
      const audit = getLogger('com.kantegasso.AuditLog');
      expect([audit.level, audit.additivity, audit.appenders.map((a) => a.name)]).to.deep.equal([Level.INFO, false, ['bitbucket']]);
      const file = getLogger().getAppender('bitbucket') as RollingFileAppender;
      expect(file).to.be.instanceOf(RollingFileAppender);
      expect([file.file, file.maxFileSize, file.maxBackupIndex]).to.deep.equal([join(dir, 'atlassian-bitbucket.log'), 25 * 1024 * 1024, 10]);
    });

    it('writes the Bitbucket reference line byte for byte', async () => {
      process.env.TZ = 'UTC';
      configure(join(CONF, 'logback-spring.xml'), { environment: { LOG_HOME: dir } });
      const layout = (getLogger().getAppender('bitbucket') as AppenderSkeleton).layout!;
      const event = BITBUCKET_EVENT;
      expect(layout.format(event)).to.equal(BITBUCKET_LINE + '\n');

      (getLogger().getAppender('console') as AppenderSkeleton).threshold = Level.OFF;
      await ThreadName.run('http-nio-8080-exec-2', () => MDC.run(event.mdc, () => {
        getLogger('de.resolution.apitokenauth.platform.auth.ApiTokenAuthSharedBase').info('Found a matching token');
        getLogger('com.atlassian.bitbucket.internal.Noise').debug('below INFO');
      }));
      await LogManager.resetConfiguration();
      expect(readFileSync(join(dir, 'atlassian-bitbucket.log'), 'utf8')).to.match(
        /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO \[http-nio-8080-exec-2\] @A6X2OXx532x2669x0 79\.209\.73\.23,100\.120\.0\.11 "GET \/rest\/ssh\/1\.0\/keys HTTP\/1\.1" d\.r\.a\.p\.auth\.ApiTokenAuthSharedBase Found a matching token\n$/);
    });
  });

  it('substitutes <property> values, the environment and :- defaults at load time', () => {
    const m = parseConfigText(`<configuration>
  <property name="dir" value="\${LOGS:-/var/log/app}"/>
  <appender name="F" class="ch.qos.logback.core.FileAppender">
    <file>\${dir}/\${NAME}.log</file>
    <encoder><pattern>%msg%n</pattern></encoder>
  </appender>
  <root level="info"><appender-ref ref="F"/></root>
</configuration>`, '/conf/logback.xml', 'xml', { environment: { NAME: 'app' }, supplied: {} });
    const f = m.appenders.get('F')!;
    expect(f.className).to.equal('org.apache.log4j.FileAppender');
    expect(f.options.get('File')!.value).to.equal('/var/log/app/app.log');
    expect(f.layout!.className).to.equal('ch.qos.logback.classic.encoder.PatternLayoutEncoder');
    expect(f.layout!.options.get('Pattern')!.value).to.equal('%msg%n');
    expect(m.root!.level).to.equal(Level.INFO);
  });

  it('expands a :- default that is itself a reference, as logback does (${A:-${B:-c}})', () => {
    const file = (environment: Record<string, string>): string => parseConfigText(`<configuration>
  <appender name="F" class="ch.qos.logback.core.FileAppender"><file>/l/\${A:-\${B:-c}}.log</file><encoder><pattern>%msg%n</pattern></encoder></appender>
  <root level="info"><appender-ref ref="F"/></root>
</configuration>`, '/conf/logback.xml', 'xml', { environment, supplied: {} }).appenders.get('F')!.options.get('File')!.value;
    expect(file({ A: 'a' })).to.equal('/l/a.log');
    expect(file({ B: 'b' })).to.equal('/l/b.log');
    expect(file({})).to.equal('/l/c.log');
  });

  it('maps the rolling policies onto the rolling appenders, naming what is not honoured', () => {
    const m = model(`<configuration>
  <appender name="daily" class="ch.qos.logback.core.rolling.RollingFileAppender">
    <file>/l/app.log</file>
    <rollingPolicy class="ch.qos.logback.core.rolling.TimeBasedRollingPolicy">
      <fileNamePattern>/l/app.log.%d{yyyy-MM-dd}.gz</fileNamePattern>
      <maxHistory>30</maxHistory>
      <totalSizeCap>3GB</totalSizeCap>
    </rollingPolicy>
  </appender>
  <appender name="both" class="ch.qos.logback.core.rolling.RollingFileAppender">
    <file>/l/both.log</file>
    <rollingPolicy class="ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy">
      <fileNamePattern>/l/both-%d{yyyy-MM-dd}.%i.log</fileNamePattern>
      <maxFileSize>50MB</maxFileSize>
      <maxHistory>20</maxHistory>
    </rollingPolicy>
  </appender>
  <appender name="fixed" class="ch.qos.logback.core.rolling.RollingFileAppender">
    <file>/l/fixed.log</file>
    <rollingPolicy class="ch.qos.logback.core.rolling.FixedWindowRollingPolicy">
      <fileNamePattern>/l/fixed.log.%i.gz</fileNamePattern>
      <maxIndex>3</maxIndex>
    </rollingPolicy>
    <triggeringPolicy class="ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy"><maxFileSize>5MB</maxFileSize></triggeringPolicy>
  </appender>
  <root level="INFO"><appender-ref ref="daily"/><appender-ref ref="both"/><appender-ref ref="fixed"/></root>
</configuration>`);
    const options = (name: string): Record<string, string> =>
      Object.fromEntries([...m.appenders.get(name)!.options].map(([key, value]) => [key, value.value]));
    expect(m.appenders.get('daily')!.className).to.equal('org.apache.log4j.DailyRollingFileAppender');
    expect(options('daily')).to.deep.equal({ File: '/l/app.log', Compress: 'true', DatePattern: "'.'yyyy-MM-dd", MaxBackupIndex: '30' });
    expect(m.appenders.get('both')!.className).to.equal('org.apache.log4j.RollingFileAppender');
    expect(options('both')).to.deep.equal({ File: '/l/both.log', MaxFileSize: '50MB', MaxBackupIndex: '20' });
    expect(m.appenders.get('fixed')!.className).to.equal('org.apache.log4j.RollingFileAppender');
    expect(options('fixed')).to.deep.equal({ File: '/l/fixed.log', Compress: 'true', MaxBackupIndex: '3', MaxFileSize: '5MB' });
    expect(m.warnings).to.have.length(2);
    expect(m.warnings[0]).to.match(/^\/conf\/logback\.xml:7:7: configuration\/appender\[@name="daily"\]\/rollingPolicy\/totalSizeCap: totalSizeCap is not supported/);
    expect(m.warnings[1]).to.match(/:12:5: .*appender\[@name="both"\]\/rollingPolicy: rolls by size only .*the date in fileNamePattern "\/l\/both-%d\{yyyy-MM-dd\}\.%i\.log" is not honoured/);
  });

  it('writes through a ThresholdFilter as logback does: below the level denied, the rest goes on', async () => {
    const path = join(dir, 'logback.xml');
    writeFileSync(path, `<configuration>
  <appender name="M" class="logwarden.MemoryAppender">
    <filter class="ch.qos.logback.classic.filter.ThresholdFilter"><level>WARN</level></filter>
    <encoder><pattern>%level %logger %msg</pattern></encoder>
  </appender>
  <root level="DEBUG"><appender-ref ref="M"/></root>
</configuration>`);
    expect(configure(path).warnings).to.deep.equal([]);
    getLogger('a').info('dropped');
    getLogger('a').warn('kept');
    expect((getLogger().getAppender('M') as AppenderSkeleton & { messages: string[]; text: string }).text).to.equal('WARN a kept');
  });

  it('skips Spring Boot elements with one warning naming them, and warns about each unknown element and class', () => {
    const m = model(`<configuration>
  <springProperty scope="context" name="x" source="logging.path"/>
  <springProfile name="dev"><logger name="dev" level="DEBUG"/></springProfile>
  <include resource="defaults.xml"/>
  <appender name="S" class="net.logstash.logback.appender.LogstashTcpSocketAppender"><destination>h:5000</destination></appender>
  <logger name="a" level="DEBUG"><appender-ref ref="S"/></logger>
</configuration>`);
    expect(m.warnings[0]).to.equal('/conf/logback.xml: Spring Boot elements are skipped (what they configure does not apply): <springProperty> (line 2), <springProfile> (line 3)');
    expect(m.warnings[1]).to.match(/^\/conf\/logback\.xml:4:3: configuration\/include: <include> is not supported; ignored$/);
    expect(m.loggers.map((l) => l.name)).to.deep.equal(['a']);
    expect(m.appenders.get('S')!.className).to.equal('net.logstash.logback.appender.LogstashTcpSocketAppender');
  });

  it('refuses a bad level, naming file, line, column and element', () => {
    const error = refusal('<configuration>\n  <logger name="a.b"\n          level="LOUDEST"/>\n</configuration>');
    expect(error.message).to.equal('/conf/logback.xml:3:11: configuration/logger[@name="a.b"]/@level: unknown level "LOUDEST"');
  });

  it('refuses a reference to an appender no <appender> defines (an incomplete file)', () => {
    expect(refusal('<configuration>\n<root level="INFO"><appender-ref ref="FILE"/></root>\n</configuration>').message)
      .to.match(/logback\.xml:2:34: configuration\/root\/appender-ref\/@ref: refers to appender "FILE", which no <appender> defines/);
  });

  it('reads the nested <level value> and INHERITED', () => {
    const m = model('<configuration><logger name="a"><level value="ERROR"/></logger><logger name="b" level="INHERITED"/></configuration>');
    expect(m.loggers.map((l) => [l.name, l.level])).to.deep.equal([['a', Level.ERROR], ['b', null]]);
  });
});
