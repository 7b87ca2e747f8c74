import { InternalLog } from '../src/internal-log.js';
import { NewLineIndentingFilteringPatternLayout } from './atlassian/new-line-indenting-layout.js';
import { EcsLayout, type EcsMdcPlacement } from './ecs/ecs-layout.js';
import { JsonLayout } from './json/json-layout.js';
import type { Layout } from './layout.js';
import { EnhancedPatternLayout, PatternLayout } from './pattern/pattern-layout.js';
import { findPreset } from './presets.js';
import { SimpleLayout } from './simple-layout.js';
import { TTCCLayout } from './ttcc-layout.js';

type OptionType = 'string' | 'boolean' | 'integer';

/** What a configuration file gives a layout besides its options. */
export interface LayoutContext {
  /**
   * The folder of the configuration file: resources it names (Jira's
   * `FilteredFrames=@jira-filtered-frames.properties`) are looked for there first,
   * then in the working directory.
   */
  readonly resourceDirectory?: string;
  /**
   * Receives what the layout accepts but warns about (a pattern log4j prints as
   * written, a frames file it cannot find), with the key of the option it is about
   * as written in the options (undefined: the layout as a whole). Default:
   * InternalLog.warn.
   */
  readonly warn?: (message: string, optionKey: string | undefined) => void;
}

/** Given to pattern layouts on top of the options a file can set. */
interface Injected {
  readonly onWarning: (message: string, option?: string) => void;
  readonly resourceDirectory: string | undefined;
}

interface LayoutKind {
  /** Option keys (constructor spelling) and how to read their text. */
  readonly options: Readonly<Record<string, OptionType>>;
  readonly create: (options: Record<string, unknown>, injected: Injected) => Layout;
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
  create: (o, { onWarning }) => new PatternLayout({ ...withPreset(o, ['pattern', 'new-line-indenting'], 'pattern layout'), onWarning }),
};

const enhancedPattern: LayoutKind = {
  options: PATTERN_OPTIONS,
  create: (o, { onWarning }) => new EnhancedPatternLayout({ ...withPreset(o, ['pattern', 'new-line-indenting'], 'pattern layout'), onWarning }),
};

const logbackPattern: LayoutKind = {
  options: { conversionPattern: 'string', pattern: 'string', timeZone: 'string', preset: 'string' },
  create: (o, { onWarning }) => {
    const { pattern: text, ...rest } = withPreset(o, ['pattern', 'new-line-indenting'], 'pattern layout');
    return new PatternLayout({ ...rest, style: 'logback', onWarning, ...(typeof text === 'string' ? { conversionPattern: text } : {}) });
  },
};

/** Log4j 2's PatternLayout, as Log4j 2 configuration files name it. */
const log4j2Pattern: LayoutKind = {
  options: { conversionPattern: 'string', timeZone: 'string', alwaysWriteExceptions: 'boolean' },
  create: (o, { onWarning }) => new PatternLayout({ ...o, style: 'log4j2', onWarning }),
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
    filterEverythingAfterFrames: 'string',
    filterEverythingAfterMessage: 'string',
    markerAtFrames: 'string',
    markerAtMessage: 'string',
    filterReplacementToken: 'string',
  },
  create: (o, { onWarning, resourceDirectory }) =>
    new NewLineIndentingFilteringPatternLayout({ ...withPreset(o, ['pattern', 'new-line-indenting'], 'pattern layout'), onWarning, resourceDirectory }),
};

const simple: LayoutKind = { options: {}, create: () => new SimpleLayout() };

const ttcc: LayoutKind = {
  options: { dateFormat: 'string', timeZone: 'string', threadPrinting: 'boolean', categoryPrefixing: 'boolean', contextPrinting: 'boolean' },
  create: (o) => new TTCCLayout(o),
};

const json: LayoutKind = {
  options: { fields: 'string', timestampFormat: 'string', timeZone: 'string', contextKey: 'string', context: 'string', flattenMdc: 'boolean', preset: 'string' },
  create: (o) => new JsonLayout(withPreset(o, ['json'], 'JSON layout')),
};

