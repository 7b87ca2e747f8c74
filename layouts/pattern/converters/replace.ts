import { repeatsRepeatingGroup } from '../../../src/filter/nested-quantifier.js';
import { overNested, type ConverterFactory } from './converter.js';

/**
 * Log4j 2's `%replace{pattern}{regex}{substitution}`: every match of `regex` in what
 * the inner pattern prints is replaced (`$1` names a group, as in Java). The regex is
 * compiled once; one that repeats a repeating group is refused, as RegexFilter refuses
 * it, since it runs on every event on text users may control.
 */
export const replace: ConverterFactory = (options, context, keyword) => {
  const inner = context.compileNested(options[0] ?? '');
  const source = options[1] ?? '';
  if (repeatsRepeatingGroup(source)) {
    throw new Error(`%${keyword}: regex "${source}" repeats a group that repeats (like (a+)+), which can take exponential time on a line; write it without the nesting`);
  }
  let regex: RegExp;
  try {
    regex = new RegExp(source, 'g');
  } catch (cause) {
    throw new Error(`%${keyword}: "${source}" is not a regular expression (${(cause as Error).message})`);
  }
  const substitution = options[2] ?? '';
  const print = inner.format;
  // Never trusted: the regex may match across what the pattern printed and the substitution adds text.
  return overNested(inner, (e) => print(e).replace(regex, substitution), false);
};
