import * as fs from 'node:fs';
import { createGunzip } from 'node:zlib';

/** Lines longer than this (in bytes) are skipped: no token line is near it, and a file without line breaks must not fill memory. */
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
  const marker = Buffer.from(options.marker ?? TOKEN_MARKER);
  const raw = fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
  let bytes = 0;
  raw.on('data', (chunk) => {
    bytes += chunk.length;
    options.onBytes?.(chunk.length);
  });
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  if (input !== raw) raw.on('error', (cause) => input.destroy(cause));
  // Bytes, not text: a line break is one byte that never occurs inside a UTF-8
  // sequence, so lines are found without decoding the chunk; only hits are decoded.
  let carry: Buffer | null = null;
  let dropping = false;
  let overlongLines = 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      let start = 0;
      const first = chunk.indexOf(NEWLINE);
      if (first === -1) {
        if (!dropping) carry = carry === null ? Buffer.from(chunk) : Buffer.concat([carry, chunk]);
        if (carry !== null && carry.length > MAX_LINE_CHARS) {
          overlongLines++;
          dropping = true;
          carry = null;
        }
        continue;
      }
      if (dropping) {
        dropping = false;
      } else if (carry !== null) {
        const line = Buffer.concat([carry, chunk.subarray(0, first)]);
        if (line.length > MAX_LINE_CHARS) overlongLines++;
        else if (line.includes(marker)) onLine(decode(line, 0, line.length));
      } else if (first > MAX_LINE_CHARS) {
        overlongLines++;
      } else if (chunk.subarray(0, first).includes(marker)) {
        onLine(decode(chunk, 0, first));
      }
      carry = null;
      start = first + 1;
      const last = chunk.lastIndexOf(NEWLINE);
      if (last > start) overlongLines += scanComplete(chunk, start, last, marker, onLine);
      if (last + 1 < chunk.length) {
        // Copied: a view would keep the whole chunk alive.
        carry = Buffer.from(chunk.subarray(last + 1));
        if (carry.length > MAX_LINE_CHARS) {
          overlongLines++;
          dropping = true;
          carry = null;
        }
      }
    }
    if (carry !== null && carry.includes(marker)) onLine(decode(carry, 0, carry.length));
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

const NEWLINE = 0x0a;

/** Passes on the lines of `chunk` from `from` to the line break at `last` that hold `marker`; returns how many were too long. */
function scanComplete(chunk: Buffer, from: number, last: number, marker: Buffer, onLine: (line: string) => void): number {
  let overlong = 0;
  let pos = from;
  while (pos < last) {
    const hit = chunk.indexOf(marker, pos);
    if (hit === -1 || hit >= last) break;
    const lineStart = Math.max(chunk.lastIndexOf(NEWLINE, hit) + 1, from);
    const lineEnd = chunk.indexOf(NEWLINE, hit);
    if (lineEnd - lineStart <= MAX_LINE_CHARS) onLine(decode(chunk, lineStart, lineEnd));
    else overlong++;
    pos = lineEnd + 1;
  }
  return overlong;
}

/** The line's text without a trailing CR; a new string, sharing nothing with the chunk. */
function decode(chunk: Buffer, start: number, end: number): string {
  return chunk.toString('utf8', start, end > start && chunk[end - 1] === 0x0d ? end - 1 : end);
}
