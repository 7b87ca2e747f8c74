import { overNested, type ConverterFactory } from './converter.js';

/** Log4j 2's MaxLengthConverter appends an ellipsis only past this length. */
const ELLIPSIS_AFTER = 20;

/**
 * Log4j 2's `%maxLen{pattern}{N}` (`%maxLength`): the inner pattern cut to N
 * characters; when N is over 20, "..." follows what was cut.
 */
export const maxLength: ConverterFactory = (options, context, keyword) => {
  const inner = context.compileNested(options[0] ?? '');
  const text = (options[1] ?? '').trim();
  if (!/^\d+$/.test(text)) throw new Error(`%${keyword}: the length {${options[1] ?? ''}} must be a whole number`);
  const max = Number(text);
  const ellipsis = max > ELLIPSIS_AFTER ? '...' : '';
  const print = inner.format;
  return overNested(inner, (e) => {
    const printed = print(e);
    return printed.length > max ? printed.slice(0, max) + ellipsis : printed;
  });
};
