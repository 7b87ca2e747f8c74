import { loggableUserName } from '../loggable-user-name.js';
import { logSafe } from '../log-safe.js';
import { scopeLabel, type TokenScope } from '../tokens/token-scope.js';
import type { MediumDateFormat } from './medium-date-format.js';
import type { ProductFlavour } from './product-flavour.js';

const JIRA_SERVICE = 'de.resolution.apitokenauth.ApiTokenAuthenticationService';
const BITBUCKET_SHARED_BASE = 'de.resolution.apitokenauth.platform.auth.ApiTokenAuthSharedBase';
const BITBUCKET_RATE_LIMITER = 'de.resolution.apitokenauth.platform.auth.ApiTokenRateLimiter';

/**
 * The INFO lines of resolution's API Token Authentication, word
 * for word per product flavour. Every piece of request or user text goes through
 * `logSafe`, so it cannot break the line, and a user name with a token's shape is
 * redacted (it may be a token sent as the Basic user name).
 */
export class ApiTokenMessages {
  readonly loggerName: string;
  readonly rateLimiterLoggerName: string;
  private readonly disabledClause: string;

  constructor(flavour: ProductFlavour, private readonly dates: MediumDateFormat) {
    const bitbucket = flavour === 'bitbucket';
    this.loggerName = bitbucket ? BITBUCKET_SHARED_BASE : JIRA_SERVICE;
    this.rateLimiterLoggerName = bitbucket ? BITBUCKET_RATE_LIMITER : JIRA_SERVICE;
    this.disabledClause = bitbucket
      ? 'basic auth with password or personal access token is disabled'
      : 'basic auth with password is disabled';
  }

  found(description: string, scope: TokenScope, user: string, createdAt: number, path: string): string {
    return `Found a matching token "${logSafe(description)}" with ${scopeLabel(scope)} scope and authenticated user ${loggableUserName(user)}. Token was created on ${this.dates.format(createdAt)}. REST endpoint: ${logSafe(path)}`;
  }

  noValidToken(user: string, path: string): string {
    return `Token verification for user ${loggableUserName(user)} failed: No valid API token was provided and ${this.disabledClause}. REST endpoint: ${logSafe(path)}`;
  }

  addressNotAllowed(user: string, address: string, path: string): string {
    return `Token verification for user ${loggableUserName(user)} failed: IP address ${logSafe(address)} of request is not allowed to access the REST API and ${this.disabledClause}. REST endpoint: ${logSafe(path)}`;
  }

  passedOn(user: string, path: string): string {
    return `User ${loggableUserName(user)} tried to authenticate with an invalid token or regular password. Passing the request further to the default authenticator. REST endpoint: ${logSafe(path)}`;
  }

  readOnlyScope(user: string, method: string, path: string): string {
    return `Token verification for user ${loggableUserName(user)} failed: The token scope is read-only and only covers GET, HEAD and OPTIONS requests. Request method type was ${logSafe(method)}. REST endpoint: ${logSafe(path)}`;
  }

  rateLimited(user: string, requests: number, minutes: number): string {
    return `User ${loggableUserName(user)} has been rate limited. The API token allows executing ${requests} requests within ${minutes} minutes.`;
  }
}
