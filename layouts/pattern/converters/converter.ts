import type { LoggingEvent } from '../../../src/logging-event.js';
import type { TimeZone } from '../../date/time-zone.js';

/** What a conversion keyword compiles to: one function from event to text. */
export interface Converter {
  readonly format: (event: LoggingEvent) => string;
  /** Reads `event.location`, so loggers must capture the call site. */
  readonly usesLocation?: boolean;
  /** Prints (or deliberately suppresses) the throwable, so the layout must not append it. */
  readonly handlesThrowable?: boolean;
  /** Prints nothing a user can influence (`%n`, `%d`, `%p`, `%r`, stacks rendered by the layout). */
  readonly trusted?: boolean;
  /**
   * Reads nothing but the level, logger name, thread name, MDC and NDC, so events
   * equal in those print equal text. Runs of such converters are formatted once per
   * context and reused (see compile.ts).
   */
  readonly contextual?: boolean;
}

/** Settings of the layout a pattern is compiled for. */
export interface CompileContext {
  readonly timeZone: TimeZone;
  /** `logback`: `%c{N}` / `%logger{N}` abbreviate to a length, options split on commas. */
  readonly style: 'log4j' | 'logback';
  /** The layout's way of printing a throwable (Atlassian filtering replaces it). */
  readonly renderThrowable: (event: LoggingEvent, error: Error) => string;
  /** Line separator printed by `%n`. */
  readonly lineSeparator: string;
  /** Applied to the output of every converter that is not trusted (Atlassian indenting). */
  readonly filterText?: ((text: string) => string) | undefined;
}

/** Builds a converter from the keyword's `{...}` options; throws on a bad option. */
export type ConverterFactory = (options: readonly string[], context: CompileContext, keyword: string) => Converter;