const ECS_OPTIONS = {
  serviceName: 'string', serviceVersion: 'string', serviceEnvironment: 'string', serviceNodeName: 'string', eventDataset: 'string',
  ecsVersion: 'string', mdc: 'string', includeOrigin: 'boolean', stackTraceAsArray: 'boolean', additionalFields: 'string', keyValuePairs: 'string',
  includeMarkers: 'boolean', exceptionPattern: 'string', throwableConverter: 'string',
} as const;

/** ecs-logging-java's options that have nothing to act on here: accepted, so its configuration files load, and reported. */
const ECS_JAVA_ONLY: Readonly<Record<string, string>> = {
  includeMarkers: 'logwarden events carry no markers',
  exceptionPattern: 'error.stack_trace is the stack as logwarden prints it',
  throwableConverter: 'error.stack_trace is the stack as logwarden prints it',
};

/** The ECS layout; `mdc` is where the MDC goes unless the file says (ecs-logging-java's names: top-level fields, as it writes them). */
function ecs(mdc: EcsMdcPlacement): LayoutKind {
  return {
    options: ECS_OPTIONS,
    create: (o, { onWarning }) => {
      const options: Record<string, unknown> = { mdc };
      for (const [key, value] of Object.entries(o)) {
        const ignored = ECS_JAVA_ONLY[key];
        if (ignored === undefined) options[key] = value;
        else onWarning(`${key} is ignored: ${ignored}`, key);
      }
      return new EcsLayout(options);
    },
  };
}

/**
 * Layout class names accepted in configuration files: log4j's, Atlassian's,
 * logback's (for Bitbucket-style patterns) and short names. Matched case-insensitively.
 */
const KINDS = new Map<string, LayoutKind>([
  ['org.apache.log4j.patternlayout', pattern],
  ['org.apache.log4j.enhancedpatternlayout', enhancedPattern],
  ['com.atlassian.confluence.util.patternlayoutwithcontext', pattern],
  ['patternlayout', pattern],
  ['enhancedpatternlayout', enhancedPattern],
  ['pattern', pattern],
  ['ch.qos.logback.classic.patternlayout', logbackPattern],
  ['ch.qos.logback.classic.encoder.patternlayoutencoder', logbackPattern],
  ['logback', logbackPattern],
  ['org.apache.logging.log4j.core.layout.patternlayout', log4j2Pattern],
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
  ['logwarden.ecslayout', ecs('labels')],
  ['ecs', ecs('labels')],
  // ecs-logging-java's: Log4j 2's <EcsLayout> plugin, its log4j 1.2 layout, logback's encoder.
  ['ecslayout', ecs('fields')],
  ['co.elastic.logging.log4j2.ecslayout', ecs('fields')],
  ['co.elastic.logging.log4j.ecslayout', ecs('fields')],
  ['co.elastic.logging.logback.ecsencoder', ecs('fields')],
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
 * option or a bad value. A pattern log4j or logback accepts is not refused: what it
 * does wrong goes to `context.warn` (see LayoutContext).
 */
export function createLayout(className: string, options: Readonly<Record<string, string>> = {}, context: LayoutContext = {}): Layout {
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
  const keyOf = (option: string | undefined): string | undefined => {
    if (option === undefined) return undefined;
    const wanted = option.toLowerCase() === 'conversionpattern' ? ['conversionpattern', 'pattern'] : [option.toLowerCase()];
    const given = Object.keys(options);
    return given.find((key) => wanted.includes(key.trim().toLowerCase())) ?? given.find((key) => key.trim().toLowerCase() === 'preset');
  };
  const warn = context.warn;
  const onWarning = warn ? (message: string, option?: string): void => warn(message, keyOf(option)) : (message: string): void => InternalLog.warn(`layout ${className}: ${message}`);
  try {
    return kind.create(values, { onWarning, resourceDirectory: context.resourceDirectory });
  } catch (error) {
    throw new Error(`Layout ${className}: ${(error as Error).message}`);
  }
}
