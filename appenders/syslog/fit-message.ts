/** What happens to a message longer than the transport's limit. */
export type LongMessagePolicy = 'split' | 'truncate';

/** Marks where a split message was cut, as log4j's SyslogAppender does. */
const CONTINUED = '...';

/** The largest index <= `index` that starts a UTF-8 character (or is the end). */
function characterStart(bytes: Uint8Array, index: number): number {
  let i = Math.min(index, bytes.length);
  while (i > 0 && i < bytes.length && (bytes[i]! & 0xc0) === 0x80) i--;
  return i;
}

/** The index just after the character that starts at `index`. */
function characterEnd(bytes: Uint8Array, index: number): number {
  let i = index + 1;
  while (i < bytes.length && (bytes[i]! & 0xc0) === 0x80) i++;
  return i;
}

/**
 * Makes `head + body` fit in `maxBytes` octets of UTF-8. Short messages come back as
 * they are. Long ones are truncated, or split into several messages that each repeat
 * the head (so each is a complete syslog message with the same PRI, time and origin)
 * with `...` where the text was cut. Cuts fall between characters, never inside one.
 * Should the head alone leave no room, each part still carries one character, so no
 * text is dropped by splitting.
 */
export function fitMessage(head: string, body: string, maxBytes: number, policy: LongMessagePolicy): string[] {
  const headBytes = Buffer.byteLength(head);
  const bodyBytes = Buffer.byteLength(body);
  if (headBytes + bodyBytes <= maxBytes) return [head + body];
  const bytes = Buffer.from(body, 'utf8');
  if (policy === 'truncate') {
    return [head + bytes.toString('utf8', 0, characterStart(bytes, Math.max(0, maxBytes - headBytes)))];
  }
  const parts: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    const prefix = start === 0 ? '' : CONTINUED;
    const room = maxBytes - headBytes - prefix.length;
    if (bytes.length - start <= room) {
      parts.push(head + prefix + bytes.toString('utf8', start));
      break;
    }
    let end = characterStart(bytes, start + room - CONTINUED.length);
    if (end <= start) end = characterEnd(bytes, start);
    if (end >= bytes.length) {
      parts.push(head + prefix + bytes.toString('utf8', start));
      break;
    }
    parts.push(head + prefix + bytes.toString('utf8', start, end) + CONTINUED);
    start = end;
  }
  return parts;
}
