import { compileEventValue } from '../../appenders/routing/event-lookup.js';
import { overridesMdcKey } from '../../src/event-fields.js';
import type { Level } from '../../src/level.js';
import type { LoggingEvent } from '../../src/logging-event.js';
import { jsonString } from '../json-string.js';
import { jsonValue } from '../json-value.js';
import type { Layout } from '../layout.js';
import { memberKeys } from '../member-keys.js';
import { errorType, stackTraceText } from '../throwable.js';
import { isoUtcMillis } from './iso-utc-millis.js';

type LookedUp = (event: LoggingEvent) => string | undefined;

/** Where the MDC goes: under `labels` (keys sanitized, the ECS spec's rule), as top-level fields, or nowhere. */
export type EcsMdcPlacement = 'labels' | 'fields' | 'none';

export interface EcsLayoutOptions {
  serviceName?: string;
  serviceVersion?: string;
  serviceEnvironment?: string;
  serviceNodeName?: string;
  /** Default: the service name, as the ECS logging spec asks when one is configured. */
  eventDataset?: string;
  /** Default 8.10.0, what @elastic/ecs-pino-format writes. */
  ecsVersion?: string;
  /** Default `labels`. */
  mdc?: EcsMdcPlacement | string;
  /** `log.origin.file.name`, `log.origin.file.line`, `log.origin.function`: costs a stack capture per event. */
  includeOrigin?: boolean;
  /** `error.stack_trace` as an array of lines instead of one text. */
  stackTraceAsArray?: boolean;
  /**
   * Fixed top-level fields on every record: an object, or `key=value` pairs
   * separated by commas, keys and values percent-decoded (`%2C` for a comma in a value).
   */
  additionalFields?: Readonly<Record<string, string>> | string;
  /**
   * Log4j 2's `<KeyValuePair key value>`s (ecs-logging-java's fields), written as
   * additionalFields is, after it: a value holding run-time lookups (`${ctx:key}`,
   * `${map:key}`, `${event:Level}`, see compileEventValue) is looked up for each
   * event, and the field left out when none of them finds a value or has a default.
   */
  keyValuePairs?: Readonly<Record<string, string>> | string;
}

export const DEFAULT_ECS_VERSION = '8.10.0';

/** A user field or MDC key equal to one of the layout's own fields is written under this prefix, so it can neither replace nor repeat it. */
export const COLLISION_PREFIX = 'fields.';

const LABEL_KEY_REPLACED = /[.*\\]/g;

/** The ECS logging spec's sanitization of `labels` keys: `.`, `*` and `\` become `_`. */
export function labelKey(key: string): string {
  return key.replace(LABEL_KEY_REPLACED, '_');
}

function parseAdditionalFields(fields: EcsLayoutOptions['additionalFields'], option: string): [string, string][] {
  if (fields === undefined) return [];
  if (typeof fields !== 'string') return Object.entries(fields);
  const pairs: [string, string][] = [];
  for (const part of fields.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw new Error(`${option}: expected key=value, got "${part.trim()}"`);
    const key = part.slice(0, eq).trim();
    try {
      pairs.push([decodeURIComponent(key), decodeURIComponent(part.slice(eq + 1).trim())]);
    } catch {
      throw new Error(`${option}: "${key}" is not valid percent-encoding (write % as %25)`);
    }
  }
  return pairs;
}

function parseMdc(value: string | undefined): EcsMdcPlacement {
  const placement = (value ?? 'labels').trim().toLowerCase();
  if (placement === 'labels' || placement === 'fields' || placement === 'none') return placement;
  throw new Error(`mdc must be labels, fields or none, got "${value}"`);
}

