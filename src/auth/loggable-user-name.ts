import { logSafe } from './log-safe.js';
import { containsTokenShape } from './tokens/token-shape.js';

/**
 * What is written instead of a user name that holds a token's shape: `curl -u "$TOKEN:"`
 * sends the token as the Basic user name, and a name is logged where a secret never is.
 */
export const REDACTED_USER_NAME = '***redacted***';

/** `name` for an audit record or any other structured sink that escapes by itself. */
export function redactedUserName(name: string): string {
  return containsTokenShape(name) ? REDACTED_USER_NAME : name;
}

/** `name` for a log line or the MDC: redacted when token-shaped, else log-safe. */
export function loggableUserName(name: string): string {
  return logSafe(redactedUserName(name));
}
