import { getLogger } from '../log-manager.js';
import type { Logger } from '../logger.js';
import type { AuditLog, AuthenticationAuditDetails } from './audit/audit-log.js';
import { systemClock, type Clock } from './clock.js';
import { parseAuthorizationHeader } from './credentials/authorization-header.js';
import { logSafe } from './log-safe.js';
import { ApiTokenMessages } from './messages/api-token-messages.js';
import { MediumDateFormat } from './messages/medium-date-format.js';
import { PAT_LOGGERS, patMessages } from './messages/pat-messages.js';
import { checkFlavour, type ProductFlavour } from './messages/product-flavour.js';
import { resolveClientAddress, type ClientAddress } from './network/client-address.js';
import { IpMatcher } from './network/ip-matcher.js';
import { FailedAttemptThrottle, type FailedAttemptThrottleSetting } from './rate-limit/failed-attempt-throttle.js';
import { RateLimiter } from './rate-limit/rate-limiter.js';
import type { LastAccessedBatcher } from './tokens/last-accessed-batcher.js';
import type { TokenPermissions } from './tokens/token-permissions.js';
import { tokenInfo, type TokenInfo, type TokenRecord } from './tokens/token-record.js';
import { scopeAllows } from './tokens/token-scope.js';
import type { TokenVerifier } from './tokens/token-verifier.js';
import type { UserDirectory } from './users/user-directory.js';

/** A request as the authenticator needs it; an HTTP middleware builds one from its request object. */
export interface AuthRequest {
  readonly method: string;
  /** The request target; its path (never the query, which may carry credentials) is logged as the REST endpoint. */
  readonly path: string;
  /** The Authorization header value(s). */
  readonly authorization?: string | readonly string[];
  /** The TCP peer address. */
  readonly remoteAddress: string;
  /** X-Forwarded-For value(s), believed only from trusted proxies. */
  readonly forwardedFor?: string | readonly string[];
}

/**
 * - `authenticated`: the request acts as `user`.
 * - `pass`: no credentials were presented; the host decides about anonymous access.
 * - `denied`: answer with `status` (401, 403 or 429), `headers` and `message`.
 */
export type AuthOutcome = 'authenticated' | 'pass' | 'denied';

export interface AuthDecision {
  readonly outcome: AuthOutcome;
  readonly status: 200 | 401 | 403 | 429;
  readonly user: string | null;
  readonly via: 'api-token' | 'personal-access-token' | 'password' | null;
  /** The token used (never its value or hash). */
  readonly token: TokenInfo | null;
  /** The address decided on and the believed proxy chain, client first. */
  readonly clientAddress: string;
  readonly addressChain: readonly string[];
  /** Headers for the response (WWW-Authenticate, Retry-After). */
  readonly headers: Readonly<Record<string, string>>;
  /** Safe to send to the client: never says whether a user or token exists. */
  readonly message: string;
}

export interface RateLimitSetting {
  requests: number;
  minutes: number;
}

export interface AuthenticatorOptions {
  flavour: ProductFlavour;
  verifier: TokenVerifier;
  /** For basic auth with a password, and to check that a token's owner is still active. */
  users: UserDirectory;
  /** Who may authenticate with tokens; default: every active user. */
  permissions?: TokenPermissions;
  /** "Basic auth with password disabled": only tokens are accepted. Default false. */
  basicAuthWithPasswordDisabled?: boolean;
  /** Addresses and CIDR ranges allowed to use tokens; empty or omitted: all. */
  allowedAddresses?: Iterable<string>;
  /** Proxies whose X-Forwarded-For is believed. */
  trustedProxies?: Iterable<string>;
  /**
   * Per-token rate limit; omitted: none. A RateLimiter is shared: authenticators
   * given the same one draw on one budget per token (createAuthModule does this).
   */
  rateLimit?: RateLimitSetting | RateLimiter | null;
  /**
   * Refuses, for a while, credentials from a user or address with many recent
   * failures. Omitted or null: none here (createAuthModule makes one by default).
   * A FailedAttemptThrottle is shared, like a RateLimiter.
   */
  failedAttemptThrottle?: FailedAttemptThrottleSetting | FailedAttemptThrottle | null;
  audit?: AuditLog;
  batcher?: LastAccessedBatcher;
  clock?: Clock;
  /** Time zone of "Token was created on ..." (default: the process's). */
  timeZone?: string;
  /** Realm in WWW-Authenticate (default `logwarden`). */
  realm?: string;
}

