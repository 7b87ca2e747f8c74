/**
 * Escapes text for a .properties file as java.util.Properties.store does, so that
 * reading it back gives the same string. Keys escape every blank; values only a
 * leading one (inner blanks are part of the value).
 */
export function escapeProperty(text: string, kind: 'key' | 'value'): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    switch (c) {
      case ' ':
        out += kind === 'key' || i === 0 ? '\\ ' : ' ';
        break;
      case '\\': out += '\\\\'; break;
      case '\t': out += '\\t'; break;
      case '\n': out += '\\n'; break;
      case '\r': out += '\\r'; break;
      case '\f': out += '\\f'; break;
      case '=': case ':': case '#': case '!':
        out += kind === 'key' || i === 0 ? '\\' + c : c;
        break;
      default: out += c;
    }
  }
  return out;
}
