import * as fs from 'node:fs';
import { createGunzip } from 'node:zlib';

/** Lines longer than this are skipped: no token line is near it, and a file without line breaks must not fill memory. */
export const MAX_LINE_CHARS = 64 * 1024;

/**
 * Every line of the token lines' vocabulary holds this: tokenId, TokenDTO, "token id",
 * "matching token", "Token verification", "invalid token", the audit category
 * "API tokens". Looking for it in whole chunks skips the other lines at memchr speed
 * instead of splitting and matching each one.
 */
export const TOKEN_MARKER = 'oken';

export interface ScanResult {
  /** Bytes read from disk (compressed bytes for a .gz file). */
  readonly bytes: number;
  /** Lines skipped for being longer than MAX_LINE_CHARS. */
  readonly overlongLines: number;
  /** Why reading stopped early (a gzip cut short, a file rotated away), if it did; what was read counts. */
  readonly problem?: string;
}

/**
 * Streams one log file (gunzipped when it ends in .gz) and calls `onLine` for each
 * line holding `marker`, in file order. Memory is one chunk plus one partial line,
 * whatever the file's size. `onBytes` reports progress as chunks are read.
 */
export async function scanLines(
  file: string,
  onLine: (line: string) => void,
  options: { marker?: string; onBytes?: (bytes: number) => void } = {},
): Promise<ScanResult> {
  const marker = options.marker ?? TOKEN_MARKER;
  const raw = fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
  let bytes = 0;
  raw.on('data', (chunk) => {
    bytes += chunk.length;
    options.onBytes?.(chunk.length);
  });
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  if (input !== raw) raw.on('error', (cause) => input.destroy(cause));
  input.setEncoding('utf8');
  let carry = '';
  let dropping = false;
  let overlongLines = 0;
  try {
    for await (const chunk of input as AsyncIterable<string>) {
      let text = carry === '' ? chunk : carry + chunk;
      carry = '';
      let start = 0;
      if (dropping) {
        const end = text.indexOf('\n');
        if (end === -1) continue;
        dropping = false;
        start = end + 1;
      }
      const last = text.lastIndexOf('\n');
      if (last >= start) {
        overlongLines += scanComplete(text, start, last, marker, onLine);
        start = last + 1;
      }
      if (text.length - start > MAX_LINE_CHARS) {
        overlongLines++;
        dropping = true;
      } else {
        carry = text.slice(start);
      }
      text = '';
    }
    if (carry !== '' && carry.includes(marker)) onLine(trimCr(carry));
    return { bytes, overlongLines };
  } catch (cause) {
    const error = cause as NodeJS.ErrnoException;
    if (error.code === 'ENOENT' || error.code === 'Z_BUF_ERROR' || error.code === 'Z_DATA_ERROR') {
      return { bytes, overlongLines, problem: `${error.code}: ${error.message}` };
    }
    throw cause;
  } finally {
    raw.destroy();
    if (input !== raw) input.destroy();
  }
}

/** Passes on the lines of `text` from `from` to the line break at `last` that hold `marker`; returns how many were too long. */
function scanComplete(text: string, from: number, last: number, marker: string, onLine: (line: string) => void): number {
  let overlong = 0;
  let pos = from;
  while (pos < last) {
    const hit = text.indexOf(marker, pos);
    if (hit === -1 || hit >= last) break;
    const lineStart = Math.max(text.lastIndexOf('\n', hit) + 1, from);
    const lineEnd = text.indexOf('\n', hit);
    if (lineEnd - lineStart <= MAX_LINE_CHARS) onLine(trimCr(text.slice(lineStart, lineEnd)));
    else overlong++;
    pos = lineEnd + 1;
  }
  return overlong;
}

function trimCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
