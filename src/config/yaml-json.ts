import type jsYaml from 'js-yaml';
import { Level } from '../level.js';
import { ConfigurationError, errorAt, type SourcePosition } from './configuration-error.js';
import type { AppenderModel, ComponentModel, ConfigModel, LoggerModel, OptionValue } from './model.js';
import { parseLevel } from './log4j-properties.js';
import { Substitution } from './substitution.js';
import { lazyPackage } from '../lazy-package.js';

/** Only a YAML configuration needs the parser: a log4j.properties program does not load it. */
const yamlPackage = lazyPackage<typeof jsYaml>('js-yaml');

/**
 * The YAML / JSON / object form of a configuration (same model as log4j.properties):
 *
 * ```yaml
 * debug: false                 # log4j.debug
 * reset: false                 # log4j.reset
 * threshold: ALL               # log4j.threshold
 * properties:                  # ${name} variables, looked up before the environment
 *   logDir: /var/log/app
 * root: INFO, console          # or { level: INFO, appenders: [console] }
 * loggers:
 *   com.atlassian.jira.login: { level: INFO, additivity: false, appenders: [securitylog] }
 *   de.resolution.apitokenauth: INFO
 * appenders:
 *   console:
 *     class: org.apache.log4j.ConsoleAppender   # or a short name: console
 *     Target: System.out                        # any other key is an option
 *     layout: { class: PatternLayout, ConversionPattern: "%d %-5p [%c] %m%n" }
 *     filters:
 *       - { class: LevelRangeFilter, LevelMin: INFO }
 * ```
 * Level `INHERITED` (or null) makes a logger inherit.
 */
export interface ObjectInput {
  readonly origin: string;
  /** The source text (for line numbers in errors); empty for an object given in code. */
  readonly text: string;
  readonly format: 'yaml' | 'json' | 'object';
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly supplied: Readonly<Record<string, string>>;
}

/** The top-level keys; a mapping with none of them is not a configuration. */
export const TOP_LEVEL: ReadonlySet<string> = new Set(['debug', 'reset', 'threshold', 'properties', 'root', 'loggers', 'appenders']);

/** Parses YAML or JSON text; a syntax error names the line. */
export function parseStructuredText(text: string, format: 'yaml' | 'json', origin: string): unknown {
  if (format === 'json') {
    try {
      return JSON.parse(text);
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      const lineMatch = /line (\d+)/.exec(message);
      const positionMatch = /position (\d+)/.exec(message);
      const line = lineMatch ? Number(lineMatch[1])
        : positionMatch ? text.slice(0, Number(positionMatch[1])).split('\n').length
          : jsonErrorLine(text, message);
      throw new ConfigurationError(`invalid JSON: ${message}`, origin, line);
    }
  }
  const yaml = yamlPackage();
  try {
    return yaml.load(text, { filename: origin, schema: yaml.CORE_SCHEMA });
  } catch (cause) {
    if (cause instanceof yaml.YAMLException) {
      throw new ConfigurationError(`invalid YAML: ${cause.reason}`, origin, (cause.mark?.line ?? 0) + 1);
    }
    throw cause;
  }
}

/**
 * Node 20's JSON.parse names no position, only a snippet of about ten characters
 * either side of the error (`Unexpected token '}', ..."{ "a": }..." is not valid
 * JSON`); finding the snippet in the text gives the line.
 */
function jsonErrorLine(text: string, message: string): number {
  const match = /^Unexpected token '(.)', (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON$/.exec(message);
  const at = match ? text.indexOf(match[3]!) : -1;
  if (!match || at < 0) return text.split('\n').length;
  const offset = match[2] ? 10 : Math.max(0, match[3]!.indexOf(match[1]!));
  return text.slice(0, at + offset).split('\n').length;
}

/**
 * Finds the line where a key path is written: each key in turn, on the first line at
 * or after the previous key's line where it stands before a colon; close enough to
 * send an operator to the right place in a hand-written file. The text is indexed
 * once (key -> lines) when first needed, so locating costs a binary search per key,
 * not a pass over the file: 100,000 loggers cost 100,000 look-ups, not 100,000 passes.
 */
function keyLocator(text: string): (path: readonly string[]) => number {
  if (text === '') return () => 0;
  let index: Map<string, number[]> | undefined;
  return (path) => locateIn((index ??= indexKeys(text)), path);
}

function indexKeys(text: string): Map<string, number[]> {
  const linesOf = new Map<string, number[]>();
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    // The key before each colon starts after the last '{' or ',' before it (flow
    // mappings) or at the line's start; a "- " sequence marker and quotes are not part of it.
    let keyStart = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '{' || c === ',') keyStart = i + 1;
      else if (c === ':') {
        const key = line.slice(keyStart, i).trim().replace(/^(?:-\s+)+/, '').replace(/^(["'])(.*)\1$/, '$2');
        const lines = linesOf.get(key);
        if (!lines) linesOf.set(key, [index]);
        else if (lines[lines.length - 1] !== index) lines.push(index);
      }
    }
  });
  return linesOf;
}

