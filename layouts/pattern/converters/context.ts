import type { LoggingEvent } from '../../../src/logging-event.js';
import type { ConverterFactory } from './converter.js';
import { javaMapText } from './java-map-text.js';
import { fieldText } from './field-text.js';
import { isTraceField, traceFieldText } from '../../trace-fields.js';

/** `%x`: the nested diagnostic context. */
export const ndc: ConverterFactory = () => ({ contextual: true, format: (e) => e.ndc });

/** log4j: `{{k1,v1}{k2,v2}}`, keys sorted, `{}` when empty. */
function log4jMap(mdc: Readonly<Record<string, string>>): string {
  const keys = Object.keys(mdc).sort();
  let out = '{';
  for (const key of keys) out += '{' + key + ',' + mdc[key] + '}';
  return out + '}';
}

/** logback's MDCConverter: `k1=v1, k2=v2` (keys sorted here), '' when empty. */
function logbackMap(mdc: Readonly<Record<string, string>>): string {
  const keys = Object.keys(mdc).sort();
  let out = '';
  for (const key of keys) out += (out === '' ? '' : ', ') + key + '=' + mdc[key];
  return out;
}

/**
 * `%X{key}` prints, for `trace_id`, `span_id` and `trace_flags`, the active span's
 * (as OpenTelemetry's Log4j 2 and logback instrumentations put them in the context
 * data: a logged object cannot forge them inside a span), else the event's field `key`
 * (see fieldText), else the MDC value ('' when absent). `%X` without a key prints the
 * whole map: as log4j does, `{{k1,v1}{k2,v2}}` and `{}` when empty; in logback
 * style as logback does, `k1=v1, k2=v2` and nothing when empty; in log4j2 style as
 * Log4j 2 does, `{k1=v1, k2=v2}` and `{}` when empty. logback's
 * `%X{key:-default}` gives a default in logback style.
 */
export const mdc: ConverterFactory = (options, context) => {
  const option = options[0];
  if (option === undefined || option === '') {
    const render = context.style === 'logback' ? logbackMap : context.style === 'log4j2' ? javaMapText : log4jMap;
    // MDC snapshots are immutable and shared by every event of a context: remember the last one.
    let lastMap: Readonly<Record<string, string>> | undefined;
    let lastText = '';
    return {
      contextual: true,
      format: (e: LoggingEvent) => {
        if (e.mdc !== lastMap) {
          lastText = render(e.mdc);
          lastMap = e.mdc;
        }
        return lastText;
      },
    };
  }
  let key = option;
  let fallback = '';
  const dash = option.indexOf(':-');
  if (context.style === 'logback' && dash >= 0) {
    key = option.slice(0, dash);
    fallback = option.slice(dash + 2);
  }
  const traceField = isTraceField(key) ? key : undefined;
  return {
    contextual: true,
    readsFields: true,
    readsTrace: traceField !== undefined,
    format: (e: LoggingEvent) => {
      if (traceField !== undefined && e.trace !== undefined) return traceFieldText(e.trace, traceField);
      const fields = e.fields;
      if (fields !== undefined) {
        const text = fieldText(fields, key);
        if (text !== undefined) return text;
      }
      const value = e.mdc[key];
      // typeof also rejects inherited members such as "constructor" on plain objects.
      return typeof value === 'string' ? value : fallback;
    },
  };
};
