import { expect } from 'chai';
import { Level } from '../../../src/level.js';
import type { LoggingEvent } from '../../../src/logging-event.js';
import { abbreviateToLength, nameAbbreviator } from '../../../layouts/pattern/abbreviate.js';
import { PatternLayout } from '../../../layouts/pattern/pattern-layout.js';
import { createLayout } from '../../../layouts/registry.js';
import { fixedError, JIRA_INSTANT } from '../fixed-event.js';

/*
 * Input/expected pairs taken as data from logback's own tests and manual
 * (repository qos-ch/logback, EPL 1.0 / LGPL 2.1; manual chapter "Layouts",
 * https://logback.qos.ch/manual/layouts.html). Each block names its source. They run
 * through the layouts a logback-style configuration gets: a PatternLayout in
 * logback style, or the class name ch.qos.logback.classic.PatternLayout.
 */

const LOGGER = 'ch.qos.logback.classic.pattern.ConverterTest';
const ISO = '2020-09-22 15:20:50,922';

/** The event of logback's PatternLayoutTest / ConverterTest: INFO, "Some message", thread main. */
function logbackEvent(overrides: Partial<LoggingEvent> = {}): LoggingEvent {
  return { timestamp: JIRA_INSTANT, level: Level.INFO, loggerName: LOGGER, message: 'Some message', threadName: 'main', mdc: {}, ndc: '', ...overrides };
}

function logback(pattern: string, event: LoggingEvent = logbackEvent(), warnings: string[] = []): string {
  return new PatternLayout(pattern, { style: 'logback', timeZone: 'UTC', onWarning: (m) => warnings.push(m) }).format(event);
}

