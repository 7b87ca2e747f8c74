/**
 * Frames one message for a stream transport with octet counting (RFC 6587 section
 * 3.4.1, RFC 5425 section 4.3): `MSG-LEN SP SYSLOG-MSG`, the length in UTF-8 octets.
 * The receiver reads exactly that many octets, so line breaks inside the message
 * (a stack trace, a user's text) stay part of it and cannot start a forged record.
 */
export function octetCountedFrame(message: string): string {
  return `${Buffer.byteLength(message)} ${message}`;
}
