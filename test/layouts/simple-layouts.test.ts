import { expect } from 'chai';
import { Level } from '../../src/level.js';
import { START_TIME, type LoggingEvent } from '../../src/logging-event.js';
import { SimpleLayout } from '../../layouts/simple-layout.js';
import { TTCCLayout } from '../../layouts/ttcc-layout.js';

const base: LoggingEvent = {
  timestamp: START_TIME + 176, level: Level.INFO, loggerName: 'org.apache.log4j.examples.Sort',
  message: 'Populating an array of 2 elements in reverse order.', threadName: 'main', mdc: {}, ndc: '',
};

describe('SimpleLayout', () => {
  it('prints level - message', () => {
    expect(new SimpleLayout().format(base)).to.equal('INFO - Populating an array of 2 elements in reverse order.\n');
  });

  it('prints the stack trace after the line', () => {
    const error = new Error('Just testing');
    const text = new SimpleLayout().format({ ...base, error });
    const lines = text.split('\n');
    expect(lines[0]).to.equal('INFO - Populating an array of 2 elements in reverse order.');
    expect(lines[1]).to.equal('Error: Just testing');
    expect(lines[2]).to.match(/^ {4}at /);
    expect(text.endsWith('\n')).to.equal(true);
  });
});

describe('TTCCLayout', () => {
  it('prints relative time, thread, level, category, context and message', () => {
    const layout = new TTCCLayout();
    expect(layout.format(base)).to.equal('176 [main] INFO org.apache.log4j.examples.Sort - Populating an array of 2 elements in reverse order.\n');
    expect(layout.format({ ...base, ndc: 'Client #45890' })).to.equal('176 [main] INFO org.apache.log4j.examples.Sort Client #45890 - Populating an array of 2 elements in reverse order.\n');
  });

  it('leaves out what its options switch off', () => {
    const layout = new TTCCLayout({ dateFormat: null, threadPrinting: false, categoryPrefixing: false, contextPrinting: false });
    expect(layout.format({ ...base, ndc: 'ctx' })).to.equal('INFO - Populating an array of 2 elements in reverse order.\n');
  });
});
