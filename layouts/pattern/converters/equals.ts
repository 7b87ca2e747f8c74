import type { ConverterFactory } from './converter.js';

/**
 * Log4j 2's `%equals{pattern}{test}{substitution}`: the inner pattern, or the
 * substitution (itself a pattern) when the inner pattern prints exactly `test`;
 * `%equalsIgnoreCase` compares ignoring case.
 */
export const equals: ConverterFactory = (options, context, keyword) => {
  const inner = context.compileNested(options[0] ?? '');
  const substitution = context.compileNested(options[2] ?? '');
  const ignoreCase = keyword === 'equalsIgnoreCase';
  const test = ignoreCase ? (options[1] ?? '').toLowerCase() : (options[1] ?? '');
  const print = inner.format;
  const substitute = substitution.format;
  return {
    usesLocation: inner.usesLocation || substitution.usesLocation,
    handlesThrowable: inner.handlesThrowable || substitution.handlesThrowable,
    trusted: inner.trusted && substitution.trusted,
    format: ignoreCase
      ? (e) => {
          const text = print(e);
          return text.toLowerCase() === test ? substitute(e) : text;
        }
      : (e) => {
          const text = print(e);
          return text === test ? substitute(e) : text;
        },
  };
};
