import { expect } from 'chai';
import { pbkdf2Sync } from 'node:crypto';
import { InMemoryUserDirectory } from '../../../src/auth/users/user-directory.js';

describe('auth/users/InMemoryUserDirectory', () => {
  const salt = Buffer.alloc(16, 3);
  const hash = '{PKCS5S2}' + Buffer.concat([salt, pbkdf2Sync('hunter2', salt, 10000, 32, 'sha1')]).toString('base64');
  const users = new InMemoryUserDirectory([
    { name: 'admin', passwordHash: hash, groups: ['jira-administrators'] },
    { name: 'nopassword' },
  ]);

  it('verifies a {PKCS5S2} password hash made elsewhere', async () => {
    expect(await users.verifyPassword('admin', 'hunter2')).to.equal(true);
    expect(await users.verifyPassword('admin', 'hunter3')).to.equal(false);
    expect(await users.verifyPassword('nopassword', '')).to.equal(false);
  });

  it('refuses a deactivated user, and an unknown one, the same way', async () => {
    expect(await users.verifyPassword('ghost', 'hunter2')).to.equal(false);
    users.setActive('admin', false);
    try {
      expect(await users.verifyPassword('admin', 'hunter2')).to.equal(false);
      expect((await users.findUser('admin'))!.active).to.equal(false);
    } finally {
      users.setActive('admin', true);
    }
  });

  it('keeps groups and never exposes the hash', async () => {
    const user = await users.findUser('admin');
    expect(user).to.deep.equal({ name: 'admin', active: true, groups: ['jira-administrators'] });
    expect(await users.findUser('ghost')).to.equal(undefined);
  });

  it('refuses a bad hash or a nameless user', () => {
    expect(() => users.addUser({ name: 'x', passwordHash: 'md5:abc' })).to.throw(/"x": passwordHash is not a \{PKCS5S2\} hash/);
    expect(() => users.addUser({ name: '' })).to.throw(/non-empty name/);
  });
});
