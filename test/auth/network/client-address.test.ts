import { expect } from 'chai';
import { resolveClientAddress } from '../../../src/auth/network/client-address.js';
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

  it('stops at a hop that is not an address', () => {
    const result = resolveClientAddress('100.120.0.11', 'evil\r\nline, unknown', proxies);
    expect(result.address).to.equal('100.120.0.11');
  });

  it('uses the peer when no proxies are trusted, and unwraps IPv4-mapped peers', () => {
    expect(resolveClientAddress('::ffff:87.173.216.109', '1.2.3.4', new IpMatcher([])).address).to.equal('87.173.216.109');
    expect(resolveClientAddress('2001:db8::5', undefined, proxies).address).to.equal('2001:db8::5');
  });
});
