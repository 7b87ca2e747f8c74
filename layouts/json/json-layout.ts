import type fastJson from 'fast-json-stringify';
import { lazyPackage } from '../../src/lazy-package.js';
import type { LoggingEvent } from '../../src/logging-event.js';
import { resolveDatePattern, SimpleDateFormat } from '../date/simple-date-format.js';
import type { Layout } from '../layout.js';
import { renderThrowable } from '../throwable.js';

/** The fields a JSON record can carry, in the default order. */
export const JSON_FIELDS = ['timestamp', 'level', 'logger', 'thread', 'message', 'context', 'mdc', 'ndc', 'error'] as const;
export type JsonField = (typeof JSON_FIELDS)[number];

const DEFAULT_FIELDS: readonly JsonField[] = ['timestamp', 'level', 'logger', 'thread', 'message', 'mdc', 'ndc', 'error'];

export interface JsonLayoutOptions {
  /**
   * Which fields, in this order (array, or a comma-separated string from a
   * configuration file). Default: timestamp level logger thread message mdc ndc error.
   * `error` is left out of a record whose event has none.
   */
  fields?: readonly JsonField[] | string;
  /**
   * `epoch` for milliseconds as a number; `ISO8601`, `ABSOLUTE`, `DATE` or a
   * SimpleDateFormat pattern for text. Default `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`.
   */
  timestampFormat?: string;
  /** Zone for a text timestamp; default the process's. */
  timeZone?: string;
  /** MDC key whose value becomes the `context` field. */
  contextKey?: string;
  /** `context` value when the MDC has none under `contextKey`. Default ''. */
  context?: string;
}

/** Default timestamp: ISO 8601 with milliseconds and offset. */
export const DEFAULT_JSON_TIMESTAMP_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSXXX";

/**
 * Kantega SSO's diagnostics records:
 * `{"timestamp":"2019-11-11 15:23:07,230","context":"Kerberos","message":"..."}`,
 * the context taken from the MDC key `context`.
 */
export const DIAGNOSTICS_JSON_OPTIONS: Readonly<JsonLayoutOptions> = Object.freeze({
  fields: ['timestamp', 'context', 'message'] as readonly JsonField[],
  timestampFormat: 'yyyy-MM-dd HH:mm:ss,SSS',
  contextKey: 'context',
});

const STRING = { type: 'string' } as const;
const fastJsonPackage = lazyPackage<typeof fastJson>('fast-json-stringify');

type ErrorFields = { name: string; message: string; stack: string };
type MdcSerializer = (value: Readonly<Record<string, string>>) => string;
type ErrorSerializer = (value: ErrorFields) => string;

/*
 * Compiled when the first JsonLayout is built, so that importing logwarden does
 * not load fast-json-stringify and ajv. Each layout copies them into `const`
 * bindings of its own writers: calls through these module-level `let` bindings,
 * assigned after import, cost the JSON line 5-10%.
 */
let compiled: { mdc: MdcSerializer; error: ErrorSerializer } | undefined;

function serializers(): { mdc: MdcSerializer; error: ErrorSerializer } {
  if (compiled === undefined) {
    const build = fastJsonPackage();
    compiled = {
      mdc: build({ type: 'object', additionalProperties: STRING }) as MdcSerializer,
      error: build({ type: 'object', properties: { name: STRING, message: STRING, stack: STRING } }) as ErrorSerializer,
    };
  }
  return compiled;
}

function parseFields(fields: readonly string[] | string | undefined): JsonField[] {
  if (fields === undefined) return [...DEFAULT_FIELDS];
  const list = typeof fields === 'string' ? fields.split(',').map((f) => f.trim()).filter((f) => f !== '') : [...fields];
  if (list.length === 0) throw new Error('JsonLayout: fields must name at least one field');
  for (const f of list) {
    if (!(JSON_FIELDS as readonly string[]).includes(f)) {
      throw new Error(`JsonLayout: unknown field "${f}" (known: ${JSON_FIELDS.join(', ')})`);
    }
  }
  if (new Set(list).size !== list.length) throw new Error(`JsonLayout: a field is listed twice in "${list.join(',')}"`);
  return list as JsonField[];
}

/**
 * Replaces the characters that JavaScript (and tools built on it) treat as line
 * ends although JSON allows them raw, so one record is always one line.
 */
function escapeLineSeparators(json: string): string {
  let out = json;
  if (out.includes('\u2028')) out = out.replaceAll('\u2028', '\\u2028');
  if (out.includes('\u2029')) out = out.replaceAll('\u2029', '\\u2029');
  if (out.includes('\u0085')) out = out.replaceAll('\u0085', '\\u0085');
  return out;
}

