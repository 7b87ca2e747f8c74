import { expect } from 'chai';
import { MemoryTokenStore } from '../../../src/auth/store/memory-token-store.js';
import { TokenLimitError } from '../../../src/auth/store/token-store.js';
import { sampleRecord } from './token-records.js';
import { rejectionOf } from '../support/rejection.js';

describe('auth/store/MemoryTokenStore', () => {
  it('stores, lists by owner (oldest first), updates, touches and deletes', async () => {
    const store = new MemoryTokenStore();
    await store.insert(sampleRecord('b', 'alice', 2));
    await store.insert(sampleRecord('a', 'alice', 1));
    await store.insert(sampleRecord('c', 'bob', 3));
    expect((await store.listByOwner('alice')).map((r) => r.id)).to.deep.equal(['a', 'b']);
    expect((await store.update('a', { description: 'renamed' }))!.description).to.equal('renamed');
    expect(await store.update('zzz', { description: 'x' })).to.equal(undefined);
    await store.touch(new Map([['a', 50], ['zzz', 60]]));
    expect((await store.get('a'))!.lastAccessedAt).to.equal(50);
    await store.touch(new Map([['a', 40]]));
    expect((await store.get('a'))!.lastAccessedAt).to.equal(50);
    expect((await store.delete('a'))!.id).to.equal('a');
    expect(await store.delete('a')).to.equal(undefined);
    expect((await store.deleteByOwner('alice')).map((r) => r.id)).to.deep.equal(['b']);
    expect(await store.listByOwner('alice')).to.deep.equal([]);
    expect(await store.get('c')).to.not.equal(undefined);
  });

  it('lists every owner\'s tokens', async () => {
    const store = new MemoryTokenStore([sampleRecord('a', 'alice'), sampleRecord('c', 'bob')]);
    await store.insert(sampleRecord('b', 'alice'));
    expect((await store.listAll()).map((r) => r.id).sort()).to.deep.equal(['a', 'b', 'c']);
    await store.deleteByOwner('alice');
    expect((await store.listAll()).map((r) => r.id)).to.deep.equal(['c']);
  });

  it('refuses a duplicate id and an owner at the limit, atomically', async () => {
    const store = new MemoryTokenStore();
    await store.insert(sampleRecord('a'), 2);
    expect((await rejectionOf(store.insert(sampleRecord('a'), 2))).message).to.match(/already exists/);
    const results = await Promise.allSettled(['b', 'c', 'd'].map((id) => store.insert(sampleRecord(id), 2)));
    expect(results.filter((r) => r.status === 'fulfilled')).to.have.length(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).to.have.length(2);
    expect(rejected[0]!.reason).to.be.instanceOf(TokenLimitError);
    expect((await store.listByOwner('admin')).length).to.equal(2);
  });
});
