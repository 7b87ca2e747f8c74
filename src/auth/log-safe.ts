/**
 * Makes user-controlled text (user names, token descriptions, URLs) safe to place
 * inside a log message: a line break or terminal escape in it must not start a
 * forged record or recolour a terminal. Control characters, DEL, the C1 range and
 * the Unicode line/paragraph separators are written as visible escapes.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const UNSAFE_ALL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Longer user text is cut: a 64 KiB URL must not become a 64 KiB log record. */
export const LOG_SAFE_MAX_LENGTH = 1024;

function escapeChar(ch: string): string {
  switch (ch) {
    case '\n': return '\\n';
    case '\r': return '\\r';
    case '\t': return '\\t';
    default: return '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0');
  }
}

export function logSafe(value: unknown, maxLength: number = LOG_SAFE_MAX_LENGTH): string {
  let text = typeof value === 'string' ? value : String(value);
  if (text.length > maxLength) text = text.slice(0, maxLength) + '...(truncated)';
  return UNSAFE.test(text) ? text.replace(UNSAFE_ALL, escapeChar) : text;
}
