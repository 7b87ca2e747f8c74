import { expect } from 'chai';
import { InternalLog } from '../../../src/internal-log.js';
import { Level } from '../../../src/level.js';
import { START_TIME } from '../../../src/logging-event.js';
import { EnhancedPatternLayout, PatternLayout } from '../../../layouts/pattern/pattern-layout.js';
import { fixedError, fixedEvent, JIRA_INSTANT } from '../fixed-event.js';

const location = { className: 'TokenService', methodName: 'verify', fileName: 'token-service.js', lineNumber: '42' };
const fmt = (pattern: string, overrides = {}, options = {}): string => new PatternLayout(pattern, { timeZone: 'UTC', ...options }).format(fixedEvent(overrides));

describe('PatternLayout conversions', () => {
  it('%c and %c{n}', () => {
    expect(fmt('%c')).to.equal('org.apache.log4j.PatternLayoutTestCase');
    expect(fmt('%c{2}')).to.equal('log4j.PatternLayoutTestCase');
    expect(fmt('%c{1}')).to.equal('PatternLayoutTestCase');
    expect(fmt('%c{1.}')).to.equal('o.a.l.PatternLayoutTestCase');
    // log4j 1.2's PatternLayout prints the whole name for a precision that is not positive;
    // EnhancedPatternLayout drops leading components (see log4j-originals.test.ts).
    expect(fmt('%c{-1}', {}, { onWarning: () => undefined })).to.equal('org.apache.log4j.PatternLayoutTestCase');
    expect(new EnhancedPatternLayout('%c{-1}').format(fixedEvent())).to.equal('apache.log4j.PatternLayoutTestCase');
    expect(fmt('%logger{2}')).to.equal('log4j.PatternLayoutTestCase');
    expect(fmt('%c{2}', { loggerName: 'root' })).to.equal('root');
  });

  it('%C, %F, %L, %M, %l from the event location, ? without one', () => {
    expect(fmt('%C|%F|%L|%M|%l', { location })).to.equal('TokenService|token-service.js|42|verify|TokenService.verify(token-service.js:42)');
    expect(fmt('%l', { location: { ...location, className: '?', methodName: 'main' } })).to.equal('main(token-service.js:42)');
    expect(fmt('%C|%F|%L|%M|%l|%Q{1}')).to.equal('?|?|?|?|?|?');
    expect(fmt('%C{1}|%Q{1}', { location: { ...location, className: 'com.example.auth.TokenService' } })).to.equal('TokenService|c.e.auth.TokenService');
    expect(fmt('%class.%method(%file:%line)', { location })).to.equal('TokenService.verify(token-service.js:42)');
  });

  it('reports whether it needs call sites', () => {
    expect(new PatternLayout('%d %p %m%n').requiresLocation).to.equal(false);
    for (const p of ['%C', '%F', '%L', '%M', '%l', '%Q', '%class', '%method', '%file', '%line']) {
      expect(new PatternLayout(`%m ${p}%n`).requiresLocation, p).to.equal(true);
    }
  });

  it('%d with no option, named formats, patterns and zones', () => {
    expect(fmt('%d')).to.equal('2020-09-22 15:20:50,922');
    expect(fmt('%d{ISO8601}')).to.equal('2020-09-22 15:20:50,922');
    expect(fmt('%d{ABSOLUTE}')).to.equal('15:20:50,922');
    expect(fmt('%d{DATE}')).to.equal('22 Sep 2020 15:20:50,922');
    expect(fmt('%d{yyyy-MM-dd HH:mm:ss,SSSZ}')).to.equal('2020-09-22 15:20:50,922+0000');
    expect(fmt("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX}")).to.equal('2020-09-22T15:20:50.922Z');
    expect(fmt('%d{HH:mm Z}{Europe/Berlin}')).to.equal('17:20 +0200');
    expect(fmt('%d{HH:mm z}{GMT-5}')).to.equal('10:20 GMT-05:00');
    expect(fmt('%d{HH:mm Z}', {}, { timeZone: 'Asia/Kolkata' })).to.equal('20:50 +0530');
    expect(fmt('%date{"HH:mm:ss,SSS", GMT+1}', {}, { style: 'logback' })).to.equal('16:20:50,922');
  });

  it('%m %n %p %t %r %x %%', () => {
    expect(fmt('%m%n')).to.equal('Message 0\n');
    expect(fmt('%p %level %le', { level: Level.WARN })).to.equal('WARN WARN WARN');
    expect(fmt('[%t] [%thread]', { threadName: 'http-nio-8080-exec-2' })).to.equal('[http-nio-8080-exec-2] [http-nio-8080-exec-2]');
    expect(fmt('%r %relative', { timestamp: START_TIME + 1234 })).to.equal('1234 1234');
    expect(fmt('<%x>', { ndc: 'Client #45890 req' })).to.equal('<Client #45890 req>');
    expect(fmt('<%x>')).to.equal('<>');
    expect(fmt('100%% %msg %message')).to.equal('100% Message 0 Message 0');
  });

  it('%X{key}, %X and logback defaults', () => {
    const mdc = { key2: 'va12', key1: 'va11' };
    expect(fmt('%X', { mdc })).to.equal('{{key1,va11}{key2,va12}}');
    expect(fmt('%X')).to.equal('{}');
    expect(fmt('%X{}', { mdc })).to.equal('{{key1,va11}{key2,va12}}');
    expect(fmt('%X{key1},%X{key2},%X{key3}', { mdc })).to.equal('va11,va12,');
    expect(fmt('%X{constructor}|%X{toString}')).to.equal('|');
    expect(fmt('%mdc{key1} %properties{key2}', { mdc })).to.equal('va11 va12');
    expect(fmt('%X{key3:-none}', { mdc }, { style: 'logback' })).to.equal('none');
    expect(fmt('%X{key1:-none}', { mdc }, { style: 'logback' })).to.equal('va11');
    expect(fmt('%X{key3:-none}', { mdc })).to.equal('');
  });

  it('%X reflects each new MDC snapshot', () => {
    const layout = new PatternLayout('%X');
    expect(layout.format(fixedEvent({ mdc: { a: '1' } }))).to.equal('{{a,1}}');
    expect(layout.format(fixedEvent({ mdc: { a: '2' } }))).to.equal('{{a,2}}');
    expect(layout.format(fixedEvent())).to.equal('{}');
  });

  it('%q{N} collapses the logger name', () => {
    expect(fmt('[%q{2}]', { loggerName: 'com.atlassian.pats.web.filter.TokenBasedAuthenticationFilter' })).to.equal('[c.a.p.web.filter.TokenBasedAuthenticationFilter]');
    expect(fmt('[%q]', { loggerName: 'com.atlassian.pats.Filter' })).to.equal('[c.a.p.Filter]');
  });

  it('logback style abbreviates %logger{N} and %c{N} to a length', () => {
    const loggerName = 'de.resolution.apitokenauth.platform.auth.ApiTokenAuthSharedBase';
    expect(fmt('%logger{36}', { loggerName }, { style: 'logback' })).to.equal('d.r.a.p.auth.ApiTokenAuthSharedBase');
    expect(fmt('%c{36}', { loggerName }, { style: 'logback' })).to.equal('d.r.a.p.auth.ApiTokenAuthSharedBase');
    expect(fmt('%lo{0}', { loggerName }, { style: 'logback' })).to.equal('ApiTokenAuthSharedBase');
    expect(fmt('%c{36}', { loggerName })).to.equal(loggerName);
  });

  it('%request prints the Bitbucket request fields that are present', () => {
    const mdc = {
      'a-request-username': 'admin',
      'a-request-id': '@1MQN2JOx610x1082x0',
      'a-request-session-id': '1kmpz8k',
      'a-request-ip': '10.0.0.1',
      'a-request-action': 'GET /projects HTTP/1.1',
    };
    expect(fmt('[%request]', { mdc })).to.equal('[admin @1MQN2JOx610x1082x0 1kmpz8k 10.0.0.1 "GET /projects HTTP/1.1"]');
    expect(fmt('[%request]', { mdc: { 'a-request-id': '@X', 'a-request-ip': '1.2.3.4' } })).to.equal('[@X 1.2.3.4]');
    expect(fmt('[%request]')).to.equal('[]');
  });
});

