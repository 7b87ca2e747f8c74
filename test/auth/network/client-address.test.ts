import { expect } from 'chai';
import { UNKNOWN_CLIENT_ADDRESS, resolveClientAddress } from '../../../src/auth/network/client-address.js';
import { IpMatcher } from '../../../src/auth/network/ip-matcher.js';

describe('auth/network/resolveClientAddress', () => {
  const proxies = new IpMatcher(['100.120.0.0/16', '10.0.0.1']);

  it('believes X-Forwarded-For from a trusted proxy, giving Jira\'s chain', () => {
    const result = resolveClientAddress('100.120.0.11', '87.173.216.109', proxies);
    expect(result.address).to.equal('87.173.216.109');
    expect(result.chain.join(',')).to.equal('87.173.216.109,100.120.0.11');
  });

  it('ignores X-Forwarded-For from an untrusted peer (spoofing)', () => {
    const result = resolveClientAddress('203.0.113.9', '127.0.0.1, 10.0.0.1', proxies);
    expect(result.address).to.equal('203.0.113.9');
    expect(result.chain).to.deep.equal(['203.0.113.9']);
  });

  it('stops at the first untrusted hop from the right, so a client-supplied prefix is not believed', () => {
    // The client sent "X-Forwarded-For: 1.1.1.1"; the trusted proxies appended 203.0.113.9 and 10.0.0.1.
    const result = resolveClientAddress('100.120.0.11', ['1.1.1.1, 203.0.113.9', '10.0.0.1'], proxies);
    expect(result.address).to.equal('203.0.113.9');
    expect(result.chain).to.deep.equal(['203.0.113.9', '10.0.0.1', '100.120.0.11']);
  });

  it('makes the client unknown, not the proxy, when a trusted proxy names a sender that is not an address', () => {
    for (const hop of ['evil\r\nline', 'unknown', 'client.example.com', '10.0.0.7%eth0', '::ffff:10.0.0.7%1', '1.2.3.4:80', '', '_hidden']) {
      const result = resolveClientAddress('100.120.0.11', `87.173.216.109, ${hop}`, proxies);
      expect(result.address, JSON.stringify(hop)).to.equal(UNKNOWN_CLIENT_ADDRESS);
      expect(result.chain, JSON.stringify(hop)).to.deep.equal([UNKNOWN_CLIENT_ADDRESS, '100.120.0.11']);
    }
  });

  it('makes the client unknown when a trusted proxy says it got the request from an unparseable hop deeper in the chain', () => {
    const result = resolveClientAddress('100.120.0.11', '1.1.1.1, bogus, 10.0.0.1', proxies);
    expect(result.address).to.equal(UNKNOWN_CLIENT_ADDRESS);
    expect(result.chain).to.deep.equal([UNKNOWN_CLIENT_ADDRESS, '10.0.0.1', '100.120.0.11']);
  });

  it('makes the client unknown when the chain of trusted proxies is longer than it follows', () => {
    const result = resolveClientAddress('100.120.0.11', [...Array(40).fill('10.0.0.1'), '203.0.113.9'].reverse().join(','), proxies);
    expect(result.address).to.equal(UNKNOWN_CLIENT_ADDRESS);
    expect(result.chain).to.have.length(34);
  });

  it('makes the client unknown when the peer address itself is not an address', () => {
    expect(resolveClientAddress('', undefined, proxies)).to.deep.equal({ address: UNKNOWN_CLIENT_ADDRESS, chain: [UNKNOWN_CLIENT_ADDRESS] });
    expect(resolveClientAddress(undefined as unknown as string, '1.2.3.4', proxies).address).to.equal(UNKNOWN_CLIENT_ADDRESS);
  });

  it('takes an empty header from a trusted proxy as no header, and ignores unparseable hops it never reaches', () => {
    expect(resolveClientAddress('100.120.0.11', ' ', proxies).address).to.equal('100.120.0.11');
    expect(resolveClientAddress('100.120.0.11', [], proxies).address).to.equal('100.120.0.11');
    expect(resolveClientAddress('100.120.0.11', 'bogus, 203.0.113.9', proxies).address).to.equal('203.0.113.9');
  });

  it('accepts a zone id on a link-local IPv6 hop', () => {
    expect(resolveClientAddress('100.120.0.11', 'fe80::1%eth0', proxies).address).to.equal('fe80::1%eth0');
  });

  it('an unknown client never passes an IP restriction, not even one allowing every address', () => {
    const everyone = new IpMatcher(['0.0.0.0/0', '::/0']);
    expect(everyone.matches(resolveClientAddress('100.120.0.11', 'garbage', proxies).address)).to.equal(false);
    expect(everyone.matches(resolveClientAddress('100.120.0.11', '10.0.0.7%eth0', proxies).address)).to.equal(false);
  });

  it('uses the peer when no proxies are trusted, and unwraps IPv4-mapped peers', () => {
    expect(resolveClientAddress('::ffff:87.173.216.109', '1.2.3.4', new IpMatcher([])).address).to.equal('87.173.216.109');
    expect(resolveClientAddress('2001:db8::5', undefined, proxies).address).to.equal('2001:db8::5');
  });
});
