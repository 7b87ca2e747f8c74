/** What JSON.stringify escapes besides quotes and backslashes, plus the characters JavaScript reads as line ends. */
const NEEDS_STRINGIFY = /[\u0000-\u001f\ud800-\udfff\u2028\u2029\u0085]/;
const LINE_SEPARATORS = /[\u2028\u2029\u0085]/g;

/**
 * Past this many quotes and backslashes, JSON.stringify writes the literal faster
 * than slicing around each of them.
 */
const MAX_SLICED_ESCAPES = 4;

/**
 * Replaces the characters that JavaScript (and tools built on it) treat as line
 * ends although JSON allows them raw, so one record is always one line.
 */
export function escapeLineSeparators(json: string): string {
  return json.replace(LINE_SEPARATORS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `value` as a JSON literal when it holds nothing to escape but quotes and
 * backslashes. A log message usually holds none or a few: finding them with
 * indexOf and joining the slices costs about half of a global regex replace with
 * `\\$&`, which was the largest cost of a JSON line.
 */
function quotedPlain(value: string): string {
  let quote = value.indexOf('"');
  let backslash = value.indexOf('\\');
  if (quote < 0 && backslash < 0) return '"' + value + '"';
  let out = '"';
  let from = 0;
  for (let escapes = 0; ; escapes++) {
    const at = quote < 0 ? backslash : backslash < 0 || quote < backslash ? quote : backslash;
    if (at < 0) break;
    if (escapes === MAX_SLICED_ESCAPES) return JSON.stringify(value);
    out += value.slice(from, at) + '\\';
    from = at;
    if (at === quote) quote = value.indexOf('"', at + 1);
    else backslash = value.indexOf('\\', at + 1);
  }
  return out + value.slice(from) + '"';
}

/**
 * A JSON string literal for `value`, always on one line: JSON.stringify's escaping
 * (control characters, quotes, backslashes, lone surrogates as `\udXXX`) plus
 * U+2028, U+2029 and U+0085, so text from a request cannot start a forged record.
 */
export function jsonString(value: string): string {
  if (!NEEDS_STRINGIFY.test(value)) return quotedPlain(value);
  return escapeLineSeparators(JSON.stringify(value));
}
