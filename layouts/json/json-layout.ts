import fastJson from 'fast-json-stringify';
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

function fieldSchema(field: JsonField, epoch: boolean): object {
  switch (field) {
    case 'timestamp':
      return epoch ? { type: 'integer' } : STRING;
    case 'mdc':
      return { type: 'object', additionalProperties: STRING };
    case 'error':
      return { type: 'object', properties: { name: STRING, message: STRING, stack: STRING } };
    default:
      return STRING;
  }
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

/**
 * One JSON object per line, serialised by fast-json-stringify from a schema fixed at
 * construction. Every string goes through its escaping (control characters, quotes,
 * lone surrogates as `\udXXX`), so any message yields valid JSON.
 */
export class JsonLayout implements Layout {
  readonly fields: readonly JsonField[];
  private readonly stringify: (record: Record<string, unknown>) => string;
  private readonly timestamp: (ms: number) => string | number;
  private readonly contextKey: string | undefined;
  private readonly contextDefault: string;
  /** One setter per selected field, chosen once here instead of per event. */
  private readonly readers: ReadonlyArray<(event: LoggingEvent, record: Record<string, unknown>) => void>;

  constructor(options: JsonLayoutOptions = {}) {
    this.fields = parseFields(options.fields);
    const format = options.timestampFormat ?? DEFAULT_JSON_TIMESTAMP_FORMAT;
    const epoch = format.trim().toLowerCase() === 'epoch';
    if (epoch) {
      this.timestamp = (ms) => ms;
    } else {
      const formatter = new SimpleDateFormat(resolveDatePattern(format), options.timeZone);
      this.timestamp = (ms) => formatter.format(ms);
    }
    this.contextKey = options.contextKey;
    this.contextDefault = options.context ?? '';
    const properties: Record<string, object> = {};
    for (const field of this.fields) properties[field] = fieldSchema(field, epoch);
    this.stringify = fastJson({ type: 'object', properties }) as (record: Record<string, unknown>) => string;
    this.readers = this.fields.map((field) => this.reader(field));
  }

  format(event: LoggingEvent): string {
    const record: Record<string, unknown> = {};
    const readers = this.readers;
    for (let i = 0; i < readers.length; i++) readers[i]!(event, record);
    return escapeLineSeparators(this.stringify(record)) + '\n';
  }

  private reader(field: JsonField): (event: LoggingEvent, record: Record<string, unknown>) => void {
    switch (field) {
      case 'timestamp': {
        const timestamp = this.timestamp;
        return (e, r) => { r.timestamp = timestamp(e.timestamp); };
      }
      case 'level': return (e, r) => { r.level = e.level.name; };
      case 'logger': return (e, r) => { r.logger = e.loggerName; };
      case 'thread': return (e, r) => { r.thread = e.threadName; };
      case 'message': return (e, r) => { r.message = e.message; };
      case 'context': return (e, r) => { r.context = this.context(e); };
      case 'mdc': return (e, r) => { r.mdc = e.mdc; };
      case 'ndc': return (e, r) => { r.ndc = e.ndc; };
      case 'error':
        return (e, r) => {
          if (!e.error) return;
          const stack = renderThrowable(e.error);
          r.error = { name: e.error.name, message: e.error.message, stack: stack.slice(0, -1) };
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
