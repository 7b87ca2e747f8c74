import { DIAGNOSTICS_JSON_OPTIONS, type JsonLayoutOptions } from './json/json-layout.js';
import type { PatternLayoutOptions } from './pattern/pattern-layout.js';
export { REQUEST_MDC_KEYS as BITBUCKET_REQUEST_MDC_KEYS } from './pattern/converters/request.js';

/**
 * The line formats of the Atlassian products, by name, so a
 * configuration can say `Preset=jira` instead of copying a pattern.
 *
 * MDC keys the patterns read:
 * - Jira: `jira.username`, `jira.request.id` (`<minute of day>x<counter>x<concurrent>`),
 *   `jira.request.assession.id`, `jira.request.ipaddr`, `jira.request.url`. Jira's
 *   request filter puts `-` for a missing value and `anonymous` for no user; outside a
 *   request the keys are absent and print nothing.
 * - Bitbucket (`%request`): `a-request-username`, `a-request-id`, `a-request-session-id`,
 *   `a-request-ip`, `a-request-action` (see BITBUCKET_REQUEST_MDC_KEYS); absent ones are skipped.
 * - Kantega diagnostics: `context` (e.g. `Kerberos`).
 *
 * The presets as data, apart from presetLayout (presets.ts), so that reading them
 * loads no layout.
 */

/** log4j's default conversion pattern. */
export const DEFAULT_CONVERSION_PATTERN = '%m%n';

/** Jira's main log (atlassian-jira.log). */
export const JIRA_MAIN_PATTERN =
  '%d{yyyy-MM-dd HH:mm:ss,SSSZ} %t %p %X{jira.username} %X{jira.request.id} %X{jira.request.assession.id} %X{jira.request.ipaddr} %X{jira.request.url} [%q{2}] %m%n';

/** Jira's security log (atlassian-jira-security.log): no level, no category. */
export const JIRA_SECURITY_PATTERN =
  '%d %t %X{jira.username} %X{jira.request.id} %X{jira.request.assession.id} %X{jira.request.ipaddr} %X{jira.request.url} %m%n';

/** Confluence's main log (atlassian-confluence.log); `%M` makes loggers capture call sites. */
export const CONFLUENCE_PATTERN = '%d %p [%t] [%c{4}] %M %m%n';

/**
 * Bitbucket's application log (logback). Bitbucket ships `%-5level`; the reference
 * line (test/layouts/presets.test.ts) has a single blank after the level, so the preset prints
 * `%level` to reproduce it byte for byte. The pattern reads the same through every
 * entry point: `%request` makes a PatternLayout given no style read it in logback
 * style, so `new PatternLayout(BITBUCKET_PATTERN)` abbreviates `%logger{36}` to 36
 * characters as the preset does; outside a request `%request` and the blank after
 * it print nothing.
 */
export const BITBUCKET_PATTERN = '%date %level [%thread] %request %logger{36} %msg%n';

export type PresetName = 'jira' | 'jira-security' | 'confluence' | 'bitbucket' | 'kantega-diagnostics';

interface PatternPreset {
  readonly kind: 'pattern' | 'new-line-indenting';
  readonly options: Readonly<PatternLayoutOptions>;
}
interface JsonPreset {
  readonly kind: 'json';
  readonly options: Readonly<JsonLayoutOptions>;
}
export type LayoutPreset = PatternPreset | JsonPreset;

export const LAYOUT_PRESETS: Readonly<Record<PresetName, LayoutPreset>> = Object.freeze({
  jira: { kind: 'new-line-indenting', options: { conversionPattern: JIRA_MAIN_PATTERN } },
  'jira-security': { kind: 'new-line-indenting', options: { conversionPattern: JIRA_SECURITY_PATTERN } },
  confluence: { kind: 'new-line-indenting', options: { conversionPattern: CONFLUENCE_PATTERN } },
  bitbucket: { kind: 'pattern', options: { conversionPattern: BITBUCKET_PATTERN, style: 'logback' } },
  'kantega-diagnostics': { kind: 'json', options: DIAGNOSTICS_JSON_OPTIONS },
});

/** The preset of that name (case-insensitive); throws an Error listing the known ones. */
export function findPreset(name: string): LayoutPreset {
  const key = name.trim().toLowerCase();
  const preset = (LAYOUT_PRESETS as Record<string, LayoutPreset>)[key];
  if (!preset) throw new Error(`Unknown layout preset "${name}" (known: ${Object.keys(LAYOUT_PRESETS).join(', ')})`);
  return preset;
}
