import type { IncomingMessage, ServerResponse } from 'node:http';
import { MDC } from '../../context/mdc.js';
import { ThreadName } from '../../context/thread-name.js';
import { getLogger } from '../../log-manager.js';
import type { AuthDecision, Authenticator } from '../authenticator.js';
import { sendError } from './json-response.js';
import { loggableUserName } from '../loggable-user-name.js';
import { logSafe } from '../log-safe.js';
import { RequestIdGenerator } from './request-id.js';
import { requestMdc, usernameKey } from './request-mdc.js';
import { requestPath } from './request-path.js';
import { ThreadNamePool } from './thread-names.js';

/** What the middleware leaves on the request for the handlers after it. */
export interface RequestAuth {
  readonly user: string | null;
  readonly decision: AuthDecision;
  readonly requestId: string;
  /** The authenticator's WWW-Authenticate value, for handlers that answer 401 themselves. */
  readonly challenge: string;
}

// Handlers after the middleware read `req.auth` typed, on node:http's request and so
// on Express's and Connect's, which extend it.
declare module 'node:http' {
  interface IncomingMessage {
    /** Set by authMiddleware before it calls the next handler. */
    auth?: RequestAuth;
  }
}

export type AuthenticatedRequest = IncomingMessage & { auth?: RequestAuth };

/** Called to continue with the next handler; an error ends the request with a 500. */
export type Next = (error?: unknown) => void;

export interface AuthMiddlewareOptions {
  authenticator: Authenticator;
  /** Answer 401 to requests without credentials (default false: they pass on as anonymous). */
  requireAuthentication?: boolean | ((req: IncomingMessage) => boolean);
  /** Port in the thread names (`http-nio-<port>-exec-N`); default the socket's local port. */
  port?: number;
  requestIds?: RequestIdGenerator;
  threadNames?: ThreadNamePool;
}

export type AuthMiddleware = (req: IncomingMessage, res: ServerResponse, next?: Next) => void;

const log = getLogger('logwarden.auth.http.AuthMiddleware');

/**
 * Authenticates each request and scopes it in the logging context: the product's
 * MDC keys, a Tomcat-style thread name and the `X-AREQUESTID` header, so every
 * line logged while serving it, by the authenticator or by the handlers after it,
 * carries the request. Works as Express/Connect middleware `(req, res, next)` and,
 * with the handler passed as `next`, around a plain node:http handler.
 */
export function authMiddleware(options: AuthMiddlewareOptions): AuthMiddleware {
  const { authenticator } = options;
  const flavour = authenticator.flavour;
  const requestIds = options.requestIds ?? new RequestIdGenerator();
  const pools = new Map<number | string, ThreadNamePool>();
  const poolFor = (req: IncomingMessage): ThreadNamePool => {
    if (options.threadNames) return options.threadNames;
    const port = options.port ?? req.socket.localPort ?? 8080;
    let pool = pools.get(port);
    if (!pool) pools.set(port, (pool = ThreadNamePool.tomcat(port)));
    return pool;
  };
  const required = options.requireAuthentication ?? false;

  return (req, res, next) => {
    const ticket = requestIds.begin();
    const thread = poolFor(req).acquire();
    res.once('close', () => {
      ticket.end();
      thread.release();
    });
    const requestId = flavour === 'bitbucket' ? ticket.bitbucketId : ticket.jiraId;
    res.setHeader('X-AREQUESTID', requestId);
    const forwardedFor = req.headers['x-forwarded-for'];
    // The same chain the authenticator decides on, so the logged address is the judged one.
    const client = authenticator.resolveClient(req.socket.remoteAddress ?? '', forwardedFor);
    const context = requestMdc(flavour, req, ticket, client.chain);

    MDC.run(context, () => ThreadName.run(thread.name, async () => {
      try {
        const decision = await authenticator.authenticate({
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          authorization: req.headers.authorization,
          remoteAddress: req.socket.remoteAddress ?? '',
          forwardedFor,
        });
        if (decision.outcome === 'denied') {
          sendError(res, decision.status, decision.message, decision.headers);
          return;
        }
        const mustAuthenticate = typeof required === 'function' ? required(req) : required;
        if (decision.outcome === 'pass' && mustAuthenticate) {
          sendError(res, 401, 'Authentication required', { 'WWW-Authenticate': authenticator.challenge });
          return;
        }
        if (decision.user !== null) MDC.put(usernameKey(flavour), loggableUserName(decision.user));
        (req as AuthenticatedRequest).auth = { user: decision.user, decision, requestId, challenge: authenticator.challenge };
        if (next) next();
      } catch (cause) {
        log.error(`Request failed: ${logSafe(req.method ?? '')} ${logSafe(requestPath(req.url ?? ''))}`, cause instanceof Error ? cause : new Error(String(cause)));
        sendError(res, 500, 'Internal server error');
      }
    }));
  };
}
