import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppenderSkeleton } from '../../../appenders/appender-skeleton.js';
import { JiraHomeAppender } from '../../../appenders/home-log-appender.js';
import type { LevelGate } from '../../../appenders/level-gate.js';
import type { MemoryAppender } from '../../../appenders/memory-appender.js';
import { configure } from '../../../src/config/configure.js';
import { ConfigurationError } from '../../../src/config/configuration-error.js';
import { parseConfigText } from '../../../src/config/load.js';
import type { ConfigModel } from '../../../src/config/model.js';
import { MDC } from '../../../src/context/mdc.js';
import { ThreadName } from '../../../src/context/thread-name.js';
import { Level } from '../../../src/level.js';
import { defaultHierarchy, getLogger, LogManager } from '../../../src/log-manager.js';
import { fixedEvent } from '../../layouts/fixed-event.js';
import { JIRA_EVENT_1, JIRA_EVENT_2, JIRA_LINE_1, JIRA_LINE_2, jiraMdc } from '../../layouts/reference-lines.js';
import { refusalOf } from '../refusal.js';

const CONF = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../conf');

const model = (xml: string, variables = { environment: {}, supplied: {} }): ConfigModel =>
  parseConfigText(xml, '/conf/log4j2.xml', 'xml', variables);
const optionsOf = (m: ConfigModel, name: string): Record<string, string> =>
  Object.fromEntries([...m.appenders.get(name)!.options].map(([key, value]) => [key, value.value]));

const refusal = (xml: string): ConfigurationError => refusalOf(() => model(xml));

const configuration = (appenders: string, loggers: string): string =>
  `<Configuration>\n<Appenders>\n${appenders}\n</Appenders>\n<Loggers>\n${loggers}\n</Loggers>\n</Configuration>\n`;

