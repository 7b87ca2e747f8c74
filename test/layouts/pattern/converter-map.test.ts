import { expect } from 'chai';
import { PatternLayout } from '../../../layouts/pattern/pattern-layout.js';
import { fixedError, fixedEvent } from '../fixed-event.js';
import { log4j2Layout } from './converters/log4j2-layout.js';

describe('converter map', () => {
  it('Log4j 2\'s %xEx, %xThrowable and %xException print the stack as %ex does', () => {
    const event = fixedEvent({ message: 'failed', error: fixedError() });
    const expected = log4j2Layout('%m %ex').format(event);
    expect(expected).to.equal('failed Error: Just testing\n    at common (/app/test.js:10:5)\n    at run (/app/test.js:20:3)\n');
    for (const keyword of ['xEx', 'xThrowable', 'xException']) expect(log4j2Layout(`%m %${keyword}`).format(event)).to.equal(expected);
  });

  it('knows Log4j 2\'s converters only in the log4j2 style: %xEx stays %x (NDC) then "Ex" elsewhere', () => {
    expect(new PatternLayout('%xEx', { style: 'enhanced' }).format(fixedEvent({ ndc: 'n1' }))).to.equal('n1Ex');
  });
});
