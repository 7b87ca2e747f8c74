import { InternalLog } from '../../src/internal-log.js';
import { defaultHierarchy } from '../../src/log-manager.js';
import type { LoggingEvent } from '../../src/logging-event.js';
import { resolveTimeZone, type TimeZone } from '../date/time-zone.js';
import type { Layout } from '../layout.js';
import { renderThrowable } from '../throwable.js';
import { compilePattern, type CompiledPattern } from './compile.js';
import { CONVERTERS } from './converter-map.js';
import type { CompileContext } from './converters/converter.js';
import { parsePattern, type PatternStyle, type PatternToken } from './parser.js';
import { DEFAULT_CONVERSION_PATTERN } from '../preset-formats.js';

export type { PatternStyle } from './parser.js';

export interface PatternLayoutOptions {
  /** Default `%m%n`, as in log4j. */
  conversionPattern?: string;
  /** Zone for `%d` (IANA name, `UTC`, `GMT+2`); default the process's zone. */
  timeZone?: string;
  /**
   * How the pattern is read where the originals differ: `log4j` (log4j 1.2's
   * PatternLayout, this class's default), `enhanced` (log4j's EnhancedPatternLayout)
   * or `logback` (`%logger{36}` abbreviates to 36 characters, `{a, b}` options,
   * `\(` escapes, `%(...)` groups) or `log4j2` (Log4j 2's PatternLayout, as its
   * configuration files are read: only whole converter names). Without it, a pattern using Bitbucket's
   * `%request` (a logback converter) is read in logback style.
   */
  style?: PatternStyle;
  /**
   * Receives what the pattern does that log4j or logback accepts but that is
   * probably a mistake (`%bogus` printed as written, a bad date pattern printed as
   * ISO8601, ...), once, when the pattern is compiled; `option` is the option it is
   * about (`conversionPattern`, or a subclass's, such as `filteredFrames`). Default:
   * InternalLog.warn. The configurator passes its own, naming file, line and key.
   */
  onWarning?: (message: string, option?: string) => void;
  /**
   * Log4j 2's `alwaysWriteExceptions`: when the pattern prints no throwable, an
   * event's error is appended after the line (true, the default, as in every
   * style); false leaves it out.
   */
  alwaysWriteExceptions?: boolean;
}

export { DEFAULT_CONVERSION_PATTERN };

const STYLES: readonly PatternStyle[] = ['log4j', 'enhanced', 'logback', 'log4j2'];

const isKeyword = (keyword: string): boolean => CONVERTERS.has(keyword);

function usesConverter(tokens: readonly PatternToken[], keyword: string): boolean {
  return tokens.some((t) => (t.kind === 'conversion' && t.keyword === keyword) || (t.kind === 'composite' && usesConverter(t.children, keyword)));
}

/** Bitbucket's `%request` exists only in its logback layout: a pattern using it is a logback pattern. */
function isBitbucketPattern(pattern: string): boolean {
  return pattern.includes('request') && usesConverter(parsePattern(pattern, { isKeyword }), 'request');
}

/**
 * log4j's PatternLayout with EnhancedPatternLayout, Atlassian and logback
 * extensions (see converter-map.ts for every keyword). The pattern is compiled once,
 * and again only when `conversionPattern` or `timeZone` is assigned. When the pattern
 * prints no throwable, an event's error is appended after the line, as log4j does
 * (unless `alwaysWriteExceptions` is false).
 * Like log4j, it refuses no pattern: what it cannot read is printed as written and
 * reported to `onWarning` (logback style refuses what logback refuses).
 */
export class PatternLayout implements Layout {
  private pattern: string;
  private zone: TimeZone;
  private zoneId: string | undefined;
  private readonly explicitStyle: PatternStyle | undefined;
  private patternStyle: PatternStyle;
  private compiled: CompiledPattern;
  private readonly alwaysWriteExceptions: boolean;
  /** Where this layout's warnings go. */
  protected readonly warn: (message: string, option?: string) => void;