describe('Log4j 2 XML', () => {
  let dir: string;
  const savedTz = process.env.TZ;

  beforeEach(async () => {
    await LogManager.resetConfiguration();
    dir = mkdtempSync(join(tmpdir(), 'logwarden-log4j2-'));
  });

  afterEach(async () => {
    await LogManager.resetConfiguration();
    rmSync(dir, { recursive: true, force: true });
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  describe('conf/log4j2.xml (Jira 9.5)', () => {
    const load = () => configure(join(CONF, 'log4j2.xml'), { environment: { LOG_HOME: dir } });

    it('loads without a warning: the main and security logs, the security and app loggers', () => {
      process.env.LOG_HOME = dir;
      try {
        expect(load().warnings).to.deep.equal([]);
      } finally {
        delete process.env.LOG_HOME;
      }
      expect(getLogger().level).to.equal(Level.WARN);
      expect(getLogger().appenders.map((a) => a.name)).to.deep.equal(['console', 'filelog']);
      const audit = getLogger('com.kantegasso.AuditLog');
      expect([audit.level, audit.additivity, audit.appenders.map((a) => a.name)]).to.deep.equal([Level.INFO, false, ['securitylog']]);
      expect(getLogger('de.resolution.apitokenauth').level).to.equal(Level.INFO);
      const main = getLogger().getAppender('filelog') as JiraHomeAppender;
      expect(main).to.be.instanceOf(JiraHomeAppender);
      expect([main.file, main.maxFileSize, main.maxBackupIndex]).to.deep.equal([join(dir, 'atlassian-jira.log'), 20480 * 1024, 10]);
      expect((audit.appenders[0] as JiraHomeAppender).file).to.equal(join(dir, 'atlassian-jira-security.log'));
    });

    it('writes both Jira reference lines byte for byte', () => {
      process.env.TZ = 'UTC';
      process.env.LOG_HOME = dir;
      try {
        load();
      } finally {
        delete process.env.LOG_HOME;
      }
      const layout = (getLogger().getAppender('filelog') as AppenderSkeleton).layout!;
      expect(layout.format(JIRA_EVENT_1)).to.equal(JIRA_LINE_1 + '\n');
      expect(layout.format(JIRA_EVENT_2)).to.equal(JIRA_LINE_2 + '\n');
    });

    it('sends the Kantega audit line to the security log only, the token service to the main log', async () => {
      process.env.LOG_HOME = dir;
      try {
        load();
      } finally {
        delete process.env.LOG_HOME;
      }
      (getLogger().getAppender('console') as AppenderSkeleton).threshold = Level.OFF;
      await ThreadName.run('http-nio-8080-exec-11', () => MDC.run({ ...jiraMdc('920x447x1', '127.0.0.1', '/login.jsp'), 'jira.username': 'admin' }, () => {
        getLogger('de.resolution.apitokenauth.ApiTokenAuthenticationService').info('Found a matching token');
        getLogger('de.resolution.apitokenauth.ApiTokenAuthenticationService').debug('not at INFO');
        getLogger('com.kantegasso.AuditLog').info("The user 'johndoe' has PASSED authentication using Kerberos");
      }));
      await LogManager.resetConfiguration();
      expect(readFileSync(join(dir, 'atlassian-jira.log'), 'utf8')).to.match(
        /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}[+-]\d{4} http-nio-8080-exec-11 INFO admin 920x447x1 - 127\.0\.0\.1 \/login\.jsp \[d\.resolution\.apitokenauth\.ApiTokenAuthenticationService\] Found a matching token\n$/);
      expect(readFileSync(join(dir, 'atlassian-jira-security.log'), 'utf8')).to.match(
        /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} http-nio-8080-exec-11 admin 920x447x1 - 127\.0\.0\.1 \/login\.jsp The user 'johndoe' has PASSED authentication using Kerberos\n$/);
    });
  });

  it('substitutes <Properties>, ${env:..}, ${sys:..} and :- defaults at load time; keeps run-time lookups as written', () => {
    const m = model(`<Configuration>
  <Properties>
    <Property name="dir">\${env:LOGS:-/var/log}</Property>
    <Property name="pattern" value="%m [\${sys:node.name}] \${ctx:user}%n"/>
  </Properties>
  <Appenders><File name="F" fileName="\${dir}/\${sys:app:-jira}.log"><PatternLayout><Pattern>\${pattern}</Pattern></PatternLayout></File></Appenders>
  <Loggers><Root level="info"><AppenderRef ref="F"/></Root></Loggers>
</Configuration>`, { environment: { LOGS: '/srv/logs' }, supplied: { 'node.name': 'n1' } });
    expect(optionsOf(m, 'F')).to.deep.equal({ File: '/srv/logs/jira.log' });
    expect(m.appenders.get('F')!.layout!.options.get('ConversionPattern')!.value).to.equal('%m [n1] ${ctx:user}%n');
    expect(m.warnings).to.deep.equal([]);
  });

  it('expands a default that is itself a reference, ${sys:a:-${env:B:-c}}, only when it is used', () => {
    const file = (name: string, variables: { environment: Record<string, string>; supplied: Record<string, string> }): string =>
      optionsOf(model(configuration(`<File name="F" fileName="${name}"/>`, '<Root><AppenderRef ref="F"/></Root>'), variables), 'F').File!;
    const nested = '/l/\${sys:a:-\${env:B:-c}}.log';
    expect(file(nested, { environment: {}, supplied: { a: 'from-sys' } })).to.equal('/l/from-sys.log');
    expect(file(nested, { environment: { B: 'from-env' }, supplied: {} })).to.equal('/l/from-env.log');
    expect(file(nested, { environment: {}, supplied: {} })).to.equal('/l/c.log');
    expect(file('/l/\${env:X:-\${sys:y:-\${env:Z:-deep}}}-\${sys:y:-b}.log', { environment: {}, supplied: {} })).to.equal('/l/deep-b.log');
  });

  it('keeps $\${name} as \${name} for a lookup at run time (Log4j 2\'s escape), and still refuses an unclosed \${', () => {
    const m = model(configuration('<File name="F" fileName="/l/\$\${ctx:user}.log"/>', '<Root><AppenderRef ref="F"/></Root>'));
    expect(optionsOf(m, 'F').File).to.equal('/l/\${ctx:user}.log');
    expect(refusal(configuration('<File name="F" fileName="/l/\${sys:a:-\${env:B}.log"/>', '<Root><AppenderRef ref="F"/></Root>')).message)
      .to.contain('has no closing brace');
  });

  it('bounds nested defaults: a cycle through defaults is refused, not a stack overflow', () => {
    const cyclic = `<Configuration><Properties><Property name="a">\${b:-x}</Property><Property name="b">\${a:-y}</Property></Properties>
<Appenders><File name="F" fileName="/l/\${a}.log"/></Appenders><Loggers><Root><AppenderRef ref="F"/></Root></Loggers></Configuration>`;
    expect(refusal(cyclic).message).to.contain('circular substitution');
  });

  it('maps RollingFile policies and strategy onto the rolling appenders, warning where they differ', () => {
    const m = model(configuration(`
<RollingFile name="size" fileName="/l/a.log" filePattern="/l/a.log.%i.gz">
  <PatternLayout pattern="%m%n"/>
  <Policies><SizeBasedTriggeringPolicy size="20 MB"/><OnStartupTriggeringPolicy/></Policies>
  <DefaultRolloverStrategy max="5" fileIndex="min"/>
</RollingFile>
<RollingRandomAccessFile name="time" fileName="/l/b.log" filePattern="/l/b.log.%d{yyyy-MM-dd}">
  <PatternLayout pattern="%m%n"/>
  <TimeBasedTriggeringPolicy interval="1" modulate="true"/>
</RollingRandomAccessFile>
<RollingFile name="both" fileName="/l/c.log" filePattern="/l/c-%d{yyyy-MM-dd}-%i.log">
  <PatternLayout pattern="%m%n"/>
  <Policies><TimeBasedTriggeringPolicy/><SizeBasedTriggeringPolicy size="1 GB"/></Policies>
</RollingFile>`, '<Root level="INFO"><AppenderRef ref="size"/><AppenderRef ref="time"/><AppenderRef ref="both"/></Root>'));
    expect(m.appenders.get('size')!.className).to.equal('org.apache.log4j.RollingFileAppender');
    expect(optionsOf(m, 'size')).to.deep.equal({ File: '/l/a.log', Compress: 'true', MaxBackupIndex: '5', MaxFileSize: '20 MB' });
    expect(m.appenders.get('time')!.className).to.equal('org.apache.log4j.DailyRollingFileAppender');
    expect(optionsOf(m, 'time')).to.deep.equal({ File: '/l/b.log', DatePattern: "'.'yyyy-MM-dd" });
    expect(m.appenders.get('both')!.className).to.equal('org.apache.log4j.RollingFileAppender');
    expect(optionsOf(m, 'both')).to.deep.equal({ File: '/l/c.log', MaxFileSize: '1 GB' });
    expect(m.warnings).to.have.length(3);
    expect(m.warnings[0]).to.match(/^\/conf\/log4j2\.xml:6:54: Configuration\/Appenders\/RollingFile\[@name="size"\]\/Policies\/OnStartupTriggeringPolicy: <OnStartupTriggeringPolicy> is not supported; ignored$/);
    expect(m.warnings[1]).to.match(/RollingFile\[@name="both"\]\/Policies\/TimeBasedTriggeringPolicy: rolls by size only/);
    expect(m.warnings[2]).to.match(/RollingFile\[@name="both"\]\/@filePattern: backups are named c\.log\.%i, \.1 newest .*not after filePattern "\/l\/c-%d\{yyyy-MM-dd\}-%i\.log"/);
  });

  it('filters as Log4j 2 does: ThresholdFilter and LevelRangeFilter on an appender, a ThresholdFilter for the whole configuration', async () => {
    const path = join(dir, 'log4j2.xml');
    writeFileSync(path, `<Configuration>
  <ThresholdFilter level="DEBUG"/>
  <Appenders>
    <Memory name="warn"><ThresholdFilter level="WARN" onMatch="ACCEPT" onMismatch="DENY"/><PatternLayout pattern="%p %m"/></Memory>
    <Appender type="Memory" name="middle">
      <Filters><LevelRangeFilter minLevel="WARN" maxLevel="DEBUG"/></Filters>
      <Layout type="PatternLayout" pattern="%p %m"/>
    </Appender>
  </Appenders>
  <Loggers><Root level="ALL"><AppenderRef ref="warn"/><AppenderRef ref="middle"/></Root></Loggers>
</Configuration>`);
    expect(configure(path).warnings).to.deep.equal([]);
    expect(defaultHierarchy.threshold).to.equal(Level.DEBUG);
    for (const level of [Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR]) getLogger('x').log(level, 'm');
    expect((getLogger().getAppender('warn') as MemoryAppender).messages.length).to.equal(2);
    expect((getLogger().getAppender('warn') as MemoryAppender).text).to.equal('WARN mERROR m');
    expect((getLogger().getAppender('middle') as MemoryAppender).text).to.equal('DEBUG mINFO mWARN m');
  });

  it('builds RegexFilter and BurstFilter as they are, warns about filters it cannot express and skips them', async () => {
    const path = join(dir, 'log4j2.xml');
    writeFileSync(path, configuration(`<Memory name="m">
  <Filters>
    <RegexFilter regex=".*secret.*" onMatch="DENY" onMismatch="NEUTRAL" useRawMsg="false"/>
    <BurstFilter level="INFO" rate="1" maxBurst="2"/>
    <MarkerFilter marker="AUDIT" onMatch="ACCEPT" onMismatch="NEUTRAL"/>
  </Filters>
  <PatternLayout pattern="%m "/>
</Memory>`, '<Root level="DEBUG"><AppenderRef ref="m"/></Root>'));
    const handle = configure(path);
    expect(handle.warnings).to.deep.equal([
      `${path}:5:73: Configuration/Appenders/Memory[@name="m"]/Filters/RegexFilter/@useRawMsg: RegexFilter attribute "useRawMsg" is not supported (the formatted message is matched); ignored`,
      `${path}:7:5: Configuration/Appenders/Memory[@name="m"]/Filters/MarkerFilter: filter MarkerFilter is not supported; skipped`,
    ]);
    for (const text of ['one', 'the secret', 'two', 'three']) getLogger('x').info(text);
    getLogger('x').error('severe');
    expect((getLogger().getAppender('m') as MemoryAppender).text).to.equal('one two severe ');
  });

  it('reads PatternLayout with Log4j 2\'s logger-name precision and date time zone forms', () => {
    // Expected outputs: Log4j 2 manual, Layouts, PatternLayout, "logger" conversion table.
    const cases: [pattern: string, logger: string, expected: string][] = [
      ['%c{1}', 'org.apache.commons.Foo', 'Foo'],
      ['%c{2}', 'org.apache.commons.Foo', 'commons.Foo'],
      ['%c{10}', 'org.apache.commons.Foo', 'org.apache.commons.Foo'],
      ['%c{-1}', 'org.apache.commons.Foo', 'apache.commons.Foo'],
      ['%c{-2}', 'org.apache.commons.Foo', 'commons.Foo'],
      ['%c{-10}', 'org.apache.commons.Foo', 'org.apache.commons.Foo'],
      ['%c{1.}', 'org.apache.commons.Foo', 'o.a.c.Foo'],
      ['%c{1.1.~.~}', 'org.apache.commons.test.Foo', 'o.a.~.~.Foo'],
      ['%c{.}', 'org.apache.commons.test.Foo', '....Foo'],
      // The manual's "date" table: %d{HH:mm:ss,SSS} prints 14:34:02,123; {GMT+0} picks the zone.
      ['%d{HH:mm:ss,SSS}{GMT+0}', 'a', '14:34:02,123'],
      ['%-5level|%level', 'a', 'INFO |INFO'],
    ];
    const path = join(dir, 'log4j2.xml');
    writeFileSync(path, configuration(
      cases.map(([pattern], i) => `<Memory name="m${i}"><PatternLayout pattern="${pattern}"/></Memory>`).join('\n'),
      `<Root>${cases.map((_, i) => `<AppenderRef ref="m${i}"/>`).join('')}</Root>`,
    ));
    expect(configure(path).warnings).to.deep.equal([]);
    const printed = cases.map(([, logger], i) => (getLogger().getAppender(`m${i}`) as AppenderSkeleton).layout!.format(
      fixedEvent({ loggerName: logger, timestamp: Date.UTC(2012, 10, 2, 14, 34, 2, 123) }),
    ));
    expect(printed).to.deep.equal(cases.map(([, , expected]) => expected));
  });

  it('reads PatternLayout in Log4j 2\'s style: an unknown converter is printed as written and warned about with file, line and key', () => {
    const path = join(dir, 'log4j2.xml');
    writeFileSync(path, configuration(
      '<Memory name="m"><PatternLayout pattern="%-5level %nowhere{[%X{id}]}%m%n"/></Memory>',
      '<Root><AppenderRef ref="m"/></Root>',
    ));
    expect(configure(path).warnings).to.deep.equal([
      `${path}:3: Configuration/Appenders/Memory[@name="m"]/PatternLayout/@pattern: layout of appender "m": pattern "%-5level %nowhere{[%X{id}]}%m%n": unknown conversion "%nowhere" at position 9: logwarden has no such Log4j 2 converter; "%nowhere{[%X{id}]}" is printed as written`,
    ]);
    const layout = (getLogger().getAppender('m') as AppenderSkeleton).layout!;
    expect(layout.format(fixedEvent({ message: 'hello' }))).to.equal('INFO  %nowhere{[%X{id}]}hello\n');
  });

  it('reads Log4j 2\'s own converters in PatternLayout: named dates, %notEmpty, %encode, %maxLen', () => {
    const path = join(dir, 'log4j2.xml');
    writeFileSync(path, configuration(
      '<Memory name="m"><PatternLayout pattern="%d{ISO8601}{UTC} %-5level%notEmpty{ [%X{id}]} %maxLen{%encode{%m}{CRLF}}{12}%n"/></Memory>',
      '<Root><AppenderRef ref="m"/></Root>',
    ));
    expect(configure(path).warnings).to.deep.equal([]);
    const layout = (getLogger().getAppender('m') as AppenderSkeleton).layout!;
    const at = Date.UTC(2012, 10, 2, 14, 34, 2, 781);
    expect(layout.format(fixedEvent({ timestamp: at, message: 'one\ntwo' }))).to.equal('2012-11-02T14:34:02,781 INFO  one\\ntwo\n');
    expect(layout.format(fixedEvent({ timestamp: at, message: 'a long message', mdc: { id: '7' } }))).to.equal('2012-11-02T14:34:02,781 INFO  [7] a long messa\n');
  });

  it('reads alwaysWriteExceptions on PatternLayout: false leaves an event\'s stack out of a pattern without a throwable converter', () => {
    const path = join(dir, 'log4j2.xml');
    writeFileSync(path, configuration(
      '<Memory name="on"><PatternLayout pattern="%m%n"/></Memory><Memory name="off"><PatternLayout pattern="%m%n" alwaysWriteExceptions="false"/></Memory>',
      '<Root><AppenderRef ref="on"/><AppenderRef ref="off"/></Root>',
    ));
    expect(configure(path).warnings).to.deep.equal([]);
    const error = new Error('boom');
    error.stack = 'Error: boom\n    at run (/app/a.js:1:1)';
    const print = (name: string): string => (getLogger().getAppender(name) as AppenderSkeleton).layout!.format(fixedEvent({ message: 'failed', error }));
    expect(print('on')).to.equal('failed\nError: boom\n    at run (/app/a.js:1:1)\n');
    expect(print('off')).to.equal('failed\n');
  });

  it('cuts what one logger sends one appender at its AppenderRef level; other references to the appender get everything', async () => {
    const path = join(dir, 'log4j2.xml');
    const xml = (level: string): string => configuration(
      '<Memory name="m"><PatternLayout pattern="%c %p %m%n"/></Memory><Async name="async"><AppenderRef ref="m" level="WARN"/></Async>',
      `<Root level="DEBUG"><AppenderRef ref="m" level="${level}"/></Root>
<Logger name="audit" level="DEBUG" additivity="false"><AppenderRef ref="m"/></Logger>
<Logger name="queued" level="DEBUG" additivity="false"><AppenderRef ref="async" level="INFO"/></Logger>`,
    );
    writeFileSync(path, xml('ERROR'));
    expect(configure(path, { watch: false }).warnings).to.deep.equal([]);
    const m = getLogger('audit').getAppender('m') as MemoryAppender;
    expect((getLogger().getAppender('m') as LevelGate).target).to.equal(m);
    for (const name of ['app', 'audit', 'queued']) {
      getLogger(name).info('info');
      getLogger(name).warn('warn');
      getLogger(name).error('error');
    }
    expect(m.text).to.equal('app ERROR error\naudit INFO info\naudit WARN warn\naudit ERROR error\nqueued WARN warn\nqueued ERROR error\n');

    // Read again with another level: the same appender instance, open, cut at the new level.
    writeFileSync(path, xml('INFO'));
    configure(path, { watch: false });
    expect(getLogger('audit').getAppender('m')).to.equal(m);
    expect((getLogger().getAppender('m') as LevelGate).target).to.equal(m);
    expect(m.isClosed).to.equal(false);
    getLogger('app').debug('debug');
    getLogger('app').info('info again');
    expect(m.text.endsWith('queued ERROR error\napp INFO info again\n')).to.equal(true);

    // Reached only through a gate, it is still closed at shutdown.
    await LogManager.resetConfiguration();
    expect(m.isClosed).to.equal(true);
  });

  it('rebinds a gated appender of a logger the new file does not name to the new instance, keeping the level', async () => {
    const path = join(dir, 'log4j2.xml');
    const memory = (pattern: string): string => `<Memory name="m"><PatternLayout pattern="${pattern}"/></Memory>`;
    writeFileSync(path, configuration(memory('one %m%n'), '<Root level="DEBUG"/><Logger name="a" level="DEBUG"><AppenderRef ref="m" level="WARN"/></Logger>'));
    configure(path, { watch: false });
    const first = (getLogger('a').getAppender('m') as LevelGate).target as MemoryAppender;
    writeFileSync(path, configuration(memory('two %m%n'), '<Root level="DEBUG"><AppenderRef ref="m"/></Root>'));
    configure(path, { watch: false });
    const gate = getLogger('a').getAppender('m') as LevelGate;
    const second = getLogger().getAppender('m') as MemoryAppender;
    expect(second).to.not.equal(first);
    expect(gate.target).to.equal(second);
    getLogger('a').info('info');
    getLogger('a').warn('warn');
    expect(second.text).to.equal('two info\ntwo warn\ntwo warn\n');
    await Promise.resolve();
    expect(first.isClosed).to.equal(true);
  });

  it('refuses a bad AppenderRef level, naming file, line, column and element', () => {
    expect(refusal(configuration('<Console name="c"/>', '<Root><AppenderRef ref="c" level="LOUD"/></Root>')).message)
      .to.equal('/conf/log4j2.xml:6:28: Configuration/Loggers/Root/AppenderRef/@level: unknown level "LOUD"');
  });

  it('attaches what an Async appender refers to', () => {
    const m = model(configuration('<Console name="c"/><Async name="async"><AppenderRef ref="c"/></Async>', '<Logger name="a" level="DEBUG"><AppenderRef ref="async"/></Logger>'));
    expect(m.loggers[0]!.appenderRefs).to.deep.equal(['c']);
    expect([...m.appenders.keys()]).to.deep.equal(['c']);
  });

  it('reads loggers: a Logger without a level inherits, the Root without one keeps its level, additivity as written', () => {
    const m = model(configuration('', '<Root/><Logger name="a"/><AsyncLogger name="b" level="error" additivity="false" includeLocation="true"/>'));
    expect(m.root!.level).to.equal(undefined);
    expect(m.loggers.map((l) => [l.name, l.level, l.additivity])).to.deep.equal([['a', null, undefined], ['b', Level.ERROR, false]]);
  });

  it('refuses a bad level, an undefined appender and a bad Console target, naming file, line, column and element', () => {
    expect(refusal(configuration('', '<Logger name="a"\n level="LOUDEST"/>')).message)
      .to.equal('/conf/log4j2.xml:7:2: Configuration/Loggers/Logger[@name="a"]/@level: unknown level "LOUDEST"');
    expect(refusal(configuration('', '<Root><AppenderRef ref="nowhere"/></Root>')).message)
      .to.equal('/conf/log4j2.xml:6:20: Configuration/Loggers/Root/AppenderRef/@ref: refers to appender "nowhere", which <Appenders> does not define');
    expect(refusal(configuration('<Console name="c" target="STDOUT"/>', '<Root><AppenderRef ref="c"/></Root>')).message)
      .to.equal('/conf/log4j2.xml:3:19: Configuration/Appenders/Console[@name="c"]/@target: target must be SYSTEM_OUT or SYSTEM_ERR, got "STDOUT"');
  });

  it('names an unknown plugin, attribute or element in a warning and applies the rest', () => {
    const m = model(configuration('<Kafka name="k" topic="logs"/><File name="f" fileName="/l/f.log" locking="true" bogus="1"><Nonsense/></File>',
      '<Root level="INFO"><AppenderRef ref="k"/><AppenderRef ref="f"/></Root>'));
    expect(m.appenders.get('k')!.className).to.equal('Kafka');
    expect(m.warnings).to.deep.equal([
      '/conf/log4j2.xml:3:81: Configuration/Appenders/File[@name="f"]/@bogus: File attribute "bogus" is not supported; ignored',
      '/conf/log4j2.xml:3:91: Configuration/Appenders/File[@name="f"]/Nonsense: File element <Nonsense> is not supported; ignored',
    ]);
  });
});
