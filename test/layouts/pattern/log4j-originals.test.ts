import { expect } from 'chai';
import { Level } from '../../../src/level.js';
import { START_TIME, type LoggingEvent } from '../../../src/logging-event.js';
import { nameAbbreviator } from '../../../layouts/pattern/abbreviate.js';
import { EnhancedPatternLayout, PatternLayout, type PatternLayoutOptions } from '../../../layouts/pattern/pattern-layout.js';
import { createLayout } from '../../../layouts/registry.js';
import { JIRA_INSTANT } from '../fixed-event.js';

/*
 * Input/expected pairs taken as data from Apache log4j 1.2's own tests and sources
 * (repository apache/logging-log4j1, Apache License 2.0). Each block names the file.
 * log4j has two pattern layouts that read some patterns differently; here
 * `PatternLayout` (style log4j) and `EnhancedPatternLayout` (style enhanced) differ
 * the same way.
 */

/** The event of log4j's pattern/PatternParserTest: logger org.foobar, INFO, "msg 1", thread main. */
function parserTestEvent(overrides: Partial<LoggingEvent> = {}): LoggingEvent {
  return { timestamp: JIRA_INSTANT, level: Level.INFO, loggerName: 'org.foobar', message: 'msg 1', threadName: 'main', mdc: {}, ndc: '', ...overrides };
}

function formatWith(layoutClass: typeof PatternLayout, pattern: string, event: LoggingEvent, options: PatternLayoutOptions = {}, warnings: string[] = []): string {
  return new layoutClass(pattern, { timeZone: 'UTC', onWarning: (m) => warnings.push(m), ...options }).format(event);
}

const BOTH = [
  ['PatternLayout', PatternLayout],
  ['EnhancedPatternLayout', EnhancedPatternLayout],
] as const;

