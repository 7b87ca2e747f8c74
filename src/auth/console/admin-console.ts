import { timingSafeEqual, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { MDC } from '../../context/mdc.js';
import { getLogger } from '../../log-manager.js';
import type { AuditCoverage } from '../audit/audit-coverage.js';
import type { AuthModule } from '../auth-module.js';
import { systemClock, type Clock } from '../clock.js';
import { logSafe } from '../log-safe.js';
import { requestPath } from '../http/request-path.js';
import { usernameKey } from '../http/request-mdc.js';
import { loggableUserName } from '../loggable-user-name.js';
import type { SsoEvents } from '../sso/sso-events.js';
import type { User, UserDirectory } from '../users/user-directory.js';
import { clearCookie, readCookie, setCookie, type CookieSettings } from './console-cookies.js';
import { consoleLayout, type LayoutNavigationEntry } from './console-layout.js';
import { PageRequestError, type ConsolePage, type ConsolePageFactory, type ConsoleServices, type Flash, type PageContext } from './console-page.js';
import { CONSOLE_PAGES } from './console-pages.js';
import { redirect, sendAsset, sendConsoleJson, sendPage } from './console-response.js';
import { CONSOLE_ICON } from './console-icon.js';
import { CONSOLE_SCRIPT } from './console-script.js';
import { ConsoleSessions, type ConsoleSession } from './console-sessions.js';
import { CONSOLE_STYLESHEET } from './console-stylesheet.js';
import { FormBodyError, readFormBody } from './form-body.js';
import { html, type SafeHtml } from './html.js';
import { loginPage } from './login-page.js';

export interface AdminConsoleOptions {
  /** Logins go through `auth.authenticator`: the REST API's logs, audit records and failed-attempt throttle. */
  auth: AuthModule;
  users: UserDirectory;
  /** Members of these groups may open every page; other users only the pages open to every authenticated user. */
  administratorGroups: readonly string[];
  /**
   * The path the console answers under when it is a plain node:http handler
   * (`/admin`). Under Express or Connect, `app.use('/admin', console)` is enough:
   * the mount path is read from the request.
   */
  basePath?: string;
  sso?: SsoEvents | null;
  /** The audit switches as administrators change them (stored, audited); null: the Audit log page shows them read-only. */
  auditCoverage?: AuditCoverage | null;
  /** The pages, in navigation order (default CONSOLE_PAGES). */
  pages?: readonly ConsolePageFactory[];
  /** A session unused this long ends (default 30). */
  sessionIdleMinutes?: number;
  maxSessions?: number;
  /**
   * Mark cookies Secure. Default: when the request came over TLS; set true behind
   * a proxy that terminates TLS.
   */
  secureCookies?: boolean;
  /**
   * Origins besides the request's own Host that may post forms, for a proxy that
   * rewrites Host (`https://logs.example.com`).
   */
  trustedOrigins?: readonly string[];
  clock?: Clock;
}

/** `(req, res)` for node:http, `(req, res, next)` for Express and Connect: `next()` gets the paths the console does not own. */
export type AdminConsoleHandler = ((req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void) => void) & {
  readonly sessions: ConsoleSessions;
  readonly pages: readonly ConsolePage[];
};

export const SESSION_COOKIE = 'lw_console';
export const LOGIN_COOKIE = 'lw_console_login';
const RESERVED_SEGMENTS = new Set(['assets', 'login', 'logout']);
const SEGMENT = /^[a-z0-9][a-z0-9-]*$/;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const ASSETS: Readonly<Record<string, { type: string; body: string; etag: string }>> = {
  '/assets/console.css': { type: 'text/css; charset=utf-8', body: CONSOLE_STYLESHEET, etag: etagOf(CONSOLE_STYLESHEET) },
  '/assets/console.js': { type: 'text/javascript; charset=utf-8', body: CONSOLE_SCRIPT, etag: etagOf(CONSOLE_SCRIPT) },
  '/assets/icon.svg': { type: 'image/svg+xml', body: CONSOLE_ICON, etag: etagOf(CONSOLE_ICON) },
};

const log = getLogger('logwarden.auth.console.AdminConsole');

function etagOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `"${(hash >>> 0).toString(16)}-${text.length}"`;
}

