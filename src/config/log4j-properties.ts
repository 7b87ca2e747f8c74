import { Level } from '../level.js';
import { errorAt, type SourcePosition } from './configuration-error.js';
import type { AppenderModel, ComponentModel, ConfigModel, LoggerModel, OptionValue } from './model.js';
import type { PropertiesDocument } from './properties/properties-document.js';
import { Substitution } from './substitution.js';

const ROOT_LOGGER = 'log4j.rootLogger';
const ROOT_CATEGORY = 'log4j.rootCategory';
const LOGGER_PREFIX = 'log4j.logger.';
const CATEGORY_PREFIX = 'log4j.category.';
const ADDITIVITY_PREFIX = 'log4j.additivity.';
const APPENDER_PREFIX = 'log4j.appender.';

export interface PropertiesInput {
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly supplied: Readonly<Record<string, string>>;
}

/** Is `key` one of the entries that give a logger its level (what persisting a level edits)? */
export function loggerKeyName(key: string): string | undefined {
  if (key === ROOT_LOGGER || key === ROOT_CATEGORY) return 'root';
  if (key.startsWith(LOGGER_PREFIX)) return key.slice(LOGGER_PREFIX.length);
  if (key.startsWith(CATEGORY_PREFIX)) return key.slice(CATEGORY_PREFIX.length);
  return undefined;
}

/** Parses a level as log4j's OptionConverter.toLevel does, but refuses a name it does not know. */
export function parseLevel(text: string, position: SourcePosition): Level {
  const level = Level.toLevel(text);
  if (!level) throw errorAt(position, `unknown level "${text.trim()}"`);
  return level;
}

export function parseBoolean(text: string, position: SourcePosition): boolean {
  const t = text.trim().toLowerCase();
  if (t === 'true') return true;
  if (t === 'false') return false;
  throw errorAt(position, `expected true or false, got "${text}"`);
}

/**
 * Reads a log4j 1.2 properties document into the configuration model, as
 * PropertyConfigurator does: root logger (rootLogger, else rootCategory), loggers
 * and categories with INHERITED/NULL and `LEVEL#class`, additivity, the appenders
 * they refer to with their options, layout and filters (in filter-ID order).
 */
export function propertiesToModel(doc: PropertiesDocument, input: PropertiesInput): ConfigModel {
  const file = doc.file;
  const warnings: string[] = [];
  const substitution = new Substitution({
    file: (name) => doc.get(name),
    environment: input.environment,
    supplied: input.supplied,
  });
  const positionOf = (key: string): SourcePosition => ({ file, line: doc.entry(key)?.line ?? 0, key });
  const valueOf = (key: string): string | undefined => {
    const raw = doc.get(key);
    // Most values have no ${}: they need no position object (100,000 logger keys, 100,000 fewer objects).
    return raw === undefined || !raw.includes('${') ? raw : substitution.apply(raw, positionOf(key));
  };

  const debugValue = valueOf('log4j.debug') ?? valueOf('log4j.configDebug');
  const resetValue = valueOf('log4j.reset');
  const thresholdValue = valueOf('log4j.threshold');
  const threshold = thresholdValue === undefined || thresholdValue.trim() === ''
    ? undefined
    : parseLevel(thresholdValue, positionOf('log4j.threshold'));

  const appenders = new Map<string, AppenderModel>();
  const refer = (name: string, from: SourcePosition): void => {
    if (appenders.has(name)) return;
    const model = readAppender(doc, name, valueOf, positionOf, warnings);
    // A file that names an appender it does not define is incomplete (often one read
    // while it is still being written): applying it would leave the logger without it.
    if (!model) throw errorAt(from, `refers to appender "${name}", but there is no ${APPENDER_PREFIX}${name}`);
    appenders.set(name, model);
  };

  const rootKey = doc.get(ROOT_LOGGER) !== undefined ? ROOT_LOGGER : doc.get(ROOT_CATEGORY) !== undefined ? ROOT_CATEGORY : undefined;
  const root = rootKey ? readLogger('root', rootKey, valueOf(rootKey)!, positionOf(rootKey), refer, warnings) : undefined;

  const loggers = new Map<string, LoggerModel>();
  for (const key of doc.keys()) {
    const name = key.startsWith(LOGGER_PREFIX) ? key.slice(LOGGER_PREFIX.length)
      : key.startsWith(CATEGORY_PREFIX) ? key.slice(CATEGORY_PREFIX.length) : undefined;
    if (name === undefined || name === '') continue;
    const logger = readLogger(name, key, valueOf(key)!, positionOf(key), refer, warnings);
    loggers.delete(name);
    loggers.set(name, logger);
  }
  for (const key of doc.keys()) {
    if (!key.startsWith(ADDITIVITY_PREFIX)) continue;
    const name = key.slice(ADDITIVITY_PREFIX.length);
    const position = positionOf(key);
    const additivity = parseBoolean(valueOf(key)!, position);
    const existing = loggers.get(name);
    loggers.set(name, existing ? { ...existing, additivity } : { name, additivity, appenderRefs: [], position });
  }

  return {
    origin: file,
    debug: debugValue !== undefined && debugValue.trim().toLowerCase() === 'true',
    reset: resetValue !== undefined && parseBoolean(resetValue, positionOf('log4j.reset')),
    threshold,
    root,
    loggers: [...loggers.values()],
    appenders,
    warnings,
  };
}

