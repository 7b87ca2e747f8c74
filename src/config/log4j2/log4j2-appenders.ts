import { basename } from 'node:path';
import { errorAt } from '../configuration-error.js';
import type { AppenderModel, ComponentModel, OptionValue, RoutesModel } from '../model.js';
import { datePatternFor, readFileNamePattern } from '../xml/file-name-pattern.js';
import type { XmlElement } from '../xml/xml-document.js';
import type { XmlReading } from '../xml/xml-reading.js';
import { readLog4j2Filters } from './log4j2-filters.js';
import { JDBC_ATTRIBUTES, readLog4j2Jdbc } from './log4j2-jdbc.js';
import { readLog4j2Routes, ROUTING_CLASS, warnLookups } from './log4j2-routing.js';

/** The plugin an element configures: its name, or `type` in Log4j 2's strict form (`<Appender type="File">`). */
export function pluginOf(element: XmlElement, reading: XmlReading, generic: string): string {
  if (element.name.toLowerCase() !== generic.toLowerCase()) return element.name;
  return reading.required(element, 'type');
}

type Options = Map<string, OptionValue>;

const COMMON_ATTRIBUTES = ['name', 'type', 'ignoreExceptions'];
const FILE_ATTRIBUTES = [...COMMON_ATTRIBUTES, 'fileName', 'append', 'immediateFlush', 'bufferedIO', 'bufferSize', 'createOnDemand', 'locking', 'filePermissions', 'fileOwner', 'fileGroup', 'advertise', 'advertiseUri'];
const ROLLING_ATTRIBUTES = [...FILE_ATTRIBUTES, 'filePattern'];
const HOME_CLASSES: Record<string, string> = {
  jirahomeappender: 'com.atlassian.jira.logging.JiraHomeAppender',
  confluencehomelogappender: 'com.atlassian.confluence.logging.ConfluenceHomeLogAppender',
};

/** An appender element that only forwards to others (`<Async>`): the names it forwards to. */
export function forwardedRefs(element: XmlElement, reading: XmlReading): string[] | undefined {
  if (pluginOf(element, reading, 'Appender').toLowerCase() !== 'async') return undefined;
  return element.childrenNamed('AppenderRef').map((ref) => reading.required(ref, 'ref'));
}

/**
 * One element under `<Appenders>` mapped onto logwarden's appenders: Console, File
 * (and RandomAccessFile), RollingFile / RollingRandomAccessFile and Atlassian's
 * JiraHomeAppender / ConfluenceHomeLogAppender (by their triggering policies and
 * rollover strategy), Syslog, Null, JDBC (the DatabaseAppender, see readLog4j2Jdbc),
 * Routing (see readLog4j2Routes). Another plugin keeps its name as the class (the
 * build warns that it is unknown and skips it). Attributes and elements that have no
 * counterpart are warned about by name.
 */
