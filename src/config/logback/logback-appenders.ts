import { basename } from 'node:path';
import { errorAt } from '../configuration-error.js';
import type { AppenderModel, ComponentModel, OptionValue } from '../model.js';
import { datePatternFor, readFileNamePattern } from '../xml/file-name-pattern.js';
import type { XmlElement } from '../xml/xml-document.js';
import type { XmlReading } from '../xml/xml-reading.js';

const CORE = 'ch.qos.logback.core.';
const CLASSIC = 'ch.qos.logback.classic.';

type Options = Map<string, OptionValue>;

/**
 * One `<appender name class>` of a logback file mapped onto logwarden's appenders:
 * ConsoleAppender, FileAppender, RollingFileAppender with its rolling and triggering
 * policies, SyslogAppender; logwarden.DatabaseAppender (as any other class, its options
 * as child elements: <table>, <columns>, <url> ...); the encoder's or layout's pattern becomes a logback-style
 * PatternLayout. Another class keeps its name (the build warns that it is unknown and
 * skips the appender); child elements nobody reads are warned about by name.
 */
export function readLogbackAppender(element: XmlElement, className: string, reading: XmlReading, resolveClass: (name: string) => string): AppenderModel {
  const name = reading.required(element, 'name');
  const options: Options = new Map();
  const used = new Set<XmlElement>();
  const child = (tag: string): XmlElement | undefined => {
    const found = element.childrenNamed(tag)[0];
    if (found) used.add(found);
    return found;
  };
  const textOf = (tag: string): OptionValue | undefined => {
    const found = child(tag);
    return found ? reading.textOption(found) : undefined;
  };
  const set = (option: string, value: OptionValue | undefined): void => {
    if (value !== undefined) options.set(option, value);
  };

  let mapped = className;
  const bare = className.startsWith(CORE) ? className.slice(CORE.length) : className.startsWith(CLASSIC) ? className.slice(CLASSIC.length) : className;
  switch (bare) {
    case 'ConsoleAppender':
      mapped = 'org.apache.log4j.ConsoleAppender';
      set('Target', textOf('target'));
      break;
    case 'FileAppender':
      mapped = 'org.apache.log4j.FileAppender';
      set('File', textOf('file'));
      set('Append', textOf('append'));
      set('ImmediateFlush', textOf('immediateFlush'));
      break;
    case 'rolling.RollingFileAppender':
      set('File', textOf('file'));
      set('Append', textOf('append'));
      set('ImmediateFlush', textOf('immediateFlush'));
      mapped = readRolling(element, options, reading, resolveClass, used);
      break;
    case 'net.SyslogAppender': {
      mapped = 'org.apache.log4j.net.SyslogAppender';
      const host = textOf('syslogHost');
      const port = textOf('port');
      if (host) options.set('SyslogHost', port ? { value: `${host.value}:${port.value}`, position: host.position } : host);
      set('Facility', textOf('facility'));
      break;
    }
    case 'db.DBAppender':
      // logback's DBAppender writes its own fixed tables (logging_event and two more) through a connectionSource: no table and columns to map.
      for (const other of element.children) used.add(other);
      reading.warn(reading.at(element), `logback's DBAppender (fixed logging_event schema) is not supported; skipped. Use class="logwarden.DatabaseAppender" with <table> and <columns>`);
      break;
    default:
      for (const other of element.children) {
        if (['encoder', 'layout', 'filter'].includes(other.name.toLowerCase())) continue;
        used.add(other);
        options.set(other.name, reading.textOption(other));
      }
  }

  const encoding = readEncoder(element, reading, resolveClass, used);
  if (encoding.charset) options.set('Encoding', encoding.charset);
  const suffix = bare === 'net.SyslogAppender' ? child('suffixPattern') : undefined;
  const layout = encoding.layout ?? (suffix ? reading.component(`${CLASSIC}PatternLayout`, suffix, [['Pattern', reading.textOption(suffix)]]) : undefined);
  const filters = element.childrenNamed('filter').flatMap((filter) => {
    used.add(filter);
    return readLogbackFilter(filter, reading, resolveClass);
  });
  for (const other of element.children) {
    if (!used.has(other)) reading.warn(reading.at(other), `logback appender ${bare} option <${other.name}> is not supported; ignored`);
  }
  return { name, className: mapped, options, layout, filters, position: reading.at(element) };
}

