import type { AuditKeyAlgorithm, AuditSigningKey } from './audit-keys.js';
import { chainedLine, type ChainLink } from './chain-line.js';

/**
 * Why a checkpoint was written. `resume` is the first one after a start that
 * found the log not closed (a crash): it seals what the crash left.
 */
export type CheckpointReason = 'start' | 'resume' | 'interval' | 'close' | 'key-rotation';

/** A signature over the chain head: everything before it, through its `prev`. */
export interface Checkpoint {
  readonly reason: CheckpointReason;
  readonly at: string;
  readonly key: string;
  readonly alg: AuditKeyAlgorithm;
  /** The writer's interval, so a verifier knows how old an unsealed record may be. */
  readonly records: number;
  readonly seconds: number;
  /** The log ended in an incomplete line when the writer started; it stands right before this checkpoint. */
  readonly tornLine?: true;
}

/** A change of signing key. Signed by the outgoing key when the writer still had it. */
export interface KeyChange {
  readonly at: string;
  readonly from: string | null;
  readonly to: string;
  readonly alg: AuditKeyAlgorithm;
  /** The incoming Ed25519 public key (base64 SPKI DER): trusted by a verifier that trusts `from`. */
  readonly publicKey?: string;
}

const SIGNATURE_KEY = ',"sig":"';

/** The line with a signature over all of it but the signature, as its last member. */
function signedLine(link: ChainLink, body: object, key: AuditSigningKey): string {
  const unsigned = chainedLine(link, JSON.stringify(body));
  return `${unsigned.slice(0, -1)}${SIGNATURE_KEY}${key.sign(unsigned)}"}`;
}

export function checkpointLine(link: ChainLink, checkpoint: Checkpoint, key: AuditSigningKey): string {
  return signedLine(link, { checkpoint }, key);
}

export function keyChangeLine(link: ChainLink, change: KeyChange, signedBy: AuditSigningKey | null): string {
  return signedBy ? signedLine(link, { keyChange: change }, signedBy) : chainedLine(link, JSON.stringify({ keyChange: change }));
}

/** What a signed line's signature covers, and the signature; null when the line is not signed. */
export function signedParts(line: string): { message: string; signature: string } | null {
  const at = line.lastIndexOf(SIGNATURE_KEY);
  if (at < 0 || !line.endsWith('"}')) return null;
  return { message: line.slice(0, at) + '}', signature: line.slice(at + SIGNATURE_KEY.length, -2) };
}
