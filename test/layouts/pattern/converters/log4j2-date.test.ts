import { expect } from 'chai';
import { PatternLayout } from '../../../../layouts/pattern/pattern-layout.js';
import { fixedEvent } from '../../fixed-event.js';
import { log4j2Layout } from './log4j2-layout.js';

describe('%d (Log4j 2)', () => {
  // Log4j 2 manual, Layouts, PatternLayout, "date" table of predefined named formats,
  // for the instant it uses: 2012-11-02 14:34:02,781 (UTC here).
  const event = fixedEvent({ timestamp: Date.UTC(2012, 10, 2, 14, 34, 2, 781) });
  const cases: [pattern: string, expected: string][] = [
    ['%d', '2012-11-02 14:34:02,781'],
    ['%d{DEFAULT}', '2012-11-02 14:34:02,781'],
    ['%d{ISO8601}', '2012-11-02T14:34:02,781'],
    ['%d{ISO8601_BASIC}', '20121102T143402,781'],
    ['%d{ISO8601_OFFSET_DATE_TIME_HHCMM}{GMT-7}', '2012-11-02T07:34:02,781-07:00'],
    ['%d{ISO8601_OFFSET_DATE_TIME_HHMM}{GMT-7}', '2012-11-02T07:34:02,781-0700'],
    ['%d{ISO8601_OFFSET_DATE_TIME_HH}{GMT-7}', '2012-11-02T07:34:02,781-07'],
    ['%d{ABSOLUTE}', '14:34:02,781'],
    ['%d{DATE}', '02 Nov 2012 14:34:02,781'],
    ['%d{COMPACT}', '20121102143402781'],
    ['%d{UNIX}', '1351866842'],
    ['%d{UNIX_MILLIS}', '1351866842781'],
    ['%date{HH:mm:ss}{GMT+0}', '14:34:02'],
  ];
  for (const [pattern, expected] of cases) {
    it(`${pattern} prints ${expected}`, () => {
      expect(log4j2Layout(pattern).format(event)).to.equal(expected);
    });
  }

  it('keeps log4j 1.2\'s ISO8601 (a blank, no T) in log4j 1.2 and EnhancedPatternLayout patterns', () => {
    expect(new PatternLayout('%d{ISO8601}', { style: 'enhanced', timeZone: 'UTC' }).format(event)).to.equal('2012-11-02 14:34:02,781');
  });
});

describe('%d (Log4j 2) below the millisecond', () => {
  // Log4j 2 manual, Layouts, PatternLayout, "date" tables: the _MICROS / _NANOS named
  // formats and the custom n forms print 2012-11-02 14:34:02,123456789 as below.
  // A JavaScript time stamp is milliseconds in a double: an event made with a fractional
  // time stamp (123.456789 ms into the second) has its microseconds, never nanoseconds.
  const at = Date.UTC(2012, 10, 2, 14, 34, 2, 123) + 0.456789;
  const event = fixedEvent({ timestamp: at });
  const cases: [pattern: string, log4j2: string, here: string][] = [
    ['%d{DEFAULT_MICROS}', '2012-11-02 14:34:02,123456', '2012-11-02 14:34:02,123456'],
    ['%d{DEFAULT_NANOS}', '2012-11-02 14:34:02,123456789', '2012-11-02 14:34:02,123456000'],
    ['%d{ABSOLUTE_MICROS}', '14:34:02,123456', '14:34:02,123456'],
    ['%d{ABSOLUTE_NANOS}', '14:34:02,123456789', '14:34:02,123456000'],
    ['%d{ISO8601_PERIOD_MICROS}', '2012-11-02T14:34:02.123456', '2012-11-02T14:34:02.123456'],
    ['%d{HH:mm:ss,nnnn}', '14:34:02,1234', '14:34:02,1234'],
    ['%d{HH:mm:ss,nnnnnnnnn}', '14:34:02,123456789', '14:34:02,123456000'],
    ['%d{dd MMM yyyy HH:mm:ss,nnnn}', '02 Nov 2012 14:34:02,1234', '02 Nov 2012 14:34:02,1234'],
  ];
  for (const [pattern, log4j2, here] of cases) {
    it(`${pattern} prints ${here} (Log4j 2 on Java 9+: ${log4j2}): digits past the microsecond are 0`, () => {
      expect(here.slice(0, -3)).to.equal(log4j2.slice(0, here.length - 3));
      expect(log4j2Layout(pattern).format(event)).to.equal(here);
    });
  }

  it('prints 0 past the millisecond for a logger\'s events, whose time stamps are whole milliseconds', () => {
    const whole = fixedEvent({ timestamp: Date.UTC(2012, 10, 2, 14, 34, 2, 123) });
    expect(log4j2Layout('%d{DEFAULT_MICROS}').format(whole)).to.equal('2012-11-02 14:34:02,123000');
    expect(log4j2Layout('%d{UNIX_MILLIS}').format(whole)).to.equal('1351866842123');
  });

  it('cuts the fraction to fewer than three n as Log4j 2 does, and keeps what follows the run (a zone offset)', () => {
    expect(log4j2Layout('%d{HH:mm:ss.n}').format(event)).to.equal('14:34:02.1');
    expect(log4j2Layout('%d{HH:mm:ss.nn}').format(event)).to.equal('14:34:02.12');
    expect(log4j2Layout("%d{yyyy-MM-dd'T'HH:mm:ss.nnnnnnXXX}{GMT-7}").format(event)).to.equal('2012-11-02T07:34:02.123456-07:00');
  });

  it('reads n inside quotes as text', () => {
    expect(log4j2Layout("%d{'n='ss.nnn}").format(event)).to.equal('n=02.123');
  });
});
