import { expect } from 'chai';
import { pbkdf2Sync } from 'node:crypto';
import { pkcs5s2 } from '../../../src/auth/crypto/pkcs5s2.js';

// Computed here from the definition, independently of the module under test.
const SALT = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');
function referenceHash(plain: string, salt: Buffer): string {
  const key = pbkdf2Sync(Buffer.from(plain, 'utf8'), salt, 10000, 32, 'sha1');
  return '{PKCS5S2}' + Buffer.concat([salt, key]).toString('base64');
}

describe('auth/crypto/pkcs5s2', () => {
  const reference = referenceHash('s3cret-Pässword', SALT);

  it('verifies a hash made by an independent implementation of the format', async () => {
    expect(pkcs5s2.matches('s3cret-Pässword', reference)).to.equal(true);
    expect(await pkcs5s2.matchesAsync('s3cret-Pässword', reference)).to.equal(true);
  });

  it('encodes exactly that hash for the same salt, sync and async', async () => {
    expect(pkcs5s2.encode('s3cret-Pässword', SALT)).to.equal(reference);
    expect(await pkcs5s2.encodeAsync('s3cret-Pässword', SALT)).to.equal(reference);
  });

  it('uses a fresh random 16-byte salt each time, 48 bytes of Base64 after the prefix', () => {
    const a = pkcs5s2.encode('x');
    const b = pkcs5s2.encode('x');
    expect(a).to.not.equal(b);
    expect(a).to.match(/^\{PKCS5S2\}[A-Za-z0-9+/]{64}$/);
    expect(Buffer.from(a.slice(9), 'base64')).to.have.length(48);
  });

  it('rejects a wrong password and malformed hashes without throwing', async () => {
    expect(pkcs5s2.matches('s3cret-Password', reference)).to.equal(false);
    for (const bad of ['', 'plain', '{PKCS5S2}', '{PKCS5S2}!!!!', reference.slice(0, -4), reference.replace('{PKCS5S2}', '{SSHA}'), reference + 'AAAA']) {
      expect(pkcs5s2.matches('s3cret-Pässword', bad), bad).to.equal(false);
      expect(await pkcs5s2.matchesAsync('s3cret-Pässword', bad), bad).to.equal(false);
      expect(pkcs5s2.isWellFormed(bad)).to.equal(false);
    }
  });

  it('refuses a salt of the wrong size', () => {
    expect(() => pkcs5s2.encode('x', Buffer.alloc(8))).to.throw(/16 bytes/);
  });
});
