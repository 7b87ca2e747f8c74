import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configure, defaultConfigurator } from '../../../src/config/configure.js';
import { InternalLog } from '../../../src/internal-log.js';
import { Level } from '../../../src/level.js';
import { getLogger, LogManager } from '../../../src/log-manager.js';
import { checkCounter, REWRITE_WAYS, rewrite } from '../config-rewrites.js';

const FAST = { debounceMs: 20, stabilityMs: 30, midLineSettleMs: 500 };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Logs 0, 1, 2, ... on a logger from a timer, as a busy application would, until stopped. */
function logCounter(name: string): { stop(): number } {
  const log = getLogger(name);
  let next = 0;
  const timer = setInterval(() => {
    for (let k = 0; k < 20; k++) log.info(String(next++));
  }, 1);
  return { stop: () => (clearInterval(timer), next) };
}

/** Edit `n`: the counter logger to its own file, each edit changing both layouts (new appenders each time). */
const SOAK: Record<'logback' | 'log4j2', (n: number, mainLog: string, counterLog: string) => string> = {
  logback: (n, mainLog, counterLog) => `<?xml version="1.0" encoding="UTF-8"?>
<configuration>
  <appender name="MAIN" class="ch.qos.logback.core.FileAppender">
    <file>${mainLog}</file>
    <encoder><pattern>%logger %msg v${n}%n</pattern></encoder>
  </appender>
  <logger name="counter" level="INFO" additivity="false">
    <appender-ref ref="COUNTER"/>
  </logger>
  <appender name="COUNTER" class="ch.qos.logback.core.FileAppender">
    <file>${counterLog}</file>
    <encoder><pattern>%msg v${n}%n</pattern></encoder>
  </appender>
  <logger name="edit${n}" level="DEBUG"/>
  <root level="INFO"><appender-ref ref="MAIN"/></root>
</configuration>
`,
  log4j2: (n, mainLog, counterLog) => `<?xml version="1.0" encoding="UTF-8"?>
<Configuration status="WARN">
  <Appenders>
    <File name="MAIN" fileName="${mainLog}"><PatternLayout pattern="%c %m v${n}%n"/></File>
    <File name="COUNTER" fileName="${counterLog}"><PatternLayout pattern="%m v${n}%n"/></File>
  </Appenders>
  <Loggers>
    <Logger name="counter" level="INFO" additivity="false">
      <AppenderRef ref="COUNTER"/>
    </Logger>
    <Logger name="edit${n}" level="DEBUG"/>
    <Root level="INFO"><AppenderRef ref="MAIN"/></Root>
  </Loggers>
</Configuration>
`,
};

