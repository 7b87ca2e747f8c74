/** The OTLP/HTTP port of a collector on this machine, as the OpenTelemetry SDKs default to it. */
export const DEFAULT_ENDPOINT = 'http://localhost:4318';

/** The environment variables the OpenTelemetry SDKs read, looked at when the appender is built (never at import). */
export interface OtlpEnvironment {
  readonly OTEL_EXPORTER_OTLP_LOGS_ENDPOINT?: string;
  readonly OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  readonly OTEL_EXPORTER_OTLP_LOGS_HEADERS?: string;
  readonly OTEL_EXPORTER_OTLP_HEADERS?: string;
  readonly OTEL_SERVICE_NAME?: string;
  readonly OTEL_RESOURCE_ATTRIBUTES?: string;
}

/**
 * Where records are POSTed: `{endpoint}/v1/logs` for the `endpoint` option or
 * OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_LOGS_ENDPOINT as it is (the
 * OpenTelemetry specification's rule for the signal-specific variable), else the
 * local collector. Throws for anything but an http(s) URL, naming the value
 * without its credentials or query.
 */
export function logsUrl(endpoint: string | undefined, environment: OtlpEnvironment): URL {
  const given = endpoint?.trim() || undefined;
  const full = given === undefined ? environment.OTEL_EXPORTER_OTLP_LOGS_ENDPOINT?.trim() || undefined : undefined;
  const text = full ?? given ?? environment.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() ?? DEFAULT_ENDPOINT;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`endpoint must be an http or https URL, got "${redact(text)}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`endpoint must be an http or https URL, got "${redact(text)}"`);
  if (full === undefined) url.pathname = url.pathname.replace(/\/+$/, '') + '/v1/logs';
  return url;
}

/** A URL as it may appear in a report: scheme, host, port and path, never user, password or query (tokens travel there). */
export function describeUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function redact(text: string): string {
  // Up to the last @: a password may hold an unencoded / or @ that made the URL invalid.
  return text.replace(/\/\/.*@/, '//').replace(/[?#].*$/, '');
}

/**
 * `key=value` pairs separated by commas, values percent-decoded: the format of
 * OTEL_EXPORTER_OTLP_HEADERS and OTEL_RESOURCE_ATTRIBUTES. Throws naming the
 * option and the key, never a value (header values are credentials).
 */
export function keyValueList(text: string | undefined, option: string): [string, string][] {
  if (text === undefined) return [];
  const pairs: [string, string][] = [];
  for (const [index, part] of text.split(',').entries()) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    if (eq < 0) {
      // Most likely the rest of a value that held a comma, so part of a credential: only its place is said.
      const after = pairs.at(-1)?.[0];
      throw new Error(`${option}: expected key=value pairs separated by commas; entry ${index + 1}${after === undefined ? '' : ` (after "${after}")`} has no "="${after === undefined ? '' : ' (write a comma in a value as %2C)'}`);
    }
    if (eq === 0 || key === '') throw new Error(`${option}: expected key=value pairs separated by commas, got an entry without "=" (empty key)`);
    let value = part.slice(eq + 1).trim();
    try {
      value = decodeURIComponent(value);
    } catch {
      throw new Error(`${option}: the value of "${key}" is not valid percent-encoding`);
    }
    pairs.push([key, value]);
  }
  return pairs;
}
