import { LogManager } from '../log-manager.js';
import { AuditLog, type AuditLogOptions } from './audit/audit-log.js';
import { Authenticator, type AuthenticatorOptions } from './authenticator.js';
import { systemClock } from './clock.js';
import { FileTokenStore } from './store/file-token-store.js';
import { PostgresTokenStore, type PostgresTokenStoreOptions } from './store/postgres/postgres-token-store.js';
import type { TokenStore } from './store/token-store.js';
import type { IntervalScheduler } from './interval-scheduler.js';
import { FailedAttemptThrottle, type FailedAttemptThrottleSetting } from './rate-limit/failed-attempt-throttle.js';
import { RateLimiter } from './rate-limit/rate-limiter.js';
import { LastAccessedBatcher } from './tokens/last-accessed-batcher.js';
import type { TokenPermissions } from './tokens/token-permissions.js';
import { TokenService, type TokenPolicy } from './tokens/token-service.js';
import { TokenVerifier } from './tokens/token-verifier.js';
import { VerificationCache, type VerificationCacheOptions } from './tokens/verification-cache.js';

export interface AuthModuleOptions extends Omit<AuthenticatorOptions, 'verifier' | 'audit' | 'batcher' | 'failedAttemptThrottle'> {
  permissions: TokenPermissions;
  /**
   * The token file (JSON, mode 0600), a PostgreSQL database shared by several nodes
   * (`{ postgres: {} }` takes every setting from PGHOST, PGPORT, ...), or any store.
   */
  store: TokenStore | { file: string } | { postgres: PostgresTokenStoreOptions };
  policy?: TokenPolicy;
  /** An audit log, or the options to make one. Default: one writing to the `logwarden.audit` logger. */
  audit?: AuditLog | AuditLogOptions;
  cache?: Omit<VerificationCacheOptions, 'clock'>;
  /** How often last-accessed times are written (default one minute). */
  lastAccessedIntervalMillis?: number;
  /** Timers for last-accessed writes and the daily audit retention run. */
  scheduler?: IntervalScheduler;
  /**
   * Refuses, for a while, credentials of a user or address with many recent
   * failures, shared by every authenticator of the module. Omitted: on, with the
   * defaults of FailedAttemptThrottleSetting; null: off.
   */
  failedAttemptThrottle?: FailedAttemptThrottleSetting | FailedAttemptThrottle | null;
}

/**
 * What may differ between the authenticators of one module, say a token-only one
 * for some routes. The rate limit may not: a token has one budget whatever the route.
 */
export type AuthenticatorVariant = Partial<Pick<AuthenticatorOptions,
  'basicAuthWithPasswordDisabled' | 'allowedAddresses' | 'trustedProxies' | 'permissions' | 'realm'>>;

export interface AuthModule {
  readonly service: TokenService;
  readonly authenticator: Authenticator;
  /** The per-token rate limiter every authenticator of this module shares; null without `rateLimit`. */
  readonly rateLimiter: RateLimiter | null;
  /** The failed-attempt throttle every authenticator of this module shares; null when turned off. */
  readonly failedAttemptThrottle: FailedAttemptThrottle | null;
  /** Another authenticator sharing this module's store, cache, audit, batcher and rate limits. */
  createAuthenticator(variant: AuthenticatorVariant): Authenticator;
  readonly verifier: TokenVerifier;
  readonly audit: AuditLog;
  readonly store: TokenStore;
  readonly batcher: LastAccessedBatcher;
  /**
   * Writes pending last-accessed times and stops the timer, and closes a database
   * store the module opened. `shutdown()` does it too, but after the appenders are
   * closed, so without its DEBUG line.
   */
  close(): Promise<void>;
}

/**
 * Wires the parts that must share state: one store, one verification cache (so a
 * deleted token is evicted where requests are checked), one last-accessed batcher,
 * one rate limiter (so a token's budget is not multiplied by the number of routes),
 * one failed-attempt throttle (so a guesser cannot switch routes to start afresh).
 */
export function createAuthModule(options: AuthModuleOptions): AuthModule {
  const clock = options.clock ?? systemClock;
  const store = isTokenStore(options.store) ? options.store
    : 'postgres' in options.store ? new PostgresTokenStore(options.store.postgres) : new FileTokenStore(options.store.file);
  const cache = new VerificationCache({ ...options.cache, clock });
  // Another node's revocation evicts the proofs of that token here too.
  const stopHearing = store instanceof PostgresTokenStore
    ? store.onInvalidate((id, deleted) => { if (id !== null && deleted) cache.evictToken(id); })
    : () => undefined;
  const ownsStore = store !== options.store;
  const audit = options.audit instanceof AuditLog ? options.audit : new AuditLog({ clock, ...options.audit });
  const batcher = new LastAccessedBatcher({ store, intervalMillis: options.lastAccessedIntervalMillis, scheduler: options.scheduler });
  const verifier = new TokenVerifier({ store, cache, clock });
  const service = new TokenService({
    store, users: options.users, permissions: options.permissions, policy: options.policy,
    audit, cache, batcher, clock, timeZone: options.timeZone,
  });
  const rateLimiter = options.rateLimit instanceof RateLimiter ? options.rateLimit
    : options.rateLimit ? new RateLimiter({ ...options.rateLimit, clock }) : null;
  const throttleOption = options.failedAttemptThrottle;
  const failedAttemptThrottle = throttleOption instanceof FailedAttemptThrottle ? throttleOption
    : throttleOption === null ? null : new FailedAttemptThrottle({ ...throttleOption, audit, clock });
  const createAuthenticator = (variant: AuthenticatorVariant): Authenticator => new Authenticator({
    ...options, ...variant, verifier, audit, batcher, clock, rateLimit: rateLimiter, failedAttemptThrottle,
  });
  const authenticator = createAuthenticator({});

  const stopRetention = audit.retentionDays === null ? () => undefined : audit.scheduleRetention({ scheduler: options.scheduler });
  const closeStore = async (): Promise<void> => {
    stopHearing();
    if (ownsStore && store instanceof PostgresTokenStore) await store.close();
  };
  const unregister = LogManager.onShutdown(async () => {
    stopRetention();
    await batcher.close({ quiet: true });
    await closeStore();
  });
  return {
    service, authenticator, verifier, audit, store, batcher, rateLimiter, failedAttemptThrottle, createAuthenticator,
    close: async () => {
      unregister();
      stopRetention();
      await batcher.close();
      await closeStore();
    },
  };
}

function isTokenStore(value: AuthModuleOptions['store']): value is TokenStore {
  return typeof (value as TokenStore).get === 'function';
}
