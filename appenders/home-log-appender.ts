import path from 'node:path';
import { RollingFileAppender, type RollingFileAppenderOptions } from './rolling-file-appender.js';

export interface HomeLogAppenderOptions extends RollingFileAppenderOptions {
  /**
   * The product's log directory (Jira's `<jira-home>/log`, Confluence's
   * `<confluence-home>/logs`). Default: the LOG_HOME environment variable, else `./logs`.
   */
  logHome?: string;
  /** Confluence's name for File. */
  logFileName?: string;
}

/** Where a home appender's file goes: a relative File is placed in the log home, an absolute one is kept. */
export function homeLogFile(options: HomeLogAppenderOptions, defaultFileName: string): string {
  const home = options.logHome?.trim() || process.env.LOG_HOME?.trim() || './logs';
  const name = options.file?.trim() || options.logFileName?.trim() || defaultFileName;
  return path.resolve(home, name);
}

/**
 * `com.atlassian.jira.logging.JiraHomeAppender`: a RollingFileAppender whose file
 * lives in the home log directory (`atlassian-jira.log` unless File says otherwise).
 */
export class JiraHomeAppender extends RollingFileAppender {
  constructor(options: HomeLogAppenderOptions = {}) {
    super({ ...options, file: homeLogFile(options, 'atlassian-jira.log') });
  }
}

/**
 * `com.atlassian.confluence.logging.ConfluenceHomeLogAppender`: a RollingFileAppender
 * in the home log directory (`atlassian-confluence.log` unless LogFileName or File
 * says otherwise).
 */
export class ConfluenceHomeLogAppender extends RollingFileAppender {
  constructor(options: HomeLogAppenderOptions = {}) {
    super({ ...options, file: homeLogFile(options, 'atlassian-confluence.log') });
  }
}
