export { Authenticator, type AuthDecision, type AuthOutcome, type AuthRequest, type AuthenticatorOptions, type RateLimitSetting } from './authenticator.js';
export { createAuthModule, type AuthModule, type AuthModuleOptions, type AuthenticatorVariant } from './auth-module.js';
export { systemClock, type Clock } from './clock.js';
export { logSafe, LOG_SAFE_MAX_LENGTH } from './log-safe.js';
export { loggableUserName, redactedUserName, REDACTED_USER_NAME } from './loggable-user-name.js';
export { pkcs5s2 } from './crypto/pkcs5s2.js';
export { parseAuthorizationHeader, MAX_AUTHORIZATION_LENGTH, type Credentials } from './credentials/authorization-header.js';
export { apiToken, API_TOKEN_LENGTH } from './tokens/api-token.js';
export { patToken, PAT_TOKEN_LENGTH } from './tokens/pat-token.js';
export { containsTokenShape } from './tokens/token-shape.js';
export { tokenInfo, type TokenFamily, type TokenInfo, type TokenRecord } from './tokens/token-record.js';
export { scopeAllows, scopeLabel, type TokenScope } from './tokens/token-scope.js';
export { expiryOf, type TokenValidity } from './tokens/token-validity.js';
export { filterMatches, type TokenFilter, type TokenTimeRange } from './tokens/token-filter.js';
export { TokenNotFoundError, TokenPermissionError, TokenValidationError } from './tokens/token-errors.js';
export { GroupPermissions, type GroupPermissionsOptions, type TokenPermissions } from './tokens/token-permissions.js';
export { TokenService, type CreateTokenRequest, type CreatedToken, type TokenPolicy, type TokenServiceOptions } from './tokens/token-service.js';
export { TokenVerifier, type TokenVerifierOptions, type Verification } from './tokens/token-verifier.js';
export { VerificationCache, type VerificationCacheOptions } from './tokens/verification-cache.js';
export { LastAccessedBatcher, type LastAccessedBatcherOptions } from './tokens/last-accessed-batcher.js';
export { systemScheduler, type IntervalScheduler } from './interval-scheduler.js';
export { TokenLimitError, type TokenPatch, type TokenStore } from './store/token-store.js';
export { FileTokenStore } from './store/file-token-store.js';
export { MemoryTokenStore } from './store/memory-token-store.js';
export { PostgresTokenStore, type PostgresTokenStoreOptions, type TokenInvalidationListener } from './store/postgres/postgres-token-store.js';
export type { PostgresConnectionOptions } from './store/postgres/postgres-connection.js';
export { InMemoryUserDirectory, type User, type UserDirectory, type UserEntry } from './users/user-directory.js';
export { IpMatcher } from './network/ip-matcher.js';
export { parseIp } from './network/ip-address.js';
export { resolveClientAddress, UNKNOWN_CLIENT_ADDRESS, type ClientAddress } from './network/client-address.js';
export { RateLimiter, type RateLimiterOptions, type RateLimitResult } from './rate-limit/rate-limiter.js';
export { FailedAttemptThrottle, type FailedAttempt, type FailedAttemptThrottleOptions, type FailedAttemptThrottleSetting } from './rate-limit/failed-attempt-throttle.js';
export { ApiTokenMessages } from './messages/api-token-messages.js';
export { MediumDateFormat } from './messages/medium-date-format.js';
export { PAT_LOGGERS, patMessages } from './messages/pat-messages.js';
export type { ProductFlavour } from './messages/product-flavour.js';
export { AuditLog, AUDIT_AREA, AUDIT_CATEGORY, type AuditChainOptions, type AuditLogOptions, type AuditSwitches, type AuthenticationAuditDetails } from './audit/audit-log.js';
export {
  AuditKeyError, loadSigningKey, loadVerifyingKeyEnv, loadVerifyingKeyFile, verifyingKeyFromText,
  type AuditKeyAlgorithm, type AuditKeySource, type AuditSigningKey, type AuditVerifyingKey,
} from './audit/chain/audit-keys.js';
export {
  verifyAuditChain, type ChainBreak, type ChainBreakKind, type LinePosition, type VerifyOptions, type VerifyReport,
} from './audit/chain/audit-chain-verifier.js';
export { UnreadableLogError } from './audit/chain/audit-log-lines.js';
export { ANONYMOUS_AUTHOR, parseAuditRecord, serializeAuditRecord, type AuditAttribute, type AuditAuthor, type AuditChangedValue, type AuditRecord, type AuditResource, type AuditType } from './audit/audit-record.js';
export { AuditQueryError, type AuditPage, type AuditQuery } from './audit/audit-query.js';
export { AuditCoverage, AUDIT_SWITCH_LABELS, type AuditSwitchChange } from './audit/audit-coverage.js';
export { AUDIT_SWITCH_NAMES, type AuditSwitchStore } from './audit/audit-switch-store.js';
export { AuditSwitchFile } from './audit/audit-switch-file.js';
export { PostgresAuditSwitches } from './audit/postgres/postgres-audit-switches.js';
export type { AuditSource } from './audit/audit-source.js';
export { AuditLineLayout } from './audit/audit-line-layout.js';
export { MemoryAuditSource } from './audit/memory-audit-source.js';
export { RotatedFilesAuditSource, type RotatedFilesAuditSourceOptions } from './audit/rotated-files-audit-source.js';
export { PostgresAuditStorage, type PostgresAuditStorageOptions } from './audit/postgres/postgres-audit-storage.js';
export { PostgresAuditSource } from './audit/postgres/postgres-audit-source.js';
export { SsoEvents, type SsoEventsOptions, type SsoLogin, type SsoMethod } from './sso/sso-events.js';
export type { SsoFailureKind, SsoUsageCounts } from './sso/sso-usage-counters.js';
export { authMiddleware, type AuthMiddleware, type AuthMiddlewareOptions, type AuthenticatedRequest, type RequestAuth, type Next } from './http/auth-middleware.js';
export { RequestIdGenerator, type RequestTicket } from './http/request-id.js';
export { ThreadNamePool } from './http/thread-names.js';
export { JIRA_MDC, BITBUCKET_MDC } from './http/request-mdc.js';
export { requestPath } from './http/request-path.js';
export { readJsonBody, BadRequestError } from './http/json-body.js';
export { sendJson, sendError } from './http/json-response.js';
export { resolutionTokenApi, RESOLUTION_API_BASE } from './http/rest/resolution-token-api.js';
export { patTokenApi, PAT_API_BASE, type PatTokenApiOptions } from './http/rest/pat-token-api.js';
export { auditEventsApi, AUDIT_EVENTS_PATH } from './http/rest/audit-events-api.js';
export { QueryParameters } from './http/rest/query-parameters.js';
export { adminConsole, SESSION_COOKIE, type AdminConsoleHandler, type AdminConsoleOptions } from './console/admin-console.js';
export {
  PageRequestError, type ActionResult, type ConsolePage, type ConsolePageFactory, type ConsoleServices, type Flash, type FormFields,
  type PageAccess, type PageAction, type PageContext, type PageEndpoint,
} from './console/console-page.js';
export { CONSOLE_PAGES } from './console/console-pages.js';
export { html, escapeHtml, trustedHtml, SafeHtml } from './console/html.js';
