import type { Level } from '../../level.js';
import { editConfigFile } from '../config-file-edit.js';
import { escapeProperty } from '../properties/escape.js';
import { withLoggerLevel } from '../properties/logger-level-edit.js';
import { PropertiesDocument, type PropertyEntry } from '../properties/properties-document.js';
import { isLog4j2Properties } from './log4j2-properties.js';

/** The raw value with its first `LEVEL` token (before any `, ref`) replaced, spacing kept. */
function withLevelToken(raw: string, level: string): string {
  const comma = raw.indexOf(',');
  const head = comma < 0 ? raw : raw.slice(0, comma);
  const token = head.trim();
  if (token === '') return level + raw;
  const at = head.indexOf(token);
  return raw.slice(0, at) + level + raw.slice(at + token.length);
}

/**
 * A Log4j 2 properties file's text with one logger's level changed, every other byte
 * kept: `rootLogger.level` / `logger.<id>.level` of the logger whose `logger.<id>.name`
 * it is (or the LEVEL of the short forms `rootLogger = LEVEL, ref`), else a
 * `logger.<id>.level` line after its name, else `logger.<id>.name` and `.level` lines
 * after the last logger entry. INHERITED (null) removes the level line: Log4j 2 has no
 * word for it.
 */
export function withLog4j2PropertiesLevel(doc: PropertiesDocument, loggerName: string, level: Level | null): string {
  if (loggerName === 'root' && level === null) throw new Error('the root logger cannot inherit a level');
  const word = level === null ? '' : level.name;
  const text = doc.text;
  const raw = (entry: PropertyEntry): string => text.slice(entry.valueStart, entry.end);
  const remove = (entry: PropertyEntry): string => text.slice(0, entry.start) + text.slice(entry.next);
  let prefix: string | undefined;
  if (loggerName === 'root') {
    prefix = 'rootLogger';
  } else {
    const named = doc.keys().filter((key) => /^logger\.[^.]+\.name$/.test(key) && doc.get(key)!.trim() === loggerName).pop();
    if (named) prefix = named.slice(0, -'.name'.length);
  }
  if (prefix) {
    const levelEntry = doc.entry(`${prefix}.level`);
    if (levelEntry) return level === null ? remove(levelEntry) : doc.replaceRawValue(levelEntry, escapeProperty(word, 'value'));
    const shorthand = doc.entry(prefix);
    if (shorthand) return doc.replaceRawValue(shorthand, withLevelToken(raw(shorthand), word));
    if (level === null) return text;
    const after = doc.entry(`${prefix}.name`) ?? doc.entries.filter((entry) => entry.key.startsWith(`${prefix}.`)).pop() ?? null;
    return doc.insertLineAfter(after, `${prefix}.level = ${word}`);
  }
  if (level === null) return text;
  const taken = new Set(doc.keys().filter((key) => key.startsWith('logger.')).map((key) => key.split('.')[1]));
  const base = loggerName.replace(/[^A-Za-z0-9_]/g, '_');
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  const last = doc.entries.filter((entry) => entry.key.startsWith('logger.') || entry.key.startsWith('rootLogger')).pop() ?? null;
  const withName = PropertiesDocument.parse(doc.insertLineAfter(last, `logger.${id}.name = ${escapeProperty(loggerName, 'value')}`), doc.file);
  return withName.insertLineAfter(withName.entry(`logger.${id}.name`)!, `logger.${id}.level = ${word}`);
}

/**
 * Writes a level into a .properties configuration in place, atomically, whichever
 * form it has: Log4j 2's (withLog4j2PropertiesLevel) or log4j 1.2's (withLoggerLevel),
 * told apart on the text that is edited, read and parsed once.
 */
export function writePropertiesLevel(file: string, loggerName: string, level: Level | null): { before: string; after: string } {
  return editConfigFile(file, (text) => {
    const doc = PropertiesDocument.parse(text, file);
    return isLog4j2Properties(doc) ? withLog4j2PropertiesLevel(doc, loggerName, level) : withLoggerLevel(doc, loggerName, level);
  });
}
