import { NewLineIndentingFilteringPatternLayout } from './atlassian/new-line-indenting-layout.js';
import { JsonLayout } from './json/json-layout.js';
import type { Layout } from './layout.js';
import { PatternLayout } from './pattern/pattern-layout.js';
import { findPreset } from './presets.js';
import { SimpleLayout } from './simple-layout.js';
import { TTCCLayout } from './ttcc-layout.js';

type OptionType = 'string' | 'boolean' | 'integer';

interface LayoutKind {
  /** Option keys (constructor spelling) and how to read their text. */
  readonly options: Readonly<Record<string, OptionType>>;
  readonly create: (options: Record<string, unknown>) => Layout;
}

const PATTERN_OPTIONS = { conversionPattern: 'string', timeZone: 'string', style: 'string', preset: 'string' } as const;

function withPreset(options: Record<string, unknown>, kinds: readonly string[], className: string): Record<string, unknown> {
  const { preset: name, ...rest } = options;
  if (typeof name !== 'string') return rest;
  const preset = findPreset(name);
  if (!kinds.includes(preset.kind)) throw new Error(`Layout preset "${name}" is not a ${className} preset`);
  return { ...preset.options, ...rest };
}

const pattern: LayoutKind = {
  options: PATTERN_OPTIONS,
  create: (o) => new PatternLayout(withPreset(o, ['pattern', 'new-line-indenting'], 'pattern layout')),
};

const logbackPattern: LayoutKind = {
  options: { conversionPattern: 'string', pattern: 'string', timeZone: 'string', preset: 'string' },
  create: (o) => {
    const { pattern: text, ...rest } = withPreset(o, ['pattern', 'new-line-indenting'], 'pattern layout');
    return new PatternLayout({ ...rest, style: 'logback', ...(typeof text === 'string' ? { conversionPattern: text } : {}) });
  },
};

const newLineIndenting: LayoutKind = {
  options: {
    ...PATTERN_OPTIONS,
    filteredFrames: 'string',
    filteringApplied: 'boolean',
    filteringAppliedToDebugLevel: 'boolean',
    minimumLines: 'integer',
    showEludedSummary: 'boolean',
    stackTracePackagingExamined: 'boolean',
  },
  create: (o) => new NewLineIndentingFilteringPatternLayout(withPreset(o, ['pattern', 'new-line-indenting'], 'pattern layout')),
};

const simple: LayoutKind = { options: {}, create: () => new SimpleLayout() };

const ttcc: LayoutKind = {
  options: { dateFormat: 'string', timeZone: 'string', threadPrinting: 'boolean', categoryPrefixing: 'boolean', contextPrinting: 'boolean' },
  create: (o) => new TTCCLayout(o),
};

const json: LayoutKind = {
  options: { fields: 'string', timestampFormat: 'string', timeZone: 'string', contextKey: 'string', context: 'string', preset: 'string' },
  create: (o) => new JsonLayout(withPreset(o, ['json'], 'JSON layout')),
};

/**
 * Layout class names accepted in configuration files: log4j's, Atlassian's,
 * logback's (for Bitbucket-style patterns) and short names. Matched case-insensitively.
 */
const KINDS = new Map<string, LayoutKind>([
  ['org.apache.log4j.patternlayout', pattern],
  ['org.apache.log4j.enhancedpatternlayout', pattern],
  ['com.atlassian.confluence.util.patternlayoutwithcontext', pattern],
  ['patternlayout', pattern],
  ['enhancedpatternlayout', pattern],
  ['pattern', pattern],
  ['ch.qos.logback.classic.patternlayout', logbackPattern],
  ['ch.qos.logback.classic.encoder.patternlayoutencoder', logbackPattern],
  ['logback', logbackPattern],
  ['com.atlassian.logging.log4j.newlineindentingfilteringpatternlayout', newLineIndenting],
  ['newlineindentingfilteringpatternlayout', newLineIndenting],
  ['newlineindenting', newLineIndenting],
  ['org.apache.log4j.simplelayout', simple],
  ['simplelayout', simple],
  ['simple', simple],
  ['org.apache.log4j.ttcclayout', ttcc],
  ['ttcclayout', ttcc],
  ['ttcc', ttcc],
  ['logwarden.jsonlayout', json],
  ['jsonlayout', json],
  ['json', json],
]);

/** True when `className` names a layout this registry can build. */
export function isKnownLayout(className: string): boolean {
  return KINDS.has(className.trim().toLowerCase());
}

function convert(value: string, type: OptionType, option: string, className: string): unknown {
  const text = value.trim();
  if (type === 'string') return value;
  if (type === 'boolean') {
    if (/^true$/i.test(text)) return true;
    if (/^false$/i.test(text)) return false;
    throw new Error(`Layout ${className}: option ${option} must be true or false, got "${value}"`);
  }
  if (!/^\d+$/.test(text)) throw new Error(`Layout ${className}: option ${option} must be a whole number, got "${value}"`);
  return Number(text);
}

/**
 * Builds a layout from a configuration file's class name and options (`ConversionPattern`,
 * `TimeZone`, ... matched case-insensitively; values as written). Throws an Error
 * naming the class for an unknown class, and naming option and class for an unknown
 * option or a bad value.
 */
export function createLayout(className: string, options: Readonly<Record<string, string>> = {}): Layout {
  const kind = KINDS.get(className.trim().toLowerCase());
  if (!kind) throw new Error(`Unknown layout class "${className}"`);
  const byLowerName = new Map(Object.keys(kind.options).map((key) => [key.toLowerCase(), key]));
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options)) {
    const key = byLowerName.get(name.trim().toLowerCase());
    if (key === undefined) {
      const known = Object.keys(kind.options).map((k) => k[0]!.toUpperCase() + k.slice(1));
      throw new Error(`Unknown option ${name} for layout ${className}${known.length ? ` (known: ${known.join(', ')})` : ' (it takes no options)'}`);
    }
    values[key] = convert(value, kind.options[key]!, name, className);
  }
  try {
    return kind.create(values);
  } catch (error) {
    throw new Error(`Layout ${className}: ${(error as Error).message}`);
  }
}
