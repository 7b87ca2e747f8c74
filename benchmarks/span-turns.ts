import { context, createContextKey, trace, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { inTurns } from './workload.js';

/**
 * OpenTelemetry as an application sets it up (a tracer provider and the
 * AsyncLocalStorage context manager), with one span per request opened in advance:
 * making spans is the tracer's cost, not the logger's, and stays out of the timing.
 */
export function openRequestSpans(count: number, perTurn: number): Span[] {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(new TracerProvider());
  const tracer = trace.getTracer('bench');
  return Array.from({ length: Math.ceil(count / perTurn) }, (_, i) => tracer.startSpan(`request ${i}`));
}

const NOT_A_SPAN = createContextKey('bench request, not a span');

/**
 * As logInTurns with `perTurn`: each turn is one request, run with its span active
 * (as an HTTP instrumentation runs a handler), so every line is logged inside a span
 * and the turns' spans differ. Without `active` (the baseline), each turn runs in a
 * context made the same way that holds the span under another key: everything but
 * the logger's finding a span costs the same.
 */
export function logInSpans(spans: readonly Span[], count: number, perTurn: number, log: (i: number) => void, active = true): Promise<void> {
  return inTurns(count, perTurn, (from, end) => {
    const span = spans[from / perTurn]!;
    context.with(active ? trace.setSpan(context.active(), span) : context.active().setValue(NOT_A_SPAN, span), () => {
      for (let i = from; i < end; i++) log(i);
    });
  });
}

/** The active span's ids as pino's mixin returns them (what @opentelemetry/instrumentation-pino adds to each record). */
export function traceMixin(): Record<string, string> {
  const span = trace.getSpan(context.active());
  if (span === undefined) return {};
  const { traceId, spanId, traceFlags } = span.spanContext();
  return { trace_id: traceId, span_id: spanId, trace_flags: `0${traceFlags.toString(16)}` };
}
