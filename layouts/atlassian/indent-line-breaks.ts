/** Four spaces, what Atlassian's layout puts after every line break inside a record. */
export const CONTINUATION_INDENT = '    ';

function isBreak(code: number): boolean {
  return code <= 0x0d ? code === 0x0a || code === 0x0d : code === 0x85 || code === 0x2028 || code === 0x2029;
}

/**
 * Puts `indent` after every line break (`\r\n`, `\n`, `\r`, U+2028, U+2029, U+0085)
 * in `text`. Applied to everything a user can influence (message, MDC values,
 * names), a line that a tool splits out of a record always starts with blanks and
 * can never pass for a new record. Text without breaks is returned as it is.
 */
export function indentLineBreaks(text: string, indent: string = CONTINUATION_INDENT): string {
  const length = text.length;
  let first = -1;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    // One comparison for the printable ASCII that makes up almost all log text.
    if (code > 0x0d && code < 0x85) continue;
    if (isBreak(code)) {
      first = i;
      break;
    }
  }
  if (first < 0) return text;
  let out = text.slice(0, first);
  let start = first;
  for (let i = first; i < length; i++) {
    const code = text.charCodeAt(i);
    if (!isBreak(code)) continue;
    if (code === 0x0d && i + 1 < length && text.charCodeAt(i + 1) === 0x0a) i++;
    out += text.slice(start, i + 1) + indent;
    start = i + 1;
  }
  return out + text.slice(start);
}

/**
 * A block of lines that follows a line of the record (a stack trace, each line
 * ending with `eol`): every line gets `indent` in front, and the block still ends
 * with `eol`, which terminates the record.
 */
export function indentBlock(block: string, eol = '\n', indent: string = CONTINUATION_INDENT): string {
  if (block === '') return block;
  const body = block.endsWith(eol) ? block.slice(0, block.length - eol.length) : block;
  return indent + indentLineBreaks(body, indent) + eol;
}
