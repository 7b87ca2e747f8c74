import { Level } from '../../src/level.js';
import type { LoggingEvent } from '../../src/logging-event.js';

/** 2020-09-22 15:20:50.922 UTC, the Jira reference line's instant. */
export const JIRA_INSTANT = Date.UTC(2020, 8, 22, 15, 20, 50, 922);

/** A plain event with fixed values; `overrides` replace any field. */
export function fixedEvent(overrides: Partial<LoggingEvent> = {}): LoggingEvent {
  return {
    timestamp: JIRA_INSTANT,
    level: Level.INFO,
    loggerName: 'org.apache.log4j.PatternLayoutTestCase',
    message: 'Message 0',
    threadName: 'main',
    mdc: {},
    ndc: '',
    ...overrides,
  };
}

/** An error with a fixed, V8-shaped stack, so expected text does not depend on this file's path. */
export function fixedError(message = 'Just testing', frames: readonly string[] = ['    at common (/app/test.js:10:5)', '    at run (/app/test.js:20:3)']): Error {
  const error = new Error(message);
  error.stack = [`Error: ${message}`, ...frames].join('\n');
  return error;
}
