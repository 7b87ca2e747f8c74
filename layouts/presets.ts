import { JsonLayout } from './json/json-layout.js';
import { NewLineIndentingFilteringPatternLayout } from './atlassian/new-line-indenting-layout.js';
import type { Layout } from './layout.js';
import { PatternLayout } from './pattern/pattern-layout.js';
import { findPreset, type PresetName } from './preset-formats.js';
export {
  BITBUCKET_PATTERN, BITBUCKET_REQUEST_MDC_KEYS, CONFLUENCE_PATTERN, JIRA_MAIN_PATTERN, JIRA_SECURITY_PATTERN, LAYOUT_PRESETS, findPreset,
  type LayoutPreset, type PresetName,
} from './preset-formats.js';

/** A layout for a preset; `overrides` (e.g. `{ timeZone: 'UTC' }`) win over the preset's options. */
export function presetLayout(name: PresetName | string, overrides: Record<string, unknown> = {}): Layout {
  const preset = findPreset(name);
  switch (preset.kind) {
    case 'json':
      return new JsonLayout({ ...preset.options, ...overrides });
    case 'pattern':
      return new PatternLayout({ ...preset.options, ...overrides });
    case 'new-line-indenting':
      return new NewLineIndentingFilteringPatternLayout({ ...preset.options, ...overrides });
  }
}
