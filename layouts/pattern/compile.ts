import type { LoggingEvent } from '../../src/logging-event.js';
import type { CompileContext, Converter, ConverterFactory, NestedPattern } from './converters/converter.js';
import { CONVERTERS, LOG4J12_OPTIONLESS, LOG4J2_CONVERTERS } from './converter-map.js';
import { applyModifier } from './format-modifier.js';
import { parsePattern, type PatternToken } from './parser.js';

export interface CompiledPattern {
  readonly format: (event: LoggingEvent) => string;
  /** Some converter prints the call site. */
  readonly usesLocation: boolean;
  /** Some converter prints (or suppresses) the throwable. */
  readonly handlesThrowable: boolean;
}

type Part = (event: LoggingEvent) => string;

const isKeyword = (keyword: string): boolean => CONVERTERS.has(keyword);
const isLog4j2Keyword = (keyword: string): boolean => LOG4J2_CONVERTERS.has(keyword);
const takesOptions = (keyword: string): boolean => !LOG4J12_OPTIONLESS.has(keyword);
// Only the bare group `%(...)` / `%-30(...)` is a composite here; `%replace(...)` and the
// colour words print %PARSER_ERROR[word] as logback does for a composite it cannot create.
const isComposite = (): boolean => false;

/**
 * Parses and compiles `pattern` once into a single function. Literal text is folded
 * into the part that follows it, so formatting is one pass over a short array of
 * closures with no parsing, lookups or regular expressions.
 */
export function compilePattern(pattern: string, context: Omit<CompileContext, 'compileNested'>): CompiledPattern {
  // The enclosing converter's text is filtered, as a composite's is (see compileComposite).
  const full: CompileContext = { ...context, compileNested: (nested) => compileNested(nested, { ...full, filterText: undefined }) };
  const tokens = parse(pattern, full);
  const { format, usesLocation, handlesThrowable } = compileSequence(tokens, full, pattern);
  return { format, usesLocation, handlesThrowable };
}

// Log4j 2's converters exist only in its style, so that the other readings stay as they were.
function parse(pattern: string, context: CompileContext): PatternToken[] {
  const keywords = context.style === 'log4j2' ? isLog4j2Keyword : isKeyword;
  return parsePattern(pattern, { isKeyword: keywords, style: context.style, takesOptions, isComposite, warn: context.warn });
}

function factory(keyword: string, context: CompileContext): ConverterFactory {
  return (context.style === 'log4j2' ? LOG4J2_CONVERTERS : CONVERTERS).get(keyword)!;
}

/** An option read as a pattern: compiled whole, and each conversion on its own for converters that look at the pieces. */
function compileNested(pattern: string, context: CompileContext): NestedPattern {
  const tokens = parse(pattern, context);
  const whole = compileSequence(tokens, context, pattern);
  const pieces = tokens.map((token) => (token.kind === 'literal' ? token.text : compileSequence([token], context, pattern).format));
  return { ...whole, pieces };
}

interface CompiledSequence extends CompiledPattern {
  /** Every converter in it is trusted (see Converter.trusted). */
  readonly trusted: boolean;
  /** Every converter in it is contextual (see Converter.contextual). */
  readonly contextual: boolean;
  /** Some converter in it reads the event's fields (see Converter.readsFields). */
  readonly readsFields: boolean;
  /** Some converter in it reads the event's trace context (see Converter.readsTrace). */
  readonly readsTrace: boolean;
}

function compileSequence(tokens: readonly PatternToken[], context: CompileContext, pattern: string): CompiledSequence {
  const prefixes: string[] = [];
  const parts: Part[] = [];
  const contextual: boolean[] = [];
  const readsFields: boolean[] = [];
  const readsTrace: boolean[] = [];
  const separated = new Set<Part>();
  let pending = '';
  let usesLocation = false;
  let handlesThrowable = false;
  let trusted = true;
  /** Index of the part that takes the blank after it when it prints nothing. */
  let blankTaker = -1;
  for (const token of tokens) {
    if (token.kind === 'literal') {
      let text = token.text;
      if (blankTaker >= 0 && blankTaker === parts.length - 1 && pending === '' && text.startsWith(' ')) {
        const print = parts[blankTaker]!;
        parts[blankTaker] = (e) => {
          const printed = print(e);
          return printed === '' ? '' : printed + ' ';
        };
        text = text.slice(1);
      }
      blankTaker = -1;
      pending += text;
      continue;
    }
    blankTaker = -1;
    let converter: Converter;
    if (token.kind === 'composite') {
      converter = compileComposite(token.children, context, pattern);
    } else {
      try {
        converter = factory(token.keyword, context)(token.options, context, token.keyword);
      } catch (error) {
        throw new Error(`${(error as Error).message} in pattern "${pattern}"`);
      }
    }
    if (converter.constantText !== undefined && !token.modifier) {
      pending += converter.constantText;
      continue;
    }
    usesLocation ||= converter.usesLocation === true;
    handlesThrowable ||= converter.handlesThrowable === true;
    trusted &&= converter.trusted === true;
    let part: Part = token.modifier ? applyModifier(converter.format, token.modifier) : converter.format;
    const filterText = context.filterText;
    if (filterText && !converter.trusted) {
      // After the modifier, so that truncation cannot cut off what the filter added.
      // Names and MDC values repeat from event to event: filter each distinct text once.
      const unfiltered = part;
      let lastIn: string | undefined;
      let lastOut = '';
      part = (e) => {
        const text = unfiltered(e);
        if (text !== lastIn) {
          lastOut = filterText(text);
          lastIn = text;
        }
        return lastOut;
      };
    }
    if (converter.separatedFromText) separated.add(part);
    prefixes.push(pending);
    parts.push(part);
    contextual.push(converter.contextual === true);
    readsFields.push(converter.readsFields === true);
    readsTrace.push(converter.readsTrace === true);
    if (converter.takesFollowingBlank && !token.modifier) blankTaker = parts.length - 1;
    pending = '';
  }
  const allContextual = contextual.every(Boolean);
  const anyReadsFields = readsFields.some(Boolean);
  const anyReadsTrace = readsTrace.some(Boolean);
  const suffix = cacheContextualRuns(prefixes, parts, contextual, readsFields, readsTrace, pending);
  const count = parts.length;
  let format: (event: LoggingEvent) => string;
  if (separated.size > 0) {
    // Parts that are not contextual keep their identity through cacheContextualRuns.
    const separatedAt = parts.map((part) => separated.has(part));
    format = (e) => {
      let out = '';
      for (let i = 0; i < count; i++) {
        out += prefixes[i]!;
        const text = parts[i]!(e);
        if (separatedAt[i] && text !== '' && out !== '' && !/\s/.test(out[out.length - 1]!)) out += ' ';
        out += text;
      }
      return out + suffix;
    };
  } else if (count === 0) {
    format = () => suffix;
  } else if (count === 1) {
    const [p0] = prefixes as [string];
    const [f0] = parts as [Part];
    format = (e) => p0 + f0(e) + suffix;
  } else {
    format = (e) => {
      let out = '';
      for (let i = 0; i < count; i++) out += prefixes[i]! + parts[i]!(e);
      return out + suffix;
    };
  }
  return { format, usesLocation, handlesThrowable, trusted, contextual: allContextual, readsFields: anyReadsFields, readsTrace: anyReadsTrace };
}

