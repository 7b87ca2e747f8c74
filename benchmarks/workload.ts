/**
 * The fixed workload every subject logs: the Jira main-log line (layouts/presets.ts)
 * with its MDC, and a JSON record with the same content. Messages carry their index
 * so the line check can prove every line arrived once and in order.
 */
export const LOGGER_NAME = 'de.resolution.apitokenauth.ApiTokenAuthenticationService';
export const LOGGER_Q2 = 'd.resolution.apitokenauth.ApiTokenAuthenticationService';
export const THREAD = 'http-nio-8080-exec-11';
export const JIRA_PATTERN =
  '%d{yyyy-MM-dd HH:mm:ss,SSSZ} %t %p %X{jira.username} %X{jira.request.id} %X{jira.request.assession.id} %X{jira.request.ipaddr} %X{jira.request.url} [%q{2}] %m%n';

export const MDC_VALUES = {
  'jira.username': 'admin',
  'jira.request.id': '920x447x1',
  'jira.request.assession.id': '-',
  'jira.request.ipaddr': '87.173.216.109,100.120.0.11',
  'jira.request.url': '/rest/de.resolution.apitokenauth/latest/user/token',
} as const;

const MESSAGE_PREFIX =
  'Found a matching token "API Token from 2020-09-22" with Read & Write scope and authenticated user admin. Token was created on Sep 22, 2020 2:43:30 PM. REST endpoint: /rest/de.resolution.apitokenauth/latest/user/token #';

export function message(i: number): string {
  return MESSAGE_PREFIX + i;
}

/** JSON scenario fields besides level/time/logger/msg. */
export const JSON_USER = 'admin';
export const JSON_REQUEST_ID = '920x447x1';

/** What a line must end with to be line number `i` (checked after the run). */
export function lineSuffix(i: number): string {
  return '#' + i;
}

/**
 * Calls `log(i)` for i = 0 … count-1. Without `perTurn`, in one synchronous burst;
 * with it, `perTurn` calls per event-loop turn, yielding with setImmediate in
 * between, as a server logs a few lines per request (pino's own benchmarks yield
 * every 10 calls).
 */
export async function logInTurns(count: number, perTurn: number | undefined, log: (i: number) => void): Promise<void> {
  if (perTurn === undefined) {
    for (let i = 0; i < count; i++) log(i);
    return;
  }
  for (let i = 0; i < count;) {
    const end = Math.min(count, i + perTurn);
    while (i < end) log(i++);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
