import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configure, defaultConfigurator } from '../../src/config/configure.js';
import { defaultHierarchy, getLogger, LogManager } from '../../src/log-manager.js';
import { Level } from '../../src/level.js';
import { InternalLog } from '../../src/internal-log.js';
import type { MemoryAppender } from '../../appenders/memory-appender.js';
import { checkCounter, REWRITE_WAYS, rewrite, soakConfiguration } from './config-rewrites.js';

const FAST = { debounceMs: 20, stabilityMs: 30, midLineSettleMs: 500 };

async function until(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const openFds = (): number => readdirSync('/proc/self/fd').length;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Logs 0, 1, 2, ... on a logger from a timer, as a busy application would, until stopped. */
function logCounter(name: string): { stop(): number } {
  const log = getLogger(name);
  let next = 0;
  const timer = setInterval(() => {
    for (let k = 0; k < 20; k++) log.info(String(next++));
  }, 1);
  return {
    stop: () => {
      clearInterval(timer);
      return next;
    },
  };
}

/** The counter values an appender received, checked to be 0..n-1 each exactly once. */
function expectEveryValueOnce(messages: readonly string[], total: number): void {
  const values = messages.map(Number);
  expect(values.length, 'values received').to.equal(total);
  expect(values.every((value, i) => value === i), 'values in order, none missing or twice').to.equal(true);
}

describe('hot reload (configure with watch)', function () {
  this.timeout(30000);
  let dir: string;
  let path: string;
  let internal: string[];
  let previousSink: ReturnType<typeof InternalLog.setSink>;

  const write = (lines: string[]): void => writeFileSync(path, lines.join('\n') + '\n');
  const base = (rootLevel: string, layout = 'simple'): string[] => [
    `log4j.rootLogger=${rootLevel}, M`,
    'log4j.appender.M=memory',
    `log4j.appender.M.layout=${layout}`,
    'log4j.logger.quiet=ERROR',
  ];

  beforeEach(async () => {
    await LogManager.resetConfiguration();
    dir = mkdtempSync(join(tmpdir(), 'logwarden-reload-'));
    path = join(dir, 'log4j.properties');
    internal = [];
    previousSink = InternalLog.setSink((line) => internal.push(line));
  });

  afterEach(async () => {
    InternalLog.setSink(previousSink);
    await defaultConfigurator.stopWatching();
    await LogManager.resetConfiguration();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies a level change within about a second', async () => {
    write(base('INFO'));
    const handle = configure(path, { watch: true, watchOptions: FAST });
    await handle.watching;
    const started = Date.now();
    write(base('DEBUG'));
    await until(() => getLogger().level === Level.DEBUG, 'the new root level');
    expect(Date.now() - started).to.be.below(1000);
  });

  it('swaps an appender whose definition changed, keeps one that did not', async () => {
    write([...base('INFO'), 'log4j.logger.sec=INFO, S', 'log4j.appender.S=memory', 'log4j.appender.S.layout=simple']);
    const handle = configure(path, { watch: true, watchOptions: FAST });
    await handle.watching;
    const m = getLogger().appenders[0] as MemoryAppender;
    const s = getLogger('sec').appenders[0] as MemoryAppender;
    write([...base('INFO', 'org.apache.log4j.TTCCLayout'), 'log4j.logger.sec=INFO, S', 'log4j.appender.S=memory', 'log4j.appender.S.layout=simple']);
    await until(() => getLogger().appenders[0] !== m, 'the new appender');
    expect(getLogger('sec').appenders[0]).to.equal(s);
    getLogger('x').info('after');
    expect((getLogger().appenders[0] as MemoryAppender).text).to.match(/\[main\] INFO x - after/);
    await handle.settled();
    expect(m.isClosed).to.equal(true);
    expect(s.isClosed).to.equal(false);
  });

  it('follows an editor that saves by writing a new file and renaming it over the old one', async () => {
    write(base('INFO'));
    const handle = configure(path, { watch: true, watchOptions: FAST });
    await handle.watching;
    for (const level of ['WARN', 'ERROR']) {
      const temp = join(dir, '.log4j.properties.swp');
      writeFileSync(temp, base(level).join('\n'));
      renameSync(temp, path);
      await until(() => getLogger().level === Level.toLevel(level), `root at ${level} after a rename-save`);
    }
  });

  it('keeps the running configuration on an invalid edit, reports it once, then takes the next valid one', async () => {
    write(base('INFO'));
    const handle = configure(path, { watch: true, watchOptions: FAST });
    await handle.watching;
    const m = getLogger().appenders[0];
    write(['log4j.rootLogger=INFO, M', 'log4j.appender.M=memory', 'log4j.logger.quiet=LOUDEST']);
    await until(() => internal.some((line) => line.includes('LOUDEST')), 'the report');
    // The same broken content saved again is not reported again.
    write(['log4j.rootLogger=INFO, M', 'log4j.appender.M=memory', 'log4j.logger.quiet=LOUDEST']);
    await new Promise((r) => setTimeout(r, 200));
    const reports = internal.filter((line) => line.includes('LOUDEST'));
    expect(reports).to.have.length(1);
    expect(reports[0]).to.match(/log4j\.properties:3: log4j\.logger\.quiet: unknown level "LOUDEST"/);
    expect(getLogger('quiet').level).to.equal(Level.ERROR);
    expect(getLogger().appenders[0]).to.equal(m);

    write(base('WARN'));
    await until(() => getLogger().level === Level.WARN, 'the valid edit');
  });

  it('keeps the configuration while the file is missing and half-written, and applies it once complete', async () => {
    write(base('INFO'));
    const handle = configure(path, { watch: true, watchOptions: FAST });
    await handle.watching;
    rmSync(path);
    await until(() => internal.some((line) => line.includes('ENOENT')), 'the missing-file report');
    expect(getLogger().level).to.equal(Level.INFO);
    writeFileSync(path, 'log4j.rootLogger=DEBUG, M\nlog4j.appender.M=memory\nlog4j.appender.M.layout=${unfinished');
    await until(() => internal.some((line) => line.includes('no closing brace')), 'the half-written report');
    expect(getLogger().level).to.equal(Level.INFO);
    write(base('DEBUG'));
    await until(() => getLogger().level === Level.DEBUG, 'the complete file');
  });

  it('keeps logging while a saved file is empty for a while (truncated, then written 400 ms later)', async () => {
    write(base('INFO'));
    const handle = configure(path, { watch: true, watchOptions: FAST });
    await handle.watching;
    const m = getLogger().appenders[0] as MemoryAppender;
    const counter = logCounter('load');
    await sleep(50);
    truncateSync(path, 0);
    await sleep(400);
    write([...base('INFO'), 'log4j.logger.quiet=WARN']);
    await until(() => getLogger('quiet').level === Level.WARN, 'the complete file');
    await sleep(50);
    expectEveryValueOnce(m.messages, counter.stop());
    expect(getLogger().appenders).to.deep.equal([m]);
    expect(internal.filter((line) => line.includes('has no log4j.* entry'))).to.have.length(1);
  });

  it('keeps logging while a file is saved in two parts 400 ms apart, wherever the first part ends', async () => {
    const full = [
      ...base('INFO'),
      'log4j.logger.load=INFO, L',
      'log4j.additivity.load=false',
      'log4j.appender.L=memory',
      'log4j.appender.L.layout=simple',
    ];
    write(full);
    const handle = configure(path, { watch: true, watchOptions: FAST });
    await handle.watching;
    const l = getLogger('load').appenders[0] as MemoryAppender;
    const m = getLogger().appenders[0] as MemoryAppender;
    const counter = logCounter('load');
    // Up to the appender's definition: the logger names an appender not yet defined.
    // Up to the logger's entry: complete, but without the logger's own settings.
    for (const [cut, quiet] of [[6, 'WARN'], [4, 'INFO']] as const) {
      const edited = full.map((line) => line.replace('quiet=ERROR', `quiet=${quiet}`)).join('\n') + '\n';
      const lines = edited.split(/(?<=\n)/);
      writeFileSync(path, lines.slice(0, cut).join(''));
      await sleep(400);
      writeFileSync(path, edited);
      await until(() => getLogger('quiet').level === Level.toLevel(quiet), `the complete file with quiet=${quiet}`);
    }
    await sleep(50);
    expectEveryValueOnce(l.messages, counter.stop());
    expect(m.messages).to.deep.equal([]);
    expect(getLogger('load').appenders).to.deep.equal([l]);
    expect(internal.join('\n')).to.match(/log4j\.properties:5: log4j\.logger\.load: refers to appender "L", but there is no log4j\.appender\.L/);
  });

  it('keeps logging while a file cut in the middle of a line waits for its rest (shorter than midLineSettleMs)', async () => {
    const full = [...base('INFO'), 'log4j.logger.load=INFO, L', 'log4j.additivity.load=false', 'log4j.appender.L=memory', 'log4j.appender.L.layout=simple'];
    write(full);
    const handle = configure(path, { watch: true, watchOptions: FAST });
    await handle.watching;
    const l = getLogger('load').appenders[0] as MemoryAppender;
    const counter = logCounter('load');
    // "log4j.appender.L=memo" would parse: an unknown class, so "load" would lose its appender.
    const edited = full.map((line) => line.replace('quiet=ERROR', 'quiet=WARN')).join('\n') + '\n';
    const at = edited.indexOf('=memory', edited.indexOf('appender.L=')) + 5;
    writeFileSync(path, edited.slice(0, at));
    await sleep(200);
    writeFileSync(path, edited);
    await until(() => getLogger('quiet').level === Level.WARN, 'the complete file');
    expectEveryValueOnce(l.messages, counter.stop());
    expect(internal.filter((line) => line.includes('memo"'))).to.deep.equal([]);
  });

  it('applies a complete file without a final line break once it has stayed unchanged for midLineSettleMs', async () => {
    write(base('INFO'));
    const handle = configure(path, { watch: true, watchOptions: FAST });
    await handle.watching;
    const started = Date.now();
    writeFileSync(path, base('WARN').join('\n'));
    await until(() => getLogger().level === Level.WARN, 'the edit');
    expect(Date.now() - started).to.be.within(FAST.midLineSettleMs, 2500);
  });

  it('keeps logging while a YAML file is empty for a while', async () => {
    const yamlPath = join(dir, 'log4j.yaml');
    const yaml = (level: string): string => `root: INFO, M\nloggers:\n  quiet: ${level}\nappenders:\n  M: { class: memory, layout: simple }\n`;
    writeFileSync(yamlPath, yaml('ERROR'));
    const handle = configure(yamlPath, { watch: true, watchOptions: FAST });
    await handle.watching;
    const m = getLogger().appenders[0] as MemoryAppender;
    const counter = logCounter('load');
    truncateSync(yamlPath, 0);
    await sleep(400);
    writeFileSync(yamlPath, yaml('WARN'));
    await until(() => getLogger('quiet').level === Level.WARN, 'the complete file');
    expectEveryValueOnce(m.messages, counter.stop());
    expect(internal.join('\n')).to.match(/log4j\.yaml:1: is empty: no configuration/);
  });

  it('says once that the configuration applies again after a failed reload', async () => {
    write(base('INFO'));
    const handle = configure(path, { watch: true, watchOptions: FAST });
    await handle.watching;
    write(['log4j.rootLogger=INFO, M', 'log4j.appender.M=memory', 'log4j.logger.quiet=LOUDEST']);
    await until(() => internal.some((line) => line.includes('LOUDEST')), 'the report');
    write(base('WARN'));
    await until(() => getLogger().level === Level.WARN, 'the valid edit');
    write(base('ERROR'));
    await until(() => getLogger().level === Level.ERROR, 'the next valid edit');
    expect(internal).to.have.length(2);
    expect(internal[0]).to.match(/^logwarden:ERROR configuration not applied, the running one stays in force: .*LOUDEST/);
    expect(internal[1]).to.equal(`logwarden:WARN configuration applied again: ${path} is valid and in force`);
  });

  it('loses and duplicates no counter value while the file is saved every way (soak, bounded)', async () => {
    const mainLog = join(dir, 'main.log');
    const counterLog = join(dir, 'counter.log');
    writeFileSync(path, soakConfiguration(0, mainLog, counterLog));
    const handle = configure(path, { watch: true, watchOptions: FAST });
    await handle.watching;
    const counter = logCounter('counter');
    let n = 0;
    for (let round = 0; round < 2; round++) {
      for (const way of REWRITE_WAYS) {
        n++;
        // Mid-line cuts go into the counter appender's File and pattern, where a cut
        // value would send lines to another file or run them together.
        const cut = way === 'mid-line+pause+rest' ? 8 + 2 * round : n;
        await rewrite(path, soakConfiguration(n, mainLog, counterLog), way, 150 + 50 * round, cut);
        await until(() => getLogger(`edit${n}`).level === Level.DEBUG, `edit ${n} (${way})`);
      }
    }
    const total = counter.stop();
    await handle.settled();
    await defaultConfigurator.stopWatching();
    await LogManager.resetConfiguration();
    expect(checkCounter(counterLog, total)).to.deep.equal([]);
    expect(readFileSync(mainLog, 'utf8')).to.not.match(/^counter /m);
    expect(internal.filter((line) => line.includes('configuration not applied')).length, 'partial files seen and refused').to.be.at.least(2);
  });

  it('loses and duplicates nothing over 100 rapid edits while 100,000 lines are logged, and leaks no file handles', async () => {
    const out = join(dir, 'out.log');
    const config = (n: number): string[] => [
      'log4j.rootLogger=INFO, F',
      'log4j.appender.F=org.apache.log4j.FileAppender',
      `log4j.appender.F.File=${out}`,
      'log4j.appender.F.layout=org.apache.log4j.PatternLayout',
      // A pattern that names the edit forces a new appender on every applied edit.
      `log4j.appender.F.layout.ConversionPattern=%m edit${n}%n`,
      `log4j.logger.edit${n}=DEBUG`,
    ];
    const fdsBefore = openFds();
    write(config(0));
    const handle = configure(path, { watch: true, watchOptions: FAST });
    await handle.watching;

    const appenders = new Set(defaultHierarchy.allAppenders());
    const TOTAL = 100_000;
    const log = getLogger('load');
    const logging = (async () => {
      for (let i = 0; i < TOTAL;) {
        for (const end = Math.min(TOTAL, i + 500); i < end; i++) log.info(String(i));
        for (const appender of getLogger().appenders) appenders.add(appender);
        // Paced so that the logging spans the edits (about two seconds each).
        await new Promise((r) => setTimeout(r, 10));
      }
    })();
    const editing = (async () => {
      for (let n = 1; n <= 100; n++) {
        write(config(n));
        await new Promise((r) => setTimeout(r, n % 10 === 0 ? 150 : 4));
      }
    })();
    await Promise.all([logging, editing]);
    await until(() => getLogger('edit100').level === Level.DEBUG, 'the last edit');
    await handle.settled();
    await defaultConfigurator.stopWatching();
    await LogManager.resetConfiguration();

    const lines = readFileSync(out, 'utf8').split('\n');
    expect(lines.pop()).to.equal('');
    const seen = new Uint8Array(TOTAL);
    for (const line of lines) {
      const i = Number(line.split(' ')[0]);
      expect(Number.isInteger(i) && i >= 0 && i < TOTAL, `unexpected line "${line}"`).to.equal(true);
      seen[i]!++;
    }
    expect(lines).to.have.length(TOTAL);
    expect(seen.every((count) => count === 1)).to.equal(true);
    expect(appenders.size, 'edits applied while logging').to.be.greaterThan(2);
    expect(openFds()).to.equal(fdsBefore);
  });
});
