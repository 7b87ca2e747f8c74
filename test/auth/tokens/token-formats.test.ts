import { expect } from 'chai';
import { apiToken, API_TOKEN_LENGTH } from '../../../src/auth/tokens/api-token.js';
import { patToken, PAT_TOKEN_LENGTH } from '../../../src/auth/tokens/pat-token.js';

describe('auth/tokens token formats', () => {
  it('PAT: Base64 of a 12-digit id, ":" and 20 random bytes, 44 characters', () => {
    const id = patToken.newId();
    expect(id).to.match(/^[1-9][0-9]{11}$/);
    const token = patToken.generate(id);
    expect(token).to.have.length(PAT_TOKEN_LENGTH).and.to.have.length(44);
    const raw = Buffer.from(token, 'base64');
    expect(raw).to.have.length(33);
    expect(raw.toString('ascii', 0, 13)).to.equal(id + ':');
    expect(patToken.parseId(token)).to.equal(id);
  });

  it('PAT: parses a token built independently, refuses near misses', () => {
    const token = Buffer.concat([Buffer.from('355510638677:'), Buffer.alloc(20, 7)]).toString('base64');
    expect(patToken.parseId(token)).to.equal('355510638677');
    const letters = Buffer.concat([Buffer.from('35551063867x:'), Buffer.alloc(20, 7)]).toString('base64');
    const noColon = Buffer.concat([Buffer.from('355510638677;'), Buffer.alloc(20, 7)]).toString('base64');
    for (const bad of [letters, noColon, token.slice(1), token + 'A', token.replace(/./, '*'), '']) {
      expect(patToken.parseId(bad), bad).to.equal(null);
    }
    expect(() => patToken.generate('123')).to.throw(/12 digits/);
  });

  it('API token: 16 hex id + 32 Base64url characters; the id is recovered', () => {
    const id = apiToken.newId();
    const token = apiToken.generate(id);
    expect(token).to.have.length(API_TOKEN_LENGTH);
    expect(token).to.match(/^[0-9a-f]{16}[A-Za-z0-9_-]{32}$/);
    expect(apiToken.parseId(token)).to.equal(id);
    expect(apiToken.parseId(token.slice(1))).to.equal(null);
    expect(apiToken.parseId('password')).to.equal(null);
    expect(apiToken.parseId(patToken.generate(patToken.newId()))).to.equal(null);
  });

  it('two tokens for the same id differ', () => {
    const id = apiToken.newId();
    expect(apiToken.generate(id)).to.not.equal(apiToken.generate(id));
  });
});