/** The rolling policy decides which of logwarden's rolling appenders fits. */
function readRolling(element: XmlElement, options: Options, reading: XmlReading, resolveClass: (name: string) => string, used: Set<XmlElement>): string {
  const policy = element.childrenNamed('rollingPolicy')[0];
  const trigger = element.childrenNamed('triggeringPolicy')[0];
  if (policy) used.add(policy);
  if (trigger) used.add(trigger);
  const file = options.get('File');
  if (!policy) {
    reading.warn(reading.at(element), 'RollingFileAppender without a <rollingPolicy>: written as a plain file that never rolls');
    return 'org.apache.log4j.FileAppender';
  }
  const policyClass = resolveClass(reading.required(policy, 'class'));
  const read = new Set<string>();
  const policyText = (tag: string, from: XmlElement = policy): OptionValue | undefined => {
    const found = from.childrenNamed(tag)[0];
    if (!found) return undefined;
    read.add(`${from === policy ? '' : 'trigger:'}${found.name.toLowerCase()}`);
    return reading.textOption(found);
  };
  const fileNamePattern = policyText('fileNamePattern');
  if (!fileNamePattern) throw errorNeeds(reading, policy, 'fileNamePattern');
  const pattern = readFileNamePattern(fileNamePattern.value);
  if (pattern.compressed) options.set('Compress', { value: 'true', position: fileNamePattern.position });
  const nested = policy.childrenNamed('timeBasedFileNamingAndTriggeringPolicy')[0];
  const maxFileSize = policyText('maxFileSize') ?? (nested ? policyText('maxFileSize', nested) : undefined) ?? (trigger ? policyText('maxFileSize', trigger) : undefined);
  if (nested) read.add('timebasedfilenamingandtriggeringpolicy');
  const maxHistory = policyText('maxHistory');
  for (const ignored of ['totalSizeCap', 'cleanHistoryOnStart']) {
    const value = policyText(ignored);
    if (value) reading.warn(value.position, `${ignored} is not supported; ignored (old files are removed by count only)`);
  }
  const backupNames = (style: string): void => {
    if (!file) return;
    const expected = `${basename(file.value)}${style}`;
    if (basename(fileNamePattern.value) !== expected) {
      reading.warn(fileNamePattern.position, `backups are named ${expected} (log4j style), not after fileNamePattern "${fileNamePattern.value}"`);
    }
  };
  const gz = pattern.compressed ? '.gz' : '';
  let mapped: string;
  if (policyClass.endsWith('.FixedWindowRollingPolicy')) {
    const min = Number(policyText('minIndex')?.value ?? '1');
    const maxIndex = policyText('maxIndex');
    const max = Number(maxIndex?.value ?? '7');
    if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
      throw errorNeeds(reading, policy, 'whole numbers minIndex <= maxIndex');
    }
    options.set('MaxBackupIndex', { value: String(max - min + 1), position: maxIndex?.position ?? reading.at(policy) });
    if (maxFileSize) options.set('MaxFileSize', maxFileSize);
    else if (!trigger) reading.warn(reading.at(policy), 'FixedWindowRollingPolicy without a SizeBasedTriggeringPolicy: rolls at 10MB');
    backupNames(`.${min === 1 ? '%i' : `%i (from ${min})`}${gz}`);
    mapped = 'org.apache.log4j.RollingFileAppender';
  } else if (policyClass.endsWith('.SizeAndTimeBasedRollingPolicy') || (maxFileSize && pattern.counter)) {
    if (maxFileSize) options.set('MaxFileSize', maxFileSize);
    if (maxHistory) options.set('MaxBackupIndex', maxHistory);
    reading.warn(reading.at(policy), `rolls by size only (MaxFileSize ${maxFileSize?.value ?? '10MB'}, keeping maxHistory ${maxHistory?.value ?? 'all'} backups named ${file ? basename(file.value) : 'file'}.1${gz} ...); the date in fileNamePattern "${fileNamePattern.value}" is not honoured`);
    mapped = 'org.apache.log4j.RollingFileAppender';
  } else if (policyClass.endsWith('.TimeBasedRollingPolicy')) {
    if (!pattern.dateFormat) throw errorNeeds(reading, policy, 'a %d{...} in fileNamePattern');
    options.set('DatePattern', { value: datePatternFor(pattern.dateFormat), position: fileNamePattern.position });
    if (pattern.timeZone) options.set('TimeZone', { value: pattern.timeZone, position: fileNamePattern.position });
    if (maxHistory) options.set('MaxBackupIndex', maxHistory);
    backupNames(`.%d{${pattern.dateFormat}}${gz}`);
    mapped = 'org.apache.log4j.DailyRollingFileAppender';
  } else {
    reading.warn(reading.at(policy), `unknown rolling policy class "${policyClass}"; the file is written without rolling`);
    return 'org.apache.log4j.FileAppender';
  }
  for (const other of policy.children) {
    if (!read.has(other.name.toLowerCase())) reading.warn(reading.at(other), `rolling policy option <${other.name}> is not supported; ignored`);
  }
  if (trigger) {
    const triggerClass = resolveClass(reading.required(trigger, 'class'));
    if (!triggerClass.endsWith('.SizeBasedTriggeringPolicy')) reading.warn(reading.at(trigger), `triggering policy "${triggerClass}" is not supported; ignored`);
  }
  return mapped;
}

