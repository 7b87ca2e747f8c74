import type { Level } from '../../level.js';
import { escapeProperty } from './escape.js';
import type { PropertiesDocument, PropertyEntry } from './properties-document.js';

const LOGGER_KEY = /^log4j\.(logger|category)\./;

function levelText(level: Level | null): string {
  return level === null ? 'INHERITED' : level.name;
}

/** The entry that gives `loggerName` its level (the last one, as the last duplicate wins). */
function findLoggerEntry(doc: PropertiesDocument, loggerName: string): PropertyEntry | undefined {
  if (loggerName === 'root') return doc.entry('log4j.rootLogger') ?? doc.entry('log4j.rootCategory');
  const candidates = [doc.entry(`log4j.logger.${loggerName}`), doc.entry(`log4j.category.${loggerName}`)]
    .filter((entry): entry is PropertyEntry => entry !== undefined);
  return candidates.sort((a, b) => b.start - a.start)[0];
}

/**
 * The file's text with one logger's level changed and every other byte kept. In an
 * existing entry only the level token is replaced (`DEBUG, A` keeps `, A` and its
 * spacing); a logger the file does not name gets `log4j.logger.NAME=LEVEL` after
 * the last logger entry (or at the end).
 */
export function withLoggerLevel(doc: PropertiesDocument, loggerName: string, level: Level | null): string {
  const text = doc.text;
  const entry = findLoggerEntry(doc, loggerName);
  if (!entry) {
    const line = `${escapeProperty(`log4j.logger.${loggerName}`, 'key')}=${levelText(level)}`;
    const lastLogger = [...doc.entries].reverse().find((e) => LOGGER_KEY.test(e.key))
      ?? doc.entry('log4j.rootLogger') ?? doc.entry('log4j.rootCategory') ?? null;
    return doc.insertLineAfter(lastLogger, line);
  }

  const raw = text.slice(entry.valueStart, entry.end);
  if (!raw.includes('\\')) {
    // Plain single-line value: swap the level token in place.
    const comma = raw.indexOf(',');
    const head = comma < 0 ? raw : raw.slice(0, comma);
    const token = head.trim();
    if (token === '') return doc.replaceRawValue(entry, levelText(level) + (comma < 0 ? '' : raw.slice(comma)));
    const at = head.indexOf(token);
    return doc.replaceRawValue(entry, raw.slice(0, at) + levelText(level) + raw.slice(at + token.length));
  }
  // Escapes or continuation lines: rewrite this value on one line, keeping its appender list.
  const comma = entry.value.indexOf(',');
  const rest = entry.value.startsWith(',') || entry.value === '' ? entry.value : comma < 0 ? '' : entry.value.slice(comma);
  return doc.replaceRawValue(entry, escapeProperty(levelText(level) + rest, 'value'));
}
