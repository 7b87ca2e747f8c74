import { expect } from 'chai';
import { fitMessage } from '../../../appenders/syslog/fit-message.js';

const HEAD = '<14>Jan  5 04:04:05 host app[1]: ';

function bytes(text: string): number {
  return Buffer.byteLength(text);
}

/** The body again, from split parts: heads and `...` markers removed. */
function rejoin(parts: string[]): string {
  return parts.map((part, i) => {
    let body = part.slice(HEAD.length);
    if (i > 0) body = body.slice(3);
    if (i < parts.length - 1) body = body.slice(0, -3);
    return body;
  }).join('');
}

describe('fitting long syslog messages into a size limit', () => {
  it('leaves a message within the limit alone', () => {
    const body = 'x'.repeat(480 - bytes(HEAD));
    expect(fitMessage(HEAD, body, 480, 'split')).to.deep.equal([HEAD + body]);
  });

  it('splits with the head repeated and ... where the text was cut', () => {
    const body = 'a'.repeat(1000);
    const parts = fitMessage(HEAD, body, 480, 'split');
    expect(parts.length).to.equal(3);
    for (const part of parts) {
      expect(part.startsWith(HEAD)).to.equal(true);
      expect(bytes(part)).to.be.at.most(480);
    }
    expect(bytes(parts[0]!)).to.equal(480);
    expect(parts[0]!.endsWith('a...')).to.equal(true);
    expect(parts[1]!.slice(HEAD.length, HEAD.length + 4)).to.equal('...a');
    expect(parts[2]!.endsWith('a')).to.equal(true);
    expect(rejoin(parts)).to.equal(body);
  });

  it('never cuts inside a multi-byte character, at any alignment', () => {
    // 2-, 3- and 4-byte UTF-8 sequences, surrogate pairs included.
    const body = 'é€😀中'.repeat(200);
    for (let limit = 480; limit < 490; limit++) {
      const parts = fitMessage(HEAD, body, limit, 'split');
      for (const part of parts) {
        expect(bytes(part), `limit ${limit}`).to.be.at.most(limit);
        expect(part).not.to.include('\uFFFD');
        expect(Buffer.from(part).toString('utf8')).to.equal(part);
      }
      expect(rejoin(parts), `limit ${limit}`).to.equal(body);
    }
  });

  it('truncates at a character boundary when asked to', () => {
    const body = '😀'.repeat(200);
    const [only, ...rest] = fitMessage(HEAD, body, 480, 'truncate');
    expect(rest).to.deep.equal([]);
    const room = 480 - bytes(HEAD);
    expect(only).to.equal(HEAD + '😀'.repeat(Math.floor(room / 4)));
  });

  it('still makes progress when the head leaves no room for text', () => {
    const head = 'h'.repeat(500);
    const parts = fitMessage(head, 'ab€', 480, 'split');
    expect(parts).to.deep.equal([`${head}a...`, `${head}...b...`, `${head}...€`]);
  });
});
