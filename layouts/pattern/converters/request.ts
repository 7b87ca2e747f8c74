import type { ConverterFactory } from './converter.js';

/**
 * The MDC keys Bitbucket's `%request` reads, in the order it prints them. The HTTP
 * middleware sets them for each request; a line logged outside a request has none.
 */
export const REQUEST_MDC_KEYS = {
  /** Authenticated user name, absent while authentication is still running. */
  username: 'a-request-username',
  /** Bitbucket request id, e.g. `@A6X2OXx532x2669x0` (minute of day x counter x concurrent). */
  id: 'a-request-id',
  /** Short session id, absent for sessionless (token) requests. */
  sessionId: 'a-request-session-id',
  /** Client address, with the X-Forwarded-For chain: `79.209.73.23,100.120.0.11`. */
  ip: 'a-request-ip',
  /** Request line, printed in double quotes: `GET /rest/ssh/1.0/keys HTTP/1.1`. */
  action: 'a-request-action',
} as const;

const { username, id, sessionId, ip, action } = REQUEST_MDC_KEYS;

/**
 * Bitbucket's `%request`: `user @id session ip "action"`, each part printed only
 * when its MDC value is present, so a line outside any request prints nothing.
 */
function append(out: string, value: string | undefined): string {
  if (typeof value !== 'string' || value === '') return out;
  return out === '' ? value : out + ' ' + value;
}

export const request: ConverterFactory = () => ({
  contextual: true,
  format: (e) => {
    const m = e.mdc;
    let out = append(append(append(append('', m[username]), m[id]), m[sessionId]), m[ip]);
    const requestLine = m[action];
    if (typeof requestLine === 'string' && requestLine !== '') out = append(out, '"' + requestLine + '"');
    return out;
  },
});
