import { defaultHierarchy } from '../../src/log-manager.js';
import type { LoggingEvent } from '../../src/logging-event.js';
import { resolveTimeZone, type TimeZone } from '../date/time-zone.js';
import type { Layout } from '../layout.js';
import { renderThrowable } from '../throwable.js';
import { compilePattern, type CompiledPattern } from './compile.js';
import type { CompileContext } from './converters/converter.js';

export interface PatternLayoutOptions {
  /** Default `%m%n`, as in log4j. */
  conversionPattern?: string;
  /** Zone for `%d` (IANA name, `UTC`, `GMT+2`); default the process's zone. */
  timeZone?: string;
  /**
   * `log4j` (default): `%c{2}` keeps the last two components. `logback`: `%c{36}` /
   * `%logger{36}` abbreviate to 36 characters and `{a, b}` options split on commas.
   */
  style?: 'log4j' | 'logback';
}

/** log4j's default conversion pattern. */
export const DEFAULT_CONVERSION_PATTERN = '%m%n';

/**
 * log4j's PatternLayout with EnhancedPatternLayout, Atlassian and logback
 * extensions (see converter-map.ts for every keyword). The pattern is compiled once,
 * and again only when `conversionPattern` or `timeZone` is assigned. When the pattern
 * prints no throwable, an event's error is appended after the line, as log4j does.
 */
export class PatternLayout implements Layout {
  private pattern: string;
  private zone: TimeZone;
  private zoneId: string | undefined;
  readonly style: 'log4j' | 'logback';
  private compiled: CompiledPattern;

  constructor(pattern?: string | PatternLayoutOptions, options: PatternLayoutOptions = {}) {
    const merged: PatternLayoutOptions = typeof pattern === 'string' ? { ...options, conversionPattern: pattern } : { ...options, ...pattern };
    this.pattern = merged.conversionPattern ?? DEFAULT_CONVERSION_PATTERN;
    this.zoneId = merged.timeZone;
    this.zone = resolveTimeZone(merged.timeZone);
    const style = merged.style ?? 'log4j';
    if (style !== 'log4j' && style !== 'logback') throw new Error(`Unknown pattern style "${String(style)}" (expected log4j or logback)`);
    this.style = style;
    this.compiled = this.compile(this.pattern);
  }

  get conversionPattern(): string {
    return this.pattern;
  }

  /** Recompiles; a bad pattern throws and leaves the layout as it was. */
  set conversionPattern(pattern: string) {
    const compiled = this.compile(pattern);
    const locationChanged = compiled.usesLocation !== this.compiled.usesLocation;
    this.compiled = compiled;
    this.pattern = pattern;
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
      this.compiled = this.compile(this.pattern);
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
    if (event.error === undefined || this.compiled.handlesThrowable) return line;
    return line + this.renderThrowable(event, event.error);
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

  private compile(pattern: string): CompiledPattern {
    const context: CompileContext = {
      timeZone: this.zone,
      style: this.style,
      renderThrowable: (event, error) => this.renderThrowable(event, error),
      lineSeparator: '\n',
      filterText: this.textFilter(),
    };
    return compilePattern(pattern, context);
  }
}
