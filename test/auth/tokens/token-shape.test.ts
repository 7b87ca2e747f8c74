import { expect } from 'chai';
import { apiToken } from '../../../src/auth/tokens/api-token.js';
import { patToken } from '../../../src/auth/tokens/pat-token.js';
import { containsTokenShape } from '../../../src/auth/tokens/token-shape.js';

describe('auth/tokens/containsTokenShape', () => {
  const tokens = () => [apiToken.generate(apiToken.newId()), patToken.generate(patToken.newId())];

  it('finds every generated API token and personal access token', () => {
    for (let i = 0; i < 200; i++) {
      for (const token of tokens()) expect(containsTokenShape(token), token).to.equal(true);
    }
  });

  it('finds a token inside other text, as pasted with a prefix, a suffix or blanks', () => {
    for (const token of tokens()) {
      for (const text of [` ${token} `, `Bearer ${token}`, `admin:${token}`, `${token}\n`]) {
        expect(containsTokenShape(text), text).to.equal(true);
      }
    }
  });

  it('leaves ordinary user names alone', () => {
    for (const name of ['admin', 'automation-user', 'john.doe@example.com', 'CN=Jane Doe,OU=Users,DC=example,DC=com', 'x'.repeat(43), 'svc_build-agent-0123456789abcdef', '']) {
      expect(containsTokenShape(name), name).to.equal(false);
    }
  });
});