describe('log4j 1.2 originals', () => {
  describe('tests/src/java/org/apache/log4j/pattern/PatternParserTest.java', () => {
    // [test, pattern, expected] for the event above. These read the same in log4j 1.2's
    // PatternLayout, whose parser prints an unknown character and what follows as text.
    const VECTORS: Array<[string, string, string]> = [
      ['testBogusWord1', '%, foobar', '%, foobar'],
      ['testBogusWord2', 'xyz %, foobar', 'xyz %, foobar'],
      ['testBogus', '%bogus', '%bogus'],
      ['testMore', '%more', 'msg 1ore'],
      ['testMalformedOption', 'foo%m{yyyy.MM.dd', 'foomsg 1{yyyy.MM.dd'],
    ];
    for (const [name, cls] of BOTH) {
      for (const [test, pattern, expected] of VECTORS) {
        it(`${test} (${name}): "${pattern}"`, () => {
          const warnings: string[] = [];
          expect(formatWith(cls, pattern, parserTestEvent(), {}, warnings)).to.equal(expected);
          // What log4j prints as written is also reported, once.
          if (['testBogusWord1', 'testBogusWord2', 'testBogus', 'testMalformedOption'].includes(test)) expect(warnings).to.have.length(1);
          else expect(warnings).to.deep.equal([]);
        });
      }

    }

    // The words and the second option are EnhancedPatternLayout's.
    it('testBasic1: hello %-5level - %m%n', () => {
      expect(formatWith(EnhancedPatternLayout, 'hello %-5level - %m%n', parserTestEvent())).to.equal('hello INFO  - msg 1\n');
    });

    it('testBasic2: %relative %-5level [%thread] %logger - %m%n', () => {
      const event = parserTestEvent({ timestamp: START_TIME + 4711 });
      expect(formatWith(EnhancedPatternLayout, '%relative %-5level [%thread] %logger - %m%n', event)).to.equal('4711 INFO  [main] org.foobar - msg 1\n');
    });

    it('testMultiOption: %d{HH:mm:ss}{GMT} %d{HH:mm:ss} %c  - %m', () => {
      // The test's local zone is the layout's zone here: Europe/Berlin, two hours ahead of GMT in September.
      const out = formatWith(EnhancedPatternLayout, '%d{HH:mm:ss}{GMT} %d{HH:mm:ss} %c  - %m', parserTestEvent(), { timeZone: 'Europe/Berlin' });
      expect(out).to.equal('15:20:50 17:20:50 org.foobar  - msg 1');
    });
  });

  describe('tests/src/java/org/apache/log4j/pattern/NameAbbreviatorTest.java (EnhancedPatternLayout)', () => {
    // [option, name, expected]: every assertion of the test, "DEBUG - " prefix left out.
    const VECTORS: Array<[string, string, string]> = [
      ['0', 'org.example.foo.bar', ''], // testZero
      ['1', 'org.example.foo.bar', 'bar'], // testOne
      ['1', 'bar', 'bar'],
      ['1', '', ''],
      [' 1 ', 'org.example.foo.bar', 'bar'], // testBlankOne
      [' 1 ', 'bar', 'bar'],
      [' 1 ', '', ''],
      ['2', 'org.example.foo.bar', 'foo.bar'], // testTwo
      ['2', 'foo.bar', 'foo.bar'],
      ['2', 'bar', 'bar'],
      ['1.', 'org.example.foo.bar', 'o.e.f.bar'], // testOneDot
      ['1.', 'org.example.foo.', 'o.e.f.'],
      ['1.', 'foo.bar', 'f.bar'],
      ['1.', 'bar', 'bar'],
      ['1.', '', ''],
      ['1.', '.', '.'],
      ['1~.', 'org.example.foo.bar', 'o~.e~.f~.bar'], // testOneTildeDot
      ['1~.', 'org.example.foo.', 'o~.e~.f~.'],
      ['1~.', 'foo.bar', 'f~.bar'],
      ['1~.', 'bar', 'bar'],
      ['1~.', '', ''],
      ['1~.', '.', '.'],
      ['1~.', 'o.e.f.bar', 'o.e.f.bar'],
      ['1.*.2', 'org.example.foo.bar', 'o.example.fo.bar'], // testMulti
      ['1.*.2', 'org.example.foo.', 'o.example.fo.'],
      ['1.*.2', 'foo.bar', 'f.bar'],
      ['1.*.2', 'bar', 'bar'],
      ['1.*.2', '', ''],
      ['1.*.2', '.', '.'],
      ['-1', 'org.example.foo.bar', 'example.foo.bar'], // testMinusOne
      ['-1', 'bar', 'bar'],
      ['-1', '', ''],
      ['-1', '.', ''],
    ];
    for (const [option, name, expected] of VECTORS) {
      it(`{${option}} on "${name}" gives "${expected}"`, () => {
        expect(nameAbbreviator(option, 'enhanced', '%c')!(name)).to.equal(expected);
        expect(formatWith(EnhancedPatternLayout, `%c{${option}}`, parserTestEvent({ loggerName: name }))).to.equal(expected);
      });
    }

    it('testBlank: a blank option is no abbreviation', () => {
      expect(nameAbbreviator('   ', 'enhanced', '%c')).to.equal(undefined);
    });
  });

  describe('src/main/java/org/apache/log4j/helpers/PatternParser.java (log4j 1.2 PatternLayout)', () => {
    it('%c{n} with a precision that is not positive prints the whole name (NamedPatternConverter: precision <= 0); EnhancedPatternLayout differs', () => {
      const event = parserTestEvent({ loggerName: 'org.example.foo.bar' });
      const warnings: string[] = [];
      expect(formatWith(PatternLayout, '[%c{0}]', event, {}, warnings)).to.equal('[org.example.foo.bar]');
      expect(formatWith(PatternLayout, '[%c{-1}]', event, {}, warnings)).to.equal('[org.example.foo.bar]');
      expect(formatWith(PatternLayout, '[%c{x}]', event, {}, warnings)).to.equal('[org.example.foo.bar]');
      expect(warnings).to.have.length(3);
      expect(formatWith(EnhancedPatternLayout, '[%c{0}]', event)).to.equal('[]');
      expect(formatWith(EnhancedPatternLayout, '[%c{-1}]', event)).to.equal('[example.foo.bar]');
      // %C (calling class) reads its option the same way.
      const location = { className: 'org.example.Caller', methodName: 'run', fileName: 'caller.js', lineNumber: '1' };
      expect(formatWith(PatternLayout, '[%C{0}]', parserTestEvent({ location }), {}, [])).to.equal('[org.example.Caller]');
      expect(formatWith(EnhancedPatternLayout, '[%C{0}]', parserTestEvent({ location }))).to.equal('[]');
    });

    it('a logger name ending in a dot: %c{1} of "org.example.foo." is "foo." (the "category name ends with a dot" comment)', () => {
      const event = parserTestEvent({ loggerName: 'org.example.foo.' });
      for (const [, cls] of BOTH) {
        expect(formatWith(cls, '%c{1}', event)).to.equal('foo.');
        expect(formatWith(cls, '%c{2}', event)).to.equal('example.foo.');
      }
    });

    it('an unknown character prints "%", the modifier and that character, then text (default branch of finalizeConverter)', () => {
      const event = parserTestEvent();
      expect(formatWith(PatternLayout, '%-5bogus|%m', event)).to.equal('%-5bogus|msg 1');
      expect(formatWith(PatternLayout, '%-%m', event)).to.equal('%-%m');
      expect(formatWith(PatternLayout, '%5{x}', event)).to.equal('%5{x}');
    });

    it('{...} is read only after %c %C %d %X: %m{x} prints the message, then {x}; EnhancedPatternLayout reads it as an option', () => {
      expect(formatWith(PatternLayout, '%m{x}|%p{y}', parserTestEvent())).to.equal('msg 1{x}|INFO{y}');
      expect(formatWith(EnhancedPatternLayout, '%m{x}|%p{y}', parserTestEvent())).to.equal('msg 1|INFO');
    });

    it('an unclosed option is text: %d{yyyy prints the default date, then {yyyy', () => {
      expect(formatWith(PatternLayout, '%d{yyyy', parserTestEvent())).to.equal('2020-09-22 15:20:50,922{yyyy');
    });

    it('a pattern ending inside a conversion, or a dot without digits, is text', () => {
      expect(formatWith(PatternLayout, '%m %-5', parserTestEvent())).to.equal('msg 1 %-5');
      expect(formatWith(PatternLayout, '%m%', parserTestEvent())).to.equal('msg 1%');
      expect(formatWith(PatternLayout, '%.x%m', parserTestEvent())).to.equal('%.xmsg 1');
    });

    it('a date pattern SimpleDateFormat refuses prints ISO8601 ("Could not instantiate SimpleDateFormat")', () => {
      const warnings: string[] = [];
      expect(formatWith(PatternLayout, '%d{yyyy-MM-dd qq} %m', parserTestEvent(), {}, warnings)).to.equal('2020-09-22 15:20:50,922 msg 1');
      expect(warnings[0]).to.match(/^pattern "%d\{yyyy-MM-dd qq\} %m": bad date pattern \{yyyy-MM-dd qq\} for %d \(Illegal letter 'q'.*\): the date is printed as ISO8601/);
    });
  });

  describe('src/main/java/org/apache/log4j/pattern/ThrowableInformationPatternConverter.java', () => {
    it('an option that is no number prints the whole stack (the NumberFormatException is ignored)', () => {
      const error = new Error('Just testing');
      error.stack = 'Error: Just testing\n    at a (/app/a.js:1:1)';
      expect(formatWith(EnhancedPatternLayout, '%m%n%throwable{many}', parserTestEvent({ error }))).to.equal('msg 1\nError: Just testing\n    at a (/app/a.js:1:1)\n');
    });
  });

  describe('configuration by class name', () => {
    it('org.apache.log4j.PatternLayout and org.apache.log4j.EnhancedPatternLayout read %c{0} as their originals do', () => {
      const event = parserTestEvent({ loggerName: 'org.example.foo.bar' });
      const warnings: string[] = [];
      const warn = (m: string): number => warnings.push(m);
      expect(createLayout('org.apache.log4j.PatternLayout', { ConversionPattern: '[%c{0}]' }, { warn }).format(event)).to.equal('[org.example.foo.bar]');
      expect(createLayout('org.apache.log4j.EnhancedPatternLayout', { ConversionPattern: '[%c{0}]' }, { warn }).format(event)).to.equal('[]');
      expect(createLayout('org.apache.log4j.PatternLayout', { ConversionPattern: '%bogus %m' }, { warn }).format(event)).to.equal('%bogus msg 1');
      expect(warnings).to.have.length(2);
    });
  });
});
