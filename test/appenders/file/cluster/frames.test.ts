import { expect } from 'chai';
import { encodeFrame, encodeRecords, forEachRecord, FrameReader, FrameType, type Frame } from '../../../../appenders/file/cluster/frames.js';

function recordsFrame(channel: number, records: string[]): Buffer {
  const lengths = records.map((record) => Buffer.byteLength(record, 'utf8'));
  return encodeRecords(channel, records, lengths, lengths.reduce((a, b) => a + b, 0));
}

describe('cluster logging frames', () => {
  const records = ['plain\n', 'a stack trace\n\tat one\n\tat two\n', 'ümlaut € and 😀 across bytes\n', ''];
  const stream = Buffer.concat([
    encodeFrame(FrameType.Open, 7, Buffer.from('{"kind":"FileAppender"}')),
    recordsFrame(7, records),
    encodeFrame(FrameType.Roll, 7),
    recordsFrame(8, ['other channel\n']),
    encodeFrame(FrameType.Close, 7),
  ]);

  function decode(frames: Frame[]): unknown[] {
    return frames.map((frame) => {
      const out: string[] = [];
      if (frame.type === FrameType.Records) forEachRecord(frame.body, (record) => out.push(record));
      return [String.fromCharCode(frame.type), frame.channel, frame.type === FrameType.Open ? frame.body.toString() : out];
    });
  }

  const expected = [
    ['O', 7, '{"kind":"FileAppender"}'],
    ['D', 7, records],
    ['R', 7, []],
    ['D', 8, ['other channel\n']],
    ['C', 7, []],
  ];

  it('keeps records whole, line breaks and multi-byte characters included', () => {
    const frames: Frame[] = [];
    expect(new FrameReader().push(stream, (frame) => frames.push(frame))).to.equal(5);
    expect(decode(frames)).to.deep.equal(expected);
  });

  it('reassembles frames cut at every possible byte, and leaves a frame cut short unread', () => {
    for (let size = 1; size <= 40; size++) {
      const reader = new FrameReader();
      const frames: Frame[] = [];
      for (let at = 0; at < stream.length; at += size) reader.push(stream.subarray(at, at + size), (frame) => frames.push(frame));
      expect(decode(frames), `chunks of ${size}`).to.deep.equal(expected);
    }
    const frames: Frame[] = [];
    expect(new FrameReader().push(stream.subarray(0, stream.length - 1), (frame) => frames.push(frame))).to.equal(4);
  });
});
