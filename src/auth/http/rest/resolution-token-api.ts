import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenService } from '../../tokens/token-service.js';
import type { TokenInfo } from '../../tokens/token-record.js';
import type { TokenValidity } from '../../tokens/token-validity.js';
import type { UserDirectory } from '../../users/user-directory.js';
import { BadRequestError, readJsonBody } from '../json-body.js';
import { sendError, sendJson } from '../json-response.js';
import { asUser, auditSource } from './rest-route.js';
import { TOKEN_ID } from './token-errors-http.js';

export const RESOLUTION_API_BASE = '/rest/de.resolution.apitokenauth/latest';

const resolutionError = (status: number, message: string) => ({ status, message });

function view(info: TokenInfo) {
  return {
    id: info.id,
    description: info.description,
    scope: info.scope,
    createdAt: new Date(info.createdAt).toISOString(),
    expiresAt: info.expiresAt === null ? null : new Date(info.expiresAt).toISOString(),
    lastAccessedAt: info.lastAccessedAt === null ? null : new Date(info.lastAccessedAt).toISOString(),
  };
}

function validityOf(body: Record<string, unknown>): TokenValidity {
  const { validityDays, validityMonths, nonExpiring } = body;
  if (nonExpiring === true) return 'never';
  if (validityDays !== undefined && validityMonths !== undefined) throw new BadRequestError(400, 'Give validityDays or validityMonths, not both');
  if (validityMonths !== undefined) {
    if (!Number.isInteger(validityMonths) || (validityMonths as number) <= 0) throw new BadRequestError(400, 'validityMonths must be a positive whole number');
    return { months: validityMonths as number };
  }
  if (validityDays === undefined) return { days: 90 };
  if (!Number.isInteger(validityDays) || (validityDays as number) <= 0) throw new BadRequestError(400, 'validityDays must be a positive whole number');
  return { days: validityDays as number };
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new BadRequestError(400, `${key} must be a string`);
  return value;
}

/**
 * resolution's token endpoints:
 * `POST|GET {base}/user/token`, `PATCH|DELETE {base}/user/token/{id}`,
 * `DELETE {base}/admin/user/{username}/token` (all of a user's tokens, administrators).
 * Returns false when the path is not one of them.
 */
export function resolutionTokenApi(service: TokenService, users: UserDirectory) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? '').split('?')[0]!;
    if (!path.startsWith(RESOLUTION_API_BASE + '/')) return false;
    const rest = path.slice(RESOLUTION_API_BASE.length);
    const method = req.method ?? 'GET';
    const one = /^\/user\/token\/([^/]*)$/.exec(rest);
    const admin = /^\/admin\/user\/([^/]*)\/token$/.exec(rest);

    if (rest === '/user/token' && (method === 'POST' || method === 'GET')) {
      await asUser(req, res, users, resolutionError, async (user) => {
        if (method === 'GET') {
          sendJson(res, 200, (await service.list(user)).map(view));
          return;
        }
        const body = await readJsonBody(req);
        const created = await service.create(user, {
          owner: optionalString(body, 'owner'),
          description: optionalString(body, 'description'),
          scope: body.scope === undefined ? undefined : (body.scope as never),
          validity: validityOf(body),
          family: 'api',
        }, auditSource(req));
        sendJson(res, 201, { ...view(created.info), token: created.token });
      });
      return true;
    }
    if (one && (method === 'PATCH' || method === 'DELETE')) {
      const id = decodeURIComponentSafe(one[1]!);
      if (id === null || !TOKEN_ID.test(id)) {
        sendError(res, 400, 'Invalid token id');
        return true;
      }
      await asUser(req, res, users, resolutionError, async (user) => {
        if (method === 'DELETE') {
          await service.delete(user, id, auditSource(req));
          res.statusCode = 204;
          res.end();
          return;
        }
        const description = optionalString(await readJsonBody(req), 'description');
        if (description === undefined) throw new BadRequestError(400, 'description is required');
        sendJson(res, 200, view(await service.rename(user, id, description)));
      });
      return true;
    }
    if (admin && method === 'DELETE') {
      const owner = decodeURIComponentSafe(admin[1]!);
      if (owner === null || owner === '') {
        sendError(res, 400, 'Invalid user name');
        return true;
      }
      await asUser(req, res, users, resolutionError, async (user) => {
        sendJson(res, 200, { deleted: await service.deleteAllForUser(user, owner, auditSource(req)) });
      });
      return true;
    }
    sendError(res, rest === '/user/token' || one || admin ? 405 : 404, rest === '/user/token' || one || admin ? 'Method not allowed' : 'Not found');
    return true;
  };
}

export function decodeURIComponentSafe(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
