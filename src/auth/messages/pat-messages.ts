import { loggableUserName } from '../loggable-user-name.js';

/**
 * Logger names and TRACE/DEBUG wording of Atlassian's personal access token
 * plugin (`com.atlassian.pats`). Only token ids and stored hashes appear, never a
 * token value.
 */
export const PAT_LOGGERS = {
  filter: 'com.atlassian.pats.web.filter.TokenBasedAuthenticationFilter',
  service: 'com.atlassian.pats.service.DefaultTokenAuthenticationService',
  validator: 'com.atlassian.pats.service.CachingTokenValidator',
  batcher: 'com.atlassian.pats.service.LastAccessedTimeBatcher',
} as const;

export const patMessages = {
  filterEntered: (): string => '>>> TokenBasedAuthenticationFilter.doFilter',
  gotTokenId: (id: string): string => `Got tokenId: [${id}] from token`,
  verifying: (storedHash: string): string => `Verifying user token with hashed token: [${storedHash}]`,
  cacheHit: (id: string): string => `Token with id: [${id}] was verified before, using the cached result`,
  notFound: (id: string): string => `No token found for tokenId: [${id}]`,
  hashMismatch: (id: string): string => `Provided token does not match the hashed token with id: [${id}]`,
  expired: (id: string): string => `Token with id: [${id}] has expired`,
  authenticated: (user: string, id: string): string => `Authenticated user: [${loggableUserName(user)}] with token id: [${id}]`,
};
