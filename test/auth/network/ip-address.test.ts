import { expect } from 'chai';
import { parseIp } from '../../../src/auth/network/ip-address.js';

const hex = (text: string) => {
  const bytes = parseIp(text);
  return bytes && Buffer.from(bytes).toString('hex');
};

describe('auth/network/parseIp', () => {
  it('accepts a zone id on a link-local IPv6 address and ignores it', () => {
    expect(hex('fe80::1%eth0')).to.equal('fe800000000000000000000000000001');
    expect(hex('[fe80::1%25]')).to.equal('fe800000000000000000000000000001');
    expect(hex('febf::1%en0.1')).to.equal('febf0000000000000000000000000001');
  });

  it('refuses a zone id on anything else: such text is not an address', () => {
    for (const text of ['10.0.0.1%eth0', '127.0.0.1%1', '::ffff:10.0.0.1%eth0', '::1%lo', '2001:db8::1%eth0', 'fec0::1%eth0']) {
      expect(parseIp(text), text).to.equal(null);
    }
  });

  it('refuses an empty zone id or one with characters outside RFC 6874', () => {
    for (const text of ['fe80::1%', 'fe80::1%eth 0', 'fe80::1%%', 'fe80::1%eth0%1', 'fe80::1%\u001b[31m']) {
      expect(parseIp(text), JSON.stringify(text)).to.equal(null);
    }
  });
});
