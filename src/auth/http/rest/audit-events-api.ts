import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuditLog } from '../../audit/audit-log.js';
import { AuditQueryError, type AuditQuery } from '../../audit/audit-query.js';
import { TokenPermissionError } from '../../tokens/token-errors.js';
import type { TokenPermissions } from '../../tokens/token-permissions.js';
import type { UserDirectory } from '../../users/user-directory.js';
import { BadRequestError } from '../json-body.js';
import { sendError, sendJson } from '../json-response.js';
import { requestPath } from '../request-path.js';
import { QueryParameters } from './query-parameters.js';
import { asUser } from './rest-route.js';

export const AUDIT_EVENTS_PATH = '/rest/auditing/1.0/events';

const errorBody = (status: number, message: string) => ({ status, message });

/** The range of a JavaScript Date, in epoch milliseconds. */
const MAX_TIME = 8.64e15;

function auditQueryOf(target: string): AuditQuery {
  const query = QueryParameters.of(target);
  return {
    from: query.integer('from', -MAX_TIME, MAX_TIME),
    to: query.integer('to', -MAX_TIME, MAX_TIME),
    offset: query.integer('offset', 0, Number.MAX_SAFE_INTEGER),
    limit: query.integer('limit', 0, Number.MAX_SAFE_INTEGER),
    author: query.string('author'),
    category: query.string('category'),
    text: query.string('text'),
  };
}

/**
 * `GET /rest/auditing/1.0/events?from=&to=&author=&category=&text=&offset=&limit=`
 * (times in epoch milliseconds), for administrators: the audit records, newest
 * first. A malformed parameter is a 400 `{status, message}`. Returns false for
 * other paths.
 */
export function auditEventsApi(audit: AuditLog, users: UserDirectory, permissions: TokenPermissions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if (requestPath(req.url ?? '') !== AUDIT_EVENTS_PATH) return false;
    if (req.method !== 'GET') {
      sendError(res, 405, 'Method not allowed');
      return true;
    }
    await asUser(req, res, users, errorBody, async (user) => {
      if (!permissions.canManageOthers(user)) throw new TokenPermissionError();
      const query = auditQueryOf(req.url ?? '');
      try {
        sendJson(res, 200, await audit.query(query));
      } catch (error) {
        if (error instanceof AuditQueryError) throw new BadRequestError(400, error.message);
        throw error;
      }
    });
    return true;
  };
}
