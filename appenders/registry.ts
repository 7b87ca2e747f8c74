import path from 'node:path';
import type { Filter } from '../src/filter/filter.js';
import type { Layout } from '../layouts/layout.js';
import type { Appender } from './appender.js';
import { ConsoleAppender } from './console-appender.js';
import { FileAppender, type FileAppenderOptions } from './file-appender.js';
import { RollingFileAppender, type RollingFileAppenderOptions } from './rolling-file-appender.js';
import { DailyRollingFileAppender, type DailyRollingFileAppenderOptions } from './daily-rolling-file-appender.js';
import { ConfluenceHomeLogAppender, homeLogFile, JiraHomeAppender, type HomeLogAppenderOptions } from './home-log-appender.js';
import { MemoryAppender } from './memory-appender.js';
import { NullAppender } from './null-appender.js';
import { SyslogAppender, type SyslogAppenderOptions } from './syslog-appender.js';
import { DatabaseAppender, type DatabaseAppenderParts } from './database/database-appender.js';
import { RoutingAppender, type RoutingAppenderOptions } from './routing/routing-appender.js';
import { OtlpAppender, type OtlpAppenderOptions } from './otlp/otlp-appender.js';

/** How a configuration string becomes a constructor option. */
export type OptionKind = 'string' | 'trimmed' | 'boolean' | 'integer' | 'level';

/** What a configured appender is made from: its name, layout, filters and converted options. */
export interface AppenderParts {
  name: string;
  layout?: Layout;
  filters: Filter[];
  [option: string]: unknown;
}

/**
 * One appender kind as configuration files name it. `options` lists the constructor
 * option keys (log4j option names with the first letter lower-cased) and how each is
 * converted; a file may spell them in any case.
 */
export interface AppenderType {
  readonly className: string;
  readonly options: Readonly<Record<string, OptionKind>>;
  /** False for appenders that print no text (NullAppender): no layout is needed. */
  readonly usesLayout: boolean;
  /** The file the appender will write, for appenders that write one: checked before it is created. */
  fileOf?(parts: AppenderParts): string | undefined;
  /**
   * Throws what `create` would for these parts, opening nothing: a configuration's
   * dry run uses it. Kinds without it open nothing when created (no file, no socket
   * before the first record) and are checked by creating them.
   */
  validate?(parts: AppenderParts): void;
  create(parts: AppenderParts): Appender;
}

const SKELETON_OPTIONS = { threshold: 'level' } as const;

// Sizes stay strings: the file appenders read KB/MB/GB themselves.
const FILE_OPTIONS = {
  ...SKELETON_OPTIONS,
  file: 'trimmed',
  append: 'boolean',
  encoding: 'trimmed',
  bufferedIO: 'boolean',
  bufferSize: 'trimmed',
  flushInterval: 'integer',
  immediateFlush: 'boolean',
  mode: 'trimmed',
  maxBufferSize: 'trimmed',
  overflow: 'trimmed',
  retryInterval: 'integer',
  disableClustering: 'boolean',
} as const;

const ROLLING_OPTIONS = { ...FILE_OPTIONS, maxFileSize: 'trimmed', maximumFileSize: 'trimmed', maxBackupIndex: 'integer', compress: 'boolean' } as const;

const DAILY_OPTIONS = { ...FILE_OPTIONS, datePattern: 'string', timeZone: 'trimmed', maxBackupIndex: 'integer', compress: 'boolean' } as const;

// File is optional for home appenders: it defaults to the product's log file name.
const HOME_OPTIONS = { ...ROLLING_OPTIONS, logHome: 'trimmed', logFileName: 'trimmed' } as const;

const SYSLOG_OPTIONS = {
  ...SKELETON_OPTIONS,
  syslogHost: 'trimmed',
  facility: 'trimmed',
  facilityPrinting: 'boolean',
  header: 'boolean',
  protocol: 'trimmed',
  format: 'trimmed',
  appName: 'trimmed',
  hostname: 'trimmed',
  timeZone: 'trimmed',
  tlsCaFile: 'trimmed',
  tlsCertFile: 'trimmed',
  tlsKeyFile: 'trimmed',
  maxBufferedMessages: 'integer',
  maxMessageSize: 'integer',
  truncateLongMessages: 'boolean',
  reconnectDelay: 'integer',
  maxReconnectDelay: 'integer',
  closeTimeout: 'integer',
} as const;

const DATABASE_OPTIONS = {
  ...SKELETON_OPTIONS,
  url: 'trimmed',
  host: 'trimmed',
  port: 'integer',
  user: 'trimmed',
  password: 'string',
  database: 'trimmed',
  table: 'trimmed',
  columns: 'string',
  batchSize: 'integer',
  maxBufferedRows: 'integer',
  retryDelay: 'integer',
  maxRetryDelay: 'integer',
  closeTimeout: 'integer',
} as const;

const OTLP_OPTIONS = {
  ...SKELETON_OPTIONS,
  endpoint: 'trimmed',
  headers: 'string',
  serviceName: 'trimmed',
  resourceAttributes: 'string',
  batchSize: 'integer',
  maxQueueSize: 'integer',
  maxQueueBytes: 'integer',
  delay: 'integer',
  timeout: 'integer',
  retryDelay: 'integer',
  maxRetryDelay: 'integer',
  closeTimeout: 'integer',
} as const;

const fileOption = (parts: AppenderParts): string | undefined =>
  typeof parts.file === 'string' && parts.file.trim() !== '' ? path.resolve(parts.file.trim()) : undefined;

const byName = new Map<string, AppenderType>();
const byLowerName = new Map<string, AppenderType>();