describe('logback originals', () => {
  describe('logback-classic/src/test/java/ch/qos/logback/classic/PatternLayoutTest.java', () => {
    it('testOK: %d %le [%t] %lo{30} - %m%n', () => {
      expect(logback('%d %le [%t] %lo{30} - %m%n')).to.equal(`${ISO} INFO [main] c.q.l.c.pattern.ConverterTest - Some message\n`);
    });

    it('testWithLettersComingFromLog4j: %d %p [%t] %c{30} - %m%n', () => {
      expect(logback('%d %p [%t] %c{30} - %m%n')).to.equal(`${ISO} INFO [main] c.q.l.c.pattern.ConverterTest - Some message\n`);
    });

    it('testCompositePattern: %-56(%d %lo{20}) - %m%n', () => {
      expect(logback('%-56(%d %lo{20}) - %m%n')).to.equal(`${ISO} c.q.l.c.p.ConverterTest          - Some message\n`);
    });

    it('testWithParenthesis: \\(%msg:%msg\\) %msg', () => {
      expect(logback('\\(%msg:%msg\\) %msg')).to.equal('(Some message:Some message) Some message');
    });

    it('testNoExeptionHandler / testNopExeptionHandler: the stack is appended unless %nopex', () => {
      const error = fixedError('Bogus exception');
      expect(logback('%m%n', logbackEvent({ error }))).to.contain('Error: Bogus exception');
      expect(logback('%nopex %m%n', logbackEvent({ error }))).to.equal(' Some message\n');
    });

    it('mdcWithDefaultValue: %msg %mdc{foo1} %mdc{bar:-[null]}', () => {
      expect(logback('%msg %mdc{foo1} %mdc{bar:-[null]}', logbackEvent({ mdc: { foo1: 'foo1' } }))).to.equal('Some message foo1 [null]');
    });
  });

  describe('logback-core/src/test/java/ch/qos/logback/core/pattern/parser/SamplePatternLayoutTest.java', () => {
    // %OTT prints "123" there; here %msg prints the message "123".
    const event = logbackEvent({ message: '123' });
    it('testOK: x%msg', () => expect(logback('x%msg', event)).to.equal('x123'));
    it('testEscapeClosingParentheses: x(%msg\\)y', () => expect(logback('x(%msg\\)y', event)).to.equal('x(123)y'));
    it('testEscapeBothParentheses: x\\(%msg\\)y', () => expect(logback('x\\(%msg\\)y', event)).to.equal('x(123)y'));
    it('testPercentAsLiteral: hello \\% world', () => expect(logback('hello \\% world', event)).to.equal('hello % world'));
    it('noClosingCurlyBrace: %x %hello{asd is refused ("Failed to parse pattern")', () => {
      expect(() => logback('%x %hello{asd', event)).to.throw(/Unclosed "\{"/);
    });
  });

  describe('logback-classic/src/test/java/ch/qos/logback/classic/pattern/ConverterTest.java', () => {
    it('testLogger: %logger, %logger{20}, %logger{0}', () => {
      expect(logback('%logger')).to.equal(LOGGER);
      expect(logback('%logger{20}')).to.equal('c.q.l.c.p.ConverterTest');
      expect(logback('%logger{0}')).to.equal('ConverterTest');
    });

    it('testVeryLongLoggerName: ClassicConstants.MAX_DOTS (16) + 3 segments, %logger{5}', () => {
      const parts = 16 + 3;
      const loggerName = 'aaa.'.repeat(parts) + 'zzzzzz';
      expect(logback('%logger{5}', logbackEvent({ loggerName }))).to.equal('a.'.repeat(parts) + 'zzzzzz');
    });

    it('testLevel: FormatInfo(1, 1, leftPad, no left truncation) prints "I"', () => {
      expect(logback('%1.-1level')).to.equal('I');
    });

    it('testMDCConverter: %X{someKey}', () => {
      expect(logback('%X{someKey}', logbackEvent({ mdc: { someKey: 'someValue' } }))).to.equal('someValue');
    });

    it('dateConverterTest: {ISO8601, GMT} and {ISO8601, UTC}', () => {
      const event = logbackEvent({ timestamp: 1_723_649_365_956 });
      expect(logback('%d{ISO8601, GMT}', event)).to.equal('2024-08-14 15:29:25,956');
      expect(logback('%d{ISO8601, UTC}', event)).to.equal('2024-08-14 15:29:25,956');
    });
  });

  describe('logback-classic/src/test/java/ch/qos/logback/classic/pattern/MDCConverterTest.java', () => {
    it('testConvertWithOneEntry: %X prints k=v', () => {
      expect(logback('%X', logbackEvent({ mdc: { k: 'v' } }))).to.equal('k=v');
    });

    it('testConvertWithMultipleEntries: "testKey=testValue, testKey2=testValue2" (keys sorted here)', () => {
      expect(logback('%X', logbackEvent({ mdc: { testKey2: 'testValue2', testKey: 'testValue' } }))).to.equal('testKey=testValue, testKey2=testValue2');
      expect(logback('%mdc', logbackEvent({ mdc: { testKey2: 'testValue2', testKey: 'testValue' } }))).to.equal('testKey=testValue, testKey2=testValue2');
    });

    it('an empty MDC prints nothing (outputMDCForAllKeys of no entries); log4j prints {}', () => {
      expect(logback('[%X]')).to.equal('[]');
      expect(new PatternLayout('[%X]').format(logbackEvent())).to.equal('[{}]');
    });
  });

  describe('logback-classic/src/test/java/ch/qos/logback/classic/pattern/TargetLengthBasedClassNameAbbreviatorTest.java', () => {
    const VECTORS: Array<[number, string, string]> = [
      [100, 'hello', 'hello'], // testShortName
      [100, 'hello.world', 'hello.world'],
      [1, 'hello', 'hello'], // testNoDot
      [1, 'hello.world', 'h.world'], // testOneDot
      [1, 'h.world', 'h.world'],
      [1, '.world', '.world'],
      [1, 'com.logback.Foobar', 'c.l.Foobar'], // testTwoDot
      [1, 'c.logback.Foobar', 'c.l.Foobar'],
      [1, 'c..Foobar', 'c..Foobar'],
      [1, '..Foobar', '..Foobar'],
      [1, 'com.logback.xyz.Foobar', 'c.l.x.Foobar'], // test3Dot
      [13, 'com.logback.xyz.Foobar', 'c.l.x.Foobar'],
      [14, 'com.logback.xyz.Foobar', 'c.l.xyz.Foobar'],
      [15, 'com.logback.alligator.Foobar', 'c.l.a.Foobar'],
      [21, 'com.logback.wombat.alligator.Foobar', 'c.l.w.a.Foobar'], // testXDot
      [22, 'com.logback.wombat.alligator.Foobar', 'c.l.w.alligator.Foobar'],
      [1, 'com.logback.wombat.alligator.tomato.Foobar', 'c.l.w.a.t.Foobar'],
      [21, 'com.logback.wombat.alligator.tomato.Foobar', 'c.l.w.a.tomato.Foobar'],
      [29, 'com.logback.wombat.alligator.tomato.Foobar', 'c.l.w.alligator.tomato.Foobar'],
    ];
    for (const [length, name, expected] of VECTORS) {
      it(`%logger{${length}} of ${name} is ${expected}`, () => {
        expect(abbreviateToLength(name, length)).to.equal(expected);
        expect(logback(`%logger{${length}}`, logbackEvent({ loggerName: name }))).to.equal(expected);
      });
    }
  });

  describe('manual, chapter Layouts, table of %logger{length}', () => {
    const VECTORS: Array<[string, string]> = [
      ['%logger', 'mainPackage.sub.sample.Bar'],
      ['%logger{0}', 'Bar'],
      ['%logger{5}', 'm.s.s.Bar'],
      ['%logger{10}', 'm.s.s.Bar'],
      ['%logger{15}', 'm.s.sample.Bar'],
      ['%logger{16}', 'm.sub.sample.Bar'],
      ['%logger{26}', 'mainPackage.sub.sample.Bar'],
    ];
    for (const [pattern, expected] of VECTORS) {
      it(`${pattern} of mainPackage.sub.sample.Bar is ${expected}`, () => {
        expect(logback(pattern, logbackEvent({ loggerName: 'mainPackage.sub.sample.Bar' }))).to.equal(expected);
      });
    }
  });

  describe('logback-classic/src/main/java/ch/qos/logback/classic/pattern/NamedConverter.java', () => {
    it('%logger{-1} prints the whole name (no abbreviator for a negative length); text is an error and prints it whole', () => {
      const warnings: string[] = [];
      expect(logback('%logger{-1}', logbackEvent(), warnings)).to.equal(LOGGER);
      expect(logback('%logger{1.}', logbackEvent(), warnings)).to.equal(LOGGER);
      expect(warnings).to.have.length(1);
      expect(nameAbbreviator('-1', 'logback', '%logger')).to.equal(undefined);
    });
  });

  describe('logback-classic/src/test/java/ch/qos/logback/classic/pattern/ThrowableProxyConverterTest.java', () => {
    // TestHelper.makeNestedException(0), with a V8-shaped stack.
    const frames = [
      '    at makeNestedException (/app/test-helper.js:10:5)',
      '    at shouldLimitTotalLinesExcludingSkipped (/app/throwable.test.js:20:3)',
      '    at skipSelectedLine (/app/throwable.test.js:30:3)',
      '    at Context.run (/app/node_modules/mocha/lib/runnable.js:40:3)',
      '    at next (/app/node_modules/mocha/lib/runner.js:50:3)',
    ];
    const error = (): Error => fixedError('nesting level=0', frames);
    const ex = (option: string): string => logback(`%ex{${option}}`, logbackEvent({ error: error() }));

    it('withArgumentOfOne: %ex{1} prints the message line and one frame', () => {
      expect(ex('1')).to.equal(`Error: nesting level=0\n${frames[0]}\n`);
    });

    it('withShortArgument: %ex{short} likewise', () => {
      expect(ex('short')).to.equal(`Error: nesting level=0\n${frames[0]}\n`);
    });

    it('skipSelectedLine / skipMultipleLines: %ex{full, name} leaves out the frames naming it', () => {
      expect(ex('full, skipSelectedLine')).to.not.contain('skipSelectedLine');
      expect(ex('full, skipSelectedLine, mocha')).to.not.contain('skipSelectedLine').and.not.contain('mocha');
    });

    it('shouldLimitTotalLinesExcludingSkipped: %ex{3, name} prints 3 frames besides the skipped one, 3 + 1 lines', () => {
      const out = ex('3, shouldLimitTotalLinesExcludingSkipped');
      expect(out.split('\n').filter(Boolean)).to.have.length(3 + 1);
      expect(out).to.equal(`Error: nesting level=0\n${frames[0]}\n${frames[2]} [1 skipped]\n${frames[3]}\n`);
    });

    it('every throwable of the cause chain gets its N frames (recursiveAppend with Caused by:)', () => {
      const outer = fixedError('outer', ['    at a (/app/a.js:1:1)', '    at b (/app/b.js:2:2)']);
      (outer as Error & { cause?: unknown }).cause = fixedError('inner', ['    at c (/app/c.js:3:3)', '    at d (/app/d.js:4:4)']);
      expect(logback('%ex{1}', logbackEvent({ error: outer }))).to.equal('Error: outer\n    at a (/app/a.js:1:1)\nCaused by: Error: inner\n    at c (/app/c.js:3:3)\n');
      expect(logback('%ex{0}', logbackEvent({ error: outer }))).to.equal('Error: outer\nCaused by: Error: inner\n');
    });

    it('log4j styles keep EnhancedPatternLayout\'s meaning: %throwable{1} is the first line', () => {
      expect(new PatternLayout('%throwable{1}').format(logbackEvent({ error: error() }))).to.equal('Error: nesting level=0\n');
    });
  });

  describe('option lists (OptionTokenizer) accept single and double quotes', () => {
    it("%date{'HH:mm:ss,SSS'}, %date{\"HH:mm:ss,SSS\", GMT+1}", () => {
      expect(logback("%date{'HH:mm:ss,SSS'}")).to.equal('15:20:50,922');
      expect(logback('%date{"HH:mm:ss,SSS", GMT+1}')).to.equal('16:20:50,922');
    });
  });

  describe('configuration by class name', () => {
    it('ch.qos.logback.classic.PatternLayout reads a pattern as logback does', () => {
      const layout = createLayout('ch.qos.logback.classic.PatternLayout', { Pattern: '%-56(%d %lo{20}) - %X%n', TimeZone: 'UTC' });
      expect(layout.format(logbackEvent({ mdc: { a: '1' } }))).to.equal(`${ISO} c.q.l.c.p.ConverterTest          - a=1\n`);
    });
  });
});
