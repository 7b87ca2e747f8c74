import type { TraceContext } from '../src/logging-event.js';

/**
 * The names the active span's ids are printed under: OpenTelemetry's Log4j 2 and
 * logback instrumentations put these keys in the context data (`%X{trace_id}`), and
 * @opentelemetry/instrumentation-pino writes them as these fields.
 */
export type TraceField = 'trace_id' | 'span_id' | 'trace_flags';

export const TRACE_FIELDS: readonly TraceField[] = ['trace_id', 'span_id', 'trace_flags'];

/** Trace flags as two lower-case hex digits (`01` sampled, `00` not), as those instrumentations print them. */
export function traceFlagsHex(flags: number): string {
  return (flags & 0xff).toString(16).padStart(2, '0');
}

export function isTraceField(key: string): key is TraceField {
  return key === 'trace_id' || key === 'span_id' || key === 'trace_flags';
}

/** The text of one of the trace fields. */
export function traceFieldText(trace: TraceContext, field: TraceField): string {
  switch (field) {
    case 'trace_id': return trace.traceId;
    case 'span_id': return trace.spanId;
    case 'trace_flags': return traceFlagsHex(trace.traceFlags);
  }
}
