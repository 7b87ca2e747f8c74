import { isDeepStrictEqual } from 'node:util';
import type { Level } from '../level.js';
import { editConfigFile } from './config-file-edit.js';
import { isLog4j2Tree } from './log4j2/log4j2-tree.js';
import { parseStructuredText } from './yaml-json.js';

/** A key written without quotes; anything else is written double-quoted (valid YAML, as JSON). */
const PLAIN_KEY = /^[A-Za-z0-9_$][A-Za-z0-9_.$-]*$/;

interface Line {
  /** The text without its line break. */
  text: string;
  /** The line break as it was ('' for a last line without one). */
  eol: string;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const pattern = /([^\r\n]*)(\r\n|\n|\r|$)/g;
  for (let match = pattern.exec(text); match !== null && match.index < text.length; match = pattern.exec(text)) {
    lines.push({ text: match[1]!, eol: match[2]! });
    if (match[2] === '') break;
  }
  return lines;
}

const indentOf = (text: string): number => text.length - text.trimStart().length;
const isContent = (text: string): boolean => text.trim() !== '' && !text.trimStart().startsWith('#');

function keyPattern(key: string): RegExp {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^(\\s*)(?:${escaped}|"${escaped}"|'${escaped}')\\s*:(?=\\s|$)`);
}

/**
 * The line with the first token of the value after `key:` (which ends at colonEnd)
 * replaced by the level: quotes, the appenders after it and a comment stay.
 */
function replaceLevelToken(text: string, colonEnd: number, levelText: string): string {
  const rest = text.slice(colonEnd);
  // The level is the value's first token: `INFO`, `"INFO, console"`, `null`, `~`.
  const [whole, space, quote] = /^(\s*)(["']?)([^,"'#\s]*)/.exec(rest)! as unknown as [string, string, string];
  return text.slice(0, colonEnd) + (space === '' ? ' ' : space) + quote + levelText + rest.slice(whole.length);
}

/** The end (exclusive) of the block of lines indented deeper than `indent` that follows line `from`. */
function blockEnd(lines: Line[], from: number, indent: number): number {
  let end = from + 1;
  for (let i = from + 1; i < lines.length; i++) {
    const text = lines[i]!.text;
    if (!isContent(text)) continue;
    if (indentOf(text) <= indent) break;
    end = i + 1;
  }
  return end;
}

/** The value of `key:` on a line: the text after the colon without a trailing comment. */
function inlineValue(text: string, colonEnd: number): string {
  return text.slice(colonEnd).replace(/\s#.*$/, '').trim();
}

/** The level part of a logger's setting as the YAML reader reads it. */
function levelPart(value: unknown): unknown {
  if (typeof value === 'string') return value.split(',')[0]!.trim().toUpperCase();
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const level = (value as Record<string, unknown>).level;
    return typeof level === 'string' ? level.trim().toUpperCase() : level;
  }
  return value;
}

/** A logger's setting without its level, to check that nothing else of it changed. */
function withoutLevel(value: unknown): unknown {
  if (typeof value === 'string') return value.split(',').slice(1).map((ref) => ref.trim());
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const { level: _, ...rest } = value as Record<string, unknown>;
    return rest;
  }
  return [];
}

/**
 * The YAML configuration text with one logger's level set (null: INHERITED), every
 * other byte kept: the level token of `root:` or of the logger's entry under
 * `loggers:` (shorthand `INFO, console` or a `level:` key) is replaced, or a line
 * is added. Block style only; the result is read back and must differ from the
 * original in that level alone, else nothing is written and the error says why.
 */
export function withYamlLoggerLevel(text: string, file: string, loggerName: string, level: Level | null): string {
  const refuse = (why: string): never => {
    throw new Error(`Cannot write the level of "${loggerName}" into ${file}: ${why}`);
  };
  const data = parseStructuredText(text, 'yaml', file);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) refuse('it is not a mapping');
  if (isLog4j2Tree(data)) refuse('levels are not written back into Log4j 2\'s YAML form; change it by hand');
  const isRoot = loggerName === 'root';
  const levelText = level === null ? 'INHERITED' : level.name;
  const lines = splitLines(text);
  const eol = lines.find((line) => line.eol !== '')?.eol ?? '\n';
  const insertAfter = (index: number, newText: string): void => {
    const at = lines[index]!;
    if (at.eol === '') at.eol = eol;
    lines.splice(index + 1, 0, { text: newText, eol });
  };
  const append = (newLines: string[]): void => {
    if (lines.length > 0 && lines[lines.length - 1]!.eol === '') lines[lines.length - 1]!.eol = eol;
    for (const newText of newLines) lines.push({ text: newText, eol });
  };
  const key = PLAIN_KEY.test(loggerName) ? loggerName : JSON.stringify(loggerName);

  /** Sets the level of the entry whose key is on line `index` at `indent`. */
  const setEntry = (index: number, indent: number, colonEnd: number): void => {
    const line = lines[index]!;
    const value = inlineValue(line.text, colonEnd);
    if (value.startsWith('{') || value.startsWith('[') || value.startsWith('|') || value.startsWith('>') || value.startsWith('&') || value.startsWith('*')) {
      refuse(`its entry on line ${index + 1} is not a plain value or a block mapping`);
    }
    const end = blockEnd(lines, index, indent);
    if (value !== '' || end === index + 1) {
      line.text = replaceLevelToken(line.text, colonEnd, levelText);
      return;
    }
    const childIndent = indentOf(lines.slice(index + 1, end).find((child) => isContent(child.text))!.text);
    for (let i = index + 1; i < end; i++) {
      const child = lines[i]!;
      if (indentOf(child.text) !== childIndent) continue;
      const match = keyPattern('level').exec(child.text);
      if (match) {
        child.text = replaceLevelToken(child.text, match[0].length, levelText);
        return;
      }
    }
    insertAfter(index, `${' '.repeat(childIndent)}level: ${levelText}`);
  };

  const topLevel = (name: string): { index: number; colonEnd: number } | null => {
    const pattern = keyPattern(name);
    for (let i = 0; i < lines.length; i++) {
      const match = pattern.exec(lines[i]!.text);
      if (match && match[1] === '') return { index: i, colonEnd: match[0].length };
    }
    return null;
  };

  if (isRoot) {
    const root = topLevel('root');
    if (root) setEntry(root.index, 0, root.colonEnd);
    else append([`root: ${levelText}`]);
  } else {
    const loggers = topLevel('loggers');
    if (!loggers) {
      append(['loggers:', `  ${key}: ${levelText}`]);
    } else {
      if (inlineValue(lines[loggers.index]!.text, loggers.colonEnd) !== '') refuse(`"loggers" on line ${loggers.index + 1} is not a block mapping`);
      const end = blockEnd(lines, loggers.index, 0);
      const first = lines.slice(loggers.index + 1, end).find((line) => isContent(line.text));
      if (!first) {
        insertAfter(loggers.index, `  ${key}: ${levelText}`);
      } else {
        const indent = indentOf(first.text);
        const pattern = keyPattern(loggerName);
        let found = false;
        for (let i = loggers.index + 1; i < end; i++) {
          const match = pattern.exec(lines[i]!.text);
          if (match && match[1]!.length === indent) {
            setEntry(i, indent, match[0].length);
            found = true;
            break;
          }
        }
        if (!found) insertAfter(end - 1, `${' '.repeat(indent)}${key}: ${levelText}`);
      }
    }
  }

  const after = lines.map((line) => line.text + line.eol).join('');
  checkOnlyLevelChanged(data as Record<string, unknown>, parseStructuredText(after, 'yaml', file), loggerName, levelText, refuse);
  return after;
}

function checkOnlyLevelChanged(
  before: Record<string, unknown>, afterData: unknown, loggerName: string, levelText: string, refuse: (why: string) => never,
): void {
  const after = afterData as Record<string, unknown>;
  const entryOf = (data: Record<string, unknown>): unknown => loggerName === 'root'
    ? data.root
    : (data.loggers as Record<string, unknown> | undefined)?.[loggerName];
  const rest = (data: Record<string, unknown>): unknown => {
    if (loggerName === 'root') {
      const { root: _, ...others } = data;
      return others;
    }
    const { [loggerName]: _, ...loggers } = (data.loggers as Record<string, unknown> | null | undefined) ?? {};
    return { ...data, loggers };
  };
  const afterEntry = entryOf(after);
  const beforeEntry = entryOf(before);
  const ok = levelPart(afterEntry) === levelText
    && isDeepStrictEqual(rest(after), rest(before))
    && (beforeEntry === undefined || beforeEntry === null || isDeepStrictEqual(withoutLevel(afterEntry), withoutLevel(beforeEntry)));
  if (!ok) refuse('the file is laid out in a way this edit cannot follow; change it by hand');
}

/** Writes one logger's level into a YAML configuration in place, atomically, only when the text changes. */
export function writeYamlLoggerLevel(file: string, loggerName: string, level: Level | null): { before: string; after: string } {
  return editConfigFile(file, (text) => withYamlLoggerLevel(text, file, loggerName, level));
}