describe('PatternLayout format modifiers', () => {
  it('pads left by default, right with -', () => {
    expect(fmt('[%10p]')).to.equal('[      INFO]');
    expect(fmt('[%-10p]')).to.equal('[INFO      ]');
    expect(fmt('[%-5p]', { level: Level.ERROR })).to.equal('[ERROR]');
    expect(fmt('[%-5p]', { level: Level.INFO })).to.equal('[INFO ]');
  });

  it('truncates from the left with .max, from the right with .-max', () => {
    expect(fmt('%.16c')).to.equal('rnLayoutTestCase');
    expect(fmt('%.-16c')).to.equal('org.apache.log4j');
    expect(fmt('%.3p', { level: Level.ERROR })).to.equal('ROR');
  });

  it('combines min and max: %20.30c', () => {
    expect(fmt('[%20.30c]', { loggerName: 'short.Name' })).to.equal('[          short.Name]');
    expect(fmt('[%-20.30c]', { loggerName: 'short.Name' })).to.equal('[short.Name          ]');
    expect(fmt('[%20.30c]')).to.equal('[he.log4j.PatternLayoutTestCase]');
    expect(fmt('[%5.5m]', { message: 'ab' })).to.equal('[   ab]');
  });
});

describe('PatternLayout throwables', () => {
  const error = fixedError();
  const stack = 'Error: Just testing\n    at common (/app/test.js:10:5)\n    at run (/app/test.js:20:3)\n';

  it('appends the stack after the line when the pattern prints none', () => {
    expect(fmt('%-5p - %m%n', { error })).to.equal('INFO  - Message 0\n' + stack);
  });

  it('prints causes', () => {
    const outer = fixedError('outer', ['    at top (/app/a.js:1:1)']);
    (outer as Error & { cause?: unknown }).cause = fixedError('inner', ['    at deep (/app/b.js:2:2)']);
    expect(fmt('%m%n', { error: outer })).to.equal('Message 0\nError: outer\n    at top (/app/a.js:1:1)\nCaused by: Error: inner\n    at deep (/app/b.js:2:2)\n');
  });

  it('prints it where %throwable / %ex stands, and only there', () => {
    expect(fmt('%m%n%throwable', { error })).to.equal('Message 0\n' + stack);
    expect(fmt('%m%n%ex', { error })).to.equal('Message 0\n' + stack);
    expect(fmt('%m%n%exception', { error })).to.equal('Message 0\n' + stack);
    expect(fmt('%m%n%throwable')).to.equal('Message 0\n');
  });

  it('%throwable{n}, {-n}, {short}, {none}, %nopex', () => {
    expect(fmt('%m%n%throwable{2}', { error })).to.equal('Message 0\nError: Just testing\n    at common (/app/test.js:10:5)\n');
    expect(fmt('%m%n%throwable{-1}', { error })).to.equal('Message 0\nError: Just testing\n    at common (/app/test.js:10:5)\n');
    expect(fmt('%m%n%throwable{short}', { error })).to.equal('Message 0\nError: Just testing\n');
    expect(fmt('%m%n%throwable{none}', { error })).to.equal('Message 0\n');
    expect(fmt('%m%n%throwable{-9}', { error })).to.equal('Message 0\n');
    expect(fmt('%m%nopex%n', { error })).to.equal('Message 0\n');
    const warnings: string[] = [];
    expect(fmt('%m%n%throwable{many}', { error }, { onWarning: (m: string) => warnings.push(m) })).to.equal('Message 0\n' + stack);
    expect(warnings).to.deep.equal([
      'pattern "%m%n%throwable{many}": bad option {many} for %throwable: expected full, short, none or a number of lines; the whole stack is printed, as log4j does',
    ]);
  });

  it('renders an error without a stack as Name: message', () => {
    const bare = new TypeError('no stack');
    bare.stack = undefined;
    expect(fmt('%m%n', { error: bare })).to.equal('Message 0\nTypeError: no stack\n');
  });
});

