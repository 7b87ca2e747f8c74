import type { AuditCoverage } from '../audit/audit-coverage.js';
import type { AuthModule } from '../auth-module.js';
import type { Clock } from '../clock.js';
import type { SsoEvents } from '../sso/sso-events.js';
import type { User, UserDirectory } from '../users/user-directory.js';
import type { SafeHtml } from './html.js';

/**
 * One page of the admin console.
 *
 * To add a page: write `src/auth/console/pages/<name>-page.ts` exporting a
 * ConsolePageFactory, and add it to CONSOLE_PAGES in console-pages.ts (the order
 * there is the navigation's order). The console does the rest: the layout
 * (navigation, the `<h1>` with the page's title, the flash message), the login,
 * the access check, CSRF, the security headers and the Post/Redirect/Get of actions.
 *
 * - GET `<mount>/<segment>` renders `render(context)` inside the layout.
 * - POST `<mount>/<segment>/<action>` runs `actions[action]` with the parsed
 *   urlencoded form, after the console has checked the session, the access, the
 *   request's origin and the form's CSRF token. Every form must therefore carry
 *   `context.csrfField` and post to `context.actionUrl(action)`.
 * - GET `<mount>/<segment>/<endpoint>` answers `endpoints[endpoint](context)` as
 *   JSON (for the console script; the same access check applies).
 *
 * Markup is written with the `html` tagged template (html.ts): every value put into
 * it is escaped. Client-side behaviour goes into the one console script
 * (console-script.ts), hooked to `data-` attributes: no inline script or style
 * (the Content-Security-Policy forbids them).
 */
export interface ConsolePage {
  /** The URL path segment under the console, e.g. `logging`: lower case letters, digits and dashes. */
  readonly segment: string;
  /** The navigation entry and the page's `<h1>`. */
  readonly title: string;
  /**
   * Who may open the page: `administrators` (members of the configured
   * administrator groups) or every `authenticated` user (the token pages, where a
   * user manages their own tokens; check `context.isAdministrator` before showing
   * or touching anyone else's).
   */
  readonly access: PageAccess;
  render(context: PageContext): SafeHtml | Promise<SafeHtml>;
  readonly actions?: Readonly<Record<string, PageAction>>;
  readonly endpoints?: Readonly<Record<string, PageEndpoint>>;
}

export type PageAccess = 'administrators' | 'authenticated';

export interface PageContext {
  readonly user: User;
  readonly isAdministrator: boolean;
  /** The session's synchronizer token; `csrfField` holds it as the hidden input every form needs. */
  readonly csrfToken: string;
  readonly csrfField: SafeHtml;
  /** The request's query parameters (GET) or those of the page the form was posted from (POST: none). */
  readonly query: URLSearchParams;
  /** The one-shot message an action left for the page it redirected to. */
  readonly flash: Flash | null;
  /** The client's address as the REST API's authenticator resolves it (trusted proxies honoured): for audit records. */
  readonly clientAddress: string;
  /** The absolute path of this page, or of another page by segment: for links. */
  pageUrl(segment?: string): string;
  /** Where a form of this page posts `action`. */
  actionUrl(action: string): string;
  /** Where the script fetches `endpoint` of this page. */
  endpointUrl(endpoint: string): string;
  /** The absolute path of the console's root (for links outside a page). */
  readonly basePath: string;
}

export interface Flash {
  readonly kind: 'info' | 'error';
  readonly message: string;
}

/** An action's form fields, as sent (application/x-www-form-urlencoded). */
export type FormFields = URLSearchParams;

/**
 * What an action answers:
 * - `{ flash }`: done; the browser is redirected (303) to the page, with `query`
 *   appended when given (say, to keep a filter), and the flash shown once there.
 *   With `reveal` (a new token's value) there is no redirect: the page is rendered
 *   in the answer to the post itself (200), with `reveal` under the flash, so the
 *   secret is kept nowhere on the server and never put in a URL.
 * - `{ status, message }`: refused (400, 403, 404, 409, 413, 422); the page is
 *   rendered again with the message as an error flash and that status.
 */
export type ActionResult =
  | { readonly flash: string; readonly kind?: Flash['kind']; readonly query?: URLSearchParams | string; readonly reveal?: SafeHtml }
  | { readonly status: 400 | 403 | 404 | 409 | 413 | 422; readonly message: string };

export type PageAction = (form: FormFields, context: PageContext) => ActionResult | Promise<ActionResult>;

/** A JSON endpoint: its value is sent with status 200; a thrown PageRequestError with its status. */
export type PageEndpoint = (context: PageContext) => unknown;

/** Thrown by an endpoint (or action) for a bad request: the status and message reach the browser. */
export class PageRequestError extends Error {
  override name = 'PageRequestError';
  constructor(readonly status: 400 | 403 | 404 | 409 | 413 | 422, message: string) {
    super(message);
  }
}

/** What a page may use; it is made once per console, when the console is built. */
export interface ConsoleServices {
  readonly auth: AuthModule;
  readonly users: UserDirectory;
  /** The SSO events, when the application reports any; null: the SSO page is left out. */
  readonly sso: SsoEvents | null;
  /** The audit switches as administrators change them; null: shown read-only. */
  readonly auditCoverage: AuditCoverage | null;
  readonly clock: Clock;
}

/** Builds a page from the console's services; null leaves the page out (say, without SSO). */
export type ConsolePageFactory = (services: ConsoleServices) => ConsolePage | null;
