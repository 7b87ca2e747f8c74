import type { ConsolePageFactory } from './console-page.js';
import { apiTokensPage } from './pages/api-tokens-page.js';
import { auditLogPage } from './pages/audit-log-page.js';
import { loggingAndProfilingPage } from './pages/logging-and-profiling-page.js';
import { personalAccessTokensPage } from './pages/personal-access-tokens-page.js';
import { ssoPage } from './pages/sso-page.js';

/** The console's pages in navigation order; the first one a user may open is where they land. */
export const CONSOLE_PAGES: readonly ConsolePageFactory[] = [
  loggingAndProfilingPage,
  auditLogPage,
  apiTokensPage,
  personalAccessTokensPage,
  ssoPage,
];