export function readLog4j2Appender(element: XmlElement, reading: XmlReading): AppenderModel {
  const plugin = pluginOf(element, reading, 'Appender');
  const name = reading.required(element, 'name');
  const options: Options = new Map();
  const set = (option: string, attribute: string): void => {
    const value = reading.option(element, attribute);
    if (value) options.set(option, value);
  };
  const fileOptions = (): void => {
    set('File', 'fileName');
    set('Append', 'append');
    set('ImmediateFlush', 'immediateFlush');
    set('BufferedIO', 'bufferedIO');
    set('BufferSize', 'bufferSize');
  };
  const used = new Set<XmlElement>();
  let className: string;
  let known: readonly string[];
  let routes: RoutesModel | undefined;
  const lower = plugin.toLowerCase();
  if (lower === 'console') {
    className = 'org.apache.log4j.ConsoleAppender';
    known = [...COMMON_ATTRIBUTES, 'target', 'follow', 'direct'];
    const target = reading.option(element, 'target');
    if (target) {
      const t = target.value.trim().toUpperCase();
      if (t !== 'SYSTEM_OUT' && t !== 'SYSTEM_ERR') throw errorAt(target.position, `target must be SYSTEM_OUT or SYSTEM_ERR, got "${target.value}"`);
      options.set('Target', { value: t === 'SYSTEM_ERR' ? 'System.err' : 'System.out', position: target.position });
    }
  } else if (lower === 'file' || lower === 'randomaccessfile' || lower === 'memorymappedfile') {
    className = 'org.apache.log4j.FileAppender';
    known = FILE_ATTRIBUTES;
    if (!element.attribute('fileName')) throw errorAt(reading.at(element), 'needs a "fileName" attribute');
    fileOptions();
  } else if (lower === 'rollingfile' || lower === 'rollingrandomaccessfile' || HOME_CLASSES[lower]) {
    known = ROLLING_ATTRIBUTES;
    if (!HOME_CLASSES[lower] && !element.attribute('fileName')) {
      throw errorAt(reading.at(element), 'needs a "fileName" attribute (rolling without an active file, "direct write", is not supported)');
    }
    fileOptions();
    const rolling = readRollover(element, plugin, options, reading, used);
    // The home appenders roll by size, whatever the policies say (readRollover warns).
    className = HOME_CLASSES[lower] ?? rolling;
  } else if (lower === 'syslog') {
    className = 'org.apache.log4j.net.SyslogAppender';
    known = [...COMMON_ATTRIBUTES, 'host', 'port', 'protocol', 'facility', 'format', 'appName', 'newLine', 'id', 'enterpriseNumber', 'includeMDC', 'mdcId', 'messageId', 'reconnectionDelayMillis', 'connectTimeoutMillis', 'immediateFail', 'bufferedIO'];
    const host = reading.option(element, 'host');
    const port = reading.option(element, 'port');
    if (host || port) {
      const position = (host ?? port)!.position;
      options.set('SyslogHost', { value: `${host?.value ?? 'localhost'}${port ? `:${port.value}` : ''}`, position });
    }
    set('Protocol', 'protocol');
    set('Facility', 'facility');
    set('AppName', 'appName');
    const format = reading.option(element, 'format');
    if (format) options.set('Format', { value: format.value.trim().toUpperCase() === 'RFC5424' ? 'rfc5424' : 'rfc3164', position: format.position });
  } else if (lower === 'jdbc') {
    className = 'logwarden.DatabaseAppender';
    known = [...COMMON_ATTRIBUTES, ...JDBC_ATTRIBUTES];
    readLog4j2Jdbc(element, reading, options, used);
  } else if (lower === 'routing') {
    className = ROUTING_CLASS;
    known = [...COMMON_ATTRIBUTES, 'maxAppenders'];
    set('MaxAppenders', 'maxAppenders');
    routes = readLog4j2Routes(element, reading, used, (nested) => readLog4j2Appender(nested, reading));
  } else if (lower === 'null') {
    className = 'org.apache.log4j.varia.NullAppender';
    known = COMMON_ATTRIBUTES;
  } else {
    className = plugin;
    known = element.attributes.map((attribute) => attribute.name);
    for (const attribute of element.attributes) {
      if (!COMMON_ATTRIBUTES.includes(attribute.name)) options.set(attribute.name, { value: reading.attr(element, attribute.name)!, position: reading.at(element, attribute) });
    }
  }
  const knownLower = new Set(known.map((k) => k.toLowerCase()));
  for (const attribute of element.attributes) {
    if (!knownLower.has(attribute.name.toLowerCase())) {
      reading.warn(reading.at(element, attribute), `${plugin} attribute "${attribute.name}" is not supported; ignored`);
    }
  }

  let layout: ComponentModel | undefined;
  const filters: ComponentModel[] = [];
  for (const child of element.children) {
    if (used.has(child)) continue;
    const childLower = child.name.toLowerCase();
    if (childLower.endsWith('layout')) {
      const read = readLog4j2Layout(child, reading);
      layout = read.layout;
      if (read.charset) options.set('Encoding', read.charset);
    } else if (childLower === 'filters' || childLower.endsWith('filter')) {
      filters.push(...readLog4j2Filters(childLower === 'filters' ? child.children : [child], reading));
    } else {
      reading.warn(reading.at(child), `${plugin} element <${child.name}> is not supported; ignored`);
    }
  }
  return { name, className, options, layout, filters, ...(routes ? { routes } : {}), position: reading.at(element) };
}

