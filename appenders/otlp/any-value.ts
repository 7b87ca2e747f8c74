import { jsonString } from '../../layouts/json-string.js';
import { errorType, stackTraceText } from '../../layouts/throwable.js';
import { unserializable } from '../../src/event-fields.js';

/** Deeper than this a value is sent as a marker: a value built to nest without end cannot exhaust the stack. */
const MAX_DEPTH = 10;
/**
 * More values than this in one field make it a marker: ten arrays of ten, each the
 * same array again, are 110 objects that hold 10^10 values.
 */
const MAX_VALUES = 100_000;

/**
 * A structured field's value as an OTLP/JSON AnyValue (`{"stringValue":...}`,
 * `{"intValue":...}`, `{"kvlistValue":{"values":[...]}}` ...), as OpenTelemetry's
 * own JSON serializer maps JavaScript values, and where it has nothing sensible to
 * say: a Date is its ISO text, an Error `{type, message, stacktrace}`, a BigInt
 * an exact intValue, an integer beyond 2^53 a doubleValue, NaN and the infinities
 * the proto3 JSON strings, a cycle `"[Circular]"`, nesting deeper than 10
 * `"[Too deep]"`. Never throws: a getter or toJSON that does makes the value
 * `"[Unserializable: reason]"`, and so does one of more than 100,000 values.
 * Undefined, null, functions and symbols are the empty AnyValue `{}`.
 */
export function anyValue(value: unknown): string {
  try {
    return write(value, 0, [], { left: MAX_VALUES });
  } catch (error) {
    return stringValue(unserializable(error));
  }
}

function stringValue(text: string): string {
  return '{"stringValue":' + jsonString(text) + '}';
}

function write(value: unknown, depth: number, path: object[], budget: { left: number }): string {
  if (--budget.left < 0) throw new Error(`more than ${MAX_VALUES} values`);
  switch (typeof value) {
    case 'string': return stringValue(value);
    case 'number':
      if (Number.isSafeInteger(value)) return '{"intValue":' + value + '}';
      if (Number.isFinite(value)) return '{"doubleValue":' + value + '}';
      return '{"doubleValue":"' + (Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity') + '"}';
    case 'boolean': return '{"boolValue":' + value + '}';
    case 'bigint': return '{"intValue":"' + value.toString() + '"}';
    case 'undefined':
    case 'function':
    case 'symbol': return '{}';
  }
  if (value === null) return '{}';
  const object = value as object;
  if (path.includes(object)) return stringValue('[Circular]');
  if (depth >= MAX_DEPTH) return stringValue('[Too deep]');
  if (object instanceof Uint8Array) return '{"bytesValue":"' + Buffer.from(object.buffer, object.byteOffset, object.byteLength).toString('base64') + '"}';
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? '{}' : stringValue(object.toISOString());
  if (object instanceof Error) {
    return kvlist([['type', stringValue(errorType(object))], ['message', stringValue(String(object.message))], ['stacktrace', stringValue(stackTraceText(object))]]);
  }
  const toJSON = (object as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return write(toJSON.call(object), depth, path, budget);
  path.push(object);
  let out: string;
  if (Array.isArray(object) || object instanceof Set) {
    const values: string[] = [];
    for (const item of object) values.push(write(item, depth + 1, path, budget));
    out = '{"arrayValue":{"values":[' + values.join(',') + ']}}';
  } else {
    const members: [string, string][] = [];
    const entries: Iterable<[unknown, unknown]> = object instanceof Map ? object : Object.entries(object);
    for (const [key, member] of entries) members.push([String(key), write(member, depth + 1, path, budget)]);
    out = kvlist(members);
  }
  path.pop();
  return out;
}

function kvlist(members: readonly [string, string][]): string {
  return '{"kvlistValue":{"values":[' + members.map(([key, value]) => '{"key":' + jsonString(key) + ',"value":' + value + '}').join(',') + ']}}';
}
