import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenService } from '../../tokens/token-service.js';
import type { TokenInfo } from '../../tokens/token-record.js';
import type { UserDirectory } from '../../users/user-directory.js';
import { BadRequestError, readJsonBody } from '../json-body.js';
import { JsonFields } from '../json-fields.js';
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

export interface PatTokenApiOptions {
  /**
   * Days a token lives when the request gives no `expirationDuration`; null (the
   * default) makes such a token never expire, which the token policy must allow.
   */
  defaultExpirationDays?: number | null;
}

const MAX_DAYS = 36_500;

/**
 * Atlassian's personal access token endpoints: `POST|GET /rest/pat/latest/tokens`
 * (`{name, expirationDuration}` in days), `GET|DELETE /rest/pat/latest/tokens/{id}`.
 * Returns false when the path is not one of them.
 */
export function patTokenApi(service: TokenService, users: UserDirectory, options: PatTokenApiOptions = {}) {
  const defaultDays = options.defaultExpirationDays ?? null;
  if (defaultDays !== null && !(Number.isInteger(defaultDays) && defaultDays > 0 && defaultDays <= MAX_DAYS)) {
    throw new RangeError(`defaultExpirationDays must be a whole number from 1 to ${MAX_DAYS} or null, got ${defaultDays}`);
  }
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
        const fields = new JsonFields(await readJsonBody(req));
        const name = fields.string('name');
        if (name === undefined || name.trim() === '') throw new BadRequestError(400, 'Field "name" is required');
        const days = fields.wholeNumber('expirationDuration', 1, MAX_DAYS) ?? defaultDays;
        const made = await service.create(user, {
          description: name,
          validity: days === null ? 'never' : { days },
          family: 'pat',
        }, auditSource(req));
        sendJson(res, 201, { ...view(made.info), rawToken: made.token });
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