describe('PatternLayout configuration', () => {
  it('defaults to %m%n and accepts a pattern string or an options object', () => {
    expect(new PatternLayout().format(fixedEvent())).to.equal('Message 0\n');
    expect(new PatternLayout({ conversionPattern: '%p %m', timeZone: 'UTC' }).format(fixedEvent())).to.equal('INFO Message 0');
    expect(new PatternLayout('%d{HH}', { timeZone: 'GMT+1' }).format(fixedEvent())).to.equal('16');
  });

  it('recompiles when conversionPattern or timeZone is assigned', () => {
    const layout = new PatternLayout('%m%n', { timeZone: 'UTC' });
    layout.conversionPattern = '%d{HH:mm} %m%n';
    expect(layout.conversionPattern).to.equal('%d{HH:mm} %m%n');
    expect(layout.format(fixedEvent())).to.equal('15:20 Message 0\n');
    layout.timeZone = 'Europe/Berlin';
    expect(layout.timeZone).to.equal('Europe/Berlin');
    expect(layout.format(fixedEvent())).to.equal('17:20 Message 0\n');
  });

  it('keeps working with the old pattern when a new one is refused (logback style)', () => {
    const layout = new PatternLayout('%p %m', { timeZone: 'UTC', style: 'logback' });
    expect(() => {
      layout.conversionPattern = '%p %d{HH';
    }).to.throw('Unclosed "{" at position 5 in pattern "%p %d{HH" (logback refuses it too)');
    expect(layout.conversionPattern).to.equal('%p %m');
    expect(layout.format(fixedEvent())).to.equal('INFO Message 0');
    expect(() => {
      layout.timeZone = 'Nowhere/City';
    }).to.throw(/Unknown time zone "Nowhere\/City"/);
    expect(layout.format(fixedEvent())).to.equal('INFO Message 0');
  });

  it('rejects an unknown style', () => {
    expect(() => new PatternLayout('%m', { style: 'log5' as 'log4j' })).to.throw(/Unknown pattern style "log5" \(expected log4j, enhanced, logback or log4j2\)/);
  });

  it('prints what log4j prints for a pattern it cannot read, and warns once per problem, naming the pattern', () => {
    const warnings: string[] = [];
    const onWarning = (m: string): number => warnings.push(m);
    const layout = new PatternLayout('%d{yyyy-MM-dd b}|%d{HH}{Atlantis/Nowhere}|%c{x}|%bogus|%bogus', { timeZone: 'Europe/Berlin', onWarning });
    expect(layout.format(fixedEvent())).to.equal('2020-09-22 17:20:50,922|15|org.apache.log4j.PatternLayoutTestCase|%bogus|%bogus');
    expect(layout.format(fixedEvent())).to.equal('2020-09-22 17:20:50,922|15|org.apache.log4j.PatternLayoutTestCase|%bogus|%bogus');
    const prefix = 'pattern "%d{yyyy-MM-dd b}|%d{HH}{Atlantis/Nowhere}|%c{x}|%bogus|%bogus": ';
    expect(warnings.map((w) => (w.startsWith(prefix) ? w.slice(prefix.length) : `no prefix: ${w}`))).to.deep.equal([
      'unknown conversion "%bogus" at position 48, printed as written as log4j does',
      'unknown conversion "%bogus" at position 55, printed as written as log4j does',
      'bad date pattern {yyyy-MM-dd b} for %d (Illegal letter \'b\' in date pattern "yyyy-MM-dd b"): the date is printed as ISO8601, as log4j and logback do',
      'unknown time zone "Atlantis/Nowhere" for %d: GMT is used, as Java does for a zone it does not know',
      'bad option {x} for %c: log4j 1.2 expects a positive number and prints the whole name',
    ]);
    layout.conversionPattern = '%Y %m';
    expect(layout.format(fixedEvent())).to.equal('%Y Message 0');
    expect(warnings[5]).to.equal('pattern "%Y %m": unknown conversion "%Y" at position 0, printed as written as log4j does');
  });

  it('sends warnings to InternalLog when no onWarning is given', () => {
    const lines: string[] = [];
    const previous = InternalLog.setSink((line) => lines.push(line));
    try {
      expect(new PatternLayout('%, foobar').format(fixedEvent())).to.equal('%, foobar');
    } finally {
      InternalLog.setSink(previous);
    }
    expect(lines).to.deep.equal(['logwarden:WARN pattern "%, foobar": unknown conversion "%," at position 0, printed as written as log4j does']);
  });

  it('formats the same second repeatedly with different milliseconds', () => {
    const layout = new PatternLayout('%d{ABSOLUTE}', { timeZone: 'UTC' });
    const out = [0, 1, 999, 1000, 1001].map((d) => layout.format(fixedEvent({ timestamp: JIRA_INSTANT - 922 + d })));
    expect(out).to.deep.equal(['15:20:50,000', '15:20:50,001', '15:20:50,999', '15:20:51,000', '15:20:51,001']);
  });
});

describe('PatternLayout alwaysWriteExceptions (Log4j 2)', () => {
  const error = fixedError();
  const stack = 'Error: Just testing\n    at common (/app/test.js:10:5)\n    at run (/app/test.js:20:3)\n';
  const layout = (pattern: string, alwaysWriteExceptions?: boolean): PatternLayout =>
    new PatternLayout(pattern, { style: 'log4j2', alwaysWriteExceptions });

  it('true (the default) appends the stack when the pattern prints no throwable, after a blank when the line does not end in whitespace', () => {
    expect(layout('%m%n').format(fixedEvent({ error }))).to.equal(`Message 0\n${stack}`);
    expect(layout('%m%n', true).format(fixedEvent({ error }))).to.equal(`Message 0\n${stack}`);
    expect(layout('%m').format(fixedEvent({ error }))).to.equal(`Message 0 ${stack}`);
  });

  it('false leaves the stack out; a throwable converter in the pattern still prints it', () => {
    expect(layout('%m%n', false).format(fixedEvent({ error }))).to.equal('Message 0\n');
    expect(layout('%m%n%ex{1}', false).format(fixedEvent({ error }))).to.equal('Message 0\nError: Just testing');
  });
});
