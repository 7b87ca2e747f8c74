import { expect } from 'chai';
import { Level } from '../../src/level.js';
import type { LoggingEvent } from '../../src/logging-event.js';
import { MemoryAppender } from '../../appenders/memory-appender.js';
import { AppenderSkeleton } from '../../appenders/appender-skeleton.js';
import { LevelMatchFilter } from '../../src/filter/level-match-filter.js';
import { DenyAllFilter } from '../../src/filter/deny-all-filter.js';
import { SimpleLayout } from '../../layouts/simple-layout.js';
import type { ErrorHandler } from '../../src/error-handler.js';

const event = (level: Level, message = 'm'): LoggingEvent => ({
  timestamp: 0, level, loggerName: 'a', message, threadName: 'main', mdc: {}, ndc: '',
});

class Recorder implements ErrorHandler {
  readonly errors: string[] = [];
  error(name: string, cause: unknown): void {
    this.errors.push(`${name}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
  recovered(): void {}
}

describe('AppenderSkeleton', () => {
  it('drops events below its threshold', () => {
    const memory = new MemoryAppender({ threshold: 'WARN' });
    memory.append(event(Level.INFO));
    memory.append(event(Level.WARN));
    expect(memory.events.map((e) => e.level)).to.deep.equal([Level.WARN]);
  });

  it('runs its filter chain', () => {
    const memory = new MemoryAppender({ filters: [new LevelMatchFilter({ levelToMatch: 'ERROR' }), new DenyAllFilter()] });
    memory.append(event(Level.INFO));
    memory.append(event(Level.ERROR));
    expect(memory.events).to.have.length(1);
  });

  it('formats with its layout', () => {
    const memory = new MemoryAppender({ layout: new SimpleLayout() });
    memory.append(event(Level.INFO, 'hello'));
    expect(memory.text).to.equal('INFO - hello\n');
  });

  it('reports a failing write to its error handler instead of throwing', () => {
    const handler = new Recorder();
    class Failing extends AppenderSkeleton {
      protected write(): void {
        throw new Error('EACCES: permission denied');
      }
    }
    const failing = new Failing({ name: 'failing', errorHandler: handler });
    expect(() => failing.append(event(Level.INFO))).not.to.throw();
    expect(handler.errors).to.deep.equal(['failing: EACCES: permission denied']);
  });

  it('reports appends after close', async () => {
    const handler = new Recorder();
    const memory = new MemoryAppender({ name: 'm', errorHandler: handler });
    await memory.close();
    memory.append(event(Level.INFO));
    expect(memory.events).to.have.length(0);
    expect(handler.errors[0]).to.match(/^m: appender is closed/);
  });

  it('keeps a bounded number of events when asked', () => {
    const memory = new MemoryAppender({ maxEvents: 2, layout: new SimpleLayout() });
    ['1', '2', '3'].forEach((m) => memory.append(event(Level.INFO, m)));
    expect(memory.messages).to.deep.equal(['2', '3']);
    expect(memory.lines).to.deep.equal(['INFO - 2\n', 'INFO - 3\n']);
  });
});
