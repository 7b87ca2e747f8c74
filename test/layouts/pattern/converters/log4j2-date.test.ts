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
