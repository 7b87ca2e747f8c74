import { basename } from 'node:path';
import { ConfigurationError } from '../configuration-error.js';
import type { Variables } from '../load.js';
import { log4j2ToModel } from '../log4j2/log4j2-xml.js';
import { logbackToModel } from '../logback/logback-xml.js';
import type { ConfigModel } from '../model.js';
import { XmlDocument } from './xml-document.js';

export type XmlDialect = 'log4j2' | 'logback';

/**
 * Which configuration an XML document is. The content decides when it can
 * (`<Appenders>` / `<Loggers>` are Log4j 2's, `<appender>` / `<logger>` / `<root>`
 * logback's), else the file name (`log4j2*.xml`, `logback*.xml`), else the root
 * element's case (`<Configuration>` Log4j 2, `<configuration>` logback).
 */
export function dialectOf(document: XmlDocument): XmlDialect {
  const { root, file } = document;
  if (root.name.toLowerCase() !== 'configuration') {
    const what = root.name.includes('log4j:') ? 'a log4j 1.2 XML configuration (use log4j.properties)' : `<${root.name}>`;
    throw new ConfigurationError(`is ${what}, not a Log4j 2 or logback configuration`, file, root.line, undefined, root.column);
  }
  const tags = new Set(root.children.map((child) => child.name.toLowerCase()));
  if (tags.has('appenders') || tags.has('loggers')) return 'log4j2';
  if (tags.has('appender') || tags.has('logger') || tags.has('root')) return 'logback';
  const name = basename(file).toLowerCase();
  if (name.startsWith('log4j2')) return 'log4j2';
  if (name.startsWith('logback')) return 'logback';
  return root.name === 'Configuration' ? 'log4j2' : 'logback';
}

/** Log4j 2 or logback XML text into the model. */
export function xmlConfigToModel(text: string, file: string, variables: Variables): ConfigModel {
  const document = XmlDocument.parse(text, file);
  return dialectOf(document) === 'log4j2' ? log4j2ToModel(document, variables) : logbackToModel(document, variables);
}