/**
 * logback's `%(...)`: the group prints as one piece, so a modifier such as
 * `%-30(%d [%t])` pads or cuts the whole group. The layout's text filter, if any,
 * applies to the group's text (after its modifier), not to each child.
 */
function compileComposite(children: readonly PatternToken[], context: CompileContext, pattern: string): Converter {
  const inner = compileSequence(children, { ...context, filterText: undefined }, pattern);
  return {
    format: inner.format,
    usesLocation: inner.usesLocation,
    handlesThrowable: inner.handlesThrowable,
    trusted: inner.trusted,
    contextual: inner.contextual,
    readsFields: inner.readsFields,
    readsTrace: inner.readsTrace,
  };
}

/**
 * A long line assembled from many small strings is a rope that V8 must flatten
 * before it can be encoded, and flattening a twenty-piece rope costs more than the
 * rest of the formatting. Most pieces of a product line (thread, level, MDC values,
 * logger name) repeat from event to event, so each run of contextual converters,
 * with the literals around it, is formatted once per context and kept as one flat
 * string: a Jira line becomes date + context + message.
 */
/** Replaces each run of contextual parts by one cached part; returns the (possibly absorbed) suffix. */
function cacheContextualRuns(
  prefixes: string[], parts: Part[], contextual: readonly boolean[], readsFields: readonly boolean[], readsTrace: readonly boolean[], suffix: string,
): string {
  const outPrefixes: string[] = [];
  const outParts: Part[] = [];
  let i = 0;
  while (i < parts.length) {
    if (!contextual[i]) {
      outPrefixes.push(prefixes[i]!);
      outParts.push(parts[i]!);
      i++;
      continue;
    }
    let end = i;
    while (end < parts.length && contextual[end]) end++;
    const last = end === parts.length;
    outPrefixes.push('');
    outParts.push(cachedRun(prefixes.slice(i, end), parts.slice(i, end), last ? suffix : '', readsFields.slice(i, end).some(Boolean), readsTrace.slice(i, end).some(Boolean)));
    if (last) suffix = '';
    i = end;
  }
  prefixes.splice(0, prefixes.length, ...outPrefixes);
  parts.splice(0, parts.length, ...outParts);
  return suffix;
}

/**
 * With `watchFields` (`watchTrace`), the run is also formatted again when the event's
 * fields (trace context) change: a span changing every few events does not
 * invalidate a run of MDC values that cannot be trace ids.
 */
function cachedRun(prefixes: readonly string[], parts: readonly Part[], tail: string, watchFields: boolean, watchTrace: boolean): Part {
  const count = parts.length;
  let primed = false;
  let level: unknown;
  let loggerName: unknown;
  let threadName: unknown;
  let mdc: unknown;
  let ndc: unknown;
  let fields: unknown;
  let trace: unknown;
  let text = '';
  return (e) => {
    if (!primed || e.mdc !== mdc || e.threadName !== threadName || e.loggerName !== loggerName || e.level !== level || e.ndc !== ndc
      || (watchFields && e.fields !== fields) || (watchTrace && e.trace !== trace)) {
      let out = '';
      for (let i = 0; i < count; i++) out += prefixes[i]! + parts[i]!(e);
      out += tail;
      // Reading a character makes V8 flatten the rope once, here, instead of per line.
      out.charCodeAt(0);
      text = out;
      primed = true;
      level = e.level;
      loggerName = e.loggerName;
      threadName = e.threadName;
      mdc = e.mdc;
      ndc = e.ndc;
      fields = e.fields;
      trace = e.trace;
    }
    return text;
  };
}
