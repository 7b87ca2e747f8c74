import { jsonString } from '../../layouts/json-string.js';
import { errorType, stackTraceText } from '../../layouts/throwable.js';
import { overridesMdcKey } from '../../src/event-fields.js';
import type { Level } from '../../src/level.js';
import type { LoggingEvent } from '../../src/logging-event.js';
import { anyValue } from './any-value.js';
import { severityNumber } from './severity.js';

/** Attributes every record may carry from the event itself: semantic conventions' thread and exception keys, and the logger. */
export const OWN_ATTRIBUTES: readonly string[] = ['logger.name', 'thread.name', 'exception.type', 'exception.message', 'exception.stacktrace'];

/** An MDC key or event field named like one of OWN_ATTRIBUTES is sent under this prefix: OTLP attribute keys are unique. */
export const COLLISION_PREFIX = 'fields.';

const OWN = new Set(OWN_ATTRIBUTES);

/** Unix nanoseconds as OTLP/JSON writes them (a decimal string) for epoch milliseconds. */
export function unixNanos(ms: number): string {
  if (!(ms > 0)) return '0';
  const whole = Math.trunc(ms);
  const nanos = Math.round((ms - whole) * 1e6);
  return nanos === 0 ? whole + '000000' : whole + String(nanos).padStart(6, '0');
}

function attribute(key: string, value: string): string {
  return '{"key":' + jsonString(key) + ',"value":' + value + '}';
}

const safeKey = (key: string): string => (OWN.has(key) ? COLLISION_PREFIX + key : key);

function mdcAttributes(mdc: Readonly<Record<string, string>>, skip: Readonly<Record<string, unknown>> | undefined): string {
  let out = '';
  for (const key in mdc) {
    if (skip !== undefined && Object.hasOwn(skip, key)) continue;
    out += ',' + attribute(safeKey(key), '{"stringValue":' + jsonString(mdc[key]!) + '}');
  }
  return out;
}

/**
 * Makes the function that turns an event into one OTLP/JSON LogRecord (the log
 * data model: times, severity number and text, the message as a string body,
 * attributes, trace context), serialized when the event is appended so the queue
 * holds text, not events. Attributes: `logger.name`, `thread.name`, the
 * `exception.*` of semantic conventions, the MDC, then the event's own fields (a
 * field wins over an MDC value of the same key). A run of events' level, logger
 * and thread are serialized once, and so is an MDC snapshot (frozen, shared by the
 * events of a request) unless an event's field overrides one of its keys.
 */
export function logRecordWriter(): (event: LoggingEvent, observedMs: number) => string {
  let lastLevel: Level | undefined;
  let levelJson = '';
  let lastLogger: string | undefined;
  let loggerJson = '';
  let lastThread: string | undefined;
  let threadJson = '';
  let lastMdc: Readonly<Record<string, string>> | undefined;
  let mdcJson = '';
  return (event, observedMs) => {
    if (event.level !== lastLevel) {
      levelJson = '"severityNumber":' + severityNumber(event.level) + ',"severityText":' + jsonString(event.level.name);
      lastLevel = event.level;
    }
    if (event.loggerName !== lastLogger) {
      loggerJson = attribute('logger.name', '{"stringValue":' + jsonString(event.loggerName) + '}');
      lastLogger = event.loggerName;
    }
    if (event.threadName !== lastThread) {
      threadJson = attribute('thread.name', '{"stringValue":' + jsonString(event.threadName) + '}');
      lastThread = event.threadName;
    }
    let attributes = loggerJson + ',' + threadJson;
    const error = event.error;
    if (error !== undefined) {
      attributes += ',' + attribute('exception.type', '{"stringValue":' + jsonString(errorType(error)) + '}')
        + ',' + attribute('exception.message', '{"stringValue":' + jsonString(String(error.message)) + '}')
        + ',' + attribute('exception.stacktrace', '{"stringValue":' + jsonString(stackTraceText(error)) + '}');
    }
    const fields = event.fields;
    const mdc = event.mdc;
    if (mdc !== lastMdc) {
      mdcJson = mdcAttributes(mdc, undefined);
      lastMdc = mdc;
    }
    attributes += fields !== undefined && overridesMdcKey(fields, mdc) ? mdcAttributes(mdc, fields) : mdcJson;
    if (fields !== undefined) {
      for (const key in fields) attributes += ',' + attribute(safeKey(key), anyValue(fields[key]));
    }
    let out = '{"timeUnixNano":"' + unixNanos(event.timestamp) + '","observedTimeUnixNano":"' + unixNanos(observedMs) + '",' + levelJson
      + ',"body":{"stringValue":' + jsonString(event.message) + '},"attributes":[' + attributes + ']';
    const trace = event.trace;
    if (trace !== undefined) out += ',"flags":' + trace.traceFlags + ',"traceId":' + jsonString(trace.traceId) + ',"spanId":' + jsonString(trace.spanId);
    return out + '}';
  };
}
