import { unserializable } from '../../../src/event-fields.js';

/** How deep nested objects and arrays are printed before `[...]` stands for the rest. */
const MAX_DEPTH = 8;
/** More values than this make the text a marker: ten arrays of ten, each the same array again, hold 10^8. */
const MAX_VALUES = 100_000;

/** One printing: the objects on the current path (a cycle is `[...]`) and the values it may still print. */
interface Walk {
  readonly seen: Set<object>;
  left: number;
}

/**
 * The text, or `[Unserializable: reason]` when a value cannot be read (a revoked
 * Proxy, a throwing getter) or holds more than 100,000 values: never an exception
 * out of a layout, which would lose the line.
 */
function guarded(print: (walk: Walk) => string): string {
  try {
    return print({ seen: new Set(), left: MAX_VALUES });
  } catch (cause) {
    return unserializable(cause);
  }
}

/**
 * A value as Log4j 2's ParameterFormatter.recursiveDeepToString prints it: strings
 * as they are, arrays `[a, b]`, objects `{k=v, k2=v2}`; an object met again inside
 * itself, or nested deeper than 8 levels, is `[...]`.
 */
export function javaValueText(value: unknown): string {
  return guarded((walk) => valueText(value, walk, 0));
}

/**
 * A map as Log4j 2 prints a MapMessage or the context map (MapFormat.JAVA_UNQUOTED):
 * `{key=value, key2=value2}`, keys in sorted order as Log4j 2 keeps them, `{}` when empty.
 */
export function javaMapText(map: Readonly<Record<string, unknown>>): string {
  return guarded((walk) => mapText(map, walk, 0));
}

function valueText(value: unknown, walk: Walk, depth: number): string {
  if (--walk.left < 0) throw new Error(`more than ${MAX_VALUES} values`);
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return typeof value === 'function' ? `[function ${value.name}]` : String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  if (walk.seen.has(value) || depth >= MAX_DEPTH) return '[...]';
  walk.seen.add(value);
  let text: string;
  if (Array.isArray(value)) {
    text = '[' + value.map((item) => valueText(item, walk, depth + 1)).join(', ') + ']';
  } else if (value instanceof Map) {
    text = '{' + [...value].map(([k, v]) => `${valueText(k, walk, depth + 1)}=${valueText(v, walk, depth + 1)}`).join(', ') + '}';
  } else {
    text = mapText(value as Record<string, unknown>, walk, depth + 1);
  }
  walk.seen.delete(value);
  return text;
}

function mapText(map: Readonly<Record<string, unknown>>, walk: Walk, depth: number): string {
  const keys = Object.keys(map).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    out += (i === 0 ? '' : ', ') + key + '=' + valueText(map[key], walk, depth);
  }
  return out + '}';
}
