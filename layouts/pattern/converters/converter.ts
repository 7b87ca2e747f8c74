import type { LoggingEvent } from '../../../src/logging-event.js';
import type { TimeZone } from '../../date/time-zone.js';
import type { PatternStyle } from '../parser.js';

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
  /**
   * Also reads the event's fields (`%X{key}`, `%fields`): a cached run holding it is
   * formatted again when they change, too.
   */
  readonly readsFields?: boolean;
  /** Also reads the event's trace context (`%X{trace_id}`): as readsFields, for the span. */
  readonly readsTrace?: boolean;
  /**
   * Prints this text for every event (`%n`): the pattern takes it as literal text,
   * which joins the literals around it, instead of a part called per event.
   */
  readonly constantText?: string;
  /**
   * When it prints nothing, the blank that follows it in the pattern is left out too
   * (Bitbucket's `%request`: a line outside a request has one blank there, not two).
   */
  readonly takesFollowingBlank?: boolean;
  /**
   * Log4j 2's throwable converters: when they print something after text that does
   * not end in whitespace (`%m%ex`), a blank goes between the two.
   */
  readonly separatedFromText?: boolean;
}

/** Settings of the layout a pattern is compiled for. */
export interface CompileContext {
  readonly timeZone: TimeZone;
  /**
   * `log4j` (log4j 1.2's PatternLayout), `enhanced` (log4j's EnhancedPatternLayout)
   * or `logback`: where the originals read the same text differently, this decides.
   */
  readonly style: PatternStyle;
  /** The layout's way of printing a throwable (Atlassian filtering replaces it). */
  readonly renderThrowable: (event: LoggingEvent, error: Error) => string;
  /** Line separator printed by `%n`. */
  readonly lineSeparator: string;
  /** Applied to the output of every converter that is not trusted (Atlassian indenting). */
  readonly filterText?: ((text: string) => string) | undefined;
  /**
   * Told about an option accepted the way log4j or logback accepts it (a bad date
   * pattern printed as ISO8601, a bad precision ignored, ...); nothing is thrown.
   */
  readonly warn?: ((message: string) => void) | undefined;
  /**
   * Compiles an option that is itself a pattern (Log4j 2's `%notEmpty{[%X{id}]}`),
   * once, when the enclosing pattern is compiled.
   */
  readonly compileNested: (pattern: string) => NestedPattern;
}

/** An option compiled as a pattern, whole and piece by piece. */
export interface NestedPattern extends Converter {
  /** Literal text as strings, each conversion as its function (modifier applied), in order. */
  readonly pieces: readonly (string | ((event: LoggingEvent) => string))[];
}

/**
 * A converter printing `format`, a transformation of a nested pattern's text: it needs
 * the call site and handles the throwable when the pattern does, and is trusted only
 * if the pattern is and the transformation cannot add text of the user's (`trusted`).
 */
export function overNested(inner: Converter, format: (event: LoggingEvent) => string, trusted = inner.trusted): Converter {
  return { usesLocation: inner.usesLocation, handlesThrowable: inner.handlesThrowable, trusted, format };
}

/** Builds a converter from the keyword's `{...}` options; throws on a bad option. */
export type ConverterFactory = (options: readonly string[], context: CompileContext, keyword: string) => Converter;
