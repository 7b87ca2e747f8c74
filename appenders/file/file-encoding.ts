const ALIASES: Record<string, BufferEncoding> = {
  'utf8': 'utf8',
  'utf-8': 'utf8',
  'iso-8859-1': 'latin1',
  'iso8859-1': 'latin1',
  'iso8859_1': 'latin1',
  'latin1': 'latin1',
  'us-ascii': 'latin1',
  'ascii': 'latin1',
  'utf-16le': 'utf16le',
  'utf16le': 'utf16le',
  'ucs2': 'utf16le',
  'ucs-2': 'utf16le',
};

/**
 * Maps the log4j `Encoding` option (Java charset names such as `UTF-8`,
 * `ISO-8859-1`) onto a Node encoding. ASCII is written as latin1: Node's `ascii`
 * encoder silently strips the high bit, which would corrupt text rather than
 * replace it.
 */
export function toBufferEncoding(value: string | undefined, option = 'Encoding'): BufferEncoding {
  if (value === undefined || value === '') return 'utf8';
  const encoding = ALIASES[value.trim().toLowerCase()];
  if (!encoding) {
    throw new Error(`${option}: unsupported encoding "${value}" (use UTF-8, ISO-8859-1, US-ASCII or UTF-16LE)`);
  }
  return encoding;
}
