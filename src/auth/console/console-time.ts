import { html, type SafeHtml } from './html.js';

/**
 * An instant as the console shows it: `2026-11-29 20:15:03 UTC` in a `<time>`
 * element carrying the ISO form; `none` (say "Never") when there is no instant.
 * UTC, so that every administrator reads the same time as the log files show.
 */
export function consoleTime(at: number | null, none: string): SafeHtml {
  if (at === null) return html`<span class="muted">${none}</span>`;
  const iso = new Date(at).toISOString();
  return html`<time datetime="${iso}">${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC</time>`;
}
