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

/** Adds a present value to the request text, a blank between parts. */
function append(out: string, value: string | undefined): string {
  if (typeof value !== 'string' || value === '') return out;
  return out === '' ? value : out + ' ' + value;
}

/**
 * Bitbucket's `%request`: `user @id session ip "action"`, each part printed only
 * when its MDC value is present. A line outside any request prints nothing, and the
 * blank after `%request` in the pattern is left out with it, so such a line reads
 * `[clusterScheduler_Worker-8] org.hibernate.SQL ...` with one blank, as Bitbucket's do.
 */
export const request: ConverterFactory = () => ({
  contextual: true,
  takesFollowingBlank: true,
  format: (e) => {
    const m = e.mdc;
    let out = append(append(append(append('', m[username]), m[id]), m[sessionId]), m[ip]);
    const requestLine = m[action];
    if (typeof requestLine === 'string' && requestLine !== '') out = append(out, '"' + requestLine + '"');
    return out;
  },
});