/**
 * Registers an appender kind under its class name and any short names. Java class
 * names match exactly; short names match in any case.
 */
export function registerAppenderType(type: AppenderType, shortNames: readonly string[] = []): void {
  byName.set(type.className, type);
  for (const short of shortNames) byLowerName.set(short.toLowerCase(), type);
}

/** The appender kind a configuration names, or undefined if nobody registered it. */
export function findAppenderType(className: string): AppenderType | undefined {
  return byName.get(className) ?? byLowerName.get(className.toLowerCase());
}

const LOG4J = 'org.apache.log4j.';

registerAppenderType({
  className: `${LOG4J}ConsoleAppender`,
  options: { ...SKELETON_OPTIONS, target: 'trimmed' },
  usesLayout: true,
  create: (parts) => new ConsoleAppender(parts as ConstructorParameters<typeof ConsoleAppender>[0]),
}, ['console', 'ConsoleAppender']);

registerAppenderType({
  className: `${LOG4J}varia.NullAppender`,
  options: SKELETON_OPTIONS,
  usesLayout: false,
  create: (parts) => new NullAppender(parts),
}, ['null', 'NullAppender']);

registerAppenderType({
  className: 'logwarden.MemoryAppender',
  options: { ...SKELETON_OPTIONS, maxEvents: 'integer' },
  usesLayout: true,
  create: (parts) => new MemoryAppender(parts),
}, ['memory', 'MemoryAppender']);

registerAppenderType({
  className: `${LOG4J}FileAppender`,
  options: FILE_OPTIONS,
  usesLayout: true,
  fileOf: fileOption,
  validate: (parts) => FileAppender.validate(parts as FileAppenderOptions),
  create: (parts) => new FileAppender(parts as FileAppenderOptions),
}, ['file', 'FileAppender']);

registerAppenderType({
  className: `${LOG4J}RollingFileAppender`,
  options: ROLLING_OPTIONS,
  usesLayout: true,
  fileOf: fileOption,
  validate: (parts) => RollingFileAppender.validate(parts as RollingFileAppenderOptions),
  create: (parts) => new RollingFileAppender(parts as RollingFileAppenderOptions),
}, ['rollingFile', 'RollingFileAppender']);

registerAppenderType({
  className: `${LOG4J}DailyRollingFileAppender`,
  options: DAILY_OPTIONS,
  usesLayout: true,
  fileOf: fileOption,
  validate: (parts) => DailyRollingFileAppender.validate(parts as DailyRollingFileAppenderOptions),
  create: (parts) => new DailyRollingFileAppender(parts as DailyRollingFileAppenderOptions),
}, ['dailyRollingFile', 'DailyRollingFileAppender']);

registerAppenderType({
  className: 'com.atlassian.jira.logging.JiraHomeAppender',
  options: HOME_OPTIONS,
  usesLayout: true,
  fileOf: (parts) => homeLogFile(parts, 'atlassian-jira.log'),
  validate: (parts) => RollingFileAppender.validate({ ...parts, file: homeLogFile(parts, 'atlassian-jira.log') } as RollingFileAppenderOptions),
  create: (parts) => new JiraHomeAppender(parts as HomeLogAppenderOptions),
}, ['jiraHome', 'JiraHomeAppender']);

registerAppenderType({
  className: 'com.atlassian.confluence.logging.ConfluenceHomeLogAppender',
  options: HOME_OPTIONS,
  usesLayout: true,
  fileOf: (parts) => homeLogFile(parts, 'atlassian-confluence.log'),
  validate: (parts) => RollingFileAppender.validate({ ...parts, file: homeLogFile(parts, 'atlassian-confluence.log') } as RollingFileAppenderOptions),
  create: (parts) => new ConfluenceHomeLogAppender(parts as HomeLogAppenderOptions),
}, ['confluenceHome', 'ConfluenceHomeLogAppender']);

registerAppenderType({
  className: `${LOG4J}net.SyslogAppender`,
  options: SYSLOG_OPTIONS,
  usesLayout: true,
  create: (parts) => new SyslogAppender(parts as SyslogAppenderOptions),
}, ['syslog', 'SyslogAppender']);

registerAppenderType({
  className: 'logwarden.DatabaseAppender',
  options: DATABASE_OPTIONS,
  usesLayout: false,
  validate: (parts) => DatabaseAppender.optionsOf(parts as DatabaseAppenderParts),
  create: (parts) => new DatabaseAppender(DatabaseAppender.optionsOf(parts as DatabaseAppenderParts)),
}, ['database', 'jdbc', 'DatabaseAppender']);

registerAppenderType({
  className: 'logwarden.OtlpAppender',
  options: OTLP_OPTIONS,
  usesLayout: false,
  validate: (parts) => OtlpAppender.validate(parts as OtlpAppenderOptions),
  create: (parts) => new OtlpAppender(parts as OtlpAppenderOptions),
}, ['otlp', 'OtlpAppender']);

// Its key and routes come from a Log4j 2 file's <Routing> (see src/config/build.ts, routingParts).
const routingOptions = (parts: AppenderParts): RoutingAppenderOptions => {
  if (typeof parts.key !== 'function') throw new Error('a Routing appender is configured with <Routing> in a Log4j 2 file');
  return parts as unknown as RoutingAppenderOptions;
};

registerAppenderType({
  className: 'org.apache.logging.log4j.core.appender.routing.RoutingAppender',
  options: { ...SKELETON_OPTIONS, maxAppenders: 'integer' },
  usesLayout: false,
  validate: (parts) => void routingOptions(parts),
  create: (parts) => new RoutingAppender(routingOptions(parts)),
}, ['routing', 'RoutingAppender']);
