import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Flash } from './console-page.js';

export interface ConsoleSession {
  /** The cookie value: 256 random bits. */
  readonly id: string;
  readonly user: string;
  /** The synchronizer token every form of the session carries. */
  readonly csrfToken: string;
  lastSeen: number;
  flash: Flash | null;
}

export interface ConsoleSessionsOptions {
  /** A session unused this long is gone (default 30 minutes). */
  idleMillis?: number;
  /** At most this many sessions are kept; past it the least recently used one ends (default 10,000). */
  maxSessions?: number;
  /**
   * At most this many sessions of one user; past it that user's least recently used
   * one ends (default 10), so one account logging in again and again cannot push
   * everyone else's sessions out of maxSessions.
   */
  maxSessionsPerUser?: number;
  clock: Clock;
}

/**
 * The console's sessions, in memory: a restart logs everyone out, which is the
 * safe direction. Bounded, so a flood of logins cannot grow it without end.
 */
export class ConsoleSessions {
  readonly idleMillis: number;
  private readonly maxSessions: number;
  private readonly maxSessionsPerUser: number;
  private readonly clock: Clock;
  // In order of last use (a touched session is moved to the end): the first is the one to evict.
  private readonly sessions = new Map<string, ConsoleSession>();

  constructor(options: ConsoleSessionsOptions) {
    this.idleMillis = options.idleMillis ?? 30 * 60_000;
    this.maxSessions = options.maxSessions ?? 10_000;
    this.maxSessionsPerUser = options.maxSessionsPerUser ?? 10;
    if (!(this.idleMillis > 0)) throw new RangeError(`idleMillis must be positive, not ${this.idleMillis}`);
    if (!(this.maxSessions >= 1)) throw new RangeError(`maxSessions must be at least 1, not ${this.maxSessions}`);
    if (!(this.maxSessionsPerUser >= 1)) throw new RangeError(`maxSessionsPerUser must be at least 1, not ${this.maxSessionsPerUser}`);
    this.clock = options.clock;
  }

  get size(): number {
    return this.sessions.size;
  }

  create(user: string): ConsoleSession {
    this.evictExpired();
    const own = [...this.sessions.values()].filter((session) => session.user === user);
    for (const session of own.slice(0, Math.max(0, own.length - this.maxSessionsPerUser + 1))) this.sessions.delete(session.id);
    while (this.sessions.size >= this.maxSessions) this.sessions.delete(this.sessions.keys().next().value!);
    const session: ConsoleSession = {
      id: randomBytes(32).toString('base64url'),
      user,
      csrfToken: randomBytes(32).toString('base64url'),
      lastSeen: this.clock.now(),
      flash: null,
    };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session of a cookie value, its idle time restarted; null when unknown or expired. */
  find(id: string | undefined): ConsoleSession | null {
    if (id === undefined) return null;
    const session = this.sessions.get(id);
    if (!session) return null;
    const now = this.clock.now();
    this.sessions.delete(id);
    if (now - session.lastSeen >= this.idleMillis) return null;
    session.lastSeen = now;
    this.sessions.set(id, session);
    return session;
  }

  destroy(id: string): void {
    this.sessions.delete(id);
  }

  /** Ends every session of a user (say, when an administrator disables them). */
  destroyUser(user: string): void {
    for (const [id, session] of this.sessions) if (session.user === user) this.sessions.delete(id);
  }

  private evictExpired(): void {
    const now = this.clock.now();
    for (const [id, session] of this.sessions) {
      if (now - session.lastSeen < this.idleMillis) break;
      this.sessions.delete(id);
    }
  }
}
