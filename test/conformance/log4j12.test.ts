import { expect } from 'chai';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configure } from '../../src/config/configure.js';
import { getLogger, LogManager, defaultHierarchy } from '../../src/log-manager.js';
import { MDC } from '../../src/context/mdc.js';
import { Level } from '../../src/level.js';
import { FileAppender } from '../../appenders/file-appender.js';
import { PatternLayout } from '../../layouts/pattern/pattern-layout.js';
import { LOG4J12_VECTORS } from '../fixtures/log4j12-vectors.js';

const INPUT = join(LOG4J12_VECTORS, 'input');
const WITNESS = join(LOG4J12_VECTORS, 'witness');

/** Collapses a throwable (header line, then indented `at` lines) to `<exception: message>`, for Java and JavaScript alike. */
function collapseExceptions(lines: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    let j = i + 1;
    while (j < lines.length && /^\s+at /.test(lines[j]!)) j++;
    if (j > i + 1 && line.includes(': ')) {
      out.push(`<exception: ${line.slice(line.indexOf(': ') + 2)}>`);
      i = j - 1;
    } else {
      out.push(line);
    }
  }
  return out;
}

function linesOf(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function removeStamps(lines: string[], stamp: RegExp | undefined): string[] {
  if (!stamp) return lines;
  return lines.map((line) => {
    if (/^\s+at /.test(line) || line.startsWith('<exception')) return line;
    const match = stamp.exec(line);
    expect(match, `line should start with a time stamp: ${line}`).to.not.equal(null);
    return line.slice(match![0].length);
  });
}

const ISO8601 = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3}/;
const DATE = /^\d{1,2} .{2,6}\.? 2\d{3} \d{2}:\d{2}:\d{2},\d{3}/;
const ABSOLUTE = /^\d{2}:\d{2}:\d{2},\d{3}/;
const RELATIVE = /^\d{1,10}/;
const STAMPS: Record<string, RegExp | undefined> = { 2: ISO8601, 3: ISO8601, 4: DATE, 5: DATE, 6: ABSOLUTE, 7: ABSOLUTE, 8: RELATIVE };

/**
 * The drivers' common sequence: each level on L and on root, then each level on L
 * with a throwable. The EnhancedPatternLayout case has its own logger and no TRACE.
 */
function levelSequence(loggerName: string, withTrace: boolean): void {
  const l = getLogger(loggerName);
  const r = getLogger();
  const methods = (['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const).filter((m) => withTrace || m !== 'trace');
  let i = 0;
  for (const method of methods) {
    l[method](`Message ${i}`);
    r[method](`Message ${i}`);
    i++;
  }
  const e = new Error('Just testing');
  for (const method of methods) l[method](`Message ${i++}`, e);
}

function thresholdSequence(): void {
  const l = getLogger('org.apache.log4j.HierarchyThresholdTestCase');
  l.trace('m0');
  l.debug('m1');
  l.info('m2');
  l.warn('m3');
  l.error('m4');
  l.fatal('m5');
}

describe('log4j 1.2 conformance vectors', function () {
  this.timeout(20000);
  const originalCwd = process.cwd();
  let workDir = '';

  beforeEach(async () => {
    await LogManager.resetConfiguration();
    workDir = mkdtempSync(join(tmpdir(), 'logwarden-conformance-'));
    process.chdir(workDir);
  });

  afterEach(async () => {
    await LogManager.resetConfiguration();
    process.chdir(originalCwd);
    rmSync(workDir, { recursive: true, force: true });
  });

  async function output(): Promise<string> {
    // Resetting flushes and closes every appender, as the Java tests' tearDown does.
    await LogManager.resetConfiguration();
    return readFileSync(join(workDir, 'output', 'temp'), 'utf8');
  }

  function compare(actualText: string, witness: string, stamp?: RegExp): void {
    const expected = collapseExceptions(linesOf(readFileSync(join(WITNESS, witness), 'utf8')));
    const actual = removeStamps(collapseExceptions(linesOf(actualText)), stamp);
    expect(actual).to.deep.equal(expected);
  }

  it('has every input the README lists', () => {
    expect(readdirSync(INPUT)).to.have.length(20);
  });

  for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9, 11]) {
    it(`patternLayout${n}`, async () => {
      configure(join(INPUT, `patternLayout${n}.properties`));
      levelSequence('org.apache.log4j.PatternLayoutTestCase', true);
      compare(await output(), `patternLayout.${n}`, STAMPS[n]);
    });
  }

  it('enhancedPatternLayout14', async () => {
    configure(join(INPUT, 'enhancedPatternLayout14.properties'));
    levelSequence('org.apache.log4j.EnhancedPatternLayoutTest', false);
    compare(await output(), 'enhancedPatternLayout.14');
  });

  it('patternLayout.mdc.1', async () => {
    configure(join(INPUT, 'patternLayout.mdc.1.properties'));
    MDC.run({ key1: 'va11', key2: 'va12' }, () => getLogger('org.apache.log4j.PatternLayoutTestCase').debug('Hello World'));
    compare(await output(), 'patternLayout.mdc.1');
  });

  it('patternLayout.mdc.2 (built in code)', async () => {
    const layout = new PatternLayout('%m%n');
    const root = getLogger();
    root.level = Level.DEBUG;
    root.addAppender(new FileAppender({ name: 'mdc', file: 'output/temp', append: false, layout }));
    const patterns = ['%m : %X%n', '%m : %X{key1}%n', '%m : %X{key2}%n', '%m : %X{key3}%n', '%m : %X{key1},%X{key2},%X{key3}%n'];
    const messages = ['no key specified in pattern', 'key1 in pattern', 'key2 in pattern', 'key3 in pattern', 'key1, key2, and key3 in pattern'];
    const round = (state: string): void => {
      patterns.forEach((pattern, i) => {
        layout.conversionPattern = pattern;
        root.debug(`${state} mdc, ${messages[i]}`);
      });
    };
    root.debug('starting mdc pattern test');
    round('empty');
    MDC.put('key1', 'value1');
    MDC.put('key2', 'value2');
    round('filled');
    MDC.remove('key1');
    MDC.remove('key2');
    layout.conversionPattern = '%m%n';
    root.debug('finished mdc pattern test');
    compare(await output(), 'patternLayout.mdc.2');
  });

  for (let n = 1; n <= 8; n++) {
    it(`hierarchyThreshold${n}`, async () => {
      configure(join(INPUT, `hierarchyThreshold${n}.properties`));
      thresholdSequence();
      compare(await output(), `hierarchyThreshold.${n}`);
    });
  }

  it('leaves nothing attached after the last reset', () => {
    expect(defaultHierarchy.allAppenders()).to.have.length(0);
  });
});