/** What JSON.stringify escapes besides quotes and backslashes, plus the line ends escapeLineSeparators handles. */
const NEEDS_STRINGIFY = /[\u0000-\u001f\ud800-\udfff\u2028\u2029\u0085]/;
const QUOTE_OR_BACKSLASH = /["\\]/g;

/**
 * A JSON string literal for `value`, on one line. The same bytes as
 * fast-json-stringify's string serializer (JSON.stringify's escaping: control
 * characters, quotes, backslashes, lone surrogates as `\udXXX`), without a call
 * into it; the usual message has quotes and nothing else to escape, which a
 * replace writes faster than JSON.stringify.
 */
function text(value: string): string {
  if (!NEEDS_STRINGIFY.test(value)) return '"' + value.replace(QUOTE_OR_BACKSLASH, '\\$&') + '"';
  return escapeLineSeparators(JSON.stringify(value));
}

/**
 * One JSON object per line. The record's shape is fixed at construction: each
 * selected field becomes a key and a value writer, and the string values are
 * escaped so that any text is valid JSON on one line. An MDC snapshot, shared by
 * every event of a request, is serialised once (by fast-json-stringify), and so
 * are a run of events' level and logger name.
 */
export class JsonLayout implements Layout {
  readonly fields: readonly JsonField[];
  /** Built once per layout with everything it needs in `const` bindings of its closures. */
  readonly format: (event: LoggingEvent) => string;

  constructor(options: JsonLayoutOptions = {}) {
    const fields = parseFields(options.fields);
    this.fields = fields;
    const { mdc: mdcValue, error: errorValue } = serializers();
    const format = options.timestampFormat ?? DEFAULT_JSON_TIMESTAMP_FORMAT;
    let timestamp: (ms: number) => string;
    if (format.trim().toLowerCase() === 'epoch') {
      timestamp = (ms) => String(Math.trunc(ms));
    } else {
      const formatter = new SimpleDateFormat(resolveDatePattern(format), options.timeZone);
      timestamp = (ms) => text(formatter.format(ms));
    }
    const contextKey = options.contextKey;
    const contextDefault = options.context ?? '';

    /*
     * Each writer carries its separating comma, so the line is the writers' output
     * joined as is. Only `error` can be left out: first, it carries a trailing comma
     * instead, and the field after it none.
     */
    const errorFirst = fields[0] === 'error';
    const writer = (field: JsonField, i: number): ((event: LoggingEvent) => string) => {
      const key = (i === 0 || (i === 1 && errorFirst) ? '' : ',') + JSON.stringify(field) + ':';
      switch (field) {
        case 'timestamp': return (e) => key + timestamp(e.timestamp);
        case 'level': {
          let last: LoggingEvent['level'] | undefined;
          let lastJson = '';
          return (e) => {
            if (e.level !== last) {
              lastJson = key + text(e.level.name);
              last = e.level;
            }
            return lastJson;
          };
        }
        case 'logger': {
          let last: string | undefined;
          let lastJson = '';
          return (e) => {
            if (e.loggerName !== last) {
              lastJson = key + text(e.loggerName);
              last = e.loggerName;
            }
            return lastJson;
          };
        }
        case 'thread': return (e) => key + text(e.threadName);
        case 'message': return (e) => key + text(e.message);
        case 'context':
          return (e) => {
            const value = contextKey === undefined ? undefined : e.mdc[contextKey];
            return key + text(typeof value === 'string' ? value : contextDefault);
          };
        case 'ndc': return (e) => key + text(e.ndc);
        case 'mdc': {
          let last: Readonly<Record<string, string>> | undefined;
          let lastJson = '';
          return (e) => {
            if (e.mdc !== last) {
              lastJson = key + escapeLineSeparators(mdcValue(e.mdc));
              last = e.mdc;
            }
            return lastJson;
          };
        }
        case 'error': {
          const trailing = i === 0 && fields.length > 1 ? ',' : '';
          return (e) => {
            if (!e.error) return '';
            const stack = renderThrowable(e.error);
            return key + escapeLineSeparators(errorValue({ name: e.error.name, message: e.error.message, stack: stack.slice(0, -1) })) + trailing;
          };
        }
      }
    };
    const writers = fields.map(writer);
    this.format = (event) => {
      let out = '{';
      for (let i = 0; i < writers.length; i++) out += writers[i]!(event);
      return out + '}\n';
    };
  }
}
