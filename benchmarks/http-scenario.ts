import { fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createAuthModule } from '../src/auth/auth-module.js';
import { authMiddleware } from '../src/auth/http/auth-middleware.js';
import { MemoryTokenStore } from '../src/auth/store/memory-token-store.js';
import { GroupPermissions } from '../src/auth/tokens/token-permissions.js';
import { InMemoryUserDirectory } from '../src/auth/users/user-directory.js';
import { MDC } from '../src/context/mdc.js';
import { Level } from '../src/level.js';
import { getLogger } from '../src/log-manager.js';
import type { HttpClientResult } from './http-client.js';
import type { RequestLogger } from './subjects/subject.js';

/** In flight at once: a handful of clients, as a service behind a proxy sees them. */
export const HTTP_CONCURRENCY = 8;

/** Requests per run: one per ten lines of BENCH_LINES, after a tenth as many unmeasured ones. */
export function httpRequests(lines: number): { warmup: number; requests: number } {
  const requests = Math.max(100, Math.round(lines / 10));
  return { warmup: Math.max(10, Math.round(requests / 10)), requests };
}

export interface HttpMeasurement extends Omit<HttpClientResult, 'failures' | 'firstFailure'> {
  readonly requestsPerSec: number;
  /** CPU time (user + system, every thread of the server process) per measured request. */
  readonly cpuMicrosPerRequest: number;
  readonly problem: string | null;
}

/**
 * The demo's request path with one log line per request: a node:http server with
 * the auth middleware in front (a token checked per request, the request's MDC and
 * Tomcat thread name set), and a handler that logs one line through the subject and
 * answers. The auth module's own lines are off (WARN), so the one line is the
 * subject's; every subject, the NullAppender included, runs the same chain.
 */
export async function measureHttp(logger: RequestLogger, lines: number): Promise<HttpMeasurement & { written: number }> {
  getLogger().level = Level.WARN;
  const users = new InMemoryUserDirectory([{ name: 'automation-user', groups: ['users'] }]);
  const auth = createAuthModule({
    flavour: 'jira', users, store: new MemoryTokenStore(),
    permissions: new GroupPermissions({ adminGroups: ['admins'] }), timeZone: 'UTC', failedAttemptThrottle: null,
  });
  const { token } = await auth.service.create((await users.findUser('automation-user'))!, { validity: { days: 1 }, description: 'bench' });
  const middleware = authMiddleware({ authenticator: auth.authenticator, port: 8080 });
  let written = 0;
  const server = createServer((req, res) => middleware(req, res, () => {
    logger.line(written++, MDC.getContext());
    res.setHeader('Content-Type', 'application/json');
    res.end('{"name":"automation-user"}');
  }));
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { warmup, requests } = httpRequests(lines);
  const client = fork(fileURLToPath(new URL('./http-client.js', import.meta.url)),
    [String((server.address() as AddressInfo).port), token, String(warmup), String(requests), String(HTTP_CONCURRENCY)]);
  let cpuAtStart = process.cpuUsage();
  const result = await new Promise<HttpClientResult>((resolve, reject) => {
    client.on('message', (message: 'measuring' | HttpClientResult) => {
      if (message === 'measuring') cpuAtStart = process.cpuUsage();
      else resolve(message);
    });
    client.on('exit', (code) => reject(new Error(`the HTTP client ended (exit ${code}) before reporting`)));
  });
  const cpu = process.cpuUsage(cpuAtStart);
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await logger.close();
  await auth.close();
  return {
    requests: result.requests,
    elapsedMs: result.elapsedMs,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    requestsPerSec: result.requests / (result.elapsedMs / 1000),
    cpuMicrosPerRequest: (cpu.user + cpu.system) / result.requests,
    problem: result.failures > 0 ? `${result.failures} request(s) failed, the first: ${result.firstFailure}` : null,
    written,
  };
}
