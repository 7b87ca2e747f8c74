import type { Clock } from '../../clock.js';
import type { IntervalScheduler } from '../../interval-scheduler.js';
import type { AuditSigningKey } from './audit-keys.js';
import { checkpointLine, keyChangeLine, type CheckpointReason } from './chain-entries.js';
import type { ChainHead } from './chain-head.js';
import { chainedLine, lineHash } from './chain-line.js';

export interface AuditChainSettings {
  key: AuditSigningKey;
  /** A checkpoint after this many records (default 1000). */
  checkpointEveryRecords?: number;
  /** While records come in, a checkpoint at least this often (default 60): no record stays unsealed longer. */
  checkpointEverySeconds?: number;
}

export const DEFAULT_CHECKPOINT_RECORDS = 1000;
export const DEFAULT_CHECKPOINT_SECONDS = 60;

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`Audit chain: ${name} must be a positive whole number, got ${value}`);
  return value;
}

/**
 * The hash chain of one audit log and its signed checkpoints. It must be the
 * only writer of its file: it turns each serialized record into the next line of
 * the chain, in the order they are written.
 */
export class AuditChain {
  private seq: number;
  private head: string;
  private key: AuditSigningKey;
  /** Records written since the last checkpoint. */
  private unsealed = 0;
  private readonly everyRecords: number;
  private readonly everySeconds: number;
  private timer: unknown = null;
  private closed = false;

  /**
   * Continues from `head` and writes the first checkpoint at once (`resume` after
   * an unclean end), followed by a key change when the key is not the one of the
   * last checkpoint.
   */
  constructor(
    settings: AuditChainSettings, head: ChainHead,
    private readonly clock: Clock, private readonly scheduler: IntervalScheduler,
    private readonly emit: (line: string) => void,
  ) {
    this.key = settings.key;
    this.everyRecords = positiveInteger('checkpointEveryRecords', settings.checkpointEveryRecords, DEFAULT_CHECKPOINT_RECORDS);
    this.everySeconds = positiveInteger('checkpointEverySeconds', settings.checkpointEverySeconds, DEFAULT_CHECKPOINT_SECONDS);
    this.seq = head.seq;
    this.head = head.hash;
    // The appender appends to the torn fragment; a line break first makes the fragment a line of its own.
    const lead = head.tornLine ? '\n' : '';
    this.writeCheckpoint(head.closed ? 'start' : 'resume', lead, head.tornLine);
    // Unsigned: the writer no longer holds the outgoing key. A verifier needs both keys.
    if (head.lastKey !== null && head.lastKey !== this.key.id) this.append(keyChangeLine(this.next(), this.keyChange(head.lastKey, this.key), null));
    this.timer = this.scheduler.setInterval(() => {
      if (this.unsealed > 0) this.writeCheckpoint('interval');
    }, this.everySeconds * 1000);
  }

  /** Writes `recordJson` (one record serialized as a JSON object) as the next line of the chain. */
  record(recordJson: string): void {
    if (this.closed) throw new Error('Audit chain: written after close');
    this.append(chainedLine(this.next(), recordJson));
    if (++this.unsealed >= this.everyRecords) this.writeCheckpoint('interval');
  }

  /**
   * Signs from now on with `key`: seals what the old key covers, records the
   * change signed by the old key (with the new public key, so a verifier that
   * trusts the old key learns the new one), and seals with the new key.
   */
  rotateKey(key: AuditSigningKey): void {
    if (this.closed) throw new Error('Audit chain: key rotated after close');
    if (key.id === this.key.id) return;
    this.writeCheckpoint('key-rotation');
    const old = this.key;
    this.append(keyChangeLine(this.next(), this.keyChange(old.id, key), old));
    this.key = key;
    this.writeCheckpoint('key-rotation');
  }

  /** Seals the end of the log with a `close` checkpoint and stops the timer. */
  close(): void {
    if (this.closed) return;
    this.scheduler.clearInterval(this.timer);
    this.writeCheckpoint('close');
    this.closed = true;
  }

  private keyChange(from: string | null, to: AuditSigningKey) {
    return {
      at: new Date(this.clock.now()).toISOString(), from, to: to.id, alg: to.algorithm,
      ...(to.publicKey !== null ? { publicKey: to.publicKey } : {}),
    };
  }

  private writeCheckpoint(reason: CheckpointReason, lead = '', tornLine = false): void {
    const checkpoint = {
      reason, at: new Date(this.clock.now()).toISOString(), key: this.key.id, alg: this.key.algorithm,
      records: this.everyRecords, seconds: this.everySeconds, ...(tornLine ? { tornLine: true as const } : {}),
    };
    this.append(checkpointLine(this.next(), checkpoint, this.key), lead);
    this.unsealed = 0;
  }

  private next(): { seq: number; prev: string } {
    return { seq: this.seq + 1, prev: this.head };
  }

  private append(line: string, lead = ''): void {
    this.seq += 1;
    this.head = lineHash(line);
    this.emit(lead + line);
  }
}
