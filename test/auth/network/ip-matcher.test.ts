import { expect } from 'chai';
import { IpMatcher } from '../../../src/auth/network/ip-matcher.js';
import { parseIp } from '../../../src/auth/network/ip-address.js';

describe('auth/network/IpMatcher', () => {
  it('matches single IPv4 addresses and CIDR ranges', () => {
    const m = new IpMatcher(['192.168.0.1', '10.0.0.0/8', '172.16.0.0/12', '100.64.0.0/10']);
    expect(m.matches('192.168.0.1')).to.equal(true);
    expect(m.matches('192.168.0.2')).to.equal(false);
    expect(m.matches('10.255.1.2')).to.equal(true);
    expect(m.matches('11.0.0.1')).to.equal(false);
    expect(m.matches('172.31.255.255')).to.equal(true);
    expect(m.matches('172.32.0.0')).to.equal(false);
    expect(m.matches('100.127.0.1')).to.equal(true);
    expect(m.matches('100.128.0.1')).to.equal(false);
  });

  it('matches IPv6 addresses and ranges, in any spelling', () => {
    const m = new IpMatcher(['2001:db8::/32', '::1', 'fe80::/10']);
    expect(m.matches('2001:0db8:0000:0000:0000:0000:0000:0001')).to.equal(true);
    expect(m.matches('2001:db8:ffff::1')).to.equal(true);
    expect(m.matches('2001:db9::1')).to.equal(false);
    expect(m.matches('::1')).to.equal(true);
    expect(m.matches('0:0:0:0:0:0:0:1')).to.equal(true);
    expect(m.matches('fe80::1%eth0')).to.equal(true);
    expect(m.matches('[::1]')).to.equal(true);
  });

  it('treats IPv4-mapped IPv6 addresses as the IPv4 address', () => {
    const v4 = new IpMatcher(['10.0.0.0/8']);
    expect(v4.matches('::ffff:10.1.2.3')).to.equal(true);
    expect(v4.matches('::ffff:a01:203')).to.equal(true);
    expect(v4.matches('::ffff:11.1.2.3')).to.equal(false);
    const mapped = new IpMatcher(['::ffff:192.168.1.0/120']);
    expect(mapped.matches('192.168.1.77')).to.equal(true);
    expect(mapped.matches('192.168.2.77')).to.equal(false);
  });

  it('handles /0 and prefixes that are not byte aligned', () => {
    expect(new IpMatcher(['0.0.0.0/0']).matches('8.8.8.8')).to.equal(true);
    expect(new IpMatcher(['0.0.0.0/0']).matches('2001:db8::1')).to.equal(false);
    expect(new IpMatcher(['::/0']).matches('2001:db8::1')).to.equal(true);
    const m = new IpMatcher(['192.168.1.128/25']);
    expect(m.matches('192.168.1.200')).to.equal(true);
    expect(m.matches('192.168.1.100')).to.equal(false);
  });

  it('never matches garbage, and an empty matcher matches nothing', () => {
    const m = new IpMatcher(['0.0.0.0/0', '::/0']);
    for (const bad of ['', 'localhost', '1.2.3', '1.2.3.4.5', '256.1.1.1', '::g', '1.2.3.4:80', '\u001b[31m']) {
      expect(m.matches(bad), bad).to.equal(false);
    }
    expect(new IpMatcher([]).isEmpty).to.equal(true);
    expect(new IpMatcher([]).matches('1.2.3.4')).to.equal(false);
  });

  it('names a bad entry', () => {
    expect(() => new IpMatcher(['10.0.0.0/33'])).to.throw(/"10\.0\.0\.0\/33": prefix length must be 0 to 32/);
    expect(() => new IpMatcher(['2001:db8::/129'])).to.throw(/prefix length must be 0 to 128/);
    expect(() => new IpMatcher(['my-host'])).to.throw(/"my-host" is not an IPv4 or IPv6 address/);
    expect(() => new IpMatcher(['10.0.0.0/x'])).to.throw(/prefix length/);
  });

  it('parses addresses with embedded IPv4 and :: in any position', () => {
    expect(Buffer.from(parseIp('1::')!).toString('hex')).to.equal('00010000000000000000000000000000');
    expect(Buffer.from(parseIp('::ffff:1.2.3.4')!).toString('hex')).to.equal('00000000000000000000ffff01020304');
    expect(Buffer.from(parseIp('1.2.3.4')!).toString('hex')).to.equal('00000000000000000000ffff01020304');
    expect(Buffer.from(parseIp('64:ff9b::1.2.3.4')!).toString('hex')).to.equal('0064ff9b000000000000000001020304');
  });
});
