import * as fs from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { auditLogFiles } from './audit-log-files.js';
import { GENESIS_HASH, lineHash, parseChainLink } from './chain-line.js';

/** Where a restarted writer continues the chain. */
export interface ChainHead {
  /** The seq of the last complete line; 0 for a new log. */
  readonly seq: number;
  /** Its hash: the `prev` of the next line. */
  readonly hash: string;
  /** The last complete line was a `close` checkpoint: the previous writer stopped cleanly. */
  readonly closed: boolean;
  /** The key of the last checkpoint found near the end, to record a change of key. */
  readonly lastKey: string | null;
  /** The live file ends in an incomplete line (a crash or a full disk cut it). */
  readonly tornLine: boolean;
}

const NEW_LOG: ChainHead = { seq: 0, hash: GENESIS_HASH, closed: true, lastKey: null, tornLine: false };
/** How far back from the end a restart looks for the last complete line and checkpoint. */
const TAIL_BYTES = 1 << 20;

/** Thrown when the end of the log cannot be continued; names the file and why. */
export class ChainHeadError extends Error {
  override name = 'ChainHeadError';
}

function tailOf(file: string, gzip: boolean): { bytes: Buffer; whole: boolean } {
  if (gzip) {
    const bytes = gunzipSync(fs.readFileSync(file));
    return { bytes: bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)), whole: bytes.length <= TAIL_BYTES };
  }
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size, TAIL_BYTES);
    const bytes = Buffer.alloc(length);
    let read = 0;
    while (read < length) {
      const n = fs.readSync(fd, bytes, read, length - read, size - length + read);
      if (n === 0) break;
      read += n;
    }
    return { bytes: bytes.subarray(0, read), whole: size <= TAIL_BYTES };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads where the chain of the audit log `live` stands: the last complete line
 * of the newest file that has one (the live file, or after a rotation the newest
 * backup). An incomplete last line is left out: it is what a crash cut.
 */
export function readChainHead(live: string): ChainHead {
  let tornLine = false;
  const files = auditLogFiles(live).reverse();
  for (const file of files) {
    let tail: { bytes: Buffer; whole: boolean };
    try {
      tail = tailOf(file.path, file.gzip);
    } catch (cause) {
      throw new ChainHeadError(`audit log ${file.path}: cannot read its end to continue the chain (${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message})`);
    }
    const { bytes } = tail;
    const end = bytes.lastIndexOf(0x0a);
    if (file.backupIndex === null && bytes.length > 0 && end < bytes.length - 1) tornLine = true;
    if (end < 0) {
      if (!tail.whole) throw new ChainHeadError(`audit log ${file.path}: no complete line in its last ${TAIL_BYTES} bytes`);
      continue;
    }
    const lines = bytes.subarray(0, end).toString('latin1').split('\n');
    if (!tail.whole) lines.shift();
    const last = Buffer.from(lines[lines.length - 1]!, 'latin1');
    const link = parseChainLink(last);
    // An audit log written before chaining was turned on: the chain starts here, and a verifier takes the lines before its start as unchained.
    if (!link) return { ...NEW_LOG, tornLine };
    let lastKey: string | null = null;
    for (let i = lines.length - 1; i >= 0 && lastKey === null; i--) {
      const match = /^\{"chain":\{[^}]*\},"checkpoint":\{.*?"key":"([^"]+)"/.exec(lines[i]!);
      if (match) lastKey = match[1]!;
    }
    const closed = /^\{"chain":\{[^}]*\},"checkpoint":\{"reason":"close"/.test(lines[lines.length - 1]!);
    return { seq: link.seq, hash: lineHash(last), closed, lastKey, tornLine };
  }
  return { ...NEW_LOG, tornLine };
}
