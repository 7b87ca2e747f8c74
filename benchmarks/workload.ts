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
 * with it, `perTurn` calls per event-loop turn, as a server logs a few lines per
 * request (pino's own benchmarks yield every 10 calls).
 */
export function logInTurns(count: number, perTurn: number | undefined, log: (i: number) => void): Promise<void> {
  if (perTurn === undefined) {
    for (let i = 0; i < count; i++) log(i);
    return Promise.resolve();
  }
  return inTurns(count, perTurn, (from, end) => {
    for (let i = from; i < end; i++) log(i);
  });
}

let awaitedTurns = false;

/** From now on, turns end with an awaited promise, as an async request handler's do (scenario (a10p)). */
export function awaitAPromisePerTurn(): void {
  awaitedTurns = true;
}

async function inAwaitedTurns(count: number, perTurn: number, turn: (from: number, end: number) => void): Promise<void> {
  for (let from = 0; from < count; from += perTurn) {
    turn(from, Math.min(count, from + perTurn));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * Calls `turn(from, end)` for consecutive ranges of `perTurn` indexes below `count`,
 * one range per event-loop turn, yielding with a setImmediate callback in between,
 * as pino's benchmarks do. Not with an awaited promise per turn: once
 * AsyncLocalStorage is in use (the MDC, OpenTelemetry's context manager), each
 * promise runs its hooks: about 1.8 µs more per turn here ((a10) 631k -> 711k lines/s).
 */
export function inTurns(count: number, perTurn: number, turn: (from: number, end: number) => void): Promise<void> {
  if (awaitedTurns) return inAwaitedTurns(count, perTurn, turn);
  return new Promise((resolve, reject) => {
    let from = 0;
    const next = (): void => {
      try {
        const end = Math.min(count, from + perTurn);
        turn(from, end);
        from = end;
        if (from < count) setImmediate(next);
        else resolve();
      } catch (error) {
        reject(error);
      }
    };
    next();
  });
}
