import { expect } from 'chai';
import { parseAuthorizationHeader } from '../../../src/auth/credentials/authorization-header.js';

const basic = (text: string): string => 'Basic ' + Buffer.from(text, 'utf8').toString('base64');

describe('auth/credentials/parseAuthorizationHeader', () => {
  it('reads Bearer and Basic credentials, schemes case-insensitively', () => {
    expect(parseAuthorizationHeader('Bearer abc.DEF-_~+/=')).to.deep.equal({ kind: 'bearer', token: 'abc.DEF-_~+/=' });
    expect(parseAuthorizationHeader('bearer   tok')).to.deep.equal({ kind: 'bearer', token: 'tok' });
    expect(parseAuthorizationHeader(basic('admin:pa:ss'))).to.deep.equal({ kind: 'basic', user: 'admin', secret: 'pa:ss' });
    expect(parseAuthorizationHeader(basic('jörg:geheim'))).to.deep.equal({ kind: 'basic', user: 'jörg', secret: 'geheim' });
    expect(parseAuthorizationHeader(['Bearer x'])).to.deep.equal({ kind: 'bearer', token: 'x' });
  });

  it('treats an absent or blank header as no credentials', () => {
    expect(parseAuthorizationHeader(undefined).kind).to.equal('none');
    expect(parseAuthorizationHeader('   ').kind).to.equal('none');
    expect(parseAuthorizationHeader([]).kind).to.equal('none');
  });

  it('refuses malformed headers with a reason that does not echo them', () => {
    const cases: Array<[string | string[], RegExp]> = [
      ['Basic !!!notbase64!!!', /not valid Base64/],
      ['Basic YWJj', /no ":"/],
      ['Basic YWJjZA', /not valid Base64/],
      ['Basic ' + Buffer.from([0x61, 0x3a, 0xff, 0xfe]).toString('base64'), /not UTF-8/],
      [basic(':secret'), /empty user name/],
      ['Bearer', /no credentials/],
      ['Bearer to ken', /token68/],
      ['Digest username="x"', /unsupported scheme/],
      ['Bearer ' + 'A'.repeat(64 * 1024), /longer than 8192/],
      ['Bearer tökén', /printable ASCII/],
      ['Bearer abc\r\nX-Injected: 1', /printable ASCII/],
      [['Bearer a', 'Bearer b'], /more than one/],
    ];
    for (const [header, reason] of cases) {
      const result = parseAuthorizationHeader(header);
      expect(result.kind, String(header).slice(0, 40)).to.equal('malformed');
      const text = (result as { reason: string }).reason;
      expect(text).to.match(reason);
      expect(text).to.not.include('secret');
    }
  });
});