function normaliseBasePath(path: string | undefined): string {
  if (path === undefined || path === '' || path === '/') return '';
  if (!path.startsWith('/') || /[?#\s]/.test(path)) throw new TypeError(`basePath must be a path such as "/admin", not "${path}"`);
  return path.replace(/\/+$/, '');
}

function sameToken(a: string | undefined | null, b: string): boolean {
  if (typeof a !== 'string') return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

interface Route {
  /** The console's root path as the browser sees it (the cookie path). */
  readonly mount: string;
  /** The rest of the path below it: '' or '/...'. */
  readonly rest: string;
}

/**
 * Where the console is mounted and which of its paths a request asks for; null when
 * the request is not the console's. Express and Connect strip their mount path from
 * `req.url` and keep the whole target in `req.originalUrl` (Express also `req.baseUrl`).
 */
function routeOf(req: IncomingMessage, basePath: string): Route | null {
  const path = requestPath(req.url ?? '/');
  const extended = req as IncomingMessage & { originalUrl?: unknown; baseUrl?: unknown };
  let mount = '';
  if (typeof extended.baseUrl === 'string') {
    mount = extended.baseUrl;
  } else if (typeof extended.originalUrl === 'string') {
    const original = requestPath(extended.originalUrl);
    if (original !== path) mount = path === '/' && !original.endsWith('/') ? original : original.slice(0, original.length - path.length);
  }
  mount = mount.replace(/\/+$/, '');
  let rest = path === '/' ? '' : path;
  if (basePath !== '') {
    if (rest === basePath || rest === `${basePath}/`) rest = '';
    else if (rest.startsWith(`${basePath}/`)) rest = rest.slice(basePath.length);
    else return null;
    mount += basePath;
  }
  return { mount, rest: rest === '/' ? '' : rest };
}

/**
 * The admin console: server-rendered pages behind a login, as one request handler
 * for node:http, Express and Connect. See console-page.ts for what a page is.
 */
export function adminConsole(options: AdminConsoleOptions): AdminConsoleHandler {
  const basePath = normaliseBasePath(options.basePath);
  const clock = options.clock ?? systemClock;
  const administratorGroups = new Set(options.administratorGroups);
  const sessions = new ConsoleSessions({
    idleMillis: (options.sessionIdleMinutes ?? 30) * 60_000, maxSessions: options.maxSessions, clock,
  });
  const services: ConsoleServices = { auth: options.auth, users: options.users, sso: options.sso ?? null, auditCoverage: options.auditCoverage ?? null, clock };
  const pages: ConsolePage[] = [];
  for (const factory of options.pages ?? CONSOLE_PAGES) {
    const page = factory(services);
    if (page === null) continue;
    if (!SEGMENT.test(page.segment) || RESERVED_SEGMENTS.has(page.segment)) {
      throw new TypeError(`Console page "${page.title}": segment "${page.segment}" must be lower case letters, digits and dashes, and not ${[...RESERVED_SEGMENTS].join(', ')}`);
    }
    if (pages.some((other) => other.segment === page.segment)) throw new TypeError(`Two console pages have the segment "${page.segment}"`);
    pages.push(page);
  }
  const trustedOrigins = new Set(options.trustedOrigins ?? []);
  const authenticator = options.auth.authenticator;

  const isAdministrator = (user: User): boolean => user.active && user.groups.some((group) => administratorGroups.has(group));
  const mayOpen = (page: ConsolePage, admin: boolean): boolean => page.access === 'authenticated' || admin;
  const cookieSettings = (req: IncomingMessage, mount: string): CookieSettings => ({
    path: mount === '' ? '/' : mount,
    secure: options.secureCookies ?? (req.socket as TLSSocket).encrypted === true,
  });
  const clientAddress = (req: IncomingMessage): string =>
    authenticator.resolveClient(req.socket.remoteAddress ?? '', req.headers['x-forwarded-for']).address;

  /** Why a state-changing request must be refused as cross-site; null when it came from the console's own pages. */
  const crossSite = (req: IncomingMessage): string | null => {
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin') return `Sec-Fetch-Site: ${site}`;
    const origin = req.headers.origin;
    if (origin === undefined) return null;
    if (trustedOrigins.has(origin)) return null;
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return `Origin: ${origin}`;
    }
    return origin !== 'null' && host === req.headers.host ? null : `Origin: ${origin}`;
  };

  const refuse = (res: ServerResponse, route: Route, status: number, message: string, session: ConsoleSession | null, user: User | null): void => {
    const body = html`<p><a href="${route.mount}/">Back to the console</a></p>`;
    sendPage(res, status, consoleLayout({
      basePath: route.mount, title: status === 403 ? 'Forbidden' : status === 404 ? 'Not found' : 'Request refused', body,
      flash: { kind: 'error', message },
      session: session && user ? { user: user.name, csrfToken: session.csrfToken, navigation: navigationOf(route, user, null) } : undefined,
    }));
  };

  const navigationOf = (route: Route, user: User, current: ConsolePage | null): LayoutNavigationEntry[] => {
    const admin = isAdministrator(user);
    return pages.filter((page) => mayOpen(page, admin))
      .map((page) => ({ title: page.title, url: `${route.mount}/${page.segment}`, current: page === current }));
  };

  const showLogin = (req: IncomingMessage, res: ServerResponse, route: Route, status: number, returnTo: string, flash: Flash | null, username?: string): void => {
    const existing = readCookie(req.headers.cookie, LOGIN_COOKIE);
    // One token per browser, so a second tab's login form does not invalidate the first's.
    const loginToken = existing !== undefined && TOKEN_SHAPE.test(existing) ? existing : randomBytes(32).toString('base64url');
    res.setHeader('Set-Cookie', setCookie(LOGIN_COOKIE, loginToken, cookieSettings(req, route.mount)));
    sendPage(res, status, loginPage({ basePath: route.mount, loginToken, returnTo, flash, username }));
  };

  const safeReturn = (route: Route, value: string | null): string => {
    const home = `${route.mount}/`;
    // `//host` and `/\host` are other sites to a browser; at the root the mount is '' and home is '/'.
    if (value === null || !value.startsWith(home) || /[\\\s]|\/\//.test(value)) return home;
    return value;
  };

  const login = async (req: IncomingMessage, res: ServerResponse, route: Route): Promise<void> => {
    const refusal = crossSite(req);
    if (refusal) {
      log.warn(`Refused a cross-site login post from ${logSafe(clientAddress(req))} (${logSafe(refusal)})`);
      refuse(res, route, 403, 'Cross-site request refused', null, null);
      return;
    }
    const form = await readFormBody(req);
    const returnTo = safeReturn(route, form.get('return'));
    const username = form.get('username') ?? '';
    const password = form.get('password') ?? '';
    if (!sameToken(readCookie(req.headers.cookie, LOGIN_COOKIE), form.get('csrf') ?? '')) {
      showLogin(req, res, route, 403, returnTo, { kind: 'error', message: 'The login form was out of date. Please log in again.' }, username);
      return;
    }
    if (username === '' || password === '') {
      showLogin(req, res, route, 400, returnTo, { kind: 'error', message: 'Enter your username and password.' }, username);
      return;
    }
    // Basic credentials end the user at the first colon: "admin:x" would be checked, logged
    // and audited as admin, a user who never tried to log in.
    if (username.includes(':')) {
      showLogin(req, res, route, 400, returnTo, { kind: 'error', message: 'A username cannot contain a colon.' }, username);
      return;
    }
    const decision = await authenticator.authenticate({
      method: 'POST',
      path: `${route.mount}/login`,
      authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`,
      remoteAddress: req.socket.remoteAddress ?? '',
      forwardedFor: req.headers['x-forwarded-for'],
    });
    if (decision.outcome === 'authenticated' && decision.via === 'password' && decision.user !== null) {
      const previous = sessions.find(readCookie(req.headers.cookie, SESSION_COOKIE));
      if (previous) sessions.destroy(previous.id);
      // A fresh id at every login: a session id planted before it is worth nothing.
      const session = sessions.create(decision.user);
      log.info(`User ${logSafe(decision.user)} logged in to the admin console from ${logSafe(decision.clientAddress)}`);
      const settings = cookieSettings(req, route.mount);
      redirect(res, returnTo, [setCookie(SESSION_COOKIE, session.id, settings), clearCookie(LOGIN_COOKIE, settings)]);
      return;
    }
    if (decision.outcome === 'authenticated') {
      showLogin(req, res, route, 401, returnTo, { kind: 'error', message: 'Log in with your password: tokens are for the REST API.' }, username);
      return;
    }
    if (decision.status === 429) {
      res.setHeader('Retry-After', decision.headers['Retry-After'] ?? '60');
      showLogin(req, res, route, 429, returnTo, { kind: 'error', message: 'Too many failed attempts. Try again later.' }, username);
      return;
    }
    showLogin(req, res, route, 401, returnTo, { kind: 'error', message: 'Sorry, your username and password are incorrect.' }, username);
  };

  const contextOf = (req: IncomingMessage, route: Route, page: ConsolePage, session: ConsoleSession, user: User, query: URLSearchParams, flash: Flash | null): PageContext => {
    const pageUrl = (segment = page.segment) => `${route.mount}/${segment}`;
    return {
      user, isAdministrator: isAdministrator(user), csrfToken: session.csrfToken,
      csrfField: html`<input type="hidden" name="csrf" value="${session.csrfToken}">`,
      query, flash, basePath: route.mount, clientAddress: clientAddress(req),
      pageUrl, actionUrl: (action) => `${pageUrl()}/${action}`, endpointUrl: (endpoint) => `${pageUrl()}/${endpoint}`,
    };
  };

  const renderPage = async (res: ServerResponse, route: Route, page: ConsolePage, context: PageContext, status: number, reveal: SafeHtml | null = null): Promise<void> => {
    const body: SafeHtml = await page.render(context);
    sendPage(res, status, consoleLayout({
      basePath: route.mount, title: page.title, body, flash: context.flash, reveal,
      session: { user: context.user.name, csrfToken: context.csrfToken, navigation: navigationOf(route, context.user, page) },
    }));
  };

  const serve = async (req: IncomingMessage, res: ServerResponse, route: Route): Promise<void> => {
    const method = req.method === 'HEAD' ? 'GET' : req.method ?? 'GET';
    const asset = ASSETS[route.rest];
    if (asset && method === 'GET') {
      sendAsset(res, asset.type, asset.body, asset.etag, req.headers['if-none-match']);
      return;
    }
    if (route.rest === '/login') {
      if (method === 'POST') await login(req, res, route);
      else redirect(res, `${route.mount}/`);
      return;
    }
    if (method !== 'GET' && method !== 'POST') {
      res.setHeader('Allow', 'GET, HEAD, POST');
      refuse(res, route, 405, `Method ${method} is not allowed here`, null, null);
      return;
    }
    if (method === 'POST') {
      const refusal = crossSite(req);
      if (refusal) {
        log.warn(`Refused a cross-site post to ${logSafe(route.mount + route.rest)} from ${logSafe(clientAddress(req))} (${logSafe(refusal)})`);
        refuse(res, route, 403, 'Cross-site request refused', null, null);
        return;
      }
    }

    const session = sessions.find(readCookie(req.headers.cookie, SESSION_COOKIE));
    const user = session ? await options.users.findUser(session.user) : undefined;
    if (!session || !user || !user.active) {
      if (session) sessions.destroy(session.id);
      const here = `${route.mount}${route.rest === '' ? '/' : route.rest}`;
      if (method === 'POST') showLogin(req, res, route, 401, `${route.mount}/`, { kind: 'error', message: 'Your session has ended. Please log in again.' });
      else if (route.rest.split('/').length > 2) sendConsoleJson(res, 401, { status: 401, message: 'Log in to the console first' });
      else showLogin(req, res, route, 200, safeReturn(route, here), null);
      return;
    }
    // What is logged while serving a signed-in request names its user, as the REST API's lines do.
    await MDC.run({ [usernameKey(authenticator.flavour)]: loggableUserName(user.name) }, () => signedIn(req, res, route, method, session, user));
  };

  const signedIn = async (req: IncomingMessage, res: ServerResponse, route: Route, method: string, session: ConsoleSession, user: User): Promise<void> => {
    if (method === 'POST') {
      const form = await readFormBody(req);
      if (!sameToken(form.get('csrf'), session.csrfToken)) {
        log.warn(`Refused a post to ${logSafe(route.mount + route.rest)} by ${logSafe(user.name)} without the session's CSRF token`);
        refuse(res, route, 403, 'The form was out of date or not from this console. Reload the page and try again.', session, user);
        return;
      }
      if (route.rest === '/logout') {
        sessions.destroy(session.id);
        log.info(`User ${logSafe(user.name)} logged out of the admin console`);
        redirect(res, `${route.mount}/`, [clearCookie(SESSION_COOKIE, cookieSettings(req, route.mount))]);
        return;
      }
      await pageRequest(req, res, route, session, user, form);
      return;
    }
    if (route.rest === '') {
      const first = pages.find((page) => mayOpen(page, isAdministrator(user)));
      if (first) redirect(res, `${route.mount}/${first.segment}`);
      else refuse(res, route, 403, 'There is no page of this console you may open.', session, user);
      return;
    }
    await pageRequest(req, res, route, session, user, null);
  };

  const pageRequest = async (req: IncomingMessage, res: ServerResponse, route: Route, session: ConsoleSession, user: User, form: URLSearchParams | null): Promise<void> => {
    const [segment = '', name, ...beyond] = route.rest.slice(1).split('/');
    const page = pages.find((candidate) => candidate.segment === segment);
    if (!page || beyond.length > 0) {
      refuse(res, route, 404, 'There is no such page in this console.', session, user);
      return;
    }
    if (!mayOpen(page, isAdministrator(user))) {
      log.info(`User ${logSafe(user.name)} may not open the console page ${logSafe(page.title)}: not an administrator`);
      options.auth.audit.permissionDenied({
        user: user.name, source: clientAddress(req), method: req.method ?? 'GET', path: requestPath(route.mount + route.rest),
        reason: `Console page "${page.title}" is for administrators`,
      });
      refuse(res, route, 403, `Only administrators may open ${page.title}.`, session, user);
      return;
    }
    const query = new URLSearchParams(form === null ? (req.url ?? '').replace(/^[^?]*\??/, '') : '');
    if (form === null && name === undefined) {
      const flash = session.flash;
      session.flash = null;
      await renderPage(res, route, page, contextOf(req, route, page, session, user, query, flash), 200);
      return;
    }
    if (form === null) {
      const endpoint = name === undefined ? undefined : page.endpoints?.[name];
      if (!endpoint || !Object.hasOwn(page.endpoints!, name!)) {
        sendConsoleJson(res, 404, { status: 404, message: 'No such endpoint' });
        return;
      }
      try {
        sendConsoleJson(res, 200, await endpoint(contextOf(req, route, page, session, user, query, null)));
      } catch (cause) {
        if (!(cause instanceof PageRequestError)) throw cause;
        sendConsoleJson(res, cause.status, { status: cause.status, message: cause.message });
      }
      return;
    }
    const action = name === undefined || !page.actions || !Object.hasOwn(page.actions, name) ? undefined : page.actions[name];
    if (!action) {
      refuse(res, route, 404, 'There is no such action on this page.', session, user);
      return;
    }
    const context = contextOf(req, route, page, session, user, query, null);
    let result;
    try {
      result = await action(form, context);
    } catch (cause) {
      if (!(cause instanceof PageRequestError)) throw cause;
      result = { status: cause.status, message: cause.message };
    }
    if ('status' in result) {
      await renderPage(res, route, page, { ...context, flash: { kind: 'error', message: result.message } }, result.status);
      return;
    }
    if (result.reveal !== undefined) {
      // A secret is sent in this answer only: a redirect would have to keep it on the server until the next request.
      await renderPage(res, route, page, { ...context, flash: { kind: result.kind ?? 'info', message: result.flash } }, 200, result.reveal);
      return;
    }
    session.flash = { kind: result.kind ?? 'info', message: result.flash };
    const suffix = result.query === undefined ? '' : String(result.query);
    redirect(res, `${route.mount}/${page.segment}${suffix === '' ? '' : `?${suffix}`}`);
  };

  const handler = (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): void => {
    const route = routeOf(req, basePath);
    if (route === null) {
      if (next) next();
      else refuse(res, { mount: basePath, rest: '' }, 404, 'Not found', null, null);
      return;
    }
    serve(req, res, route).catch((cause: unknown) => {
      if (cause instanceof FormBodyError) {
        if (!res.headersSent) refuse(res, route, cause.status, cause.message, null, null);
        return;
      }
      log.error(`Admin console request failed: ${logSafe(req.method ?? '')} ${logSafe(requestPath(req.url ?? ''))}`, cause instanceof Error ? cause : new Error(String(cause)));
      if (!res.headersSent) refuse(res, route, 500, 'Something went wrong; the error is in the log.', null, null);
      else res.destroy();
    });
  };
  return Object.assign(handler, { sessions, pages });
}

