import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Level } from '../../../src/level.js';
import { START_TIME, type LoggingEvent } from '../../../src/logging-event.js';
import { createLayout } from '../../../layouts/registry.js';
import { PatternLayout } from '../../../layouts/pattern/pattern-layout.js';
import type { Layout } from '../../../layouts/layout.js';
import { LOG4J12_VECTORS } from '../../fixtures/log4j12-vectors.js';

/*
 * Replays the log4j 1.2 conformance cases (test/fixtures/log4j12, see its
 * README) through the layout alone, with fixed events, and compares with the
 * witnesses under the README's normalisation. The configuration engineer runs the
 * same cases end to end through files and loggers.
 */

const CONFORMANCE = LOG4J12_VECTORS;
const LEVELS = [Level.TRACE, Level.DEBUG, Level.INFO, Level.WARN, Level.ERROR, Level.FATAL];

function property(properties: string, key: string): string | undefined {
  const prefix = key;
  for (const raw of properties.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line.startsWith(prefix)) continue;
    const rest = line.slice(prefix.length).trimStart();
    if (rest.startsWith('=') || rest.startsWith(':')) return rest.slice(1).trim();
  }
  return undefined;
}

function layoutFor(caseName: string): Layout {
  const properties = readFileSync(resolve(CONFORMANCE, 'input', `${caseName}.properties`), 'utf8');
  const className = property(properties, 'log4j.appender.testAppender.layout')!;
  const conversionPattern = property(properties, 'log4j.appender.testAppender.layout.ConversionPattern')!;
  return createLayout(className, { ConversionPattern: conversionPattern });
}

function event(loggerName: string, level: Level, message: string, error?: Error): LoggingEvent {
  // 123 456 ms after start: a date stamp or %r is present but the tests normalise it away.
  return { timestamp: START_TIME + 123_456, level, loggerName, message, threadName: 'main', mdc: {}, ndc: '', ...(error ? { error } : {}) };
}

/** The README's sequence: pairs of logger L and root R, then L with an error at each level. */
function sequence(loggerName: string, levels: readonly Level[]): LoggingEvent[] {
  const error = new Error('Just testing');
  const events: LoggingEvent[] = [];
  levels.forEach((level, i) => {
    events.push(event(loggerName, level, `Message ${i}`));
    events.push(event('root', level, `Message ${i}`));
  });
  levels.forEach((level, i) => events.push(event(loggerName, level, `Message ${levels.length + i}`, error)));
  return events;
}

/** Collapses a Java or JavaScript stack block into `<exception: message>`. */
function normaliseExceptions(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const header = /^(?:java\.lang\.Exception|Error): (.*)$/.exec(line);
    if (header) out.push(`<exception: ${header[1]}>`);
    else if (/^(\t| +)at /.test(line)) continue;
    else out.push(line);
  }
  return out;
}

function witnessLines(name: string): string[] {
  const text = readFileSync(resolve(CONFORMANCE, 'witness', name), 'utf8');
  // Some witnesses were written on Windows.
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return normaliseExceptions(lines);
}

function render(layout: Layout, events: readonly LoggingEvent[], stamp?: RegExp): string[] {
  const text = events.map((e) => layout.format(e)).join('');
  const lines = text.split('\n');
  lines.pop();
  return normaliseExceptions(lines).map((line) => {
    if (!stamp || line.startsWith('<exception')) return line;
    const match = stamp.exec(line);
    expect(match, `time stamp in "${line}"`).to.not.equal(null);
    return line.slice(match![0].length);
  });
}

const STAMPS: Record<string, RegExp | undefined> = {
  '2': /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3}/,
  '3': /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3}/,
  '4': /^\d{1,2} .{2,6}\.? 2\d{3} \d{2}:\d{2}:\d{2},\d{3}/,
  '5': /^\d{1,2} .{2,6}\.? 2\d{3} \d{2}:\d{2}:\d{2},\d{3}/,
  '6': /^\d{2}:\d{2}:\d{2},\d{3}/,
  '7': /^\d{2}:\d{2}:\d{2},\d{3}/,
  '8': /^\d{1,10}/,
};

describe('log4j 1.2 conformance witnesses (layout only)', () => {
  for (const n of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '11']) {
    it(`patternLayout${n}`, () => {
      const layout = layoutFor(`patternLayout${n}`);
      const lines = render(layout, sequence('org.apache.log4j.PatternLayoutTestCase', LEVELS), STAMPS[n]);
      expect(lines).to.deep.equal(witnessLines(`patternLayout.${n}`));
    });
  }

  it('%r prints milliseconds since start', () => {
    const layout = layoutFor('patternLayout8');
    expect(layout.format(event('a', Level.INFO, 'x'))).to.equal('123456 [main] INFO  a - x\n');
  });

  it('enhancedPatternLayout14', () => {
    const layout = layoutFor('enhancedPatternLayout14');
    const lines = render(layout, sequence('org.apache.log4j.EnhancedPatternLayoutTest', LEVELS.slice(1)));
    expect(lines).to.deep.equal(witnessLines('enhancedPatternLayout.14'));
  });

  it('patternLayout.mdc.1', () => {
    const layout = layoutFor('patternLayout.mdc.1');
    const e = { ...event('org.apache.log4j.PatternLayoutTestCase', Level.DEBUG, 'Hello World'), mdc: { key1: 'va11', key2: 'va12' } };
    expect(render(layout, [e])).to.deep.equal(witnessLines('patternLayout.mdc.1'));
  });

  it('patternLayout.mdc.2 (pattern switched on a live layout)', () => {
    const layout = new PatternLayout('%m%n');
    const out: string[] = [];
    const log = (message: string, mdc: Record<string, string>): void => {
      out.push(layout.format({ ...event('root', Level.DEBUG, message), mdc }));
    };
    const patterns = ['%m : %X%n', '%m : %X{key1}%n', '%m : %X{key2}%n', '%m : %X{key3}%n', '%m : %X{key1},%X{key2},%X{key3}%n'];
    const what = ['no key specified in pattern', 'key1 in pattern', 'key2 in pattern', 'key3 in pattern', 'key1, key2, and key3 in pattern'];
    log('starting mdc pattern test', {});
    patterns.forEach((p, i) => {
      layout.conversionPattern = p;
      log(`empty mdc, ${what[i]}`, {});
    });
    patterns.forEach((p, i) => {
      layout.conversionPattern = p;
      log(`filled mdc, ${what[i]}`, { key1: 'value1', key2: 'value2' });
    });
    layout.conversionPattern = '%m%n';
    log('finished mdc pattern test', {});
    const lines = out.join('').split('\n');
    lines.pop();
    expect(lines).to.deep.equal(witnessLines('patternLayout.mdc.2'));
  });
});
