/**
 * Makes a value fit a syslog header field (RFC 5424 section 6: PRINTUSASCII, no
 * spaces, bounded length; RFC 3164's HOSTNAME and TAG are no looser): characters
 * outside `!`..`~` become `_`, the rest is cut at `maxLength`, and an empty value
 * becomes the NILVALUE `-`. Header fields carry names from configuration and the
 * host, never message text, but a stray space would still shift every field after it.
 */
export function headerField(value: string, maxLength: number): string {
  let out = '';
  for (let i = 0; i < value.length && out.length < maxLength; i++) {
    const code = value.charCodeAt(i);
    out += code >= 33 && code <= 126 ? value[i] : '_';
  }
  return out === '' ? '-' : out;
}
