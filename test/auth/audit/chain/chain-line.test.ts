import { expect } from 'chai';
import { chainedLine, GENESIS_HASH, lineHash, parseChainLink } from '../../../../src/auth/audit/chain/chain-line.js';

const HASH = 'a'.repeat(64);

describe('auth/audit/chain/chain-line', () => {
  it('hashes with SHA-256 over the exact bytes (FIPS 180-2 test vector "abc")', () => {
    expect(lineHash('abc')).to.equal('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(lineHash(Buffer.from('abc'))).to.equal(lineHash('abc'));
  });

  it('puts the chain member first and reads it back without parsing the JSON', () => {
    const line = chainedLine({ seq: 42, prev: HASH }, '{"timestamp":"x"}');
    expect(line).to.equal(`{"chain":{"seq":42,"prev":"${HASH}"},"timestamp":"x"}`);
    const link = parseChainLink(Buffer.from(line))!;
    expect({ seq: link.seq, prev: link.prev }).to.deep.equal({ seq: 42, prev: HASH });
    expect(line.slice(link.bodyStart)).to.equal('"timestamp":"x"}');
    expect(JSON.parse(line)).to.deep.equal({ chain: { seq: 42, prev: HASH }, timestamp: 'x' });
    expect(GENESIS_HASH).to.equal('0'.repeat(64));
  });

  it('refuses anything but the exact prefix: no other spacing, leading zeros, upper-case hex or short hashes', () => {
    const bad = [
      `{"chain": {"seq":1,"prev":"${HASH}"},"a":1}`,
      `{"chain":{"seq":01,"prev":"${HASH}"},"a":1}`,
      `{"chain":{"seq":1,"prev":"${HASH.toUpperCase()}"},"a":1}`,
      `{"chain":{"seq":1,"prev":"${HASH.slice(1)}"},"a":1}`,
      `{"chain":{"seq":,"prev":"${HASH}"},"a":1}`,
      `{"timestamp":"x","chain":{"seq":1,"prev":"${HASH}"}}`,
      '{"chain":{"seq":1',
    ];
    for (const line of bad) expect(parseChainLink(Buffer.from(line)), line).to.equal(null);
  });
});
