import type { Level } from '../../level.js';
import { errorAt, type SourcePosition } from '../configuration-error.js';
import type { Variables } from '../load.js';
import { parseBoolean, parseLevel } from '../log4j-properties.js';
import type { AppenderModel, ConfigModel, LoggerModel } from '../model.js';
import type { XmlDocument, XmlElement } from '../xml/xml-document.js';
import { XmlReading } from '../xml/xml-reading.js';
import { xmlSubstitution } from '../xml/xml-substitution.js';
import { forwardedRefs, readLog4j2Appender } from './log4j2-appenders.js';
import { readLog4j2Filters } from './log4j2-filters.js';

/** `<Configuration>` attributes read or accepted (what they set has no counterpart, or is the JVM's). */
const CONFIGURATION_ATTRIBUTES = new Set(['status', 'monitorinterval', 'packages', 'name', 'strict', 'dest', 'schema', 'shutdownhook', 'shutdowntimeout', 'verbose', 'advertiser', 'xmlns', 'xmlns:xsi', 'xsi:schemalocation', 'xsi:nonamespaceschemalocation']);
const LOGGER_ATTRIBUTES = new Set(['name', 'level', 'additivity', 'includelocation', 'type']);

/**
 * Reads a Log4j 2 XML configuration (`log4j2.xml`, as Jira 9.5+ and Confluence 8+
 * ship it) into the model: `<Properties>`, `<Appenders>` (see readLog4j2Appender;
 * `<Async>` forwards to the appenders it refers to, which never block the caller
 * here anyway), `<Loggers>` with `<Root>` / `<Logger>` (and their Async forms) and
 * `<AppenderRef ref level>` (the level cuts what that logger sends that appender),
 * `<Configuration status>` (debug or trace: trace the configurator).
 * A configuration-wide ThresholdFilter is log4j's repository threshold. What has no
 * counterpart is named in a warning; the rest applies.
 */
