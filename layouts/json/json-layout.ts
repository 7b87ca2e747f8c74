import type fastJson from 'fast-json-stringify';
import { overridesMdcKey, type EventFields } from '../../src/event-fields.js';
import { lazyPackage } from '../../src/lazy-package.js';
import type { LoggingEvent, TraceContext } from '../../src/logging-event.js';
import { resolveDatePattern, SimpleDateFormat } from '../date/simple-date-format.js';
import { escapeLineSeparators, jsonString as text } from '../json-string.js';
import { jsonValue } from '../json-value.js';
import type { Layout } from '../layout.js';
import { memberKeys } from '../member-keys.js';
import { stackTraceText } from '../throwable.js';
import { TRACE_FIELDS, traceFlagsHex } from '../trace-fields.js';

/**
 * What a JSON record can carry. `trace` writes `trace_id`, `span_id` and
 * `trace_flags` (the active OpenTelemetry span's, as
 * @opentelemetry/instrumentation-pino names them); `fields` writes the event's
 * structured fields as members of the record.
 */
export const JSON_FIELDS = ['timestamp', 'level', 'logger', 'thread', 'message', 'context', 'trace', 'fields', 'mdc', 'ndc', 'error'] as const;
export type JsonField = (typeof JSON_FIELDS)[number];

const DEFAULT_FIELDS: readonly JsonField[] = ['timestamp', 'level', 'logger', 'thread', 'message', 'trace', 'fields', 'mdc', 'ndc', 'error'];

/** A field or MDC key equal to a member the layout writes itself is written under this prefix (as the ECS layout does). */
export const COLLISION_PREFIX = 'fields.';

export interface JsonLayoutOptions {
  /**
   * Which fields, in this order (array, or a comma-separated string from a
   * configuration file). Default: timestamp level logger thread message trace fields
   * mdc ndc error. `error`, `trace` and `fields` are left out of a record whose event
   * has none.
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
  /**
   * Writes the MDC's entries as members of the record (pino's shape) instead of an
   * object under `mdc`; an event field of the same name wins. Default false.
   */
  flattenMdc?: boolean;
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
 * One JSON object per line. The record's shape is fixed at construction: each
 * selected field becomes a key and a value writer, and the string values are
 * escaped so that any text is valid JSON on one line. An MDC snapshot, shared by
 * every event of a request, is serialised once (by fast-json-stringify), and so
 * are a run of events' level and logger name, and a span's trace ids.
 *
 * The event's structured fields are written as members of the record, each value
 * with its JSON type (see jsonValue: never an exception, cycles and deep nesting
 * become markers). A field named like a member the layout writes itself (a selected
 * field; `trace_id`, `span_id`, `trace_flags` with `trace`; `mdc` unless flattened)
 * is written as `fields.<name>`, so it can neither replace nor repeat it. With
 * `flattenMdc` the MDC's keys follow the same rule, and an MDC key that is also an
 * event field is left out: the event's value wins, as it does for `%X{key}`.
 */
export class JsonLayout implements Layout {
  readonly fields: readonly JsonField[];
  readonly flattenMdc: boolean;
  /** Built once per layout with everything it needs in `const` bindings of its closures. */
  readonly format: (event: LoggingEvent) => string;

  constructor(options: JsonLayoutOptions = {}) {
    const fields = parseFields(options.fields);
    this.fields = fields;
    const flattenMdc = options.flattenMdc ?? false;
    this.flattenMdc = flattenMdc;
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

    const reserved = new Set<string>();
    for (const field of fields) {
      if (field === 'trace') for (const name of TRACE_FIELDS) reserved.add(name);
      else if (field !== 'fields' && !(field === 'mdc' && flattenMdc)) reserved.add(field);
    }
    const memberKey = memberKeys((key) => text(reserved.has(key) ? COLLISION_PREFIX + key : key) + ':');

    /*
     * Each writer carries its separating commas, so the line is the writers' output
     * joined as is. `error`, `trace`, `fields` and a flattened `mdc` may write nothing.
     * The first field that always writes has no comma; each member written before it
     * ends with one, each after it starts with one. When every field may write
     * nothing, every member ends with a comma and the last one is cut.
     */
    const optional = (field: JsonField): boolean => field === 'error' || field === 'trace' || field === 'fields' || (field === 'mdc' && flattenMdc);
    const anchor = fields.findIndex((field) => !optional(field));
    const writer = (field: JsonField, i: number): ((event: LoggingEvent) => string) => {
      const before = anchor >= 0 && i > anchor ? ',' : '';
      const after = anchor < 0 || i < anchor ? ',' : '';
      const key = before + JSON.stringify(field) + ':';
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
        case 'trace': {
          let last: TraceContext | undefined;
          let lastJson = '';
          return (e) => {
            const trace = e.trace;
            if (trace === undefined) return '';
            if (trace !== last) {
              lastJson = before + '"trace_id":' + text(trace.traceId) + after
                + before + '"span_id":' + text(trace.spanId) + after
                + before + '"trace_flags":"' + traceFlagsHex(trace.traceFlags) + '"' + after;
              last = trace;
            }
            return lastJson;
          };
        }
        case 'fields': {
          // A with() child's events share its fields object: serialised once for all of them.
          let last: EventFields | undefined;
          let lastJson = '';
          return (e) => {
            const values = e.fields;
            if (values === undefined) return '';
            if (values !== last) {
              let out = '';
              for (const name in values) {
                const value = values[name];
                const json = typeof value === 'string' ? text(value) : jsonValue(value);
                if (json !== undefined) out += before + memberKey(name) + json + after;
              }
              lastJson = out;
              last = values;
            }
            return lastJson;
          };
        }
        case 'mdc': {
          let last: Readonly<Record<string, string>> | undefined;
          let lastJson = '';
          if (!flattenMdc) {
            return (e) => {
              if (e.mdc !== last) {
                lastJson = key + escapeLineSeparators(mdcValue(e.mdc));
                last = e.mdc;
              }
              return lastJson;
            };
          }
          const members = (mdc: Readonly<Record<string, string>>, skip: EventFields | undefined): string => {
            let out = '';
            for (const name in mdc) {
              if (skip === undefined || !Object.hasOwn(skip, name)) out += before + memberKey(name) + text(mdc[name]!) + after;
            }
            return out;
          };
          return (e) => {
            if (e.mdc !== last) {
              lastJson = members(e.mdc, undefined);
              last = e.mdc;
            }
            const values = e.fields;
            return values !== undefined && lastJson !== '' && overridesMdcKey(values, e.mdc) ? members(e.mdc, values) : lastJson;
          };
        }
        case 'error':
          return (e) => {
            if (!e.error) return '';
            return key + escapeLineSeparators(errorValue({ name: e.error.name, message: e.error.message, stack: stackTraceText(e.error) })) + after;
          };
      }
    };
    const writers = fields.map(writer);
    if (anchor >= 0) {
      this.format = (event) => {
        let out = '{';
        for (let i = 0; i < writers.length; i++) out += writers[i]!(event);
        return out + '}\n';
      };
    } else {
      this.format = (event) => {
        let out = '';
        for (let i = 0; i < writers.length; i++) out += writers[i]!(event);
        return out === '' ? '{}\n' : '{' + out.slice(0, -1) + '}\n';
      };
    }
  }
}