function readLogger(
  name: string,
  key: string,
  value: string,
  position: SourcePosition,
  refer: (appender: string, from: SourcePosition) => void,
  warnings: string[],
): LoggerModel {
  const tokens = value.split(',');
  let level: Level | null | undefined;
  // As PropertyConfigurator: a value that starts with ',' (or is empty) sets no level.
  if (!(value.startsWith(',') || value === '')) {
    const levelText = tokens.shift()!;
    const bare = levelText.trim().toUpperCase();
    if (bare === 'INHERITED' || bare === 'NULL') {
      if (name === 'root') warnings.push(`${position.file}:${position.line}: ${key}: the root logger cannot be set to ${bare}; ignored`);
      else level = null;
    } else {
      level = parseLevel(levelText, position);
    }
  }
  if (tokens.length === 0) return { name, level, appenderRefs: [], position };
  const appenderRefs = new Set<string>();
  for (const token of tokens) {
    const ref = token.trim();
    if (ref === '' || appenderRefs.has(ref)) continue;
    refer(ref, position);
    appenderRefs.add(ref);
  }
  return { name, level, appenderRefs: [...appenderRefs], position };
}

function readAppender(
  doc: PropertiesDocument,
  name: string,
  valueOf: (key: string) => string | undefined,
  positionOf: (key: string) => SourcePosition,
  warnings: string[],
): AppenderModel | undefined {
  const prefix = APPENDER_PREFIX + name;
  const className = valueOf(prefix);
  if (className === undefined) return undefined;
  const position = positionOf(prefix);

  const options = new Map<string, OptionValue>();
  const filterIds = new Set<string>();
  let layout: ComponentModel | undefined;
  for (const key of doc.keysUnder(prefix)) {
    const rest = key.slice(prefix.length + 1);
    const dot = rest.indexOf('.');
    const head = dot < 0 ? rest : rest.slice(0, dot);
    if (head === 'layout') {
      if (dot < 0) layout = readComponent(doc, key, valueOf, positionOf);
      continue;
    }
    if (head === 'filter') {
      const id = rest.slice(dot + 1).split('.')[0];
      if (dot > 0 && id) filterIds.add(id);
      continue;
    }
    if (head === 'errorhandler') continue;
    if (dot >= 0) {
      const at = positionOf(key);
      warnings.push(`${at.file}:${at.line}: ${key}: appender "${name}" has no nested option "${rest}"; ignored`);
      continue;
    }
    options.set(rest, { value: valueOf(key)!, position: positionOf(key) });
  }

  const filters: ComponentModel[] = [];
  // log4j applies filters in the string order of their IDs.
  for (const id of [...filterIds].sort()) {
    const key = `${prefix}.filter.${id}`;
    if (valueOf(key) === undefined) {
      const option = doc.keysUnder(key)[0]!;
      const at = positionOf(option);
      warnings.push(`${at.file}:${at.line}: ${option}: filter "${id}" of appender "${name}" has options but no class (no ${key}=...); ignored`);
      continue;
    }
    filters.push(readComponent(doc, key, valueOf, positionOf));
  }

  return { name, className: className.trim(), options, layout, filters, position };
}

function readComponent(
  doc: PropertiesDocument,
  key: string,
  valueOf: (key: string) => string | undefined,
  positionOf: (key: string) => SourcePosition,
): ComponentModel {
  const options = new Map<string, OptionValue>();
  for (const optionKey of doc.keysUnder(key)) {
    const option = optionKey.slice(key.length + 1);
    if (option.includes('.')) continue;
    options.set(option, { value: valueOf(optionKey)!, position: positionOf(optionKey) });
  }
  return { className: valueOf(key)!.trim(), options, position: positionOf(key) };
}
