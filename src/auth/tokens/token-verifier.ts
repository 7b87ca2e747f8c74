import { getLogger } from '../../log-manager.js';
import { systemClock, type Clock } from '../clock.js';
import { pkcs5s2 } from '../crypto/pkcs5s2.js';
import { PAT_LOGGERS, patMessages } from '../messages/pat-messages.js';
import type { TokenStore } from '../store/token-store.js';
import { apiToken } from './api-token.js';
import { patToken } from './pat-token.js';
import type { TokenFamily, TokenRecord } from './token-record.js';
import { VerificationCache } from './verification-cache.js';

const serviceLog = getLogger(PAT_LOGGERS.service);
const validatorLog = getLogger(PAT_LOGGERS.validator);

export type Verification =
  /** Not shaped like a token of either family (a password, or garbage). */
  | { readonly status: 'not-a-token' }
  /** Token-shaped, but no stored token has its id, or the value does not match the stored hash. */
  | { readonly status: 'invalid'; readonly family: TokenFamily }
  | { readonly status: 'expired'; readonly record: TokenRecord }
  | { readonly status: 'valid'; readonly record: TokenRecord };

export interface TokenVerifierOptions {
  store: TokenStore;
  cache?: VerificationCache;
  clock?: Clock;
}

function familyOf(value: string): { family: TokenFamily; id: string } | null {
  const apiId = apiToken.parseId(value);
  if (apiId !== null) return { family: 'api', id: apiId };
  const patId = patToken.parseId(value);
  return patId === null ? null : { family: 'pat', id: patId };
}

/**
 * Checks a presented token value: the id inside it finds the one candidate record,
 * the verification cache answers for values already proven, and PBKDF2 runs only
 * otherwise. Expiry is judged after the hash check, so a wrong value never learns
 * whether its id belongs to an expired token.
 */
export class TokenVerifier {
  readonly cache: VerificationCache;
  private readonly store: TokenStore;
  private readonly clock: Clock;
  private readonly inFlight = new Map<string, Promise<boolean>>();

  constructor(options: TokenVerifierOptions) {
    this.store = options.store;
    this.cache = options.cache ?? new VerificationCache({ clock: options.clock });
    this.clock = options.clock ?? systemClock;
  }

  /**
   * PBKDF2 for a value and hash, shared by concurrent requests: a script that opens
   * with a burst of parallel calls costs one derivation, not one per call.
   */
  private matchOnce(value: string, hash: string): Promise<boolean> {
    const key = VerificationCache.keyOf(value) + ' ' + hash;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = pkcs5s2.matchesAsync(value, hash).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  async verify(value: string): Promise<Verification> {
    const parsed = familyOf(value);
    if (!parsed) return { status: 'not-a-token' };
    const { family, id } = parsed;
    const pat = family === 'pat';
    if (pat) serviceLog.trace(patMessages.gotTokenId(id));

    const record = await this.store.get(id);
    if (!record || record.family !== family) {
      if (pat) serviceLog.debug(patMessages.notFound(id));
      return { status: 'invalid', family };
    }
    if (pat) validatorLog.trace(patMessages.verifying(record.hash));
    if (this.cache.has(value, id, record.hash)) {
      if (pat) validatorLog.debug(patMessages.cacheHit(id));
    } else {
      if (!(await this.matchOnce(value, record.hash))) {
        if (pat) validatorLog.debug(patMessages.hashMismatch(id));
        return { status: 'invalid', family };
      }
      // The record may have been deleted while PBKDF2 ran; only a still-stored token is cached.
      const current = await this.store.get(id);
      if (!current || current.hash !== record.hash) return { status: 'invalid', family };
      this.cache.add(value, id, record.hash);
    }
    if (record.expiresAt !== null && record.expiresAt <= this.clock.now()) {
      if (pat) serviceLog.debug(patMessages.expired(id));
      return { status: 'expired', record };
    }
    return { status: 'valid', record };
  }
}
