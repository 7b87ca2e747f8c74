import { isDeepStrictEqual } from 'node:util';
import type { Level } from '../../level.js';
import { log4j2JsonLevelPlan, log4j2LevelOf } from '../log4j2/log4j2-json-level-edit.js';
import { isLog4j2Tree } from '../log4j2/log4j2-tree.js';
import { parseStructuredText, TOP_LEVEL } from '../yaml-json.js';
import { effectiveMembers, JsonDocument, type JsonMember, type JsonObject } from './json-document.js';
import { applyEdits, JsonLayout } from './json-layout.js';
import { withValueAt, type JsonLevelPlan, type JsonPath, type Refuse } from './json-level-plan.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const own = (value: unknown, key: string): unknown => (isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined);

/**
 * The JSON configuration text with one logger's level set (null: inherit), every
 * other byte kept. logwarden's JSON form (the YAML form's keys, see yaml-json.ts):
 * the level of `root` or of the logger's entry under `loggers` (`"INFO, console"`,
 * null, or an object's `level`) is replaced, or the entry (or `loggers`) added at the
 * end of its object; INHERITED is written as a word. Log4j 2's JSON form: see
 * log4j2JsonLevelPlan. The result is read back and must be the original with that
 * change alone, else nothing is written and the error says why.
 */
export function withJsonLoggerLevel(text: string, file: string, loggerName: string, level: Level | null): string {
  const refuse: Refuse = (why) => {
    throw new Error(`Cannot write the level of "${loggerName}" into ${file}: ${why}`);
  };
  const data = parseStructuredText(text, 'json', file);
  if (loggerName === 'root' && level === null) refuse('the root logger cannot inherit a level');
  const log4j2 = isLog4j2Tree(data);
  if (!log4j2 && !(isRecord(data) && Object.keys(data).some((key) => TOP_LEVEL.has(key)))) {
    refuse(`it has none of the keys ${[...TOP_LEVEL].join(', ')}, nor Log4j 2's Configuration: not a logging configuration`);
  }
  const doc = JsonDocument.parse(text, file);
  const plan = log4j2 ? log4j2JsonLevelPlan(doc, loggerName, level, refuse) : levelPlan(doc, loggerName, level, refuse);
  if (!plan) return text;
  const after = applyEdits(text, plan.edits);
  const meant = log4j2 ? level?.name : (level?.name ?? 'INHERITED');
  let reread: unknown;
  try {
    reread = parseStructuredText(after, 'json', file);
  } catch {
    refuse('the edited text would not be valid JSON; change it by hand');
  }
  const reads = log4j2 ? log4j2LevelOf(reread, loggerName) : levelOf(reread, loggerName);
  if (reads !== meant || !isDeepStrictEqual(reread, withValueAt(data, plan.path, plan.value))) {
    refuse('the file is laid out in a way this edit cannot follow; change it by hand');
  }
  return after;
}

/** The member JSON.parse keeps for a key. */
const memberOf = (object: JsonObject, key: string): JsonMember | undefined =>
  effectiveMembers(object).find((member) => member.key === key);

/** A level string's first token replaced: `DEBUG, console` -> `TRACE, console`. */
const withLevelToken = (value: string, word: string): string => value.replace(/^(\s*)[^,\s]*/, (_, blanks: string) => blanks + word);

function levelPlan(doc: JsonDocument, loggerName: string, level: Level | null, refuse: Refuse): JsonLevelPlan {
  const layout = new JsonLayout(doc);
  const top = doc.root as JsonObject;
  const word = level === null ? 'INHERITED' : level.name;

  const entryPlan = (entry: JsonMember, path: JsonPath): JsonLevelPlan => {
    const node = entry.value;
    if (node.kind === 'scalar' && typeof node.value === 'string') {
      const raw = doc.text.slice(node.start + 1, node.end - 1);
      return { edits: [layout.replace(node, `"${withLevelToken(raw, word)}"`)], path, value: withLevelToken(node.value, word) };
    }
    if (node.kind === 'scalar' && node.value === null) return { edits: [layout.replace(node, JSON.stringify(word))], path, value: word };
    if (node.kind === 'object') {
      const current = memberOf(node, 'level');
      if (!current) return { edits: [layout.insertMember(node, 'level', () => JSON.stringify(word))], path: [...path, 'level'], value: word };
      if (current.value.kind === 'scalar' && (typeof current.value.value === 'string' || current.value.value === null)) {
        return { edits: [layout.replace(current.value, JSON.stringify(word))], path: [...path, 'level'], value: word };
      }
    }
    return refuse(`its entry on line ${doc.lineOf(entry.keyStart)} is not a level string, null or an object with a level string`);
  };

  if (loggerName === 'root') {
    const root = memberOf(top, 'root');
    if (root) return entryPlan(root, ['root']);
    return { edits: [layout.insertMember(top, 'root', () => JSON.stringify(word))], path: ['root'], value: word };
  }
  const loggers = memberOf(top, 'loggers');
  if (!loggers) {
    const value = layout.object.bind(layout, [[loggerName, word]], layout.isMultiline(top));
    return { edits: [layout.insertMember(top, 'loggers', value)], path: ['loggers'], value: { [loggerName]: word } };
  }
  if (loggers.value.kind !== 'object') return refuse(`"loggers" on line ${doc.lineOf(loggers.keyStart)} is not an object`);
  const entry = memberOf(loggers.value, loggerName);
  if (entry) return entryPlan(entry, ['loggers', loggerName]);
  return { edits: [layout.insertMember(loggers.value, loggerName, () => JSON.stringify(word))], path: ['loggers', loggerName], value: word };
}

/** The level word a logger's entry gives it, as the reader reads it (INHERITED for null). */
function levelOf(data: unknown, loggerName: string): string | undefined {
  const entry = loggerName === 'root' ? own(data, 'root') : own(own(data, 'loggers'), loggerName);
  const levelText = isRecord(entry) ? own(entry, 'level') : entry;
  if (levelText === null) return 'INHERITED';
  return typeof levelText === 'string' ? levelText.split(',')[0]!.trim().toUpperCase() : undefined;
}
