/** What JSON.stringify escapes besides quotes and backslashes, plus the characters JavaScript reads as line ends. */
const NEEDS_STRINGIFY = /[\u0000-\u001f\ud800-\udfff\u2028\u2029\u0085]/;
const QUOTE_OR_BACKSLASH = /["\\]/g;
const LINE_SEPARATORS = /[\u2028\u2029\u0085]/g;

/**
 * Replaces the characters that JavaScript (and tools built on it) treat as line
 * ends although JSON allows them raw, so one record is always one line.
 */
export function escapeLineSeparators(json: string): string {
  return json.replace(LINE_SEPARATORS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A JSON string literal for `value`, always on one line: JSON.stringify's escaping
 * (control characters, quotes, backslashes, lone surrogates as `\udXXX`) plus
 * U+2028, U+2029 and U+0085, so text from a request cannot start a forged record.
 * The usual text has at most quotes to escape, which one replace writes faster
 * than JSON.stringify.
 */
export function jsonString(value: string): string {
  if (!NEEDS_STRINGIFY.test(value)) return '"' + value.replace(QUOTE_OR_BACKSLASH, '\\$&') + '"';
  return escapeLineSeparators(JSON.stringify(value));
}
