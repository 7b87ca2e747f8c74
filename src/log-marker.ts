import { statSync } from 'node:fs';
import type { Appender } from '../appenders/appender.js';
import { FileAppender } from '../appenders/file-appender.js';
import { RollingFileAppender } from '../appenders/rolling-file-appender.js';
import { currentFrame } from './context/context-frame.js';
import { Level } from './level.js';
import { LogManager } from './log-manager.js';
import type { LoggingEvent } from './logging-event.js';

/** The logger Jira's markers come from (`com.atlassian.jira.util.log.LogMarker`). */
export const LOG_MARKER_LOGGER = 'com.atlassian.jira.util.log.LogMarker';

/** Jira's FormattedLogMsg caps its row of stars at this width. */
const MAX_STARS = 200;

export interface MarkLogsOptions {
  /** The text at the mark; none: an empty INFO record, as Jira writes. Must be one line. */
  message?: string;
  /** Roll over every size-rolling file with something in it first, as Jira's "Roll over logs". */
  rollOver?: boolean;
  /** Which file appenders to mark (default: every one attached to a logger). */
  include?: (appender: FileAppender) => boolean;
  /** The marker's logger name (default Jira's LOG_MARKER_LOGGER). */
  loggerName?: string;
}

export interface MarkLogsResult {
  readonly marked: readonly FileAppender[];
  readonly rolledOver: readonly FileAppender[];
  /** Asked to roll over but cannot on demand: plain files, and daily files (a second roll the same day would replace that day's backup). */
  readonly notRolledOver: readonly FileAppender[];
  /** Appenders the marker could not be written to, with why (reported, never thrown). */
  readonly failed: readonly { readonly appender: FileAppender; readonly error: Error }[];
}

/**
 * Jira's message: the text between two rows of stars as wide as it (at most 200),
 * after two line breaks, so the mark stands out in a file however it is laid out.
 */
export function logMarkerMessage(message: string): string {
  if (message === '') return '';
  const stars = '*'.repeat(Math.min(message.length, MAX_STARS));
  return `\n\n${stars}\n${message}\n${stars}\n`;
}

/**
 * Jira's "Mark logs": writes an INFO record from the LogMarker logger into every
 * file appender, through each one's own layout (so a JSON file gets a JSON line),
 * past thresholds and filters; with `rollOver`, size-rolling files with content are
 * rolled first, so the mark begins a fresh file.
 */
export function markLogs(options: MarkLogsOptions = {}): MarkLogsResult {
  const message = options.message ?? '';
  if (/[\r\n\u2028\u2029]/.test(message)) throw new Error('A log marker message must be one line: it contains a line break');
  const appenders = LogManager.getAllAppenders()
    .filter((appender: Appender): appender is FileAppender => appender instanceof FileAppender)
    .filter((appender) => options.include?.(appender) ?? true);
  const rolledOver: FileAppender[] = [];
  const notRolledOver: FileAppender[] = [];
  const failed: { appender: FileAppender; error: Error }[] = [];
  if (options.rollOver) {
    for (const appender of appenders) {
      if (!(appender instanceof RollingFileAppender)) {
        notRolledOver.push(appender);
        continue;
      }
      if (!hasContent(appender)) continue;
      try {
        appender.rollOver();
        rolledOver.push(appender);
      } catch (cause) {
        failed.push({ appender, error: cause instanceof Error ? cause : new Error(String(cause)) });
      }
    }
  }
  const frame = currentFrame();
  const event: LoggingEvent = {
    timestamp: Date.now(), level: Level.INFO, loggerName: options.loggerName ?? LOG_MARKER_LOGGER,
    message: logMarkerMessage(message), threadName: frame.threadName, mdc: frame.mdc, ndc: frame.ndc,
  };
  const marked: FileAppender[] = [];
  for (const appender of appenders) {
    try {
      appender.mark(event);
      marked.push(appender);
    } catch (cause) {
      failed.push({ appender, error: cause instanceof Error ? cause : new Error(String(cause)) });
    }
  }
  return { marked, rolledOver, notRolledOver, failed };
}

/** Whether the file holds or is about to hold something: Jira rolls only a file with content. */
function hasContent(appender: FileAppender): boolean {
  if (appender.pendingBytes > 0) return true;
  try {
    return statSync(appender.file).size > 0;
  } catch {
    return false;
  }
}
