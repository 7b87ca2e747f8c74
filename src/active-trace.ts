import { InternalLog } from './internal-log.js';
import { lazyPackage } from './lazy-package.js';
import type { TraceContext } from './logging-event.js';

/** What a span's context carries (W3C trace context, as @opentelemetry/api 1.x gives it). */
interface SpanContext {
  readonly traceId: string;
  readonly spanId: string;
  readonly traceFlags: number;
}

/**
 * The part of `@opentelemetry/api` 1.x read here. Declared, not imported, so that
 * logwarden's published types do not name a package the application may not have.
 */
export interface OpenTelemetryApi {
  readonly trace: { getSpan(context: unknown): { spanContext(): SpanContext } | undefined };
  readonly context: { active(): unknown };
  isSpanContextValid(spanContext: SpanContext): boolean;
}

/** Gives the trace context of the span active in the caller's async context, or undefined. */
export type TraceLookup = () => TraceContext | undefined;

const noTrace: TraceLookup = () => undefined;

function isApi(api: unknown): api is OpenTelemetryApi {
  const candidate = api as Partial<OpenTelemetryApi> | undefined;
  return typeof candidate?.trace?.getSpan === 'function'
    && typeof candidate.context?.active === 'function'
    && typeof candidate.isSpanContextValid === 'function';
}

/**
 * Loads the API with `load` (once, now) and returns the per-event lookup. Without
 * the package the lookup is a function returning undefined: an application without
 * OpenTelemetry pays one call per event. A span keeps one SpanContext object for its
 * life, so its ids are validated and copied once per span, and the events of a span
 * share one frozen TraceContext (layouts that cache by identity stay cached).
 */
export function traceLookup(load: () => unknown): TraceLookup {
  let api: unknown;
  try {
    api = load();
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') {
      InternalLog.warn(`trace correlation is off: @opentelemetry/api could not be loaded (${cause instanceof Error ? cause.message : String(cause)})`);
    }
    return noTrace;
  }
  if (!isApi(api)) {
    InternalLog.warn('trace correlation is off: @opentelemetry/api has no trace.getSpan, context.active or isSpanContextValid (a 1.x version is needed)');
    return noTrace;
  }
  const { trace, context, isSpanContextValid } = api;
  let lastSpanContext: SpanContext | undefined;
  let lastTrace: TraceContext | undefined;
  let failed = false;
  return () => {
    try {
      const span = trace.getSpan(context.active());
      if (span === undefined) return undefined;
      const spanContext = span.spanContext();
      if (spanContext !== lastSpanContext) {
        lastTrace = isSpanContextValid(spanContext)
          ? Object.freeze({ traceId: spanContext.traceId, spanId: spanContext.spanId, traceFlags: spanContext.traceFlags })
          : undefined;
        lastSpanContext = spanContext;
      }
      return lastTrace;
    } catch (cause) {
      // A context manager or span that throws must not take the logging call down.
      if (!failed) InternalLog.error(`trace correlation: reading the active span failed: ${cause instanceof Error ? cause.message : String(cause)}`);
      failed = true;
      return undefined;
    }
  };
}

let lookup: TraceLookup | undefined;

/**
 * Where every copy of `@opentelemetry/api` 1.x keeps its registered globals. Until a
 * context manager is registered there, the API's `context.active()` is its no-op
 * root context, which holds no span.
 */
const OPENTELEMETRY_GLOBALS = Symbol.for('opentelemetry.js.api.1');

function contextManagerRegistered(): boolean {
  const globals = (globalThis as Record<symbol, { context?: unknown } | undefined>)[OPENTELEMETRY_GLOBALS];
  return globals?.context !== undefined;
}

/**
 * The active span's trace context, for the event being made. `@opentelemetry/api`
 * is loaded once an application has registered a context manager, not at import
 * nor at the first event: loading it took about 35 ms, a tenth of logging 100,000
 * lines, in programs that never trace; and OpenTelemetry set up later is still found.
 */
export function activeTrace(): TraceContext | undefined {
  if (lookup === undefined) {
    if (!contextManagerRegistered()) return undefined;
    lookup = traceLookup(lazyPackage('@opentelemetry/api'));
  }
  return lookup();
}
