import { expect } from 'chai';
import { Level } from '../../src/level.js';
import { ConsoleAppender } from '../../appenders/console-appender.js';
import { SimpleLayout } from '../../layouts/simple-layout.js';

describe('ConsoleAppender', () => {
  it('writes each formatted record to its stream', () => {
    const written: string[] = [];
    const console = new ConsoleAppender({ layout: new SimpleLayout(), stream: { write: (s: string) => written.push(s) } });
    console.append({ timestamp: 0, level: Level.WARN, loggerName: 'a', message: 'careful', threadName: 'main', mdc: {}, ndc: '' });
    expect(written).to.deep.equal(['WARN - careful\n']);
  });

  it('accepts System.out and System.err and rejects other targets', () => {
    expect(new ConsoleAppender({ target: 'System.err' }).target).to.equal('System.err');
    expect(() => new ConsoleAppender({ name: 'console', target: 'System.in' as never })).to.throw(/ConsoleAppender "console": Target must be System.out or System.err, got "System.in"/);
  });
});
