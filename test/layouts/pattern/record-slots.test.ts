import { expect } from 'chai';
import { Level } from '../../../src/level.js';
import type { LoggingEvent } from '../../../src/logging-event.js';
import { NewLineIndentingFilteringPatternLayout } from '../../../layouts/atlassian/new-line-indenting-layout.js';
import { PatternLayout } from '../../../layouts/pattern/pattern-layout.js';
import { fixedError, fixedEvent, JIRA_INSTANT } from '../fixed-event.js';

const JIRA_MAIN = '%d{yyyy-MM-dd HH:mm:ss,SSSZ} %t %p %X{jira.username} %X{jira.request.id} %X{jira.request.assession.id} %X{jira.request.ipaddr} %X{jira.request.url} [%q{2}] %m%n';
const MDC = Object.freeze({ 'jira.username': 'admin', 'jira.request.id': '920x447x1', 'jira.request.assession.id': '-', 'jira.request.ipaddr': '87.173.216.109', 'jira.request.url': '/rest/api/2/issue' });

function piecesOf(layout: PatternLayout, event: LoggingEvent): string[] | null {
  const plan = layout.pieces!;
  const into: string[] = [];
  return plan.fill(event, into) ? into.slice(0, plan.stable.length) : null;
}

/** Events a server logs in a row: same context within a millisecond, then a new millisecond, then another request. */
function eventsInARow(): LoggingEvent[] {
  const otherMdc = Object.freeze({ ...MDC, 'jira.username': 'jdoe', 'jira.request.id': '921x1x1' });
  return [
    fixedEvent({ mdc: MDC, message: 'first' }),
    fixedEvent({ mdc: MDC, message: 'second' }),
    fixedEvent({ mdc: MDC, message: 'third', timestamp: JIRA_INSTANT + 1 }),
    fixedEvent({ mdc: otherMdc, message: 'fourth', timestamp: JIRA_INSTANT + 1, threadName: 'http-nio-8080-exec-2' }),
    fixedEvent({ mdc: otherMdc, message: 'fifth', timestamp: JIRA_INSTANT + 1001, level: Level.WARN }),
    fixedEvent({ mdc: MDC, message: '' }),
    fixedEvent({ mdc: MDC, message: 'ünïcödé ✓ 😀', loggerName: 'com.atlassian.jira.Ünïcode' }),
  ];
}

describe('PatternLayout records in pieces (layouts/pattern/record-slots.ts)', () => {
  const patterns = [
    JIRA_MAIN,
    '%d %-5p [%t] %c{1} - %m%n',
    '%m%n',
    '%m',
    '%n',
    'plain text only',
    '%d{ISO8601}',
    '%-30d{HH:mm:ss,SSS} %m %X{jira.username}%n',
    '%r %m%n',
    '%p %m [%X] %d{ABSOLUTE}%n',
    '%d [%t] %m %m %d%n',
  ];

  it('joined, the pieces are exactly what format() prints, for any pattern and any run of events', () => {
    for (const pattern of patterns) {
      const layout = new PatternLayout(pattern, { timeZone: 'UTC' });
      for (const event of eventsInARow()) {
        expect(piecesOf(layout, event)?.join(''), pattern).to.equal(layout.format(event));
      }
    }
  });

  it('cuts the Jira line into date and context, message, line break: only the message is not stable', () => {
    const layout = new PatternLayout(JIRA_MAIN, { timeZone: 'UTC' });
    expect(layout.pieces!.stable).to.deep.equal([true, false, true]);
    expect(piecesOf(layout, fixedEvent({ mdc: MDC, message: 'found a token' }))).to.deep.equal([
      '2020-09-22 15:20:50,922+0000 main INFO admin 920x447x1 - 87.173.216.109 /rest/api/2/issue [o.apache.log4j.PatternLayoutTestCase] ',
      'found a token',
      '\n',
    ]);
  });

  it('a stable piece is the same string object while its text stays the same, and new text when the date or the context changes', () => {
    const layout = new PatternLayout(JIRA_MAIN, { timeZone: 'UTC' });
    const [first, second, nextMilli, otherRequest] = eventsInARow().map((event) => piecesOf(layout, event)![0]!);
    expect(Object.is(first, second)).to.equal(true);
    expect(nextMilli).to.not.equal(first);
    expect(nextMilli!.startsWith('2020-09-22 15:20:50,923+0000 main INFO admin ')).to.equal(true);
    expect(otherRequest).to.equal('2020-09-22 15:20:50,923+0000 http-nio-8080-exec-2 INFO jdoe 921x1x1 - 87.173.216.109 /rest/api/2/issue [o.apache.log4j.PatternLayoutTestCase] ');
  });

  it('a padded date is printed anew for each event, so it is not part of a stable piece', () => {
    const layout = new PatternLayout('%-30d{HH:mm:ss,SSS} %p %m%n', { timeZone: 'UTC' });
    expect(layout.pieces!.stable).to.deep.equal([false, true, false, true]);
  });

  it('an event whose error the layout appends after the line is formatted whole; a pattern printing the error keeps its pieces', () => {
    const event = fixedEvent({ error: fixedError() });
    expect(new PatternLayout('%m%n').pieces!.fill(event, [])).to.equal(false);
    expect(new PatternLayout('%m%n', { alwaysWriteExceptions: false }).pieces!.fill(event, [])).to.equal(true);
    const printsIt = new PatternLayout('%m%n%throwable');
    const into: string[] = [];
    expect(printsIt.pieces!.fill(event, into)).to.equal(true);
    expect(into.join('')).to.equal(printsIt.format(event));
  });

  it('Jira\'s indenting layout gives pieces with its line breaks indented, as format() prints them', () => {
    const layout = new NewLineIndentingFilteringPatternLayout(JIRA_MAIN, { timeZone: 'UTC' });
    const event = fixedEvent({ mdc: { ...MDC, 'jira.username': 'ad\nmin' }, message: 'two\nlines' });
    expect(piecesOf(layout, event)!.join('')).to.equal(layout.format(event));
    expect(layout.format(event)).to.contain('two\n    lines');
  });

  it('a subclass that formats records its own way gives no pieces, so writers use its format()', () => {
    class Shouting extends PatternLayout {
      override format(event: LoggingEvent): string {
        return super.format(event).toUpperCase();
      }
    }
    expect(new Shouting('%m%n').pieces).to.equal(undefined);
  });

  it('a recompiled pattern comes with new pieces', () => {
    const layout = new PatternLayout('%d %m%n', { timeZone: 'UTC' });
    const before = layout.pieces;
    layout.conversionPattern = '%p %c - %m%n';
    expect(layout.pieces).to.not.equal(before);
    expect(piecesOf(layout, fixedEvent())!.join('')).to.equal('INFO org.apache.log4j.PatternLayoutTestCase - Message 0\n');
    const beforeZone = layout.pieces;
    layout.timeZone = 'Europe/Berlin';
    expect(layout.pieces).to.not.equal(beforeZone);
  });

  it('a Log4j 2 pattern whose throwable converter separates itself from the text before it gives no pieces', () => {
    expect(new PatternLayout('%m%ex', { style: 'log4j2' }).pieces).to.equal(undefined);
  });
});
