import { consoleLayout } from './console-layout.js';
import type { Flash } from './console-page.js';
import { html, type SafeHtml } from './html.js';

export interface LoginPageParts {
  readonly basePath: string;
  /** The login form's own CSRF token (there is no session yet to hold one). */
  readonly loginToken: string;
  /** Where to go after logging in: a path under the console. */
  readonly returnTo: string;
  readonly username?: string;
  readonly flash?: Flash | null;
}

export function loginPage(parts: LoginPageParts): SafeHtml {
  const body = html`<section class="panel login">
<form method="post" action="${parts.basePath}/login">
<input type="hidden" name="csrf" value="${parts.loginToken}">
<input type="hidden" name="return" value="${parts.returnTo}">
<div class="field"><label for="login-username">Username</label>
<input id="login-username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${parts.username ?? ''}"${parts.username ? html`` : html` autofocus`}></div>
<div class="field"><label for="login-password">Password</label>
<input id="login-password" name="password" type="password" autocomplete="current-password" required${parts.username ? html` autofocus` : html``}></div>
<button type="submit">Log in</button>
</form>
</section>`;
  return consoleLayout({ basePath: parts.basePath, title: 'Log in', body, flash: parts.flash });
}
