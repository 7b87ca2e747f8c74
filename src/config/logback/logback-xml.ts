import type { Level } from '../../level.js';
import { errorAt, type SourcePosition } from '../configuration-error.js';
import type { Variables } from '../load.js';
import { parseBoolean, parseLevel } from '../log4j-properties.js';
import type { AppenderModel, ConfigModel, LoggerModel } from '../model.js';
import type { XmlDocument, XmlElement } from '../xml/xml-document.js';
import { XmlReading } from '../xml/xml-reading.js';
import { xmlSubstitution } from '../xml/xml-substitution.js';
import { readLogbackAppender } from './logback-appenders.js';

/** Elements of a logback file that configure only what logwarden has no counterpart for. */
const ACCEPTED_SILENTLY = new Set(['contextname', 'statuslistener', 'shutdownhook', 'jmxconfigurator', 'contextlistener']);

/**
 * Reads a logback configuration (`logback.xml`, Bitbucket's `logback-spring.xml`) into
 * the model: `<property>` / `<variable>` values for `${}`, `<import>`, `<appender>`,
 * `<logger name level additivity>` with `<appender-ref>`, `<root>`, and
 * `<configuration debug>`. Spring Boot's own elements (`<springProfile>`,
 * `<springProperty>`) and other elements logwarden has no counterpart for are skipped,
 * each named in a warning; the rest applies.
 */
export function logbackToModel(document: XmlDocument, variables: Variables): ConfigModel {
  const root = document.root;
  if (root.name.toLowerCase() !== 'configuration') {
    throw errorAt({ file: document.file, line: root.line, column: root.column, key: root.name }, 'a logback file has <configuration> as its root element');
  }
  const properties = new Map<string, string>();
  const reading = new XmlReading(document, xmlSubstitution({ properties, ...variables }));
  const imports = new Map<string, string>();
  const resolveClass = (name: string): string => imports.get(name) ?? name;
  const spring: string[] = [];
  for (const element of root.children) {
    const tag = element.name.toLowerCase();
    if (tag === 'property' || tag === 'variable') {
      const name = element.attribute('name');
      const value = element.attribute('value');
      if (name && value) properties.set(name.value, value.value);
      else reading.warn(reading.at(element), `only <${element.name} name="..." value="..."/> is supported (no file or resource); ignored`);
    } else if (tag === 'import') {
      const className = reading.required(element, 'class');
      imports.set(className.slice(className.lastIndexOf('.') + 1), className);
    }
  }

  const appenderElements = new Map<string, XmlElement>();
  for (const element of root.childrenNamed('appender')) appenderElements.set(reading.required(element, 'name'), element);
  const appenders = new Map<string, AppenderModel>();
  const refsOf = (element: XmlElement): string[] => {
    const refs: string[] = [];
    for (const ref of element.childrenNamed('appender-ref')) {
      const name = reading.required(ref, 'ref');
      const definition = appenderElements.get(name);
      // As in log4j.properties: a reference to an appender not (yet) defined is an incomplete file.
      if (!definition) throw errorAt(reading.at(ref, ref.attribute('ref')), `refers to appender "${name}", which no <appender> defines`);
      if (!appenders.has(name)) appenders.set(name, readLogbackAppender(definition, resolveClass(reading.required(definition, 'class')), reading, resolveClass));
      if (!refs.includes(name)) refs.push(name);
    }
    return refs;
  };

  let rootLogger: LoggerModel | undefined;
  const loggers = new Map<string, LoggerModel>();
  for (const element of root.children) {
    const tag = element.name.toLowerCase();
    if (tag === 'logger') {
      const name = reading.required(element, 'name');
      const additivity = reading.attr(element, 'additivity');
      const attribute = element.attribute('additivity');
      loggers.delete(name);
      loggers.set(name, {
        name,
        level: levelOf(element, reading, false) ?? null,
        additivity: additivity === undefined ? undefined : parseBoolean(additivity, reading.at(element, attribute)),
        appenderRefs: refsOf(element),
        position: reading.at(element),
      });
    } else if (tag === 'root') {
      rootLogger = { name: 'root', level: levelOf(element, reading, true), appenderRefs: refsOf(element), position: reading.at(element) };
    } else if (tag.startsWith('spring')) {
      spring.push(`<${element.name}> (line ${element.line})`);
    } else if (!['property', 'variable', 'import', 'appender'].includes(tag) && !ACCEPTED_SILENTLY.has(tag)) {
      reading.warn(reading.at(element), `<${element.name}> is not supported; ignored`);
    }
  }
  if (spring.length > 0) {
    reading.warnings.unshift(`${document.file}: Spring Boot elements are skipped (what they configure does not apply): ${spring.join(', ')}`);
  }

  const debug = reading.attr(root, 'debug');
  const scan = reading.option(root, 'scan');
  return {
    origin: document.file,
    debug: debug !== undefined && debug.trim().toLowerCase() === 'true',
    reset: false,
    root: rootLogger,
    loggers: [...loggers.values()],
    appenders,
    warnings: reading.warnings,
    // scanPeriod is accepted: changes apply about 0.3 s after a save, sooner than logback scans.
    watch: scan ? parseBoolean(scan.value, scan.position) : undefined,
  };
}

/**
 * The level of `<logger level>` or of a nested `<level value>`. INHERITED / NULL make
 * a logger inherit (logback's spelling); on the root they are ignored with a warning.
 */
function levelOf(element: XmlElement, reading: XmlReading, isRoot: boolean): Level | null | undefined {
  const attribute = element.attribute('level');
  const nested = element.childrenNamed('level')[0];
  let text: string | undefined;
  let position: SourcePosition;
  if (attribute) {
    text = reading.attr(element, 'level');
    position = reading.at(element, attribute);
  } else if (nested) {
    text = reading.attr(nested, 'value');
    position = reading.at(nested);
  } else {
    return undefined;
  }
  const bare = (text ?? '').trim().toUpperCase();
  if (bare === '') return undefined;
  if (bare === 'INHERITED' || bare === 'NULL') {
    if (!isRoot) return null;
    reading.warn(position, `the root logger cannot be set to ${bare}; ignored`);
    return undefined;
  }
  return parseLevel(text!, position);
}