function locateIn(linesOf: ReadonlyMap<string, readonly number[]>, path: readonly string[]): number {
  let from = 0;
  let found = 1;
  for (const segment of path) {
    if (/^\d+$/.test(segment)) continue;
    const lines = linesOf.get(segment);
    if (!lines) break;
    let low = 0;
    let high = lines.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (lines[middle]! < from) low = middle + 1;
      else high = middle;
    }
    if (low === lines.length) break;
    from = lines[low]!;
    found = from + 1;
  }
  return found;
}

/**
 * Where a YAML/JSON path is written. Positions are read only by errors and warnings,
 * so the line and key are worked out when first read; one object per value, which
 * matters at 100,000 loggers. (Being getters, they do not survive an object spread.)
 */
class PathPosition implements SourcePosition {
  private foundLine: number | undefined;

  constructor(
    readonly file: string,
    private readonly path: readonly string[],
    private readonly locate: (path: readonly string[]) => number,
  ) {}

  get line(): number {
    return (this.foundLine ??= this.locate(this.path));
  }

  get key(): string {
    return this.path.join('.');
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function objectToModel(data: unknown, input: ObjectInput): ConfigModel {
  const { origin, text } = input;
  const warnings: string[] = [];
  const locate = keyLocator(text);
  const at = (path: readonly string[]): SourcePosition => new PathPosition(origin, path, locate);
  if (data === undefined || data === null) throw new ConfigurationError('is empty: no configuration', origin, 1);
  if (!isRecord(data)) throw errorAt(at([]), `expected a mapping at the top level, got ${describe(data)}`);
  if (!Object.keys(data).some((key) => TOP_LEVEL.has(key))) {
    throw new ConfigurationError(`has none of the keys ${[...TOP_LEVEL].join(', ')}: not a configuration`, origin, 1);
  }

  const properties = data.properties;
  if (properties !== undefined && !isRecord(properties)) throw errorAt(at(['properties']), 'expected a mapping of names to values');
  const variables = new Map<string, string>();
  for (const [name, value] of Object.entries(properties ?? {})) variables.set(name, scalar(value, at(['properties', name])));
  const substitution = new Substitution({
    file: (name) => variables.get(name),
    environment: input.environment,
    supplied: input.supplied,
  });
  const str = (value: unknown, path: readonly string[]): string => {
    const position = at(path);
    return substitution.apply(scalar(value, position), position);
  };
  const bool = (value: unknown, path: readonly string[]): boolean => {
    if (typeof value === 'boolean') return value;
    const t = str(value, path).trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
    throw errorAt(at(path), `expected true or false, got ${describe(value)}`);
  };

  for (const key of Object.keys(data)) {
    if (!TOP_LEVEL.has(key)) warnings.push(`${origin}:${at([key]).line}: ${key}: unknown top-level key "${key}"; ignored`);
  }

  const appenderData = data.appenders ?? {};
  if (!isRecord(appenderData)) throw errorAt(at(['appenders']), 'expected a mapping of appender names to definitions');
  const appenders = new Map<string, AppenderModel>();
  for (const [name, definition] of Object.entries(appenderData)) {
    appenders.set(name, readAppender(name, definition, ['appenders', name], str, at, warnings));
  }

  const readLogger = (name: string, value: unknown, path: string[]): LoggerModel => {
    const position = at(path);
    if (value === null) return { name, level: name === 'root' ? undefined : null, appenderRefs: [], position };
    if (!isRecord(value)) {
      const [levelText = '', ...refs] = str(value, path).split(',');
      return {
        name,
        level: toLevel(levelText, name, position),
        appenderRefs: checkRefs(refs.map((r) => r.trim()).filter(Boolean), position),
        position,
      };
    }
    for (const key of Object.keys(value)) {
      if (!['level', 'additivity', 'appenders'].includes(key)) {
        const where = at([...path, key]);
        warnings.push(`${origin}:${where.line}: ${where.key}: logger "${name}" has no setting "${key}"; ignored`);
      }
    }
    let refs: string[] = [];
    if (value.appenders !== undefined) {
      const list = typeof value.appenders === 'string' ? value.appenders.split(',') : value.appenders;
      if (!Array.isArray(list)) throw errorAt(at([...path, 'appenders']), 'expected a list of appender names');
      refs = list.map((ref, i) => str(ref, [...path, 'appenders', String(i)]).trim()).filter(Boolean);
    }
    return {
      name,
      level: value.level === undefined ? undefined
        : value.level === null ? (name === 'root' ? undefined : null)
          : toLevel(str(value.level, [...path, 'level']), name, at([...path, 'level'])),
      additivity: value.additivity === undefined ? undefined : bool(value.additivity, [...path, 'additivity']),
      appenderRefs: checkRefs([...new Set(refs)], position),
      position,
    };
  };
  const toLevel = (text: string, name: string, position: SourcePosition): Level | null | undefined => {
    const bare = text.trim().toUpperCase();
    if (bare === '') return undefined;
    if (bare === 'INHERITED' || bare === 'NULL') {
      if (name !== 'root') return null;
      warnings.push(`${position.file}:${position.line}: ${position.key}: the root logger cannot be set to ${bare}; ignored`);
      return undefined;
    }
    return parseLevel(text, position);
  };
  // As in log4j.properties, naming an appender that is not defined makes the file incomplete.
  const checkRefs = (refs: string[], position: SourcePosition): string[] => {
    const undefinedRef = refs.find((ref) => !appenders.has(ref));
    if (undefinedRef !== undefined) throw errorAt(position, `refers to appender "${undefinedRef}", which is not defined under appenders`);
    return refs;
  };

  const root = data.root === undefined ? undefined : readLogger('root', data.root, ['root']);
  const loggerData = data.loggers ?? {};
  if (!isRecord(loggerData)) throw errorAt(at(['loggers']), 'expected a mapping of logger names to settings');
  const loggers = Object.entries(loggerData).map(([name, value]) => readLogger(name, value, ['loggers', name]));

  return {
    origin,
    debug: data.debug === undefined ? false : bool(data.debug, ['debug']),
    reset: data.reset === undefined ? false : bool(data.reset, ['reset']),
    threshold: data.threshold === undefined || data.threshold === null
      ? undefined : parseLevel(str(data.threshold, ['threshold']), at(['threshold'])),
    root,
    loggers,
    appenders,
    warnings,
  };
}

type Str = (value: unknown, path: readonly string[]) => string;
type At = (path: readonly string[]) => SourcePosition;

function readComponent(
  definition: unknown,
  path: string[],
  str: Str,
  at: At,
  skip: readonly string[],
): ComponentModel {
  if (typeof definition === 'string') return { className: str(definition, path).trim(), options: new Map(), position: at(path) };
  if (!isRecord(definition)) throw errorAt(at(path), `expected a class name or a mapping, got ${describe(definition)}`);
  const classKey = definition.class !== undefined ? 'class' : 'type';
  if (definition[classKey] === undefined) throw errorAt(at(path), 'has no "class"');
  const options = new Map<string, OptionValue>();
  for (const [key, value] of Object.entries(definition)) {
    if (key === 'class' || key === 'type' || skip.includes(key)) continue;
    options.set(key, { value: str(value, [...path, key]), position: at([...path, key]) });
  }
  return { className: str(definition[classKey], [...path, classKey]).trim(), options, position: at(path) };
}

function readAppender(name: string, definition: unknown, path: string[], str: Str, at: At, warnings: string[]): AppenderModel {
  const base = readComponent(definition, path, str, at, ['layout', 'filters']);
  const record = isRecord(definition) ? definition : {};
  const layout = record.layout === undefined ? undefined : readComponent(record.layout, [...path, 'layout'], str, at, []);
  let filterList = record.filters ?? [];
  if (isRecord(filterList)) filterList = Object.keys(filterList).sort().map((id) => (filterList as Record<string, unknown>)[id]);
  if (!Array.isArray(filterList)) throw errorAt(at([...path, 'filters']), 'expected a list of filters');
  const filters = filterList.map((filter, i) => readComponent(filter, [...path, 'filters', String(i)], str, at, []));
  if (base.className === '') warnings.push(`${at(path).file}:${at(path).line}: ${at(path).key}: appender "${name}" has an empty class`);
  return { ...base, name, layout, filters };
}

function scalar(value: unknown, position: SourcePosition): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw errorAt(position, `expected a single value, got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}
