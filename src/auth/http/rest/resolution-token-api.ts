import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenService } from '../../tokens/token-service.js';
import type { TokenInfo } from '../../tokens/token-record.js';
import type { User, UserDirectory } from '../../users/user-directory.js';
import { readJsonBody } from '../json-body.js';
import { sendJson } from '../json-response.js';
import { QueryParameters } from './query-parameters.js';
import { pageOf, pagingOf } from './resolution-page.js';
import { filterMatches } from '../../tokens/token-filter.js';
import { tokenFilterOf } from './resolution-token-filter.js';
import { SCOPE_NUMBER, createTokenRequestOf, newDescriptionOf } from './resolution-token-request.js';
import { asUser, auditSource } from './rest-route.js';
import { TOKEN_ID } from './token-errors-http.js';

export const RESOLUTION_API_BASE = '/rest/de.resolution.apitokenauth/latest';

/** The products' error body, used for every error of this API. */
const resolutionError = (_status: number, message: string) => ({ errorMessage: message });

/**
 * A token as resolution's listings show it: times in epoch milliseconds, 0 for
 * "never" (`lastAccessed` of an unused token, `validUntil` of one that never
 * expires), the scope as its number. Ids are this module's (16 hex characters,
 * part of the token itself), strings where the product's are numbers.
 */
function listed(info: TokenInfo) {
  return {
    id: info.id,
    userKey: info.owner,
    description: info.description,
    tokenScope: SCOPE_NUMBER[info.scope],
    created: info.createdAt,
    lastAccessed: info.lastAccessedAt ?? 0,
    validUntil: info.expiresAt ?? 0,
  };
}

/**
 * The answer to a creation: the request's names, the expiry both ways (the date and
 * time in UTC, `Z` being its offset), and the token, which is shown this once.
 */
function created(info: TokenInfo, token: string) {
  return {
    id: info.id,
    tokenForUserKey: info.owner,
    tokenDescription: info.description,
    tokenScope: SCOPE_NUMBER[info.scope],
    created: info.createdAt,
    tokenExpirationDateTime: info.expiresAt === null ? null : new Date(info.expiresAt).toISOString(),
    tokenExpirationDateTimeMillis: info.expiresAt ?? 0,
    plainTextToken: token,
  };
}

const apiTokens = (tokens: TokenInfo[]) => tokens.filter((t) => t.family === 'api');

/**
 * resolution's token endpoints ("REST API v2"):
 * `POST|GET {base}/user/token`, `GET {base}/user/tokensByFilter`,
 * `PATCH|DELETE {base}/user/token/{id}`, and
 * `DELETE {base}/admin/user/{username}/token` (all of a user's tokens, administrators).
 * User keys are user names here. Returns false when the path is not one of them.
 */
export function resolutionTokenApi(service: TokenService, users: UserDirectory) {
  // A user who administers no one else sees their own tokens whatever `userFilter` names.
  const listFiltered = async (user: User, query: QueryParameters) => {
    const filter = tokenFilterOf(query);
    return apiTokens(await service.listVisible(user)).filter((token) => filterMatches(filter, token)).map(listed);
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const target = req.url ?? '';
    const path = target.split('?')[0]!;
    if (!path.startsWith(RESOLUTION_API_BASE + '/')) return false;
    // resolution's documentation lists tokens at `.../user/token/` as well as `.../user/token`.
    const rest = path.slice(RESOLUTION_API_BASE.length).replace(/^\/user\/token\/$/, '/user/token');
    const method = req.method ?? 'GET';
    const one = /^\/user\/token\/([^/]+)$/.exec(rest);
    const admin = /^\/admin\/user\/([^/]*)\/token$/.exec(rest);
    const reply = (status: number, message: string) => sendJson(res, status, resolutionError(status, message));

    if (rest === '/user/token' && (method === 'POST' || method === 'GET')) {
      await asUser(req, res, users, resolutionError, async (user) => {
        if (method === 'GET') {
          const query = QueryParameters.of(target);
          sendJson(res, 200, pageOf(apiTokens(await service.list(user)).map(listed), pagingOf(query)));
          return;
        }
        const made = await service.create(user, createTokenRequestOf(await readJsonBody(req)), auditSource(req));
        // The documentation shows no status; 200 is what a plain JAX-RS resource answers, and scripts may test for it.
        sendJson(res, 200, created(made.info, made.token));
      });
      return true;
    }
    if (rest === '/user/tokensByFilter' && method === 'GET') {
      await asUser(req, res, users, resolutionError, async (user) => {
        const query = QueryParameters.of(target);
        const paging = pagingOf(query);
        sendJson(res, 200, pageOf(await listFiltered(user, query), paging));
      });
      return true;
    }
    if (one && (method === 'PATCH' || method === 'DELETE')) {
      const id = decodeURIComponentSafe(one[1]!);
      if (id === null || !TOKEN_ID.test(id)) {
        reply(400, 'Invalid token id');
        return true;
      }
      await asUser(req, res, users, resolutionError, async (user) => {
        if (method === 'DELETE') {
          await service.delete(user, id, auditSource(req));
          sendJson(res, 200, true);
          return;
        }
        sendJson(res, 200, listed(await service.rename(user, id, newDescriptionOf(await readJsonBody(req)), auditSource(req))));
      });
      return true;
    }
    if (admin && method === 'DELETE') {
      const owner = decodeURIComponentSafe(admin[1]!);
      if (owner === null || owner === '') {
        reply(400, 'Invalid user name');
        return true;
      }
      await asUser(req, res, users, resolutionError, async (user) => {
        sendJson(res, 200, { deleted: await service.deleteAllForUser(user, owner, auditSource(req)) });
      });
      return true;
    }
    const known = rest === '/user/token' || rest === '/user/tokensByFilter' || one || admin;
    if (known) reply(405, 'Method not allowed');
    else reply(404, 'Not found');
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
