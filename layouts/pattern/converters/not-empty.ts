import { overNested, type ConverterFactory } from './converter.js';

/**
 * Log4j 2's `%notEmpty{pattern}` (`%varsNotEmpty`, `%variablesNotEmpty`): the inner
 * pattern, or nothing when every conversion in it prints nothing (`%notEmpty{[%X{id}]}`
 * leaves out the brackets outside a request). As Log4j 2's
 * VariablesNotEmptyReplacementConverter, a pattern of literals only prints nothing.
 */
export const notEmpty: ConverterFactory = (options, context) => {
  const inner = context.compileNested(options[0] ?? '');
  const pieces = inner.pieces;
  return overNested(inner, (e) => {
    let out = '';
    let printed = false;
    for (const piece of pieces) {
      if (typeof piece === 'string') {
        out += piece;
      } else {
        const text = piece(e);
        if (text !== '') printed = true;
        out += text;
      }
    }
    return printed ? out : '';
  });
};
