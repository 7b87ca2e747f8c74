import { expect } from 'chai';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configure, defaultConfigurator } from '../../../src/config/configure.js';
import { writeXmlLoggerLevel } from '../../../src/config/xml/xml-logger-level-file.js';
import { InternalLog } from '../../../src/internal-log.js';
import { Level } from '../../../src/level.js';
import { getLogger, LogManager } from '../../../src/log-manager.js';

const CONF = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../conf');
const FAST = { debounceMs: 20, stabilityMs: 30, midLineSettleMs: 500 };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('persisting levels into XML (setLevel with persist)', function () {
  this.timeout(10000);
  let dir: string;
  let internal: string[];
  let previousSink: ReturnType<typeof InternalLog.setSink>;
  const savedHome = process.env.LOG_HOME;

  beforeEach(async () => {
    await LogManager.resetConfiguration();
    dir = mkdtempSync(join(tmpdir(), 'logwarden-xml-persist-'));
    process.env.LOG_HOME = dir;
    internal = [];
    previousSink = InternalLog.setSink((line) => internal.push(line));
  });

  afterEach(async () => {
    InternalLog.setSink(previousSink);
    await defaultConfigurator.stopWatching();
    await LogManager.resetConfiguration();
    if (savedHome === undefined) delete process.env.LOG_HOME;
    else process.env.LOG_HOME = savedHome;
    rmSync(dir, { recursive: true, force: true });
  });

  for (const name of ['log4j2.xml', 'logback-spring.xml']) {
    it(`${name}: the file stays byte-identical but for the level attribute, written atomically, and the watcher knows the write is its own`, async () => {
      const path = join(dir, name);
      copyFileSync(join(CONF, name), path);
      const original = readFileSync(path, 'utf8');
      const handle = configure(path, { watch: true, watchOptions: FAST, environment: { LOG_HOME: dir } });
      await handle.watching;
      // Set in memory only: a reload of the file (which names this logger) would put WARN back.
      getLogger('com.atlassian.pats').level = Level.ERROR;

      LogManager.setLevel('de.resolution.apitokenauth', Level.DEBUG, { persist: true });
      const tag = name === 'log4j2.xml' ? 'Logger' : 'logger';
      expect(readFileSync(path, 'utf8')).to.equal(original.replace(`<${tag} name="de.resolution.apitokenauth" level="INFO"/>`, `<${tag} name="de.resolution.apitokenauth" level="DEBUG"/>`));
      expect(getLogger('de.resolution.apitokenauth').level).to.equal(Level.DEBUG);
      expect(readdirSync(dir).filter((file) => file.endsWith('.tmp'))).to.deep.equal([]);

      await sleep(400);
      expect(getLogger('com.atlassian.pats').level, 'no reload of its own write').to.equal(Level.ERROR);
    });
  }

  it('keeps an operator\'s pending edit: the watcher still applies the whole file', async () => {
    const path = join(dir, 'log4j2.xml');
    const config = (pats: string): string => `<Configuration>\n  <Loggers>\n    <Logger name="com.atlassian.pats" level="${pats}"/>\n  </Loggers>\n</Configuration>\n`;
    writeFileSync(path, config('WARN'));
    const handle = configure(path, { watch: true, watchOptions: FAST });
    await handle.watching;
    writeFileSync(path, config('ERROR'));
    LogManager.setLevel('x', Level.DEBUG, { persist: true });
    const start = Date.now();
    while (getLogger('com.atlassian.pats').level !== Level.ERROR) {
      if (Date.now() - start > 3000) throw new Error('the operator\'s edit was not applied');
      await sleep(10);
    }
    expect(readFileSync(path, 'utf8')).to.equal(config('ERROR').replace('/>\n  </Loggers>', '/>\n    <Logger name="x" level="DEBUG"/>\n  </Loggers>'));
  });

  it('refuses to touch a file that is not well-formed or carries an XXE DOCTYPE', () => {
    const path = join(dir, 'log4j2.xml');
    const xxe = '<?xml version="1.0"?>\n<!DOCTYPE c [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Configuration><Loggers><Logger name="a" level="&xxe;"/></Loggers></Configuration>';
    writeFileSync(path, xxe);
    expect(() => writeXmlLoggerLevel(path, 'a', Level.INFO)).to.throw(/log4j2\.xml:2:1: refused: a DOCTYPE with declarations/);
    writeFileSync(path, '<Configuration><Loggers>');
    expect(() => writeXmlLoggerLevel(path, 'a', Level.INFO)).to.throw(/not well-formed XML/);
    expect(readFileSync(path, 'utf8')).to.equal('<Configuration><Loggers>');
  });
});