describe('hot reload of XML configurations', function () {
  this.timeout(30000);
  let dir: string;
  let internal: string[];
  let previousSink: ReturnType<typeof InternalLog.setSink>;

  beforeEach(async () => {
    await LogManager.resetConfiguration();
    dir = mkdtempSync(join(tmpdir(), 'logwarden-xml-reload-'));
    internal = [];
    previousSink = InternalLog.setSink((line) => internal.push(line));
  });

  afterEach(async () => {
    InternalLog.setSink(previousSink);
    await defaultConfigurator.stopWatching();
    await LogManager.resetConfiguration();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const dialect of ['logback', 'log4j2'] as const) {
    it(`${dialect}: loses and duplicates no line while the file is saved every way, refusing partial files`, async () => {
      const path = join(dir, `${dialect}.xml`);
      const mainLog = join(dir, 'main.log');
      const counterLog = join(dir, 'counter.log');
      writeFileSync(path, SOAK[dialect](0, mainLog, counterLog));
      const handle = configure(path, { watch: true, watchOptions: FAST });
      expect(handle.warnings).to.deep.equal([]);
      await handle.watching;
      const counter = logCounter('counter');
      let n = 0;
      for (const way of REWRITE_WAYS) {
        n++;
        await rewrite(path, SOAK[dialect](n, mainLog, counterLog), way, 200, n + 3);
        await until(() => getLogger(`edit${n}`).level === Level.DEBUG, `edit ${n} (${way})`);
      }
      const total = counter.stop();
      await handle.settled();
      await defaultConfigurator.stopWatching();
      await LogManager.resetConfiguration();
      expect(checkCounter(counterLog, total)).to.deep.equal([]);
      expect(readFileSync(mainLog, 'utf8')).to.not.match(/^counter /m);
      const refused = internal.filter((line) => line.includes('configuration not applied'));
      expect(refused.length, 'partial files seen and refused').to.be.at.least(2);
      expect(refused.every((line) => /\.xml:\d+:\d+: not well-formed XML/.test(line)), refused.join('\n')).to.equal(true);
    });
  }

  it('watches a file that asks for it (Log4j 2 monitorInterval, logback scan) unless told watch: false', async () => {
    const files = {
      log4j2: (level: string, monitor: string) => `<Configuration monitorInterval="${monitor}">\n  <Loggers><Logger name="quiet" level="${level}"/></Loggers>\n</Configuration>\n`,
      logback: (level: string, scan: string) => `<configuration scan="${scan}" scanPeriod="30 seconds">\n  <logger name="quiet" level="${level}"/>\n</configuration>\n`,
    };
    for (const [dialect, config] of Object.entries(files)) {
      const path = join(dir, `${dialect}.xml`);
      writeFileSync(path, config('ERROR', dialect === 'log4j2' ? '30' : 'true'));
      await configure(path, { watchOptions: FAST }).watching;
      writeFileSync(path, config('WARN', dialect === 'log4j2' ? '30' : 'true'));
      await until(() => getLogger('quiet').level === Level.WARN, `${dialect}: the edit of a file that asks to be watched`);

      writeFileSync(path, config('ERROR', dialect === 'log4j2' ? '30' : 'true'));
      await configure(path, { watch: false, watchOptions: FAST }).watching;
      writeFileSync(path, config('INFO', dialect === 'log4j2' ? '0' : 'false'));
      await sleep(400);
      expect(getLogger('quiet').level, `${dialect}: watch: false`).to.equal(Level.ERROR);

      await configure(path, { watchOptions: FAST }).watching;
      writeFileSync(path, config('DEBUG', dialect === 'log4j2' ? '0' : 'false'));
      await sleep(400);
      expect(getLogger('quiet').level, `${dialect}: monitorInterval 0 / scan false`).to.equal(Level.INFO);
    }
  });

  it('refuses a monitorInterval that is not whole seconds', () => {
    const path = join(dir, 'log4j2.xml');
    writeFileSync(path, '<Configuration monitorInterval="often"/>');
    expect(() => configure(path)).to.throw(/log4j2\.xml:1:16: Configuration\/@monitorInterval: expected whole seconds, got "often"/);
  });

  it('keeps the running configuration on an invalid edit and reports it once with file, line and column', async () => {
    const path = join(dir, 'logback.xml');
    const config = (level: string): string => `<configuration>\n  <logger name="quiet" level="${level}"/>\n</configuration>\n`;
    writeFileSync(path, config('ERROR'));
    const handle = configure(path, { watch: true, watchOptions: FAST });
    await handle.watching;
    writeFileSync(path, config('LOUDEST'));
    await until(() => internal.some((line) => line.includes('LOUDEST')), 'the report');
    writeFileSync(path, config('LOUDEST'));
    await sleep(200);
    const reports = internal.filter((line) => line.includes('LOUDEST'));
    expect(reports).to.have.length(1);
    expect(reports[0]).to.match(/logback\.xml:2:24: configuration\/logger\[@name="quiet"\]\/@level: unknown level "LOUDEST"/);
    expect(getLogger('quiet').level).to.equal(Level.ERROR);
    writeFileSync(path, config('WARN'));
    await until(() => getLogger('quiet').level === Level.WARN, 'the valid edit');
  });
});
