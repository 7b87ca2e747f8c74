import { createHash } from 'node:crypto';

/**
 * Every line of a chained audit log starts with its place in the chain:
 * `{"chain":{"seq":<n>,"prev":"<sha256 hex of the previous line>"},...`. The
 * prefix is first so that a verifier reads it without parsing the JSON; the hash
 * is over the exact bytes of the line (UTF-8, without the line break), so a
 * verifier never has to reproduce the writer's serialization.
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainLink {
  readonly seq: number;
  readonly prev: string;
}

const PREFIX = '{"chain":{"seq":';
const PREFIX_BYTES = Buffer.from(PREFIX, 'latin1');
const PREV_KEY = ',"prev":"';
/** Longest seq accepted: 15 digits stays an exact JavaScript number. */
const MAX_SEQ_DIGITS = 15;

export function chainPrefix(link: ChainLink): string {
  return `${PREFIX}${link.seq},"prev":"${link.prev}"}`;
}

/** `body` is a JSON object (`{...}`); its members follow the chain member. */
export function chainedLine(link: ChainLink, body: string): string {
  return body === '{}' ? `${chainPrefix(link)}}` : `${chainPrefix(link)},${body.slice(1)}`;
}

export function lineHash(line: string | Uint8Array): string {
  return createHash('sha256').update(line).digest('hex');
}

/** The chain prefix of a line, or null when the line does not start with one. */
export function parseChainLink(line: Uint8Array): (ChainLink & { bodyStart: number }) | null {
  if (line.length < PREFIX_BYTES.length + 1 + PREV_KEY.length + 66) return null;
  for (let i = 0; i < PREFIX_BYTES.length; i++) if (line[i] !== PREFIX_BYTES[i]) return null;
  let at = PREFIX_BYTES.length;
  let seq = 0;
  const digitsStart = at;
  while (at < line.length && line[at]! >= 0x30 && line[at]! <= 0x39) seq = seq * 10 + (line[at++]! - 0x30);
  const digits = at - digitsStart;
  if (digits === 0 || digits > MAX_SEQ_DIGITS || (digits > 1 && line[digitsStart] === 0x30)) return null;
  const rest = Buffer.from(line.buffer, line.byteOffset + at, Math.min(line.length - at, PREV_KEY.length + 64 + 2)).toString('latin1');
  if (!rest.startsWith(PREV_KEY) || rest.length < PREV_KEY.length + 66) return null;
  const prev = rest.slice(PREV_KEY.length, PREV_KEY.length + 64);
  if (!/^[0-9a-f]{64}$/.test(prev) || rest.slice(PREV_KEY.length + 64) !== '"}') return null;
  // The body begins after the comma that separates it from the chain member.
  return { seq, prev, bodyStart: at + PREV_KEY.length + 67 };
}
