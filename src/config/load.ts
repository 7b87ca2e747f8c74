import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { ConfigurationError } from './configuration-error.js';
import { propertiesToModel } from './log4j-properties.js';
import { isLog4j2Properties, log4j2PropertiesToModel } from './log4j2/log4j2-properties.js';
import { isLog4j2Tree, log4j2TreeToModel } from './log4j2/log4j2-tree.js';
import type { ConfigModel } from './model.js';
import { xmlConfigToModel } from './xml/xml-config.js';
import { PropertiesDocument } from './properties/properties-document.js';
import { objectToModel, parseStructuredText } from './yaml-json.js';

export type ConfigFormat = 'properties' | 'yaml' | 'json' | 'xml';

export interface Variables {
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly supplied: Readonly<Record<string, string>>;
}

/**
 * .yaml/.yml, .json and .xml (Log4j 2 or logback, told apart by content and name) by
 * extension; anything else is read as log4j properties.
 */
export function formatOf(file: string): ConfigFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  if (ext === '.json') return 'json';
  if (ext === '.xml') return 'xml';
  return 'properties';
}

/** Reads a configuration file; an unreadable file is a ConfigurationError naming it and why. */
export function readConfigText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new ConfigurationError(`cannot read the configuration file${code ? ` (${code})` : ''}: ${cause instanceof Error ? cause.message : String(cause)}`, file, 0);
  }
}

/**
 * Turns configuration text into the model. Whatever goes wrong comes out as a
 * ConfigurationError with a file and line, never as a crash of some other kind.
 */
export function parseConfigText(text: string, file: string, format: ConfigFormat, variables: Variables): ConfigModel {
  try {
    if (format === 'properties') {
      const doc = PropertiesDocument.parse(text, file);
      // java.util.Properties reads any bytes as some keys: without a log4j.* key the
      // file is empty, half-written or something else, and would switch logging off.
      if (isLog4j2Properties(doc)) return log4j2PropertiesToModel(doc, variables);
      if (!doc.keys().some((key) => key.startsWith('log4j.'))) {
        throw new ConfigurationError('has no log4j.* entry: the file is empty or not a log4j configuration', file, 1);
      }
      return propertiesToModel(doc, variables);
    }
    if (format === 'xml') return xmlConfigToModel(text, file, variables);
    const data = parseStructuredText(text, format, file);
    if (isLog4j2Tree(data)) return log4j2TreeToModel(data, text, file, variables);
    return objectToModel(data, { origin: file, text, format, ...variables });
  } catch (cause) {
    if (cause instanceof ConfigurationError) throw cause;
    throw new ConfigurationError(`cannot be read as ${format}: ${cause instanceof Error ? cause.message : String(cause)}`, file, 1);
  }
}

/** A configuration given in code, in the YAML/JSON shape. */
export function objectConfigToModel(config: object, variables: Variables): ConfigModel {
  return objectToModel(config, { origin: '<object>', text: '', format: 'object', ...variables });
}
