import { expect } from 'chai';
import { START_TIME } from '../../src/logging-event.js';
import { TTCCLayout } from '../../layouts/ttcc-layout.js';
import { fixedError, fixedEvent } from './fixed-event.js';

describe('TTCCLayout DateFormat', () => {
  const event = fixedEvent({ loggerName: 'org.apache.log4j.examples.Sort', ndc: 'Client #45890' });

  it('accepts NULL, RELATIVE and the log4j names', () => {
    expect(new TTCCLayout({ dateFormat: 'NULL' }).format(event)).to.equal('[main] INFO org.apache.log4j.examples.Sort Client #45890 - Message 0\n');
    expect(new TTCCLayout({ dateFormat: 'relative' }).format({ ...event, timestamp: START_TIME + 176 })).to.match(/^176 \[main\]/);
    expect(new TTCCLayout({ dateFormat: 'ISO8601', timeZone: 'UTC' }).format(event)).to.match(/^2020-09-22 15:20:50,922 \[main\]/);
    expect(new TTCCLayout({ dateFormat: 'ABSOLUTE', timeZone: 'UTC' }).format(event)).to.match(/^15:20:50,922 \[main\]/);
    expect(new TTCCLayout({ dateFormat: 'DATE', timeZone: 'UTC' }).format(event)).to.match(/^22 Sep 2020 15:20:50,922 \[main\]/);
  });

  it('accepts a SimpleDateFormat pattern in a zone', () => {
    expect(new TTCCLayout({ dateFormat: 'HH:mm:ss Z', timeZone: 'America/New_York', threadPrinting: false }).format(event)).to.equal(
      '11:20:50 -0400 INFO org.apache.log4j.examples.Sort Client #45890 - Message 0\n',
    );
    expect(() => new TTCCLayout({ dateFormat: 'HH:mm b' })).to.throw(/Illegal letter 'b'/);
  });

  it('appends the stack trace', () => {
    expect(new TTCCLayout({ dateFormat: null }).format({ ...event, error: fixedError() })).to.equal(
      '[main] INFO org.apache.log4j.examples.Sort Client #45890 - Message 0\nError: Just testing\n    at common (/app/test.js:10:5)\n    at run (/app/test.js:20:3)\n',
    );
  });
});
