import { jsonValue } from '../../layouts/json-value.js';
import type { LoggingEvent } from '../../src/logging-event.js';
import { closingBrace, splitReference } from '../../src/config/variable-reference.js';

/** Text made from an event: a route key, or an attribute of an appender made for a route. */
export type EventText = (event: LoggingEvent) => string;

type Lookup = (event: LoggingEvent) => string | undefined;

const EVENT_FIELDS: Readonly<Record<string, Lookup>> = {
  level: (e) => e.level.name,
  logger: (e) => e.loggerName,
  threadname: (e) => e.threadName,
  message: (e) => e.message,
  timestamp: (e) => String(Math.floor(e.timestamp)),
};

function fieldText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  // jsonValue, not JSON.stringify: a cycle or a BigInt inside must not throw and drop the event.
  return typeof value === 'string' ? value : typeof value === 'object' ? jsonValue(value) : String(value);
}

/** The run-time lookup `prefix:key`, or undefined when logwarden has no such lookup. */
function lookupFor(prefix: string, key: string): Lookup | undefined {
  if (prefix === 'ctx') return (e) => (Object.prototype.hasOwnProperty.call(e.mdc, key) ? e.mdc[key] : undefined);
  if (prefix === 'map') return (e) => (e.fields && Object.prototype.hasOwnProperty.call(e.fields, key) ? fieldText(e.fields[key]) : undefined);
  if (prefix === 'event') return EVENT_FIELDS[key.toLowerCase()];
  return undefined;
}

/** The `${prefix:key}` references in a text that logwarden cannot look up at run time. */
export function unsupportedLookups(template: string): string[] {
  const unknown: string[] = [];
  compile(template, undefined, (reference) => unknown.push(reference));
  return unknown;
}

/**
 * Log4j 2's run-time lookups in a text (a Routes pattern, an attribute of an appender
 * a Route makes), compiled once: `${ctx:key}` the MDC value, `${map:key}` the event's
 * field, `${event:Level|Logger|ThreadName|Message|Timestamp}`, each with an optional
 * `:-default`. A value the event does not have is the default, else the reference as
 * written (Log4j 2 leaves it so, which is how `<Route key="$${ctx:user}">` catches
 * events without a user). `encode` applies to looked-up values only.
 */
export function compileEventText(template: string, encode?: (value: string) => string): EventText {
  const pieces = compile(template, encode, () => undefined);
  if (pieces.every((piece) => typeof piece === 'string')) {
    const text = pieces.join('');
    return () => text;
  }
  return (e) => {
    let out = '';
    for (const piece of pieces) out += typeof piece === 'string' ? piece : piece.resolve(e) ?? piece.reference;
    return out;
  };
}

/**
 * A configured value with the same run-time lookups (ecs-logging-java's
 * `<KeyValuePair value="$${ctx:user}">`), compiled once; undefined when it has none
 * (a constant). For an event it is the text, or undefined when no lookup in it found
 * a value or has a default: Log4j 2's StrSubstitutor.replaceIn then reports nothing
 * replaced, and the field is left out. Looked-up values are inserted as they are,
 * never looked into again.
 */
export function compileEventValue(template: string): ((event: LoggingEvent) => string | undefined) | undefined {
  const pieces = compile(template, undefined, () => undefined);
  if (pieces.every((piece) => typeof piece === 'string')) return undefined;
  return (e) => {
    let out = '';
    let found = false;
    for (const piece of pieces) {
      if (typeof piece === 'string') {
        out += piece;
        continue;
      }
      const value = piece.resolve(e);
      found ||= value !== undefined;
      out += value ?? piece.reference;
    }
    return found ? out : undefined;
  };
}

/** A run-time lookup as written, and its text for an event: the value, else the default, else undefined. */
interface CompiledReference {
  readonly reference: string;
  readonly resolve: (event: LoggingEvent) => string | undefined;
}

function compile(template: string, encode: ((value: string) => string) | undefined, unknown: (reference: string) => void): (string | CompiledReference)[] {
  const pieces: (string | CompiledReference)[] = [];
  let from = 0;
  let open = template.indexOf('${');
  while (open >= 0) {
    const close = closingBrace(template, open);
    if (close < 0) break;
    const reference = template.slice(open, close + 1);
    const { prefix, key, fallback } = splitReference(template.slice(open + 2, close));
    const lookup = prefix === undefined ? undefined : lookupFor(prefix, key);
    if (template.slice(from, open) !== '') pieces.push(template.slice(from, open));
    if (lookup) {
      pieces.push({
        reference,
        resolve: (e) => {
          const value = lookup(e);
          return value === undefined ? fallback : encode ? encode(value) : value;
        },
      });
    } else {
      unknown(reference);
      pieces.push(reference);
    }
    from = close + 1;
    open = template.indexOf('${', from);
  }
  if (from < template.length) pieces.push(template.slice(from));
  return pieces;
}
