import { expect } from 'chai';
import { PieceBytes } from '../../../appenders/file/piece-bytes.js';
import type { RecordPieces } from '../../../layouts/layout.js';
import type { LoggingEvent } from '../../../src/logging-event.js';
import { event } from './fixtures.js';

/** A plan that cuts the event's message at `|`; the pieces at `stable` positions are taken as stable. */
function planOf(stable: readonly boolean[]): RecordPieces {
  return {
    stable,
    fill(e: LoggingEvent, into: string[]) {
      const parts = e.message.split('|');
      for (let i = 0; i < stable.length; i++) into[i] = parts[i] ?? '';
      return true;
    },
  };
}

function encode(record: PieceBytes, plan: RecordPieces, message: string, encoding: BufferEncoding): Buffer {
  const storage = Buffer.alloc(1024, 0xff);
  expect(record.fill(plan, event(message))).to.equal(true);
  const written = record.encodeInto(storage, 7, encoding);
  expect(storage[6], 'nothing before the offset').to.equal(0xff);
  expect(storage[7 + written], 'nothing after the record').to.equal(0xff);
  return storage.subarray(7, 7 + written);
}

describe('PieceBytes', () => {
  it('writes the bytes of the joined record, line after line, while stable pieces change now and then', () => {
    const plan = planOf([true, false, true]);
    const record = new PieceBytes();
    const messages = [
      '2020-09-22 15:20:50,922 admin |first|\n',
      '2020-09-22 15:20:50,922 admin |second|\n',
      '2020-09-22 15:20:50,923 admin |third|\n',
      '2020-09-22 15:20:50,923 jdöe ✓ |fourth 😀|\r\n',
      '2020-09-22 15:20:50,923 jdöe ✓ ||\r\n',
    ];
    for (const encoding of ['utf8', 'utf16le', 'latin1'] as const) {
      for (const message of messages) {
        expect(encode(record, plan, message, encoding).equals(Buffer.from(message.split('|').join(''), encoding)), `${encoding}: ${message}`).to.equal(true);
      }
    }
  });

  it('knows the record\'s size in UTF-16 code units and the record as one string', () => {
    const record = new PieceBytes();
    record.fill(planOf([true, false]), event('ab|cdé😀'));
    expect(record.units()).to.equal('abcdé😀'.length);
    expect(record.joined()).to.equal('abcdé😀');
  });

  it('starts afresh with another layout\'s pieces, even when a piece there reads like one kept from before', () => {
    const record = new PieceBytes();
    expect(encode(record, planOf([true, false]), 'head |x', 'utf8').toString()).to.equal('head x');
    expect(encode(record, planOf([false, true, true]), 'y|head |\n', 'utf8').toString()).to.equal('yhead \n');
    expect(encode(record, planOf([false, true, true]), 'z|head |\n', 'utf8').toString()).to.equal('zhead \n');
  });

  it('a layout that wants the event formatted whole says so, and nothing is encoded', () => {
    const record = new PieceBytes();
    const whole: RecordPieces = { stable: [true], fill: () => false };
    expect(record.fill(whole, event('x'))).to.equal(false);
  });
});
