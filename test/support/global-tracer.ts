import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { TracerProvider } from '@opentelemetry/sdk-trace';

/**
 * Registers an OpenTelemetry context manager and tracer provider for the enclosing describe block.
 * The API keeps one global registration and refuses a second, so whatever a previous test file left is cleared first,
 * and this block's is cleared after it.
 */
export function withGlobalTracer(): void {
  before(() => {
    context.disable();
    trace.disable();
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(new TracerProvider());
  });
  after(() => {
    context.disable();
    trace.disable();
  });
}
