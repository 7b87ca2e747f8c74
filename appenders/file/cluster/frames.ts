/**
 * The byte format spoken on a writer connection (see DURABILITY.md, "Several
 * processes"). Forwarder to writer: frames of
 *
 *   u32 length of what follows | u8 type | u32 channel | body
 *
 * where a channel is one forwarding appender. Writer to forwarder: u32 counts of
 * frames processed so far (modulo 2^32), the acknowledgements. Lengths are explicit
 * so that a record holding line breaks (a stack trace) stays one record, and a
 * frame cut short by a dying peer is recognisable as incomplete and ignored.
 */
export const FrameType = {
  /** Body: JSON of the WriterSpec the channel writes with. */
  Open: 0x4f,
  /** Body: u32 count, count u32 byte lengths, then the records' UTF-8 bytes. */
  Records: 0x44,
  Roll: 0x52,
  Close: 0x43,
} as const;
export type FrameType = (typeof FrameType)[keyof typeof FrameType];

const HEADER = 9;

export interface Frame {
  readonly type: FrameType;
  readonly channel: number;
  readonly body: Buffer;
}

export function encodeFrame(type: FrameType, channel: number, body?: Buffer): Buffer {
  const length = body?.length ?? 0;
  const frame = Buffer.allocUnsafe(HEADER + length);
  frame.writeUInt32BE(5 + length, 0);
  frame.writeUInt8(type, 4);
  frame.writeUInt32BE(channel, 5);
  if (body) body.copy(frame, HEADER);
  return frame;
}

/** One Records frame from formatted records and their UTF-8 byte lengths (`bytes` is their sum). */
export function encodeRecords(channel: number, records: readonly string[], lengths: readonly number[], bytes: number): Buffer {
  const start = HEADER + 4 + 4 * records.length;
  const frame = Buffer.allocUnsafe(start + bytes);
  frame.writeUInt32BE(frame.length - 4, 0);
  frame.writeUInt8(FrameType.Records, 4);
  frame.writeUInt32BE(channel, 5);
  frame.writeUInt32BE(records.length, HEADER);
  let offset = start;
  for (let i = 0; i < records.length; i++) {
    frame.writeUInt32BE(lengths[i]!, HEADER + 4 + 4 * i);
    offset += frame.write(records[i]!, offset, 'utf8');
  }
  return frame;
}

/** Calls `each` with every record of a Records body, in order. */
export function forEachRecord(body: Buffer, each: (record: string) => void): void {
  const count = body.readUInt32BE(0);
  let offset = 4 + 4 * count;
  for (let i = 0; i < count; i++) {
    const length = body.readUInt32BE(4 + 4 * i);
    each(body.toString('utf8', offset, offset + length));
    offset += length;
  }
}

/** The frame type and channel of an encoded frame (for replaying frames the writer never processed). */
export function frameOf(encoded: Buffer): Frame {
  return { type: encoded.readUInt8(4) as FrameType, channel: encoded.readUInt32BE(5), body: encoded.subarray(HEADER) };
}

/** Cuts a byte stream into frames; keeps an incomplete tail until the rest arrives. */
export class FrameReader {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer, each: (frame: Frame) => void): number {
    let data = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    let frames = 0;
    while (data.length >= 4) {
      const end = 4 + data.readUInt32BE(0);
      if (data.length < end) break;
      each(frameOf(data.subarray(0, end)));
      frames++;
      data = data.subarray(end);
    }
    // A copy, so a small tail does not pin a large chunk in memory.
    this.pending = data.length === 0 ? Buffer.alloc(0) : Buffer.from(data);
    return frames;
  }
}