/**
 * Triggering policies and rollover strategy onto logwarden's rolling appenders:
 * size only -> RollingFileAppender (MaxFileSize, MaxBackupIndex = max - min + 1),
 * time only -> DailyRollingFileAppender (DatePattern from `%d{...}` in filePattern),
 * both -> by size, with a warning that the time trigger is not honoured.
 * Returns the class, having set the options.
 */
function readRollover(element: XmlElement, plugin: string, options: Options, reading: XmlReading, used: Set<XmlElement>): string {
  const policies: XmlElement[] = [];
  let strategy: XmlElement | undefined;
  for (const child of element.children) {
    const lower = child.name.toLowerCase();
    if (lower === 'policies') {
      used.add(child);
      policies.push(...child.children);
    } else if (lower.endsWith('triggeringpolicy')) {
      used.add(child);
      policies.push(child);
    } else if (lower.endsWith('rolloverstrategy')) {
      used.add(child);
      strategy = child;
    }
  }
  let size: XmlElement | undefined;
  let time: XmlElement | undefined;
  for (const policy of policies) {
    const lower = policy.name.toLowerCase();
    if (lower === 'sizebasedtriggeringpolicy') size = policy;
    else if (lower === 'timebasedtriggeringpolicy') time = policy;
    else reading.warn(reading.at(policy), `<${policy.name}> is not supported; ignored`);
  }
  const filePattern = reading.option(element, 'filePattern');
  const pattern = readFileNamePattern(filePattern?.value ?? '');
  if (pattern.compressed) options.set('Compress', { value: 'true', position: filePattern!.position });
  const file = options.get('File');
  const fileName = file ? basename(file.value.trim()) : plugin === 'JiraHomeAppender' ? 'atlassian-jira.log' : 'atlassian-confluence.log';
  const gz = pattern.compressed ? '.gz' : '';

  let fileIndex = 'max';
  let firstIndex = 1;
  if (strategy) {
    if (strategy.name.toLowerCase() !== 'defaultrolloverstrategy') {
      reading.warn(reading.at(strategy), `<${strategy.name}> is not supported; ignored`);
    } else {
      const max = reading.option(strategy, 'max');
      const min = reading.option(strategy, 'min');
      firstIndex = min ? wholeNumber(min) : 1;
      const last = max ? wholeNumber(max) : 7;
      if (last < firstIndex) throw errorAt((max ?? min)!.position, `max (${last}) is below min (${firstIndex})`);
      options.set('MaxBackupIndex', { value: String(last - firstIndex + 1), position: max?.position ?? reading.at(strategy) });
      fileIndex = (reading.attr(strategy, 'fileIndex') ?? 'max').trim().toLowerCase();
      for (const attribute of strategy.attributes) {
        if (!['max', 'min', 'fileindex', 'compressionlevel'].includes(attribute.name.toLowerCase())) {
          reading.warn(reading.at(strategy, attribute), `DefaultRolloverStrategy attribute "${attribute.name}" is not supported; ignored`);
        }
      }
      for (const action of strategy.children) reading.warn(reading.at(action), `rollover action <${action.name}> is not supported; ignored`);
    }
  }
  const namedAs = (expected: string, order: string): void => {
    if (!filePattern) return;
    if (basename(filePattern.value.trim()) !== expected || order !== '') {
      reading.warn(filePattern.position, `backups are named ${expected}${order} (log4j 1.2 style), not after filePattern "${filePattern.value}"`);
    }
  };
  if (size) {
    const limit = reading.option(size, 'size');
    if (limit) options.set('MaxFileSize', limit);
    if (time) reading.warn(reading.at(time), `rolls by size only: the TimeBasedTriggeringPolicy is not honoured together with a SizeBasedTriggeringPolicy`);
    namedAs(`${fileName}.%i${gz}`, fileIndex === 'min' && firstIndex === 1 ? '' : ', .1 newest (as fileIndex="min")');
    return 'org.apache.log4j.RollingFileAppender';
  }
  if (time && plugin.toLowerCase() in HOME_CLASSES) {
    reading.warn(reading.at(time), `${plugin} rolls by size only: the TimeBasedTriggeringPolicy is not honoured`);
    return 'org.apache.log4j.RollingFileAppender';
  }
  if (time) {
    if (!pattern.dateFormat) throw errorAt(filePattern?.position ?? reading.at(element), 'a TimeBasedTriggeringPolicy needs a %d{...} in filePattern');
    options.set('DatePattern', { value: datePatternFor(pattern.dateFormat), position: filePattern!.position });
    if (pattern.timeZone) options.set('TimeZone', { value: pattern.timeZone, position: filePattern!.position });
    const interval = reading.option(time, 'interval');
    if (interval && interval.value.trim() !== '1') reading.warn(interval.position, `interval ${interval.value} is not supported: rolls at every change of "${pattern.dateFormat}"`);
    if (!strategy) options.delete('MaxBackupIndex');
    namedAs(`${fileName}.%d{${pattern.dateFormat}}${gz}`, '');
    return 'org.apache.log4j.DailyRollingFileAppender';
  }
  if (plugin.toLowerCase() in HOME_CLASSES) return 'org.apache.log4j.RollingFileAppender';
  reading.warn(reading.at(element), `${plugin} has no size or time triggering policy: the file is written without rolling`);
  options.delete('MaxBackupIndex');
  options.delete('Compress');
  return 'org.apache.log4j.FileAppender';
}

