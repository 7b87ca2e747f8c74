import { unserializable } from '../src/event-fields.js';
import { jsonString } from './json-string.js';
import { errorType, stackTraceText } from './throwable.js';

/** Deeper than this, a value is written as a marker: a value built to nest without end cannot exhaust the stack. */
const MAX_DEPTH = 10;
/**
 * More values than this in one field make it a marker: ten arrays of ten, each the
 * same array again, are 110 objects that write 10^10 values.
 */
const MAX_VALUES = 100_000;

/**
 * Any value a caller attached to an event (a structured field), as JSON text on one
 * line, or undefined where JSON.stringify would leave the member out (undefined, a
 * function, a symbol). Unlike JSON.stringify it never throws: a cycle is written as
 * `"[Circular]"`, a nesting deeper than 10 as `"[Too deep]"`, a BigInt as the
 * exact number, an Error as `{type, message, stack_trace}` (ECS's error fields), a
 * Map as an object and a Set as an array; a getter or toJSON that throws makes the
 * value `"[Unserializable: reason]"`, and so does one of more than 100,000 values.
 */
export function jsonValue(value: unknown): string | undefined {
  try {
    return write(value, 0, [], { left: MAX_VALUES });
  } catch (error) {
    return jsonString(unserializable(error));
  }
}

function write(value: unknown, depth: number, path: object[], budget: { left: number }): string | undefined {
  if (--budget.left < 0) throw new Error(`more than ${MAX_VALUES} values`);
  switch (typeof value) {
    case 'string': return jsonString(value);
    case 'number': return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean': return value ? 'true' : 'false';
    case 'bigint': return value.toString();
    case 'undefined':
    case 'function':
    case 'symbol': return undefined;
  }
  if (value === null) return 'null';
  const object = value as object;
  if (path.includes(object)) return '"[Circular]"';
  if (depth >= MAX_DEPTH) return '"[Too deep]"';
  if (object instanceof Error) {
    return `{"type":${jsonString(errorType(object))},"message":${jsonString(String(object.message))},"stack_trace":${jsonString(stackTraceText(object))}}`;
  }
  const toJSON = (object as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return write(toJSON.call(object), depth, path, budget);
  path.push(object);
  let out: string;
  if (Array.isArray(object) || object instanceof Set) {
    out = '[';
    let first = true;
    for (const item of object) {
      out += (first ? '' : ',') + (write(item, depth + 1, path, budget) ?? 'null');
      first = false;
    }
    out += ']';
  } else {
    const entries: Iterable<[unknown, unknown]> = object instanceof Map ? object : Object.entries(object);
    out = '{';
    for (const [key, member] of entries) {
      const json = write(member, depth + 1, path, budget);
      if (json === undefined) continue;
      out += (out.length === 1 ? '' : ',') + jsonString(String(key)) + ':' + json;
    }
    out += '}';
  }
  path.pop();
  return out;
}
