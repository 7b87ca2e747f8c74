import type { Flash } from './console-page.js';
import { html, type SafeHtml } from './html.js';

export interface LayoutNavigationEntry {
  readonly title: string;
  readonly url: string;
  readonly current: boolean;
}

export interface LayoutParts {
  readonly basePath: string;
  /** The `<h1>` and the document title. */
  readonly title: string;
  readonly body: SafeHtml;
  readonly flash?: Flash | null;
  /** Shown once under the flash (a new token). */
  readonly reveal?: SafeHtml | null;
  /** Signed in: the user, the pages they may open and the logout form's token. */
  readonly session?: { readonly user: string; readonly csrfToken: string; readonly navigation: readonly LayoutNavigationEntry[] };
}

export const CONSOLE_NAME = 'logwarden administration';

export function flashBox(flash: Flash | null | undefined): SafeHtml {
  if (!flash) return html``;
  // An error is announced at once; a confirmation politely.
  return flash.kind === 'error'
    ? html`<div class="flash error" role="alert">${flash.message}</div>`
    : html`<div class="flash info" role="status">${flash.message}</div>`;
}

/** The page around every console page: the bar, the navigation, the heading and the flash message. */
export function consoleLayout(parts: LayoutParts): SafeHtml {
  const { basePath, session } = parts;
  const bar = session
    ? html`<span>Signed in as <strong>${session.user}</strong></span>
      <form method="post" action="${basePath}/logout"><input type="hidden" name="csrf" value="${session.csrfToken}"><button type="submit">Log out</button></form>`
    : html``;
  const navigation = session && session.navigation.length > 0
    ? html`<nav class="pages" aria-label="Console pages"><ul>${session.navigation.map((entry) =>
      html`<li><a href="${entry.url}"${entry.current ? html` aria-current="page"` : html``}>${entry.title}</a></li>`)}</ul></nav>`
    : html``;
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${parts.title} - ${CONSOLE_NAME}</title>
<link rel="icon" href="${basePath}/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${basePath}/assets/console.css">
<script src="${basePath}/assets/console.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="bar"><span class="brand">${CONSOLE_NAME}</span>${bar}</header>
${navigation}
<main id="main">
<h1>${parts.title}</h1>
${flashBox(parts.flash)}
${parts.reveal ?? html``}
${parts.body}
</main>
</body>
</html>
`;
}