/**
 * One Elastic Common Schema record per line, as the ECS logging spec
 * (github.com/elastic/ecs-logging, spec/spec.json) defines it: `@timestamp`,
 * `log.level`, `message` first, then `ecs.version`, the service fields,
 * `process.thread.name`, `log.logger`, `trace.id`/`span.id`, `error.*`, the MDC
 * (`labels` or top-level) and the event's own fields at the top level (pino's
 * shape). Keys are dotted at the top level, as ecs-logging-java writes them.
 * Everything fixed for the layout is one string built here; a run of events'
 * level, logger and MDC are serialized once.
 */
export class EcsLayout implements Layout {
  readonly requiresLocation: boolean;
  readonly mdc: EcsMdcPlacement;
  readonly format: (event: LoggingEvent) => string;

  constructor(options: EcsLayoutOptions = {}) {
    const mdc = parseMdc(options.mdc);
    this.mdc = mdc;
    const includeOrigin = options.includeOrigin ?? false;
    this.requiresLocation = includeOrigin;
    const stackTraceAsArray = options.stackTraceAsArray ?? false;

    const reserved = new Set(['@timestamp', 'log.level', 'message', 'ecs.version', 'process.thread.name', 'log.logger', 'trace.id', 'span.id',
      'error.type', 'error.message', 'error.stack_trace', 'labels', 'log.origin.file.name', 'log.origin.file.line', 'log.origin.function']);
    const ownFields: [string, string | undefined, LookedUp?][] = [
      ['ecs.version', options.ecsVersion ?? DEFAULT_ECS_VERSION],
      ['service.name', options.serviceName],
      ['service.version', options.serviceVersion],
      ['service.environment', options.serviceEnvironment],
      ['service.node.name', options.serviceNodeName],
      ['event.dataset', options.eventDataset ?? options.serviceName],
    ];
    const configured = [
      ...parseAdditionalFields(options.additionalFields, 'additionalFields').map(([key, value]) => ['additionalFields', key, value] as const),
      ...parseAdditionalFields(options.keyValuePairs, 'keyValuePairs').map(([key, value]) => ['keyValuePairs', key, value] as const),
    ];
    for (const [option, key, value] of configured) {
      if (reserved.has(key) || ownFields.some(([k, v]) => k === key && v !== undefined)) {
        throw new Error(`${option}: "${key}" is a field the ECS layout writes itself`);
      }
      const written = [...reserved, ...ownFields.filter(([, v]) => v !== undefined).map(([k]) => k)];
      // labels is an object already: labels.env is one of its members, as the spec means them.
      const crossing = written.find((other) => other.startsWith(`${key}.`) || (other !== 'labels' && key.startsWith(`${other}.`)));
      if (crossing !== undefined) {
        throw new Error(`${option}: "${key}" and "${crossing}" are one path to Elasticsearch (an object and a member of it): give another name`);
      }
      ownFields.push([key, value, option === 'keyValuePairs' ? compileEventValue(value) : undefined]);
    }
    // The fixed fields as one string up to the first looked-up one; each looked-up one
    // then carries the fixed fields declared after it, so the order stays as declared.
    let fixed = '';
    const lookedUp: { name: string; value: LookedUp; after: string }[] = [];
    for (const [key, value, lookup] of ownFields) {
      reserved.add(key);
      if (lookup !== undefined) lookedUp.push({ name: ',' + jsonString(key) + ':', value: lookup, after: '' });
      else if (value === undefined) continue;
      else if (lookedUp.length > 0) lookedUp[lookedUp.length - 1]!.after += ',' + jsonString(key) + ':' + jsonString(value);
      else fixed += ',' + jsonString(key) + ':' + jsonString(value);
    }
    const lookedUpFields = lookedUp.length === 0 ? undefined : (event: LoggingEvent): string => {
      let out = '';
      for (const field of lookedUp) {
        const value = field.value(event);
        if (value !== undefined) out += field.name + jsonString(value);
        out += field.after;
      }
      return out;
    };
    // Elasticsearch reads {"log":{"level":..}} as log.level, and "log.level.x" as a member of it: keys on such paths collide too.
    const parents = new Set<string>();
    for (const key of reserved) for (let dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) parents.add(key.slice(0, dot));
    const collides = (key: string): boolean => {
      if (reserved.has(key) || parents.has(key)) return true;
      for (let dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) if (reserved.has(key.slice(0, dot))) return true;
      return false;
    };
    const safeKey = memberKeys((key) => jsonString(collides(key) ? COLLISION_PREFIX + key : key));

    let lastLevel: Level | undefined;
    let levelJson = '';
    let lastLogger: string | undefined;
    let loggerJson = '';
    let lastThread: string | undefined;
    let threadJson = '';
    let lastMdc: Readonly<Record<string, string>> | undefined;
    let mdcJson = '';

    const mdcFields = (values: Readonly<Record<string, string>>, skip: Readonly<Record<string, unknown>> | undefined): string => {
      let out = '';
      for (const key in values) {
        if (skip !== undefined && Object.hasOwn(skip, key)) continue;
        out += ',' + safeKey(key) + ':' + jsonString(values[key]!);
      }
      return out;
    };
    const labels = (values: Readonly<Record<string, string>>): string => {
      let out = '';
      for (const key in values) out += (out === '' ? '' : ',') + jsonString(labelKey(key)) + ':' + jsonString(values[key]!);
      return out === '' ? '' : ',"labels":{' + out + '}';
    };
    const stackTrace = (error: Error): string => {
      const text = stackTraceText(error);
      if (!stackTraceAsArray) return jsonString(text);
      return '[' + text.split('\n').map(jsonString).join(',') + ']';
    };
    const origin = (event: LoggingEvent): string => {
      const location = event.location;
      if (location === undefined) return '';
      let out = ',"log.origin.file.name":' + jsonString(location.fileName);
      if (/^\d+$/.test(location.lineNumber)) out += ',"log.origin.file.line":' + location.lineNumber;
      const fn = location.className === '' || location.className === '?' ? location.methodName : `${location.className}.${location.methodName}`;
      return out + ',"log.origin.function":' + jsonString(fn);
    };

    this.format = (event) => {
      if (event.level !== lastLevel) {
        levelJson = ',"log.level":' + jsonString(event.level.name) + ',"message":';
        lastLevel = event.level;
      }
      if (event.loggerName !== lastLogger) {
        loggerJson = ',"log.logger":' + jsonString(event.loggerName);
        lastLogger = event.loggerName;
      }
      if (event.threadName !== lastThread) {
        threadJson = ',"process.thread.name":' + jsonString(event.threadName);
        lastThread = event.threadName;
      }
      let out = '{"@timestamp":"' + isoUtcMillis(event.timestamp) + '"' + levelJson + jsonString(event.message) + fixed;
      if (lookedUpFields !== undefined) out += lookedUpFields(event);
      out += threadJson + loggerJson;
      if (includeOrigin) out += origin(event);
      const trace = event.trace;
      if (trace !== undefined) out += ',"trace.id":' + jsonString(trace.traceId) + ',"span.id":' + jsonString(trace.spanId);
      const error = event.error;
      if (error !== undefined) {
        out += ',"error.type":' + jsonString(errorType(error)) + ',"error.message":' + jsonString(String(error.message)) + ',"error.stack_trace":' + stackTrace(error);
      }
      const fields = event.fields;
      if (mdc !== 'none') {
        if (event.mdc !== lastMdc) {
          mdcJson = mdc === 'labels' ? labels(event.mdc) : mdcFields(event.mdc, undefined);
          lastMdc = event.mdc;
        }
        // Only an event field named like an MDC key changes the top-level MDC members (the field's value wins).
        out += mdc === 'fields' && fields !== undefined && overridesMdcKey(fields, event.mdc) ? mdcFields(event.mdc, fields) : mdcJson;
      }
      if (fields !== undefined) {
        for (const key in fields) {
          const json = jsonValue(fields[key]);
          if (json !== undefined) out += ',' + safeKey(key) + ':' + json;
        }
      }
      return out + '}\n';
    };
  }
}
