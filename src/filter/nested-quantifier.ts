// A quantified group that itself ends in a quantifier, `(a+)+`, `(\w*)*`, `(x+){2,}`:
// the shape that backtracks exponentially on a text that almost matches.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}]\)[+*{]/;

/**
 * True when the regular expression `source` repeats a group that repeats. Used where
 * an expression from a configuration runs on every event, on text users may control.
 */
export function repeatsRepeatingGroup(source: string): boolean {
  return NESTED_QUANTIFIER.test(source);
}
