import { expect } from 'chai';
import { patMessages } from '../../src/auth/messages/pat-messages.js';
import { tokenDtoFields, tokenEventOf } from '../../src/token-report/token-line-events.js';

describe('token-report/token-line-events', () => {
  it("reads the plugin's TRACE lines: the token id, the DTO's id, name and user key, the user of Auth SUCCESS", () => {
    expect(tokenEventOf('Got tokenId: [355510638677] from token')).to.deep.equal({ kind: 'tokenId', tokenId: '355510638677' });
    expect(tokenEventOf('Authentication successful - returning token: [TokenDTO(id=1, userKey=JIRAUSER10000, tokenId=355510638677, name=test, createdAt=Wed May 01 09:10:00 UTC 2024, lastAccessedAt=null)]'))
      .to.deep.equal({ kind: 'success', line: 'returning', tokenId: '355510638677', name: 'test', ownerKey: 'JIRAUSER10000' });
    expect(tokenEventOf('Auth SUCCESS for user: [admin] and tokenId: [355510638677]'))
      .to.deep.equal({ kind: 'success', line: 'auth-success', user: 'admin', tokenId: '355510638677' });
  });

  it("reads this module's PAT lines, written by the same functions the authenticator uses", () => {
    expect(tokenEventOf(patMessages.filterEntered())).to.deep.equal({ kind: 'start' });
    expect(tokenEventOf(patMessages.gotTokenId('123456789012'))).to.deep.equal({ kind: 'tokenId', tokenId: '123456789012' });
    expect(tokenEventOf(patMessages.authenticated('bob', '123456789012'))).to.deep.include({ kind: 'success', user: 'bob', tokenId: '123456789012' });
    expect(tokenEventOf(patMessages.notFound('123456789012'))).to.deep.include({ kind: 'failure', tokenId: '123456789012' });
    expect(tokenEventOf(patMessages.hashMismatch('123456789012'))).to.deep.include({ kind: 'failure', tokenId: '123456789012' });
    expect(tokenEventOf(patMessages.expired('123456789012'))).to.deep.include({ kind: 'failure', tokenId: '123456789012' });
    expect(tokenEventOf(patMessages.verifying('{PKCS5S2}abc'))).to.equal(undefined);
  });

  it("reads resolution's lines (the seed's wording): description, user and endpoint, or user, reason and endpoint", () => {
    expect(tokenEventOf('Found a matching token "API Token from 2020-09-22" with Read & Write scope and authenticated user admin. Token was created on Sep 22, 2020 2:43:30 PM. REST endpoint: /rest/de.resolution.apitokenauth/latest/user/token'))
      .to.deep.equal({ kind: 'success', line: 'found', name: 'API Token from 2020-09-22', user: 'admin', endpoint: '/rest/de.resolution.apitokenauth/latest/user/token' });
    expect(tokenEventOf('Token verification for user admin failed: No valid API token was provided and basic auth with password is disabled. REST endpoint: /rest/ssh/1.0/keys'))
      .to.deep.equal({ kind: 'failure', line: 'verification', user: 'admin', reason: 'No valid API token was provided and basic auth with password is disabled', endpoint: '/rest/ssh/1.0/keys' });
    expect(tokenEventOf('User admin tried to authenticate with an invalid token or regular password. Passing the request further to the default authenticator. REST endpoint: /rest/api/2/myself'))
      .to.deep.include({ kind: 'failure', user: 'admin', endpoint: '/rest/api/2/myself' });
    expect(tokenEventOf('User admin has been rate limited. The API token allows executing 10 requests within 1 minutes.'))
      .to.deep.include({ kind: 'failure', user: 'admin', reason: 'rate limited' });
  });

  it('other messages are no token event', () => {
    expect(tokenEventOf('Returned the current user')).to.equal(undefined);
    expect(tokenEventOf('a token was mentioned')).to.equal(undefined);
  });

  it("splits a TokenDTO at ', key=' so a name holding commas stays whole; null fields are absent", () => {
    const fields = tokenDtoFields('id=7, name=ci, nightly, builds, userKey=u1, expiringAt=null');
    expect(Object.fromEntries(fields)).to.deep.equal({ id: '7', name: 'ci, nightly, builds', userKey: 'u1' });
  });
});