function errorNeeds(reading: XmlReading, element: XmlElement, what: string): Error {
  return errorAt(reading.at(element), `needs ${what}`);
}

function readEncoder(element: XmlElement, reading: XmlReading, resolveClass: (name: string) => string, used: Set<XmlElement>): { layout?: ComponentModel; charset?: OptionValue } {
  const encoder = element.childrenNamed('encoder')[0];
  const layoutElement = element.childrenNamed('layout')[0];
  const holder = encoder ?? layoutElement;
  if (!holder) return {};
  used.add(holder);
  let source = holder;
  // <encoder><layout class="...PatternLayout"><pattern> is the older spelling of <encoder><pattern>.
  const inner = holder.childrenNamed('layout')[0];
  const declared = reading.attr(holder, 'class');
  let className = declared === undefined ? `${CLASSIC}encoder.PatternLayoutEncoder` : resolveClass(declared.trim());
  if (inner) {
    source = inner;
    const innerClass = reading.attr(inner, 'class');
    if (innerClass !== undefined) className = resolveClass(innerClass.trim());
  }
  const options: [string, OptionValue | undefined][] = [];
  let charset: OptionValue | undefined;
  // ecs-logging-java's EcsEncoder takes its fixed fields as <additionalField><key/><value/></additionalField>.
  const additional: string[] = [];
  let additionalAt: OptionValue['position'] | undefined;
  for (const option of [...holder.children, ...(inner ? inner.children : [])]) {
    if (option === inner) continue;
    const lower = option.name.toLowerCase();
    if (lower === 'additionalfield') {
      const key = option.childrenNamed('key')[0];
      if (!key || reading.text(key) === '') throw errorAt(reading.at(option), 'needs a <key>');
      const value = option.childrenNamed('value')[0];
      additional.push(`${encodeURIComponent(reading.text(key))}=${encodeURIComponent(value ? reading.text(value) : '')}`);
      additionalAt ??= reading.at(option);
    } else if (lower === 'pattern') options.push(['Pattern', reading.textOption(option)]);
    else if (lower === 'charset') charset = reading.textOption(option);
    else if (lower === 'immediateflush' || lower === 'outputpatternasheader') reading.warn(reading.at(option), `encoder option <${option.name}> is not supported; ignored`);
    else options.push([option.name, reading.textOption(option)]);
  }
  if (additional.length > 0) options.push(['AdditionalFields', { value: additional.join(','), position: additionalAt! }]);
  return { layout: reading.component(className, source, options), charset };
}

/**
 * logback's ThresholdFilter is log4j's LevelRangeFilter with LevelMin and no accept
 * (below: DENY, else NEUTRAL); LevelFilter accepting one level and denying the rest
 * is LevelMatchFilter followed by DenyAllFilter. Other filters are warned about and skipped.
 */
function readLogbackFilter(element: XmlElement, reading: XmlReading, resolveClass: (name: string) => string): ComponentModel[] {
  const className = resolveClass(reading.required(element, 'class'));
  const text = (tag: string): OptionValue | undefined => {
    const found = element.childrenNamed(tag)[0];
    return found ? reading.textOption(found) : undefined;
  };
  const level = text('level');
  if (className === `${CLASSIC}filter.ThresholdFilter` && level) {
    return [reading.component('org.apache.log4j.varia.LevelRangeFilter', element, [['LevelMin', level], ['AcceptOnMatch', { value: 'false', position: level.position }]])];
  }
  if (className === `${CLASSIC}filter.LevelFilter` && level) {
    const onMatch = (text('onMatch')?.value ?? 'NEUTRAL').toUpperCase();
    const onMismatch = (text('onMismatch')?.value ?? 'NEUTRAL').toUpperCase();
    if (onMatch === 'ACCEPT' && onMismatch === 'DENY') {
      return [
        reading.component('org.apache.log4j.varia.LevelMatchFilter', element, [['LevelToMatch', level], ['AcceptOnMatch', { value: 'true', position: level.position }]]),
        reading.component('org.apache.log4j.varia.DenyAllFilter', element, []),
      ];
    }
    if (onMatch === 'DENY' && onMismatch === 'NEUTRAL') {
      return [reading.component('org.apache.log4j.varia.LevelMatchFilter', element, [['LevelToMatch', level], ['AcceptOnMatch', { value: 'false', position: level.position }]])];
    }
  }
  reading.warn(reading.at(element), `filter "${className}" is not supported in this form; skipped`);
  return [];
}
