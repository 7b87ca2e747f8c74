import { getLogger } from '../../log-manager.js';
import type { AuditLog } from '../audit/audit-log.js';
import { systemClock, type Clock } from '../clock.js';
import { logSafe } from '../log-safe.js';
import { loggableUserName } from '../loggable-user-name.js';

export interface FailedAttemptThrottleSetting {
  /** Failures are counted within this many minutes; as long without one ends a streak (default 15). */
  windowMinutes?: number;
  /** Failures of one user name from one address before that pair is refused (default 5). */
  perUserAndAddress?: number;
  /** Failures from one address, whatever the user, before the address is refused (default 20). */
  perAddress?: number;
  /**
   * Failures of one user name from any address before that user is refused, except
   * from addresses it authenticated from lately (default 50).
   */
  perUser?: number;
  /** The first refusal lasts this many seconds; each further one of a streak twice as long (default 60). */
  backoffSeconds?: number;
  /** The longest refusal, in minutes (default 15). */
  maxBackoffMinutes?: number;
  /** How long an address a user authenticated from stays exempt from that user's throttle, in days (default 30). */
  knownAddressDays?: number;
  /** Names and addresses tracked at most; the least recently used is forgotten first (default 100,000). */
  maxKeys?: number;
}

export interface FailedAttemptThrottleOptions extends FailedAttemptThrottleSetting {
  /** Where a refusal that starts is recorded. */
  audit?: AuditLog;
  clock?: Clock;
}

/** An attempt as the throttle records it: who, from where, and the request for the audit record. */
export interface FailedAttempt {
  readonly user: string | null;
  readonly address: string;
  readonly method: string;
  readonly path: string;
}

type Scope = 'user and address' | 'address' | 'user';

interface Track {
  /** Times of the last N failures, a ring; N is the scope's threshold. */
  readonly failures: Float64Array;
  next: number;
  /** Refusals so far in the current streak; each doubles the next. */
  strikes: number;
  blockedUntil: number;
  lastSuccessAt: number;
}

/** The back-off has long reached its cap by then; the bound keeps `2 ** strikes` finite. */
const MAX_STRIKES = 32;

const KNOWN_OPTIONS: ReadonlySet<string> = new Set([
  'windowMinutes', 'perUserAndAddress', 'perAddress', 'perUser', 'backoffSeconds', 'maxBackoffMinutes', 'knownAddressDays', 'maxKeys', 'audit', 'clock',
] satisfies Array<keyof FailedAttemptThrottleOptions>);

/**
 * Slows down password and token guessing, the way Atlassian's products answer
 * repeated failed logins with a CAPTCHA, without a lock-out an attacker could make
 * permanent. Failures are counted in a sliding window per user name and address
 * (strictly: few tries), per address (many users from one place) and per user name
 * (one user from everywhere, gently). Past a threshold that key is refused, without
 * checking any secret, for a back-off that doubles with each further failure of the
 * streak and is capped, so it always expires. A success clears the user's count at
 * that address and makes it a known address: known addresses are exempt from the
 * user-wide throttle, so spraying one name from many addresses does not keep its
 * owner out where they usually work, and elsewhere each refusal ends within the cap.
 * Each refusal that starts is one WARN line and one audit record, never one per
 * refused request.
 */
export class FailedAttemptThrottle {
  readonly windowMinutes: number;
  private readonly windowMillis: number;
  private readonly thresholds: Readonly<Record<Scope, number>>;
  private readonly backoffMillis: number;
  private readonly maxBackoffMillis: number;
  private readonly knownAddressMillis: number;
  private readonly maxKeys: number;
  private readonly audit: AuditLog | undefined;
  private readonly clock: Clock;
  private readonly log = getLogger('logwarden.auth.FailedAttemptThrottle');
  private readonly tracks = new Map<string, Track>();

  constructor(options: FailedAttemptThrottleOptions = {}) {
    // A misspelt setting from JavaScript or a JSON file would otherwise leave its default in force unnoticed.
    for (const key of Object.keys(options)) {
      if (!KNOWN_OPTIONS.has(key)) throw new RangeError(`Failed-attempt throttle: unknown setting "${key}" (known: ${[...KNOWN_OPTIONS].join(', ')})`);
    }
    const whole = (key: keyof FailedAttemptThrottleSetting, fallback: number): number => {
      const value = options[key] ?? fallback;
      if (!(Number.isInteger(value) && value > 0)) {
        throw new RangeError(`Failed-attempt throttle ${key} must be a positive whole number, got ${String(value)}`);
      }
      return value;
    };
    this.windowMinutes = whole('windowMinutes', 15);
    this.windowMillis = this.windowMinutes * 60_000;
    this.thresholds = {
      'user and address': whole('perUserAndAddress', 5),
      address: whole('perAddress', 20),
      user: whole('perUser', 50),
    };
    this.backoffMillis = whole('backoffSeconds', 60) * 1000;
    this.maxBackoffMillis = whole('maxBackoffMinutes', 15) * 60_000;
    if (this.maxBackoffMillis < this.backoffMillis) {
      throw new RangeError(`Failed-attempt throttle maxBackoffMinutes (${options.maxBackoffMinutes}) is shorter than backoffSeconds (${options.backoffSeconds})`);
    }
    this.knownAddressMillis = whole('knownAddressDays', 30) * 86_400_000;
    this.maxKeys = whole('maxKeys', 100_000);
    this.audit = options.audit;
    this.clock = options.clock ?? systemClock;
  }

