import { expect } from 'chai';
import { REDACTED_USER_NAME, loggableUserName, redactedUserName } from '../../src/auth/loggable-user-name.js';
import { apiToken } from '../../src/auth/tokens/api-token.js';
import { patToken } from '../../src/auth/tokens/pat-token.js';

describe('auth/loggableUserName', () => {
  const api = apiToken.generate(apiToken.newId());
  const pat = patToken.generate(patToken.newId());

  it('replaces a user name holding a token by a fixed marker', () => {
    for (const name of [api, pat, `${api}\r\n`, `me ${pat}`]) {
      expect(loggableUserName(name)).to.equal(REDACTED_USER_NAME);
      expect(redactedUserName(name)).to.equal(REDACTED_USER_NAME);
    }
  });

  it('keeps other names, log-safe for lines and as they are for structured records', () => {
    expect(loggableUserName('admin')).to.equal('admin');
    expect(loggableUserName('eve\r\nforged')).to.equal('eve\\r\\nforged');
    expect(redactedUserName('eve\r\nforged')).to.equal('eve\r\nforged');
  });

  it('uses a marker that is one field in a space-separated line', () => {
    expect(REDACTED_USER_NAME).to.match(/^\S+$/);
  });
});
