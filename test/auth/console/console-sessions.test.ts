import { expect } from 'chai';
import { ConsoleSessions } from '../../../src/auth/console/console-sessions.js';
import { ManualClock } from '../support/manual-clock.js';

describe('ConsoleSessions', () => {
  it('gives each session a random 256-bit id and CSRF token', () => {
    const sessions = new ConsoleSessions({ clock: new ManualClock(0) });
    const a = sessions.create('admin');
    const b = sessions.create('admin');
    expect(a.id).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(a.csrfToken).to.match(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set([a.id, b.id, a.csrfToken, b.csrfToken]).size).to.equal(4);
  });

  it('ends a session left idle for the idle time, and only then; use restarts the time', () => {
    const clock = new ManualClock(0);
    const sessions = new ConsoleSessions({ clock, idleMillis: 1000 });
    const session = sessions.create('admin');
    clock.advance(999);
    expect(sessions.find(session.id)).to.equal(session);
    clock.advance(999);
    expect(sessions.find(session.id)).to.equal(session);
    clock.advance(1000);
    expect(sessions.find(session.id)).to.equal(null);
    expect(sessions.size).to.equal(0);
  });

  it('keeps at most maxSessionsPerUser of one user (default 10), ending that user\'s least recently used: logging in again and again cannot push other users out', () => {
    const clock = new ManualClock(0);
    const sessions = new ConsoleSessions({ clock, maxSessions: 20 });
    const admin = sessions.create('admin');
    const own = Array.from({ length: 100 }, () => sessions.create('dev'));
    expect(sessions.find(admin.id)).to.equal(admin);
    expect(sessions.size).to.equal(11);
    expect(own.filter((session) => sessions.find(session.id) !== null)).to.deep.equal(own.slice(-10));
    const few = new ConsoleSessions({ clock, maxSessionsPerUser: 2 });
    const [first, second, third] = [few.create('dev'), few.create('dev'), few.create('dev')];
    expect([few.find(first.id), few.find(second.id), few.find(third.id)]).to.deep.equal([null, second, third]);
  });

  it('keeps at most maxSessions, ending the least recently used first', () => {
    const clock = new ManualClock(0);
    const sessions = new ConsoleSessions({ clock, maxSessions: 2 });
    const first = sessions.create('a');
    const second = sessions.create('b');
    clock.advance(1);
    sessions.find(first.id);
    const third = sessions.create('c');
    expect(sessions.size).to.equal(2);
    expect(sessions.find(second.id)).to.equal(null);
    expect(sessions.find(first.id)).to.equal(first);
    expect(sessions.find(third.id)).to.equal(third);
  });

  it('ends sessions on logout and every session of a user on demand', () => {
    const sessions = new ConsoleSessions({ clock: new ManualClock(0) });
    const a = sessions.create('admin');
    const b = sessions.create('admin');
    const c = sessions.create('dev');
    sessions.destroy(a.id);
    expect(sessions.find(a.id)).to.equal(null);
    sessions.destroyUser('admin');
    expect(sessions.find(b.id)).to.equal(null);
    expect(sessions.find(c.id)).to.equal(c);
    expect(sessions.find(undefined)).to.equal(null);
  });

  it('refuses settings that cannot work, naming them', () => {
    expect(() => new ConsoleSessions({ clock: new ManualClock(0), idleMillis: 0 })).to.throw('idleMillis');
    expect(() => new ConsoleSessions({ clock: new ManualClock(0), maxSessions: 0 })).to.throw('maxSessions');
  });
});
