import type { RecordPieces } from '../../layouts/layout.js';
import type { LoggingEvent } from '../../src/logging-event.js';

/**
 * One record as its layout cut it (Layout.pieces), with the encoded bytes of the
 * stable pieces kept for the next records: a Jira line's date, thread, MDC and
 * logger name are the same bytes line after line, and copying them costs less than
 * encoding them again, or than joining the line into one string that V8 must copy
 * once more to flatten before it can be encoded. One per appender.
 */
export class PieceBytes {
  /** The pieces of the record being written. */
  readonly pieces: string[] = [];
  private plan: RecordPieces | undefined;
  private encoding: BufferEncoding | undefined;
  private readonly texts: Array<string | undefined> = [];
  private readonly bytes: Array<Buffer | undefined> = [];

  /** Cuts the event into `pieces` with `plan`; false when the layout wants this event formatted whole. */
  fill(plan: RecordPieces, event: LoggingEvent): boolean {
    if (plan !== this.plan) {
      this.plan = plan;
      this.pieces.length = plan.stable.length;
      this.forget();
    }
    return plan.fill(event, this.pieces);
  }

  /** UTF-16 code units in the record: what the most bytes it can take is reckoned from. */
  units(): number {
    const pieces = this.pieces;
    let units = 0;
    for (let i = 0; i < pieces.length; i++) units += pieces[i]!.length;
    return units;
  }

  joined(): string {
    return this.pieces.join('');
  }

  /** Encodes the record at `at` in `storage`, which has room for it; returns the bytes written. */
  encodeInto(storage: Buffer, at: number, encoding: BufferEncoding): number {
    if (encoding !== this.encoding) {
      this.encoding = encoding;
      this.forget();
    }
    const pieces = this.pieces;
    const stable = this.plan!.stable;
    const start = at;
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      if (!stable[i]) {
        at += storage.write(piece, at, encoding);
        continue;
      }
      const kept = this.bytes[i];
      if (kept !== undefined && piece === this.texts[i]) {
        storage.set(kept, at);
        at += kept.length;
        continue;
      }
      const written = storage.write(piece, at, encoding);
      this.texts[i] = piece;
      this.bytes[i] = Buffer.from(storage.subarray(at, at + written));
      at += written;
    }
    return at - start;
  }

  private forget(): void {
    this.texts.length = 0;
    this.bytes.length = 0;
  }
}
