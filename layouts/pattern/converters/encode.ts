import { overNested, type ConverterFactory } from './converter.js';

type Escape = (text: string) => string;

const HTML: Readonly<Record<string, string>> = { '\r': '\\r', '\n': '\\n', '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '/': '&#x2F;' };
const XML: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const JSON_SHORT: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const jsonChar = (c: string): string => JSON_SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** Log4j 2's EncodingPatternConverter.EscapeFormat, by name. */
const ESCAPES: Readonly<Record<string, Escape>> = {
  HTML: (text) => text.replace(/[\r\n&<>"'/]/g, (c) => HTML[c]!),
  XML: (text) => text.replace(/[&<>"']/g, (c) => XML[c]!),
  JSON: (text) => text.replace(/["\\\u0000-\u001f]/g, jsonChar),
  CRLF: (text) => text.replace(/[\r\n]/g, (c) => (c === '\r' ? '\\r' : '\\n')),
};

/**
 * Log4j 2's `%encode{pattern}{HTML|XML|JSON|CRLF}` (`%enc`): the inner pattern with
 * what would break the surrounding format escaped; HTML when the format is missing
 * or unknown, as in Log4j 2 (an unknown one is also reported).
 */
export const encode: ConverterFactory = (options, context, keyword) => {
  const inner = context.compileNested(options[0] ?? '');
  const name = (options[1] ?? 'HTML').trim().toUpperCase();
  let escape = ESCAPES[name];
  if (escape === undefined) {
    context.warn?.(`%${keyword}: unknown format {${options[1]}} (HTML, XML, JSON or CRLF): HTML is used, as Log4j 2 does`);
    escape = ESCAPES.HTML!;
  }
  const print = inner.format;
  const apply = escape;
  return overNested(inner, (e) => apply(print(e)));
};