  /** Milliseconds before an attempt by `user` (null: a bare token) from `address` may be checked; 0: now. */
  retryAfterMillis(user: string | null, address: string): number {
    const now = this.clock.now();
    let until = this.tracks.get(addressKey(address))?.blockedUntil ?? 0;
    if (user !== null) {
      const pair = this.tracks.get(pairKey(user, address));
      until = Math.max(until, pair?.blockedUntil ?? 0);
      const known = pair !== undefined && now - pair.lastSuccessAt < this.knownAddressMillis;
      if (!known) until = Math.max(until, this.tracks.get(userKey(user))?.blockedUntil ?? 0);
    }
    return Math.max(0, until - now);
  }

  recordFailure(attempt: FailedAttempt): void {
    const now = this.clock.now();
    this.fail('address', addressKey(attempt.address), attempt, now);
    if (attempt.user === null) return;
    this.fail('user and address', pairKey(attempt.user, attempt.address), attempt, now);
    this.fail('user', userKey(attempt.user), attempt, now);
  }

  /**
   * The user proved who they are from this address: its count for them starts over
   * and it becomes a known address. The user-wide count stays: a success here says
   * nothing about guesses from elsewhere, and a script logging in every minute would
   * otherwise keep resetting it for a spray from many addresses.
   */
  recordSuccess(user: string, address: string): void {
    const pair = this.track(pairKey(user, address), 'user and address');
    pair.failures.fill(-Infinity);
    pair.strikes = 0;
    pair.blockedUntil = 0;
    pair.lastSuccessAt = this.clock.now();
  }

  private fail(scope: Scope, key: string, attempt: FailedAttempt, now: number): void {
    const track = this.track(key, scope);
    const size = track.failures.length;
    const newest = track.failures[(track.next + size - 1) % size]!;
    // A whole window without a failure, counted from the end of the last refusal, ends the streak.
    if (now - Math.max(newest, track.blockedUntil) >= this.windowMillis) track.strikes = 0;
    track.failures[track.next] = now;
    track.next = (track.next + 1) % size;
    if (track.blockedUntil > now) return;
    // The slot written next holds the oldest of the last N failures.
    const thresholdReached = now - track.failures[track.next]! < this.windowMillis;
    if (track.strikes === 0 && !thresholdReached) return;
    const backoff = Math.min(this.backoffMillis * 2 ** track.strikes, this.maxBackoffMillis);
    track.strikes = Math.min(track.strikes + 1, MAX_STRIKES);
    track.blockedUntil = now + backoff;
    this.report(scope, attempt, backoff);
  }

  private report(scope: Scope, attempt: FailedAttempt, backoffMillis: number): void {
    const seconds = Math.ceil(backoffMillis / 1000);
    const threshold = this.thresholds[scope];
    const user = attempt.user === null ? '' : loggableUserName(attempt.user);
    const address = logSafe(attempt.address);
    const who = scope === 'address' ? `from address ${address}`
      : scope === 'user and address' ? `for user ${user} from address ${address}`
      : `for user ${user} from any address`;
    const refused = scope === 'user' ? 'attempts from addresses it has not authenticated from lately' : 'further attempts';
    this.log.warn(`Too many failed authentication attempts ${who} (${threshold} within ${this.windowMinutes} minutes, or a repeat after a refusal): ${refused} are refused for ${seconds} seconds`);
    this.audit?.authenticationThrottled({
      user: scope === 'address' ? null : attempt.user,
      source: attempt.address,
      method: attempt.method,
      path: attempt.path,
      reason: `Too many failed attempts ${scope === 'address' ? 'from this address' : scope === 'user' ? 'for this user' : 'for this user from this address'}; refused for ${seconds} seconds`,
    });
  }

  /** The track of `key`, created if missing, made the most recently used. */
  private track(key: string, scope: Scope): Track {
    let track = this.tracks.get(key);
    if (track) {
      this.tracks.delete(key);
    } else {
      track = { failures: new Float64Array(this.thresholds[scope]).fill(-Infinity), next: 0, strikes: 0, blockedUntil: 0, lastSuccessAt: -Infinity };
    }
    this.tracks.set(key, track);
    if (this.tracks.size > this.maxKeys) this.tracks.delete(this.tracks.keys().next().value as string);
    return track;
  }
}

// JSON keeps the parts apart whatever characters a user name holds.
const addressKey = (address: string): string => JSON.stringify(['address', address]);
const userKey = (user: string): string => JSON.stringify(['user', user]);
const pairKey = (user: string, address: string): string => JSON.stringify(['pair', user, address]);
