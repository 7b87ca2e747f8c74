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

/*
 * Compiled when the first JsonLayout is built (compileSerializers), so that
 * importing logwarden does not load fast-json-stringify and ajv. Plain bindings
 * assigned once, called directly: a lookup through an object, or stand-ins
 * replaced on their first call, cost the JSON line 5-10%.
 */
let stringValue: (value: string) => string;
let mdcValue: (value: Readonly<Record<string, string>>) => string;
let errorValue: (value: ErrorFields) => string;

function compileSerializers(): void {
  if (stringValue !== undefined) return;
  const build = fastJsonPackage();
  stringValue = build(STRING) as typeof stringValue;
  mdcValue = build({ type: 'object', additionalProperties: STRING }) as typeof mdcValue;
  errorValue = build({ type: 'object', properties: { name: STRING, message: STRING, stack: STRING } }) as typeof errorValue;
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

/** A JSON string literal for `value`, on one line. Checks the (usually flat) input, not the output. */
function text(value: string): string {
  const json = stringValue(value);
  return value.includes('\u2028') || value.includes('\u2029') || value.includes('\u0085') ? escapeLineSeparators(json) : json;
}

/**
 * One JSON object per line. The record's shape is fixed at construction: each
 * selected field becomes a key and a value serialiser compiled by
 * fast-json-stringify, whose escaping (control characters, quotes, lone surrogates
 * as `\udXXX`) makes any text valid JSON. An MDC snapshot, shared by every event of
 * a request, is serialised once.
 */
export class JsonLayout implements Layout {
  readonly fields: readonly JsonField[];
  private readonly timestamp: (ms: number) => string;
  private readonly contextKey: string | undefined;
  private readonly contextDefault: string;
  /** `"key":value` writer per selected field, '' when the field is left out of this record. */
  private readonly writers: ReadonlyArray<(event: LoggingEvent) => string>;
  private lastMdc: Readonly<Record<string, string>> | undefined;
  private lastMdcJson = '{}';

  constructor(options: JsonLayoutOptions = {}) {
    compileSerializers();
    this.fields = parseFields(options.fields);
    const format = options.timestampFormat ?? DEFAULT_JSON_TIMESTAMP_FORMAT;
    if (format.trim().toLowerCase() === 'epoch') {
      this.timestamp = (ms) => String(Math.trunc(ms));
    } else {
      const formatter = new SimpleDateFormat(resolveDatePattern(format), options.timeZone);
      this.timestamp = (ms) => text(formatter.format(ms));
    }
    this.contextKey = options.contextKey;
    this.contextDefault = options.context ?? '';
    this.writers = this.fields.map((field) => this.writer(field));
  }

  format(event: LoggingEvent): string {
    const writers = this.writers;
    let out = '{';
    for (let i = 0; i < writers.length; i++) {
      const member = writers[i]!(event);
      if (member === '') continue;
      out += out.length === 1 ? member : ',' + member;
    }
    return out + '}\n';
  }

  private writer(field: JsonField): (event: LoggingEvent) => string {
    const key = JSON.stringify(field) + ':';
    switch (field) {
      case 'timestamp': return (e) => key + this.timestamp(e.timestamp);
      case 'level': return (e) => key + text(e.level.name);
      case 'logger': return (e) => key + text(e.loggerName);
      case 'thread': return (e) => key + text(e.threadName);
      case 'message': return (e) => key + text(e.message);
      case 'context': return (e) => key + text(this.context(e));
      case 'ndc': return (e) => key + text(e.ndc);
      case 'mdc':
        return (e) => {
          if (e.mdc !== this.lastMdc) {
            this.lastMdcJson = escapeLineSeparators(mdcValue(e.mdc));
            this.lastMdc = e.mdc;
          }
          return key + this.lastMdcJson;
        };
      case 'error':
        return (e) => {
          if (!e.error) return '';
          const stack = renderThrowable(e.error);
          return key + escapeLineSeparators(errorValue({ name: e.error.name, message: e.error.message, stack: stack.slice(0, -1) }));
        };
    }
  }

  private context(event: LoggingEvent): string {
    if (this.contextKey !== undefined) {
      const value = event.mdc[this.contextKey];
      if (typeof value === 'string') return value;
    }
    return this.contextDefault;
  }
}
