/**
 * The lines of a throwable as log4j prints them after a record: the stack (or
 * `Name: message` when there is none), `cause` chains included, each line ending
 * with `eol`.
 */
export function renderThrowable(error: Error, eol = '\n'): string {
  let out = '';
  let current: unknown = error;
  const seen = new Set<unknown>();
  let prefix = '';
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    const text = current.stack ?? `${current.name}: ${current.message}`;
    const lines = text.split(/\r\n|\n|\r/);
    out += prefix + lines.join(eol) + eol;
    prefix = 'Caused by: ';
    current = (current as { cause?: unknown }).cause;
  }
  return out;
}

/** The type a structured record names an error by (ECS `error.type`, OpenTelemetry `exception.type`): its class, else its `name`. */
export function errorType(error: Error): string {
  return String(typeof error.constructor === 'function' && error.constructor.name ? error.constructor.name : error.name);
}

/** renderThrowable's text without its last line end: a structured record's stack trace field. */
export function stackTraceText(error: Error): string {
  return renderThrowable(error).slice(0, -1);
}