function wholeNumber(option: OptionValue): number {
  const text = option.value.trim();
  if (!/^\d+$/.test(text)) throw errorAt(option.position, `expected a whole number, got "${option.value}"`);
  return Number(text);
}

const LOG4J2_PATTERN_LAYOUT = 'org.apache.logging.log4j.core.layout.PatternLayout';

/**
 * `<PatternLayout pattern="..." alwaysWriteExceptions="...">` (or a nested
 * `<Pattern>`), and Atlassian's layouts by element name. The charset goes to the
 * appender's Encoding.
 */
export function readLog4j2Layout(element: XmlElement, reading: XmlReading): { layout: ComponentModel; charset?: OptionValue } {
  const plugin = pluginOf(element, reading, 'Layout');
  const patternElement = element.childrenNamed('Pattern')[0];
  const pattern = reading.option(element, 'pattern') ?? (patternElement ? reading.textOption(patternElement) : undefined);
  const charset = reading.option(element, 'charset');
  const lower = plugin.toLowerCase();
  let className: string;
  // Log4j 2's own reading: whole converter names, nested options (see layouts/pattern/parser.ts).
  if (lower === 'patternlayout') className = LOG4J2_PATTERN_LAYOUT;
  else if (lower === 'newlineindentingfilteringpatternlayout' || lower === 'atlassianpatternlayout') className = 'com.atlassian.logging.log4j.NewLineIndentingFilteringPatternLayout';
  else className = plugin;
  const options: [string, OptionValue | undefined][] = [['ConversionPattern', pattern]];
  // Atlassian's layout (and a layout logwarden does not know) takes its own options as attributes.
  const ownOptions = className !== LOG4J2_PATTERN_LAYOUT;
  for (const attribute of element.attributes) {
    const name = attribute.name.toLowerCase();
    if (['pattern', 'charset', 'type'].includes(name)) continue;
    if (ownOptions || name === 'alwayswriteexceptions') options.push([attribute.name, reading.option(element, attribute.name)]);
    else reading.warn(reading.at(element, attribute), `${plugin} attribute "${attribute.name}" is not supported; ignored`);
  }
  // ecs-logging-java's EcsLayout takes its fields as <KeyValuePair key value/> children;
  // what `$${ctx:user}` leaves after the load-time substitution the layout looks up per event.
  const pairs = lower === 'ecslayout' ? element.childrenNamed('KeyValuePair') : [];
  if (pairs.length > 0) {
    const text = pairs.map((pair) => {
      const value = reading.attr(pair, 'value') ?? '';
      warnLookups(value, reading.at(pair, pair.attribute('value')), reading);
      return `${encodeURIComponent(reading.required(pair, 'key'))}=${encodeURIComponent(value)}`;
    }).join(',');
    options.push(['KeyValuePairs', { value: text, position: reading.at(pairs[0]!) }]);
  }
  for (const child of element.children) {
    if (child !== patternElement && !pairs.includes(child)) reading.warn(reading.at(child), `${plugin} element <${child.name}> is not supported; ignored`);
  }
  return { layout: reading.component(className, element, options), charset };
}
