import { expect } from 'chai';
import { filterMatches, type TokenFilter } from '../../../src/auth/tokens/token-filter.js';
import type { TokenInfo } from '../../../src/auth/tokens/token-record.js';

const T = Date.UTC(2024, 0, 1);
const DAY = 86_400_000;

const token = (fields: Partial<TokenInfo>): TokenInfo => ({
  id: '00000000000000a1', family: 'api', owner: 'alice', description: 'Build server', scope: 'READ_WRITE',
  createdAt: T, expiresAt: T + 30 * DAY, lastAccessedAt: null, ...fields,
});

const all: TokenFilter = { users: [] };

describe('auth/tokens/filterMatches', () => {
  it('keeps every token with no filter, and the named owners only with one', () => {
    expect(filterMatches(all, token({}))).to.equal(true);
    expect(filterMatches({ users: ['bob', 'alice'] }, token({}))).to.equal(true);
    expect(filterMatches({ users: ['bob'] }, token({}))).to.equal(false);
  });

  it('matches the lower-cased description text anywhere in the description, ignoring case', () => {
    expect(filterMatches({ users: [], description: 'server' }, token({ description: 'Build SERVER 2' }))).to.equal(true);
    expect(filterMatches({ users: [], description: 'laptop' }, token({}))).to.equal(false);
  });

  it('matches the scope; "none" matches no token', () => {
    expect(filterMatches({ users: [], scope: 'READ_WRITE' }, token({}))).to.equal(true);
    expect(filterMatches({ users: [], scope: 'READ_ONLY' }, token({}))).to.equal(false);
    expect(filterMatches({ users: [], scope: 'none' }, token({}))).to.equal(false);
  });

  it('ranges are inclusive; a never-used or never-expiring token is outside any range on that time', () => {
    const created = { from: T, until: T };
    expect(filterMatches({ users: [], created }, token({}))).to.equal(true);
    expect(filterMatches({ users: [], created: { from: T + 1, until: T + DAY } }, token({}))).to.equal(false);
    expect(filterMatches({ users: [], lastUsed: { from: 0, until: T * 2 } }, token({}))).to.equal(false);
    expect(filterMatches({ users: [], lastUsed: { from: T, until: T } }, token({ lastAccessedAt: T }))).to.equal(true);
    expect(filterMatches({ users: [], expires: { from: 0, until: T * 2 } }, token({ expiresAt: null }))).to.equal(false);
  });

  it('notValidAfter keeps tokens that expire by then, never a non-expiring one', () => {
    expect(filterMatches({ users: [], notValidAfter: T + 30 * DAY }, token({}))).to.equal(true);
    expect(filterMatches({ users: [], notValidAfter: T + 29 * DAY }, token({}))).to.equal(false);
    expect(filterMatches({ users: [], notValidAfter: T * 2 }, token({ expiresAt: null }))).to.equal(false);
  });
});
