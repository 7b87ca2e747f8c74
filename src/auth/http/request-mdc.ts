import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ProductFlavour } from '../messages/product-flavour.js';
import { logSafe } from '../log-safe.js';
import type { RequestTicket } from './request-id.js';
import { requestPath } from './request-path.js';

/** MDC keys of Jira's request filter (read by the Jira patterns of layouts/presets.ts). */
export const JIRA_MDC = {
  username: 'jira.username',
  requestId: 'jira.request.id',
  sessionId: 'jira.request.assession.id',
  ipAddress: 'jira.request.ipaddr',
  url: 'jira.request.url',
} as const;

/** MDC keys of Bitbucket's request context (read by the `%request` converter of the Bitbucket preset). */
export const BITBUCKET_MDC = {
  username: 'a-request-username',
  requestId: 'a-request-id',
  sessionId: 'a-request-session-id',
  ipAddress: 'a-request-ip',
  action: 'a-request-action',
} as const;

const MAX_MDC_VALUE = 512;

/** Jira shows a short hash of the session cookie, never the session id itself. */
function hashedSession(req: IncomingMessage): string | undefined {
  const cookie = req.headers.cookie;
  if (!cookie) return undefined;
  const match = /(?:^|;\s*)JSESSIONID=([^;]+)/.exec(cookie);
  if (!match) return undefined;
  return createHash('sha256').update(match[1]!).digest('base64url').slice(0, 7);
}

/**
 * The diagnostic context of one request, as the product's request filter sets it.
 * Every value is log-safe: a header cannot put a line break into a record. URLs
 * are logged without their query string, which may carry a password or token.
 */
export function requestMdc(
  flavour: ProductFlavour,
  req: IncomingMessage,
  ticket: RequestTicket,
  addressChain: readonly string[],
): Record<string, string> {
  const safe = (value: string) => logSafe(value, MAX_MDC_VALUE);
  const session = hashedSession(req);
  const addresses = safe(addressChain.join(','));
  if (flavour === 'bitbucket') {
    const context: Record<string, string> = {
      [BITBUCKET_MDC.requestId]: ticket.bitbucketId,
      [BITBUCKET_MDC.ipAddress]: addresses,
      [BITBUCKET_MDC.action]: safe(`${req.method ?? ''} ${requestPath(req.url ?? '')} HTTP/${req.httpVersion}`),
    };
    if (session) context[BITBUCKET_MDC.sessionId] = session;
    return context;
  }
  return {
    [JIRA_MDC.username]: 'anonymous',
    [JIRA_MDC.requestId]: ticket.jiraId,
    [JIRA_MDC.sessionId]: session ?? '-',
    [JIRA_MDC.ipAddress]: addresses || '-',
    [JIRA_MDC.url]: safe(requestPath(req.url ?? '')) || '-',
  };
}

/** The MDC key that names the authenticated user for a flavour. */
export function usernameKey(flavour: ProductFlavour): string {
  return flavour === 'bitbucket' ? BITBUCKET_MDC.username : JIRA_MDC.username;
}
