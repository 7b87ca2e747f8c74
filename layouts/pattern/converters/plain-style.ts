import { overNested, type ConverterFactory } from './converter.js';

/**
 * Log4j 2's `%highlight{pattern}{...}` and `%style{pattern}{...}`: the inner pattern
 * as plain text. Their ANSI colours are for terminals; in a file they are escape bytes.
 */
export const plainStyle: ConverterFactory = (options, context) => {
  const inner = context.compileNested(options[0] ?? '');
  return overNested(inner, inner.format);
};
