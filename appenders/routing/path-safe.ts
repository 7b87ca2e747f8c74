/**
 * A looked-up value made safe to put in a file name or an appender name: every
 * character but letters, digits and `_ - . @ + = ,` is percent-encoded as UTF-8 (so
 * `/`, `\`, line breaks and NUL cannot reach a path, and `%` itself is encoded), and a
 * value of only dots is encoded whole (so `..` cannot climb out of a folder).
 * Different values stay different.
 */
export function pathSafe(value: string): string {
  if (value !== '' && /^\.+$/.test(value)) return value.replace(/\./g, '%2E');
  return value.replace(/[^A-Za-z0-9_\-.@+=,]/gu, (c) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
}
