/** Four spaces, what Atlassian's layout puts after every line break inside a record. */
export const CONTINUATION_INDENT = '    ';

function isBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029 || code === 0x85;
}

/**
 * Puts `indent` after every line break (`\r\n`, `\n`, `\r`, U+2028, U+2029, U+0085)
 * in `record` except a final `\n`, the record's own terminator (a `\r` before it came
 * from the message and is indented like any other break). A line
 * that a tool splits out of the record therefore always starts with blanks and can
 * never pass for a new record, whatever a user managed to put into a message.
 */
export function indentLineBreaks(record: string, indent: string = CONTINUATION_INDENT): string {
  let end = record.length;
  if (end > 0 && record.charCodeAt(end - 1) === 0x0a) end--;
  let first = -1;
  for (let i = 0; i < end; i++) {
    if (isBreak(record.charCodeAt(i))) {
      first = i;
      break;
    }
  }
  if (first < 0) return record;
  let out = record.slice(0, first);
  let start = first;
  for (let i = first; i < end; i++) {
    const code = record.charCodeAt(i);
    if (!isBreak(code)) continue;
    if (code === 0x0d && i + 1 < end && record.charCodeAt(i + 1) === 0x0a) i++;
    out += record.slice(start, i + 1) + indent;
    start = i + 1;
  }
  return out + record.slice(start);
}