export function log4j2ToModel(document: XmlDocument, variables: Variables): ConfigModel {
  const root = document.root;
  if (root.name.toLowerCase() !== 'configuration') {
    throw errorAt({ file: document.file, line: root.line, column: root.column, key: root.name }, 'a Log4j 2 file has <Configuration> as its root element');
  }
  const properties = new Map<string, string>();
  const reading = new XmlReading(document, xmlSubstitution({ properties, ...variables, dollarEscape: true }));
  for (const attribute of root.attributes) {
    if (!CONFIGURATION_ATTRIBUTES.has(attribute.name.toLowerCase())) {
      reading.warn(reading.at(root, attribute), `Configuration attribute "${attribute.name}" is not supported; ignored`);
    }
  }
  for (const block of root.childrenNamed('Properties')) {
    for (const property of block.children) {
      if (property.name.toLowerCase() !== 'property') {
        reading.warn(reading.at(property), `<${property.name}> in <Properties> is not supported; ignored`);
        continue;
      }
      const name = reading.required(property, 'name');
      properties.set(name, property.attribute('value')?.value ?? property.text);
    }
  }

  const definitions = new Map<string, XmlElement>();
  for (const block of root.childrenNamed('Appenders')) {
    for (const element of block.children) definitions.set(reading.required(element, 'name'), element);
  }
  const appenders = new Map<string, AppenderModel>();
  /** An `<AppenderRef level>`, or undefined; a blank level is none. */
  const refLevel = (ref: XmlElement): Level | undefined => {
    const text = reading.attr(ref, 'level');
    return text === undefined || text.trim() === '' ? undefined : parseLevel(text, reading.at(ref, ref.attribute('level')));
  };
  const higher = (a: Level | undefined, b: Level | undefined): Level | undefined => (a && b ? (a.value >= b.value ? a : b) : a ?? b);
  /** The appenders a reference reaches, each with the level it is cut at (an Async's own references add theirs). */
  const refPosition = (ref: XmlElement): SourcePosition => reading.at(ref, ref.attribute('ref'));
  const resolve = (name: string, where: SourcePosition, level: Level | undefined, chain: readonly string[]): [string, Level | undefined][] => {
    const definition = definitions.get(name);
    // As in log4j.properties: a reference to an appender not (yet) defined is an incomplete file.
    if (!definition) throw errorAt(where, `refers to appender "${name}", which <Appenders> does not define`);
    if (chain.includes(name)) throw errorAt(reading.at(definition), `appender "${name}" forwards to itself (${[...chain, name].join(' -> ')})`);
    const forwarded = forwardedRefs(definition, reading);
    if (forwarded) {
      return definition.childrenNamed('AppenderRef').flatMap((ref, i) => resolve(forwarded[i]!, refPosition(ref), higher(level, refLevel(ref)), [...chain, name]));
    }
    if (!appenders.has(name)) appenders.set(name, withResolvedRoutes(readLog4j2Appender(definition, reading), [...chain, name]));
    return [[name, level]];
  };
  /** A Routing appender's `<Route ref>`s resolved as AppenderRefs are (an Async forwards), in nested routes too. */
  const withResolvedRoutes = (model: AppenderModel, chain: readonly string[]): AppenderModel => {
    if (!model.routes) return model;
    const routes = model.routes.routes.map((route) => ({
      ...route,
      ...(route.refs ? { refs: route.refs.flatMap((ref) => resolve(ref, route.position, undefined, chain).map(([resolved]) => resolved)) } : {}),
      ...(route.appender ? { appender: withResolvedRoutes(route.appender, chain) } : {}),
    }));
    return { ...model, routes: { ...model.routes, routes } };
  };
  const refsOf = (logger: XmlElement): { refs: string[]; levels: Map<string, Level> } => {
    const refs: string[] = [];
    const levels = new Map<string, Level>();
    const ungated = new Set<string>();
    for (const ref of logger.childrenNamed('AppenderRef')) {
      for (const [name, level] of resolve(reading.required(ref, 'ref'), refPosition(ref), refLevel(ref), [])) {
        if (!refs.includes(name)) refs.push(name);
        // Reached twice, an appender gets what either reference lets through.
        if (!level) ungated.add(name);
        else if (!levels.has(name) || levels.get(name)!.value > level.value) levels.set(name, level);
      }
    }
    for (const name of ungated) levels.delete(name);
    return { refs, levels };
  };

  let rootLogger: LoggerModel | undefined;
  const loggers = new Map<string, LoggerModel>();
  let threshold: Level | undefined;
  for (const child of root.children) {
    const tag = child.name.toLowerCase();
    if (tag === 'loggers') {
      for (const element of child.children) {
        const kind = element.name.toLowerCase();
        if (kind === 'root' || kind === 'asyncroot') {
          rootLogger = readLogger(element, 'root', reading, refsOf);
        } else if (kind === 'logger' || kind === 'asynclogger') {
          const logger = readLogger(element, reading.required(element, 'name'), reading, refsOf);
          loggers.delete(logger.name);
          loggers.set(logger.name, logger);
        } else {
          reading.warn(reading.at(element), `<${element.name}> in <Loggers> is not supported; ignored`);
        }
      }
    } else if (tag === 'thresholdfilter' || tag === 'filters') {
      const [filter] = readLog4j2Filters(tag === 'filters' ? child.children : [child], reading);
      const min = filter?.options.get('LevelMin');
      if (tag === 'thresholdfilter' && filter && min) threshold = parseLevel(min.value, min.position);
      else reading.warn(reading.at(child), 'only one ThresholdFilter is supported for the whole configuration (it sets the threshold); ignored');
    } else if (tag !== 'properties' && tag !== 'appenders') {
      reading.warn(reading.at(child), `<${child.name}> is not supported; ignored`);
    }
  }

  const status = reading.attr(root, 'status')?.trim().toLowerCase();
  const monitor = reading.option(root, 'monitorInterval');
  if (monitor && !/^\d+$/.test(monitor.value.trim())) throw errorAt(monitor.position, `expected whole seconds, got "${monitor.value}"`);
  return {
    origin: document.file,
    debug: status === 'debug' || status === 'trace' || status === 'all',
    reset: false,
    threshold,
    root: rootLogger,
    loggers: [...loggers.values()],
    appenders,
    warnings: reading.warnings,
    // Changes apply about 0.3 s after a save, sooner than any interval Log4j 2 polls at.
    watch: monitor ? Number(monitor.value.trim()) > 0 : undefined,
  };
}

/** A logger without a level inherits it; the root without one keeps what it has. */
function readLogger(element: XmlElement, name: string, reading: XmlReading, refsOf: (element: XmlElement) => { refs: string[]; levels: Map<string, Level> }): LoggerModel {
  for (const attribute of element.attributes) {
    if (!LOGGER_ATTRIBUTES.has(attribute.name.toLowerCase())) reading.warn(reading.at(element, attribute), `logger attribute "${attribute.name}" is not supported; ignored`);
  }
  for (const child of element.children) {
    if (child.name.toLowerCase() !== 'appenderref') reading.warn(reading.at(child), `<${child.name}> on a logger is not supported; ignored`);
  }
  const levelAttribute = element.attribute('level');
  const levelText = reading.attr(element, 'level');
  const additivity = reading.attr(element, 'additivity');
  let level: Level | null | undefined = name === 'root' ? undefined : null;
  if (levelText !== undefined && levelText.trim() !== '') level = parseLevel(levelText, reading.at(element, levelAttribute));
  const { refs, levels } = refsOf(element);
  return {
    name,
    level,
    additivity: additivity === undefined ? undefined : parseBoolean(additivity, reading.at(element, element.attribute('additivity'))),
    appenderRefs: refs,
    ...(levels.size > 0 ? { appenderRefLevels: levels } : {}),
    position: reading.at(element),
  };
}
