import type { Level } from '../../level.js';
import { effectiveMembers, type JsonDocument, type JsonMember, type JsonObject } from '../json/json-document.js';
import { JsonLayout } from '../json/json-layout.js';
import type { JsonLevelPlan, JsonPath, Refuse } from '../json/json-level-plan.js';

const ROOTS = ['root', 'asyncroot'];
const LOGGERS = ['logger', 'asynclogger'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A logger's element: an object, and where it is in the parsed data. */
interface Element {
  readonly node: JsonObject;
  readonly path: JsonPath;
}

/** The members whose key is `name` in any case, as Log4j 2 matches names. */
const named = (object: JsonObject, name: string): JsonMember[] =>
  effectiveMembers(object).filter((member) => member.key.toLowerCase() === name);

/** The elements a key stands for, as log4j2TreeToModel reads them: an object, or each object of a list. */
function elementsOf(member: JsonMember, parent: JsonPath): Element[] {
  const { value } = member;
  if (value.kind === 'object') return [{ node: value, path: [...parent, member.key] }];
  if (value.kind !== 'array') return [];
  return value.items.flatMap((item, i) => (item.kind === 'object' ? [{ node: item, path: [...parent, member.key, i] }] : []));
}

/** An attribute as the tree reader makes one: the first key of that name in any case with a scalar. */
function attributeOf(element: JsonObject, name: string): string | undefined {
  const member = named(element, name).find((candidate) => candidate.value.kind === 'scalar' && candidate.value.value !== null);
  return member?.value.kind === 'scalar' ? String(member.value.value) : undefined;
}

/**
 * How Log4j 2's JSON form takes a logger's level, as the XML editor does it in
 * log4j2.xml: in the last `Logger`/`AsyncLogger` (under `Loggers`) with that name, or
 * the last `Root`/`AsyncRoot`, only the `level` value changes (added after `name`
 * when missing; removed to inherit, Log4j 2 having no word for it). A logger the file
 * does not name is added to the `Logger` list (a single `Logger` object becomes a
 * list of it and the new one), else as a `Logger` key after the last entry of
 * `Loggers`, in the case the file writes its keys in. Null: nothing to change.
 */
export function log4j2JsonLevelPlan(doc: JsonDocument, loggerName: string, level: Level | null, refuse: Refuse): JsonLevelPlan | null {
  const layout = new JsonLayout(doc);
  const lineOf = (member: JsonMember): number => doc.lineOf(member.keyStart);
  const configuration = effectiveMembers(doc.root as JsonObject)[0]!;
  const containers = named(configuration.value as JsonObject, 'loggers');
  if (containers.length === 0) return refuse('it has no Loggers to write the level into; add one by hand');
  if (containers.length > 1) return refuse(`it has ${containers.length} Loggers keys (lines ${containers.map(lineOf).join(', ')}); keep one`);
  const container = containers[0]!;
  if (container.value.kind !== 'object') return refuse(`"${container.key}" on line ${lineOf(container)} is not an object`);
  const loggers = container.value;
  const base = [configuration.key, container.key];
  const isRoot = loggerName === 'root';
  const kinds = isRoot ? ROOTS : LOGGERS;
  const elements = effectiveMembers(loggers).filter((member) => kinds.includes(member.key.toLowerCase())).flatMap((member) => elementsOf(member, base));
  const target = (isRoot ? elements : elements.filter((element) => attributeOf(element.node, 'name') === loggerName)).pop();

  if (target) {
    const levels = named(target.node, 'level');
    if (levels.length > 1) return refuse(`the logger on line ${doc.lineOf(target.node.start)} has ${levels.length} level keys; keep one`);
    const [current] = levels;
    if (current && level === null) return { edits: [layout.removeMember(target.node, current)], path: [...target.path, current.key], value: undefined };
    if (current && current.value.kind !== 'scalar') return refuse(`the level on line ${lineOf(current)} is not a single value`);
    if (current) return { edits: [layout.replace(current.value, JSON.stringify(level!.name))], path: [...target.path, current.key], value: level!.name };
    if (level === null) return null;
    const after = named(target.node, 'name')[0];
    return { edits: [layout.insertMember(target.node, 'level', () => JSON.stringify(level.name), after)], path: [...target.path, 'level'], value: level.name };
  }
  if (level === null) return null;

  const lowerCase = container.key[0] === container.key[0]!.toLowerCase();
  const newKey = (name: string): string => {
    const key = lowerCase ? name.toLowerCase() : name;
    const taken = effectiveMembers(loggers).find((member) => member.key === key);
    return taken ? refuse(`"${key}" on line ${lineOf(taken)} holds no logger; change it by hand`) : key;
  };
  if (isRoot) {
    const key = newKey('Root');
    const root = layout.object.bind(layout, [['level', level.name]], layout.isMultiline(loggers));
    return { edits: [layout.insertMember(loggers, key, root)], path: [...base, key], value: { level: level.name } };
  }
  const entries = [['name', loggerName], ['level', level.name]] as const;
  const value = { name: loggerName, level: level.name };
  const list = effectiveMembers(loggers).filter((member) => member.key.toLowerCase() === 'logger').pop();
  if (!list) {
    const key = newKey('Logger');
    return { edits: [layout.insertMember(loggers, key, layout.object.bind(layout, entries, layout.isMultiline(loggers)))], path: [...base, key], value };
  }
  const path = [...base, list.key];
  if (list.value.kind === 'array') {
    const sibling = list.value.items.filter((item) => item.kind === 'object').pop();
    const multiline = layout.isMultiline(sibling ?? list.value);
    return { edits: [layout.appendItem(list.value, layout.object.bind(layout, entries, multiline))], path: [...path, list.value.items.length], value };
  }
  if (list.value.kind === 'object') {
    const single: unknown = JSON.parse(doc.text.slice(list.value.start, list.value.end));
    return { edits: layout.wrapWith(list.value, layout.object.bind(layout, entries, layout.isMultiline(list.value))), path, value: [single, value] };
  }
  return refuse(`"${list.key}" on line ${lineOf(list)} is not an object or a list of them`);
}

/** The level a logger's last element gives it, as log4j2TreeToModel reads the parsed data (undefined: none). */
export function log4j2LevelOf(data: unknown, loggerName: string): string | undefined {
  const isRoot = loggerName === 'root';
  const kinds = isRoot ? ROOTS : LOGGERS;
  const attribute = (element: Record<string, unknown>, name: string): string | undefined => {
    const found = Object.entries(element).find(([key, value]) => key.toLowerCase() === name && value !== null && typeof value !== 'object');
    return found && String(found[1]);
  };
  let level: string | undefined;
  const configuration = Object.values(data as Record<string, unknown>)[0] as Record<string, unknown>;
  for (const [key, loggers] of Object.entries(configuration)) {
    if (key.toLowerCase() !== 'loggers' || !isRecord(loggers)) continue;
    for (const [kind, value] of Object.entries(loggers)) {
      if (!kinds.includes(kind.toLowerCase())) continue;
      for (const element of (Array.isArray(value) ? value : [value]).filter(isRecord)) {
        if (isRoot || attribute(element, 'name') === loggerName) level = attribute(element, 'level')?.trim().toUpperCase() || undefined;
      }
    }
  }
  return level;
}
