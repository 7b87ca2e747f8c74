import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenService } from '../../tokens/token-service.js';
import type { TokenInfo } from '../../tokens/token-record.js';
import type { UserDirectory } from '../../users/user-directory.js';
import { BadRequestError, readJsonBody } from '../json-body.js';
import { sendJson } from '../json-response.js';
import { asUser, auditSource } from './rest-route.js';
import { decodeURIComponentSafe } from './resolution-token-api.js';
import { TOKEN_ID } from './token-errors-http.js';

export const PAT_API_BASE = '/rest/pat/latest/tokens';

/** Atlassian's error body: the exception class and a message. */
const patError = (_status: number, message: string, kind: string) => ({
  exception: `com.atlassian.pats.rest.exceptions.${kind}Exception`,
  error: message,
});

function view(info: TokenInfo) {
  return {
    id: Number(info.id),
    name: info.description,
    createdAt: new Date(info.createdAt).toISOString(),
    expiringAt: info.expiresAt === null ? null : new Date(info.expiresAt).toISOString(),
    lastAccessedAt: info.lastAccessedAt === null ? null : new Date(info.lastAccessedAt).toISOString(),
  };
}

/**
 * Atlassian's personal access token endpoints: `POST|GET /rest/pat/latest/tokens`
 * (`{name, expirationDuration}` in days), `GET|DELETE /rest/pat/latest/tokens/{id}`.
 * Returns false when the path is not one of them.
 */
export function patTokenApi(service: TokenService, users: UserDirectory) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? '').split('?')[0]!;
    if (path !== PAT_API_BASE && !path.startsWith(PAT_API_BASE + '/')) return false;
    const method = req.method ?? 'GET';
    const rawId = path === PAT_API_BASE ? null : path.slice(PAT_API_BASE.length + 1);

    if (rawId === null) {
      if (method !== 'GET' && method !== 'POST') {
        sendJson(res, 405, patError(405, 'Method not allowed', 'MethodNotAllowed'));
        return true;
      }
      await asUser(req, res, users, patError, async (user) => {
        if (method === 'GET') {
          sendJson(res, 200, (await service.list(user)).filter((t) => t.family === 'pat').map(view));
          return;
        }
        const body = await readJsonBody(req);
        if (typeof body.name !== 'string' || body.name.trim() === '') throw new BadRequestError(400, 'name is required');
        const days = body.expirationDuration;
        if (days !== undefined && days !== null && (!Number.isInteger(days) || (days as number) <= 0)) {
          throw new BadRequestError(400, 'expirationDuration must be a positive whole number of days');
        }
        const created = await service.create(user, {
          description: body.name,
          validity: days === undefined || days === null ? 'never' : { days: days as number },
          family: 'pat',
        }, auditSource(req));
        sendJson(res, 201, { ...view(created.info), rawToken: created.token });
      });
      return true;
    }

    const id = decodeURIComponentSafe(rawId);
    if (id === null || !TOKEN_ID.test(id)) {
      sendJson(res, 400, patError(400, 'Invalid token id', 'InvalidTokenRequest'));
      return true;
    }
    if (method !== 'GET' && method !== 'DELETE') {
      sendJson(res, 405, patError(405, 'Method not allowed', 'MethodNotAllowed'));
      return true;
    }
    await asUser(req, res, users, patError, async (user) => {
      const token = (await service.list(user)).find((t) => t.id === id && t.family === 'pat');
      if (!token) {
        sendJson(res, 404, patError(404, 'Token not found', 'TokenNotFound'));
        return;
      }
      if (method === 'GET') {
        sendJson(res, 200, view(token));
        return;
      }
      await service.delete(user, id, auditSource(req));
      res.statusCode = 204;
      res.end();
    });
    return true;
  };
}
