import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One kind of line the traffic provokes, and how to recognise it in a log file. */
interface LineKind {
  readonly name: string;
  readonly pattern: RegExp;
}

export const LINE_KINDS: readonly LineKind[] = [
  { name: 'token authenticated', pattern: /Found a matching token ".*" with (Read Only|Read & Write) scope and authenticated user / },
  { name: 'no valid token, password disabled', pattern: /failed: No valid API token was provided and basic auth with password is disabled/ },
  { name: 'IP address not allowed', pattern: /failed: IP address \S+ of request is not allowed to access the REST API/ },
  { name: 'passed to the default authenticator', pattern: /tried to authenticate with an invalid token or regular password\. Passing the request further/ },
  { name: 'read-only token on a write method', pattern: /failed: The token scope is read-only and only covers GET, HEAD and OPTIONS requests/ },
  { name: 'rate limited', pattern: /has been rate limited\. The API token allows executing \d+ requests within \d+ minutes\./ },
  { name: 'SSO login passed', pattern: /The user '.*' has PASSED authentication using (Kerberos|SAML)/ },
  { name: 'SSO login failed', pattern: /The user '.*' has FAILED authentication using (Kerberos|SAML)/ },
  { name: 'SSO diagnostics (JSON)', pattern: /^\{"timestamp":".*","context":"(Kerberos|SAML)","message":/ },
  { name: 'audit: token created', pattern: /"action":"Token created"/ },
  { name: 'audit: failed authentication', pattern: /"action":"Failed authentication"/ },
];

export const LOG_FILES = ['atlassian-jira.log', 'atlassian-jira-security.log', 'kantega-diagnostics.log', join('audit', 'audit.log')];

export interface TrafficOptions {
  baseUrl: string;
  adminPassword: string;
  automationPassword: string;
}

const basic = (user: string, secret: string) => 'Basic ' + Buffer.from(`${user}:${secret}`).toString('base64');

async function send(options: TrafficOptions, method: string, path: string, authorization?: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const response = await fetch(options.baseUrl + path, {
    method,
    headers: {
      ...headers,
      ...(authorization ? { Authorization: authorization } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: response.status, json };
}

/**
 * A scripted mix of requests against a running demo that provokes every log line of
 * resolution's API Token Authentication plus the SSO and audit records. Returns what each request got.
 */
export async function driveTraffic(options: TrafficOptions): Promise<Array<{ request: string; status: number }>> {
  const admin = basic('admin', options.adminPassword);
  const bot = basic('automation-user', options.automationPassword);
  const results: Array<{ request: string; status: number }> = [];
  const step = async (request: string, method: string, path: string, authorization?: string, body?: unknown, headers?: Record<string, string>) => {
    const reply = await send(options, method, path, authorization, body, headers);
    results.push({ request, status: reply.status });
    return reply;
  };

  const created = await step('create a Read & Write token (password)', 'POST', '/rest/de.resolution.apitokenauth/latest/user/token', bot,
    { tokenDescription: 'Traffic token', tokenScope: 2, tokenValidityTimeInMonths: 1 });
  const token = created.json?.plainTextToken as string;
  const readOnly = (await step('create a Read Only token (password)', 'POST', '/rest/de.resolution.apitokenauth/latest/user/token', bot,
    { tokenDescription: 'Traffic read-only token', tokenScope: 1, tokenValidityTimeInMonths: 1 })).json?.plainTextToken as string;
  await step('GET /rest/api/2/myself with the token', 'GET', '/rest/api/2/myself', `Bearer ${token}`);
  await step('GET /rest/ssh/1.0/keys with the token as password', 'GET', '/rest/ssh/1.0/keys', basic('automation-user', token));
  await step('POST an SSH key with the token', 'POST', '/rest/ssh/1.0/keys', `Bearer ${token}`, { text: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBmzX5Vq traffic' });
  await step('GET /rest/ssh/1.0/keys with a password (token-only API)', 'GET', '/rest/ssh/1.0/keys', bot);
  await step('GET /rest/ssh/1.0/keys from a disallowed address', 'GET', '/rest/ssh/1.0/keys', `Bearer ${token}`, undefined, { 'X-Forwarded-For': '203.0.113.7' });
  await step('GET /rest/api/2/myself with a wrong password', 'GET', '/rest/api/2/myself', basic('automation-user', 'wrong password'));
  await step('PUT /rest/api/2/myself with the read-only token', 'PUT', '/rest/api/2/myself', `Bearer ${readOnly}`, { displayName: 'Bot' });
  for (let i = 0; i < 12; i++) await step(`GET /rest/api/2/myself with the read-only token (#${i + 1})`, 'GET', '/rest/api/2/myself', `Bearer ${readOnly}`);
  await step('SSO: Kerberos login passed', 'POST', '/demo/sso/login', admin, { user: 'johndoe', method: 'Kerberos', passed: true });
  await step('SSO: SAML login failed', 'POST', '/demo/sso/login', admin, { user: 'johndoe', method: 'SAML', passed: false, reason: 'Assertion expired' });
  return results;
}

/** How many lines of each kind are in each log file under `logDir`. */
export function whereLinesLanded(logDir: string): Map<string, Map<string, number>> {
  const landed = new Map<string, Map<string, number>>();
  for (const file of LOG_FILES) {
    const path = join(logDir, file);
    if (!existsSync(path)) continue;
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const kind = LINE_KINDS.find((k) => k.pattern.test(line));
      if (!kind) continue;
      const perFile = landed.get(kind.name) ?? new Map<string, number>();
      perFile.set(file, (perFile.get(file) ?? 0) + 1);
      landed.set(kind.name, perFile);
    }
  }
  return landed;
}
