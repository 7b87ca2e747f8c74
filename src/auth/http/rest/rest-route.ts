import type { IncomingMessage, ServerResponse } from 'node:http';
import { getLogger } from '../../../log-manager.js';
import type { User, UserDirectory } from '../../users/user-directory.js';
import type { AuthenticatedRequest } from '../auth-middleware.js';
import { sendJson } from '../json-response.js';
import { logSafe } from '../../log-safe.js';
import { requestPath } from '../request-path.js';
import { httpStatusOf } from './token-errors-http.js';

const log = getLogger('logwarden.auth.http.RestApi');

/** Shapes an error body: resolution's `{errorMessage}` or Atlassian's `{exception, error}`. */
export type ErrorBody = (status: number, message: string, kind: string) => unknown;

/**
 * Runs a REST handler for an authenticated user: 401 without one, and errors from
 * the body or the token service turned into 4xx with a JSON body (never a stack
 * trace). Anything unexpected is logged and answered with a 500.
 */
export async function asUser(
  req: IncomingMessage,
  res: ServerResponse,
  users: UserDirectory,
  errorBody: ErrorBody,
  handle: (user: User) => Promise<void>,
): Promise<void> {
  const auth = (req as AuthenticatedRequest).auth;
  const name = auth?.user ?? null;
  const user = name === null ? undefined : await users.findUser(name);
  if (!user || !user.active) {
    sendJson(res, 401, errorBody(401, 'Authentication required', 'NotAuthenticated'), auth ? { 'WWW-Authenticate': auth.challenge } : {});
    return;
  }
  try {
    await handle(user);
  } catch (error) {
    const known = httpStatusOf(error);
    if (known) {
      sendJson(res, known.status, errorBody(known.status, known.message, known.kind));
      return;
    }
    log.error(`REST request failed: ${logSafe(req.method ?? '')} ${logSafe(requestPath(req.url ?? ''), 200)}`, error instanceof Error ? error : new Error(String(error)));
    sendJson(res, 500, errorBody(500, 'Internal server error', 'Internal'));
  }
}

/** The source address recorded in audit entries: the first of the logged chain, else the socket peer. */
export function auditSource(req: IncomingMessage): string | null {
  const decision = (req as AuthenticatedRequest).auth?.decision;
  return decision?.clientAddress ?? req.socket.remoteAddress ?? null;
}
