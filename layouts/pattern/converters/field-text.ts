import { fieldValue, unserializable, type EventFields } from '../../../src/event-fields.js';
import { jsonValue } from '../../json-value.js';

/*
 * The text of the last fields object's values that needed rendering (objects,
 * arrays, Errors, Dates). Converters of one line, and the layouts of one event,
 * run one after the other, so one entry is enough for each such value to be
 * rendered once per event; an event's fields object is new for each call that
 * gives fields (see eventFields), so the identity cannot hold stale values.
 */
let renderedOf: EventFields | undefined;
let rendered: Map<string, string> | undefined;

function render(value: object): string {
  try {
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  } catch (cause) {
    // A revoked Proxy (a stale immer draft) or a throwing getter: marked as jsonValue marks it, the line still written.
    return unserializable(cause);
  }
  return jsonValue(value) ?? '';
}

/**
 * A field's value as pattern text, or undefined when the event has no such field:
 * a string as it is (the layout treats it as it treats the message), a number,
 * boolean or BigInt as JavaScript prints it, null as `null`, an Error as
 * `Name: message`, a Date in ISO 8601, any other object as one line of JSON.
 */
export function fieldText(fields: EventFields, key: string): string | undefined {
  const value = fieldValue(fields, key);
  switch (typeof value) {
    case 'string': return value;
    case 'undefined': return undefined;
    case 'number':
    case 'boolean':
    case 'bigint': return String(value);
    case 'function':
    case 'symbol': return undefined;
  }
  if (value === null) return 'null';
  if (renderedOf !== fields) {
    renderedOf = fields;
    rendered = new Map();
  }
  let text = rendered!.get(key);
  if (text === undefined) {
    text = render(value as object);
    rendered!.set(key, text);
  }
  return text;
}

/** Blanks, quotes, `=`, backslashes, controls and line ends: what a logfmt reader needs quoted. */
const NEEDS_QUOTES = /[\s"=\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** A logfmt key or string value: as it is when it needs no quotes, else a JSON string (every line break escaped). */
function logfmtText(text: string): string {
  return text !== '' && !NEEDS_QUOTES.test(text) ? text : JSON.stringify(text).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/**
 * All of an event's fields as logfmt-style `key=value` pairs separated by blanks, in
 * the fields' order: a key or string value in double quotes (JSON escapes) when it is
 * empty or has a blank, quote, `=`, backslash or control character, so no value can
 * break the line or pass for another pair; numbers, booleans and null bare; objects,
 * arrays and Errors as in fieldText, quoted where they need it. '' without fields.
 */
export function fieldsText(fields: EventFields): string {
  let out = '';
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    const text = fieldText(fields, key);
    if (text === undefined) continue;
    out += (out === '' ? '' : ' ') + logfmtText(key) + '=' + (typeof value === 'string' || typeof value === 'object' && value !== null ? logfmtText(text) : text);
  }
  return out;
}
