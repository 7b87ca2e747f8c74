import type { IncomingMessage, ServerResponse } from 'node:http';
import { getLogger } from '../log-manager.js';
import type { UserDirectory } from '../auth/users/user-directory.js';
import type { AuthenticatedRequest } from '../auth/http/auth-middleware.js';
import { readJsonBody } from '../auth/http/json-body.js';
import { sendError, sendJson } from '../auth/http/json-response.js';
import { logSafe } from '../auth/log-safe.js';

const log = getLogger('com.example.demo.SampleApi');

/**
 * The protected sample endpoints: `GET|PUT /rest/api/2/myself` (Jira's) and
 * `GET|POST /rest/ssh/1.0/keys` (Bitbucket's). Returns false for other paths.
 */
export function sampleApi(users: UserDirectory) {
  const keys = new Map<string, string[]>();
  const displayNames = new Map<string, string>();

  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/rest/api/2/myself' && path !== '/rest/ssh/1.0/keys') return false;
    const auth = (req as AuthenticatedRequest).auth;
    const name = auth?.user ?? null;
    const user = name === null ? undefined : await users.findUser(name);
    if (!user) {
      sendError(res, 401, 'Authentication required', auth ? { 'WWW-Authenticate': auth.challenge } : {});
      return true;
    }
    const method = req.method ?? 'GET';
    if (path === '/rest/api/2/myself') {
      if (method === 'GET') {
        sendJson(res, 200, { name: user.name, displayName: displayNames.get(user.name) ?? user.name, active: user.active, groups: user.groups });
      } else if (method === 'PUT') {
        const body = await readJsonBody(req);
        if (typeof body.displayName !== 'string' || body.displayName.trim() === '') {
          sendError(res, 400, 'displayName must be a non-empty string');
          return true;
        }
        displayNames.set(user.name, body.displayName.slice(0, 255));
        log.info(`User ${logSafe(user.name)} changed the display name`);
        sendJson(res, 200, { name: user.name, displayName: displayNames.get(user.name) });
      } else {
        sendError(res, 405, 'Method not allowed');
      }
      return true;
    }
    if (method === 'GET') {
      sendJson(res, 200, { values: (keys.get(user.name) ?? []).map((text, id) => ({ id: id + 1, text })) });
    } else if (method === 'POST') {
      const body = await readJsonBody(req);
      if (typeof body.text !== 'string' || !/^(ssh-(rsa|ed25519)|ecdsa-sha2-nistp\d+) [A-Za-z0-9+/=]+( .*)?$/.test(body.text) || body.text.length > 16384) {
        sendError(res, 400, 'text must be an OpenSSH public key');
        return true;
      }
      const list = keys.get(user.name) ?? [];
      list.push(body.text);
      keys.set(user.name, list);
      log.info(`User ${logSafe(user.name)} added SSH key ${list.length}`);
      sendJson(res, 201, { id: list.length, text: body.text });
    } else {
      sendError(res, 405, 'Method not allowed');
    }
    return true;
  };
}
