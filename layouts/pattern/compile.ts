import type { LoggingEvent } from '../../src/logging-event.js';
import type { CompileContext } from './converters/converter.js';
import { CONVERTERS } from './converter-map.js';
import { applyModifier } from './format-modifier.js';
import { parsePattern } from './parser.js';

export interface CompiledPattern {
  readonly format: (event: LoggingEvent) => string;
  /** Some converter prints the call site. */
  readonly usesLocation: boolean;
  /** Some converter prints (or suppresses) the throwable. */
  readonly handlesThrowable: boolean;
}

type Part = (event: LoggingEvent) => string;

const isKeyword = (keyword: string): boolean => CONVERTERS.has(keyword);

/**
 * Parses and compiles `pattern` once into a single function. Literal text is folded
 * into the part that follows it, so formatting is one pass over a short array of
 * closures with no parsing, lookups or regular expressions.
 */
export function compilePattern(pattern: string, context: CompileContext): CompiledPattern {
  const tokens = parsePattern(pattern, { isKeyword, splitOptionsOnComma: context.style === 'logback' });
  const prefixes: string[] = [];
  const parts: Part[] = [];
  let pending = '';
  let usesLocation = false;
  let handlesThrowable = false;
  for (const token of tokens) {
    if (token.kind === 'literal') {
      pending += token.text;
      continue;
    }
    const factory = CONVERTERS.get(token.keyword)!;
    let converter;
    try {
      converter = factory(token.options, context, token.keyword);
    } catch (error) {
      throw new Error(`${(error as Error).message} in pattern "${pattern}"`);
    }
    usesLocation ||= converter.usesLocation === true;
    handlesThrowable ||= converter.handlesThrowable === true;
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
    prefixes.push(pending);
    parts.push(part);
    pending = '';
  }
  const suffix = pending;
  const count = parts.length;
  let format: (event: LoggingEvent) => string;
  if (count === 0) {
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
  return { format, usesLocation, handlesThrowable };
}