const MESSAGES = {
  failed: 'Authentication failed',
  address: 'Access from this address is not allowed',
  scope: 'The token scope does not allow this request method',
  rateLimited: 'Too many requests for this token',
  throttled: 'Too many failed attempts; try again later',
} as const;

interface RequestFacts {
  method: string;
  path: string;
  address: string;
  chain: readonly string[];
}

/** The path alone: Jira still accepts `?os_password=`, and a query string may hold a token. */
function endpointOf(target: string): string {
  const end = target.search(/[?#]/);
  return end < 0 ? target : target.slice(0, end);
}

/**
 * Decides who a REST request acts as, from API tokens, personal access tokens or a
 * password, and writes the products' log lines and audit records on the way.
 * Never throws for bad input: malformed credentials are a 401 decision.
 */
export class Authenticator {
  readonly flavour: ProductFlavour;
  private readonly verifier: TokenVerifier;
  private readonly users: UserDirectory;
  private readonly permissions: TokenPermissions | undefined;
  private readonly passwordDisabled: boolean;
  private readonly allowed: IpMatcher;
  private readonly trustedProxies: IpMatcher;
  private readonly limiter: RateLimiter | null;
  private readonly throttle: FailedAttemptThrottle | null;
  private readonly audit: AuditLog | undefined;
  private readonly batcher: LastAccessedBatcher | undefined;
  private readonly clock: Clock;
  private readonly messages: ApiTokenMessages;
  private readonly log: Logger;
  private readonly rateLog: Logger;
  private readonly patFilterLog = getLogger(PAT_LOGGERS.filter);
  private readonly patServiceLog = getLogger(PAT_LOGGERS.service);
  /** The WWW-Authenticate value of a 401 from this authenticator. */
  readonly challenge: string;

  constructor(options: AuthenticatorOptions) {
    this.flavour = checkFlavour(options.flavour);
    this.verifier = options.verifier;
    this.users = options.users;
    this.permissions = options.permissions;
    this.passwordDisabled = options.basicAuthWithPasswordDisabled ?? false;
    this.allowed = new IpMatcher(options.allowedAddresses ?? []);
    this.trustedProxies = new IpMatcher(options.trustedProxies ?? []);
    this.clock = options.clock ?? systemClock;
    const rateLimit = options.rateLimit;
    this.limiter = rateLimit instanceof RateLimiter ? rateLimit : rateLimit ? new RateLimiter({ ...rateLimit, clock: this.clock }) : null;
    this.audit = options.audit;
    const throttle = options.failedAttemptThrottle;
    this.throttle = throttle instanceof FailedAttemptThrottle ? throttle
      : throttle ? new FailedAttemptThrottle({ ...throttle, audit: this.audit, clock: this.clock }) : null;
    this.batcher = options.batcher;
    this.messages = new ApiTokenMessages(this.flavour, new MediumDateFormat(options.timeZone));
    this.log = getLogger(this.messages.loggerName);
    this.rateLog = getLogger(this.messages.rateLimiterLoggerName);
    const realm = (options.realm ?? 'logwarden').replace(/["\\]/g, '');
    this.challenge = this.passwordDisabled ? `Bearer realm="${realm}"` : `Basic realm="${realm}", Bearer realm="${realm}"`;
  }

  /**
   * The client address and the believed proxy chain of a request, as decisions are
   * made on them: X-Forwarded-For counts only from the trusted proxies.
   */
  resolveClient(remoteAddress: string, forwardedFor: AuthRequest['forwardedFor']): ClientAddress {
    return resolveClientAddress(String(remoteAddress ?? ''), forwardedFor, this.trustedProxies);
  }

  /** Never rejects: a failing store or user directory ends in a logged error and a 401 (fail closed). */
  async authenticate(request: AuthRequest): Promise<AuthDecision> {
    const client = this.resolveClient(request.remoteAddress, request.forwardedFor);
    const facts: RequestFacts = {
      method: String(request.method ?? '').toUpperCase(),
      path: endpointOf(String(request.path ?? '')),
      address: client.address,
      chain: client.chain,
    };
    try {
      return await this.decide(facts, request.authorization);
    } catch (cause) {
      this.log.error(`Token verification failed because of an internal error. REST endpoint: ${logSafe(facts.path)}`, cause instanceof Error ? cause : new Error(String(cause)));
      return this.failed(facts);
    }
  }

  private async decide(facts: RequestFacts, authorization: AuthRequest['authorization']): Promise<AuthDecision> {
    this.patFilterLog.trace(patMessages.filterEntered);
    const credentials = parseAuthorizationHeader(authorization);
    if (credentials.kind !== 'none' && this.throttle) {
      // Refused before any secret is checked: a throttled guess learns nothing.
      const wait = this.throttle.retryAfterMillis(credentials.kind === 'basic' ? credentials.user : null, facts.address);
      if (wait > 0) return this.decision(facts, 'denied', 429, null, null, null, MESSAGES.throttled, { 'Retry-After': String(Math.ceil(wait / 1000)) });
    }
    switch (credentials.kind) {
      case 'none':
        return this.decision(facts, 'pass', 200, null, null, null, '');
      case 'malformed':
        this.log.debug(`Refusing a malformed Authorization header from ${logSafe(facts.address)}: ${credentials.reason}. REST endpoint: ${logSafe(facts.path)}`);
        if (this.passwordDisabled) this.log.info(() => this.messages.noValidToken('anonymous', facts.path));
        this.audit?.authenticationFailed(this.auditDetails(facts, null, null, 'Malformed Authorization header'), this.passwordDisabled);
        return this.refused(facts, null);
      case 'bearer':
        return this.withToken(facts, null, credentials.token);
      case 'basic':
        return this.withToken(facts, credentials.user, credentials.secret);
    }
  }

  private async withToken(facts: RequestFacts, basicUser: string | null, secret: string): Promise<AuthDecision> {
    const usable = await this.usableToken(facts, basicUser, secret);
    if ('reason' in usable) return this.noValidToken(facts, basicUser, secret, usable.reason);
    const record = usable.record;
    const shownUser = basicUser ?? record.owner;

    if (!this.allowed.isEmpty && !this.allowed.matches(facts.address)) {
      if (this.passwordDisabled) {
        this.log.info(() => this.messages.addressNotAllowed(shownUser, facts.address, facts.path));
        this.audit?.authenticationFailed(this.auditDetails(facts, shownUser, record, 'IP address not allowed'), true);
        return this.decision(facts, 'denied', 403, null, null, null, MESSAGES.address);
      }
      return this.passOn(facts, basicUser, secret, 'IP address not allowed');
    }

    if (!scopeAllows(record.scope, facts.method)) {
      this.log.info(() => this.messages.readOnlyScope(shownUser, facts.method, facts.path));
      this.audit?.permissionDenied(this.auditDetails(facts, shownUser, record, 'Read-only token used for a write request'));
      return this.decision(facts, 'denied', 403, shownUser, record, null, MESSAGES.scope);
    }

    if (this.limiter) {
      const limit = this.limiter.tryAcquire(record.id);
      if (!limit.allowed) {
        this.rateLog.info(this.messages.rateLimited(shownUser, this.limiter.requests, this.limiter.minutes));
        const retryAfter = String(Math.max(1, Math.ceil(limit.retryAfterMillis / 1000)));
        return this.decision(facts, 'denied', 429, shownUser, record, null, MESSAGES.rateLimited, { 'Retry-After': retryAfter });
      }
    }

    if (record.family === 'pat') this.patServiceLog.debug(patMessages.authenticated(record.owner, record.id));
    this.log.info(() => this.messages.found(record.description, record.scope, record.owner, record.createdAt, facts.path));
    this.batcher?.record(record.id, this.clock.now());
    this.throttle?.recordSuccess(record.owner, facts.address);
    this.audit?.authenticationSucceeded(this.auditDetails(facts, record.owner, record));
    const via = record.family === 'pat' ? 'personal-access-token' : 'api-token';
    return this.decision(facts, 'authenticated', 200, record.owner, record, via, '');
  }

  /** The verified, unexpired token the request may act with, or why there is none. */
  private async usableToken(facts: RequestFacts, basicUser: string | null, secret: string): Promise<{ record: TokenRecord } | { reason: string }> {
    const verification = await this.verifier.verify(secret);
    switch (verification.status) {
      case 'not-a-token':
        return { reason: 'No valid API token' };
      case 'invalid':
        return { reason: 'Invalid token' };
      case 'expired': {
        const { description, owner, expiresAt } = verification.record;
        this.log.debug(`Token "${logSafe(description)}" of user ${logSafe(owner)} expired on ${new Date(expiresAt!).toISOString()}. REST endpoint: ${logSafe(facts.path)}`);
        return { reason: 'Token expired' };
      }
      case 'valid': {
        const record = verification.record;
        if (basicUser !== null && basicUser !== record.owner) return { reason: 'Token belongs to another user' };
        if (!(await this.mayUseTokens(record.owner))) return { reason: 'Token owner may not use tokens' };
        return { record };
      }
    }
  }

  private async noValidToken(facts: RequestFacts, basicUser: string | null, secret: string, reason: string): Promise<AuthDecision> {
    if (this.passwordDisabled) {
      this.log.info(() => this.messages.noValidToken(basicUser ?? 'anonymous', facts.path));
      this.audit?.authenticationFailed(this.auditDetails(facts, basicUser, null, reason), true);
      return this.refused(facts, basicUser);
    }
    return this.passOn(facts, basicUser, secret, reason);
  }

  /** Resolution hands anything that is not a usable token to the product's own (password) authenticator. */
  private async passOn(facts: RequestFacts, basicUser: string | null, secret: string, reason: string): Promise<AuthDecision> {
    this.log.info(() => this.messages.passedOn(basicUser ?? 'anonymous', facts.path));
    // A password login is the product's business, not a token authentication: it is not audited here.
    if (basicUser !== null && (await this.users.verifyPassword(basicUser, secret))) {
      this.throttle?.recordSuccess(basicUser, facts.address);
      return this.decision(facts, 'authenticated', 200, basicUser, null, 'password', '');
    }
    this.audit?.authenticationFailed(this.auditDetails(facts, basicUser, null, reason), false);
    return this.refused(facts, basicUser);
  }

  private async mayUseTokens(name: string): Promise<boolean> {
    const user = await this.users.findUser(name);
    if (!user || !user.active) return false;
    return this.permissions ? this.permissions.canUseTokens(user) : true;
  }

  /** A 401 for credentials that proved nothing: a failed attempt the throttle counts. */
  private refused(facts: RequestFacts, user: string | null): AuthDecision {
    this.throttle?.recordFailure({ user, address: facts.address, method: facts.method, path: facts.path });
    return this.failed(facts);
  }

  private failed(facts: RequestFacts): AuthDecision {
    return this.decision(facts, 'denied', 401, null, null, null, MESSAGES.failed, { 'WWW-Authenticate': this.challenge });
  }

  private auditDetails(facts: RequestFacts, user: string | null, token: TokenRecord | null, reason?: string): AuthenticationAuditDetails {
    return { user, source: facts.address, method: facts.method, path: facts.path, token, reason };
  }

  private decision(
    facts: RequestFacts, outcome: AuthOutcome, status: AuthDecision['status'], user: string | null,
    token: TokenRecord | null, via: AuthDecision['via'], message: string, headers: Record<string, string> = {},
  ): AuthDecision {
    return {
      outcome, status, user, via,
      token: token && tokenInfo(token),
      clientAddress: facts.address,
      addressChain: facts.chain,
      headers,
      message,
    };
  }
}