  constructor(pattern?: string | PatternLayoutOptions, options: PatternLayoutOptions = {}) {
    const merged: PatternLayoutOptions = typeof pattern === 'string' ? { ...options, conversionPattern: pattern } : { ...options, ...pattern };
    this.pattern = merged.conversionPattern ?? DEFAULT_CONVERSION_PATTERN;
    this.zoneId = merged.timeZone;
    this.zone = resolveTimeZone(merged.timeZone);
    const style = merged.style;
    if (style !== undefined && !STYLES.includes(style)) throw new Error(`Unknown pattern style "${String(style)}" (expected log4j, enhanced, logback or log4j2)`);
    this.explicitStyle = style;
    this.warn = merged.onWarning ?? ((message) => InternalLog.warn(message));
    this.alwaysWriteExceptions = merged.alwaysWriteExceptions ?? true;
    this.patternStyle = this.styleFor(this.pattern);
    this.compiled = this.compile(this.pattern, this.patternStyle, true);
  }

  /** The style the pattern is read in (see PatternLayoutOptions.style). */
  get style(): PatternStyle {
    return this.patternStyle;
  }

  get conversionPattern(): string {
    return this.pattern;
  }

  /** Recompiles; a pattern logback refuses (logback style) throws and leaves the layout as it was. */
  set conversionPattern(pattern: string) {
    const style = this.styleFor(pattern);
    const compiled = this.compile(pattern, style, true);
    const locationChanged = compiled.usesLocation !== this.compiled.usesLocation;
    this.compiled = compiled;
    this.pattern = pattern;
    this.patternStyle = style;
    // Loggers remember whether their appenders need call sites; make them look again.
    if (locationChanged) defaultHierarchy.appendersChanged();
  }

  get timeZone(): string | undefined {
    return this.zoneId;
  }

  set timeZone(id: string | undefined) {
    const previous = this.zone;
    this.zone = resolveTimeZone(id);
    try {
      this.compiled = this.compile(this.pattern, this.patternStyle, false);
    } catch (error) {
      this.zone = previous;
      throw error;
    }
    this.zoneId = id;
  }

  get requiresLocation(): boolean {
    return this.compiled.usesLocation;
  }

  /** True when the pattern prints the throwable itself (`%throwable`, `%ex`, `%nopex`). */
  get handlesThrowable(): boolean {
    return this.compiled.handlesThrowable;
  }

  format(event: LoggingEvent): string {
    const line = this.compiled.format(event);
    if (event.error === undefined || this.compiled.handlesThrowable || !this.alwaysWriteExceptions) return line;
    const stack = this.renderThrowable(event, event.error);
    // Log4j 2 appends its %xEx, which puts a blank after a line not ending in whitespace.
    if (this.patternStyle === 'log4j2' && line !== '' && !/\s/.test(line[line.length - 1]!)) return line + ' ' + stack;
    return line + stack;
  }

  /** The style of a layout given none: `log4j` here, `enhanced` in EnhancedPatternLayout. */
  protected defaultStyle(): PatternStyle {
    return 'log4j';
  }

  /** The stack printed for an event's error; subclasses filter or reshape it. */
  protected renderThrowable(_event: LoggingEvent, error: Error): string {
    return renderThrowable(error);
  }

  /**
   * A filter for the text each non-trusted converter prints (message, names, MDC
   * values); none by default. Called while compiling, also from this constructor.
   */
  protected textFilter(): ((text: string) => string) | undefined {
    return undefined;
  }

  private styleFor(pattern: string): PatternStyle {
    return this.explicitStyle ?? (isBitbucketPattern(pattern) ? 'logback' : this.defaultStyle());
  }

  /** Compiles; with `report`, what the pattern does wrong is told to onWarning, each thing once. */
  private compile(pattern: string, style: PatternStyle, report: boolean): CompiledPattern {
    const problems: string[] = [];
    const context: Omit<CompileContext, 'compileNested'> = {
      timeZone: this.zone,
      style,
      renderThrowable: (event, error) => this.renderThrowable(event, error),
      lineSeparator: '\n',
      filterText: this.textFilter(),
      warn: (message) => {
        if (!problems.includes(message)) problems.push(message);
      },
    };
    const compiled = compilePattern(pattern, context);
    if (report) for (const problem of problems) this.warn(`pattern "${pattern}": ${problem}`, 'conversionPattern');
    return compiled;
  }
}

/**
 * log4j's EnhancedPatternLayout: a PatternLayout whose default style is
 * `enhanced`. Where log4j's two layouts print the same pattern differently, these
 * two do the same: `%c{0}` prints nothing here and the whole name in PatternLayout,
 * `%c{-1}` drops the first component here and prints the whole name there,
 * `%m{x}` prints the message here and the message followed by `{x}` there.
 */
export class EnhancedPatternLayout extends PatternLayout {
  protected override defaultStyle(): PatternStyle {
    return 'enhanced';
  }
}
