import type { ConsolePageFactory } from './console-page.js';
import { loggingAndProfilingPage } from './pages/logging-and-profiling-page.js';

/** The console's pages in navigation order; the first one a user may open is where they land. */
export const CONSOLE_PAGES: readonly ConsolePageFactory[] = [
  loggingAndProfilingPage,
];
