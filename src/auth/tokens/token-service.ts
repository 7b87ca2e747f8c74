import { systemClock, type Clock } from '../clock.js';
import { pkcs5s2 } from '../crypto/pkcs5s2.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { TokenStore } from '../store/token-store.js';
import type { User, UserDirectory } from '../users/user-directory.js';
import { apiToken } from './api-token.js';
import { patToken } from './pat-token.js';
import { TokenNotFoundError, TokenPermissionError, TokenValidationError } from './token-errors.js';
import type { TokenPermissions } from './token-permissions.js';
import { tokenInfo, type TokenFamily, type TokenInfo, type TokenRecord } from './token-record.js';
import { parseScope, type TokenScope } from './token-scope.js';
import { checkValidity, describeValidity, expiryOf, type TokenValidity } from './token-validity.js';
import type { VerificationCache } from './verification-cache.js';
import type { LastAccessedBatcher } from './last-accessed-batcher.js';

export interface TokenPolicy {
  /** Longest validity a new token may have; null: no maximum. Default 1 year (12 months). */
  maxValidity?: TokenValidity | null;
  /** Whether tokens that never expire may be created. Default false. */
  allowNonExpiring?: boolean;
  /** Tokens one user may hold. Default 10. */
  maxTokensPerUser?: number;
}

export interface CreateTokenRequest {
  /** Whose token; default the actor. Creating for someone else needs admin rights. */
  owner?: string;
  /** Default: `API Token from <yyyy-MM-dd>`. */
  description?: string;
  /** Default READ_WRITE. */
  scope?: TokenScope;
  validity: TokenValidity;
  /** Default `api`. */
  family?: TokenFamily;
}

export interface CreatedToken {
  /** The token value: shown once, never stored or logged. */
  readonly token: string;
  readonly info: TokenInfo;
}

export interface TokenServiceOptions {
  store: TokenStore;
  users: UserDirectory;
  permissions: TokenPermissions;
  policy?: TokenPolicy;
  audit?: AuditLog;
  cache?: VerificationCache;
  batcher?: LastAccessedBatcher;
  clock?: Clock;
  /** Time zone of the date in default descriptions (default: the process's). */
  timeZone?: string;
}

const MAX_DESCRIPTION_LENGTH = 255;
const MAX_ID_ATTEMPTS = 5;

/** Token administration: create, list, rename, delete, delete all of a user's. */
export class TokenService {
  private readonly store: TokenStore;
  private readonly users: UserDirectory;
  private readonly permissions: TokenPermissions;
  private readonly maxValidity: TokenValidity | null;
  private readonly allowNonExpiring: boolean;
  private readonly maxTokensPerUser: number;
  private readonly audit: AuditLog | undefined;
  private readonly cache: VerificationCache | undefined;
  private readonly batcher: LastAccessedBatcher | undefined;
  private readonly clock: Clock;
  private readonly dayFormat: Intl.DateTimeFormat;

  constructor(options: TokenServiceOptions) {
    this.store = options.store;
    this.users = options.users;
    this.permissions = options.permissions;
    const policy = options.policy ?? {};
    this.maxValidity = policy.maxValidity === undefined ? { months: 12 } : policy.maxValidity === null ? null : checkValidity(policy.maxValidity, 'Token policy maxValidity');
    this.allowNonExpiring = policy.allowNonExpiring ?? false;
    this.maxTokensPerUser = policy.maxTokensPerUser ?? 10;
    if (!(Number.isInteger(this.maxTokensPerUser) && this.maxTokensPerUser > 0)) {
      throw new RangeError(`Token policy maxTokensPerUser must be a positive whole number, got ${policy.maxTokensPerUser}`);
    }
    this.audit = options.audit;
    this.cache = options.cache;
    this.batcher = options.batcher;
    this.clock = options.clock ?? systemClock;
    this.dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: options.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  }

  /** Whether the policy lets a token created now have `validity`: for forms that offer only what would be accepted. */
  allowsValidity(validity: TokenValidity): boolean {
    try {
      this.checkedExpiry(checkedValidity(validity), this.clock.now());
      return true;
    } catch {
      return false;
    }
  }

  async create(actor: User, request: CreateTokenRequest, source: string | null = null): Promise<CreatedToken> {
    const owner = request.owner ?? actor.name;
    await this.checkMayCreateFor(actor, owner);
    const validity = checkedValidity(request.validity);
    const now = this.clock.now();
    const expiresAt = this.checkedExpiry(validity, now);
    const family = request.family ?? 'api';
    if (family !== 'api' && family !== 'pat') throw new TokenValidationError(`Unknown token family "${String(family)}": expected "api" or "pat"`);
    const scope = request.scope === undefined ? 'READ_WRITE' : parseScopeOrFail(request.scope);
    const description = this.checkedDescription(request.description, now);

    // Cheap early answer; the store re-checks atomically, which is what makes concurrent creations safe.
    if ((await this.store.listByOwner(owner)).length >= this.maxTokensPerUser) throw this.limitError();

    const id = await this.freshId(family);
    const token = family === 'api' ? apiToken.generate(id) : patToken.generate(id);
    const record: TokenRecord = {
      id, family, owner, description, scope,
      hash: await pkcs5s2.encodeAsync(token),
      createdAt: now, expiresAt, lastAccessedAt: null,
    };
    try {
      await this.store.insert(record, this.maxTokensPerUser);
    } catch (cause) {
      if ((cause as Error).name === 'TokenLimitError') throw this.limitError();
      throw cause;
    }
    this.audit?.tokenCreated(actor.name, record, source);
    return { token, info: tokenInfo(record) };
  }

  /** A user's tokens (their own, or anyone's for an administrator), oldest first. */
  async list(actor: User, owner: string = actor.name): Promise<TokenInfo[]> {
    this.checkMayAccess(actor, owner);
    return (await this.store.listByOwner(owner)).map(tokenInfo);
  }

  /** Every token the actor may see: every user's for an administrator, else their own; oldest first. */
  async listVisible(actor: User): Promise<TokenInfo[]> {
    if (!this.permissions.canManageOthers(actor)) return this.list(actor);
    return (await this.store.listAll()).map(tokenInfo).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }

  async rename(actor: User, id: string, description: string, source: string | null = null): Promise<TokenInfo> {
    const record = await this.ownedRecord(actor, id);
    const updated = await this.store.update(record.id, { description: this.checkedDescription(description, this.clock.now()) });
    if (!updated) throw new TokenNotFoundError();
    this.audit?.tokenRenamed(actor.name, record, updated, source);
    return tokenInfo(updated);
  }

  async delete(actor: User, id: string, source: string | null = null): Promise<void> {
    const record = await this.ownedRecord(actor, id);
    const removed = await this.store.delete(record.id);
    if (!removed) throw new TokenNotFoundError();
    this.forget(removed);
    this.audit?.tokenDeleted(actor.name, removed, source);
  }

  /** Deletes every token of `owner` (administrators only); returns how many were deleted. */
  async deleteAllForUser(actor: User, owner: string, source: string | null = null): Promise<number> {
    if (!this.permissions.canManageOthers(actor)) throw new TokenPermissionError();
    const removed = await this.store.deleteByOwner(owner);
    for (const record of removed) this.forget(record);
    this.audit?.allTokensDeleted(actor.name, owner, removed, source);
    return removed.length;
  }

  private forget(record: TokenRecord): void {
    this.cache?.evictToken(record.id);
    this.batcher?.forget(record.id);
  }

  private async checkMayCreateFor(actor: User, owner: string): Promise<void> {
    if (owner === actor.name) {
      if (!this.permissions.canCreateOwn(actor)) throw new TokenPermissionError();
      return;
    }
    if (!this.permissions.canManageOthers(actor)) throw new TokenPermissionError();
    const user = await this.users.findUser(owner);
    if (!user || !user.active) throw new TokenValidationError(`Cannot create a token for "${owner}": no such active user`);
  }

  private checkMayAccess(actor: User, owner: string): void {
    if (!actor.active) throw new TokenPermissionError();
    if (owner !== actor.name && !this.permissions.canManageOthers(actor)) throw new TokenPermissionError();
  }

  /** The record if the actor may change it; the same error whether it is missing or someone else's. */
  private async ownedRecord(actor: User, id: string): Promise<TokenRecord> {
    if (!actor.active) throw new TokenPermissionError();
    const record = typeof id === 'string' ? await this.store.get(id) : undefined;
    if (!record || (record.owner !== actor.name && !this.permissions.canManageOthers(actor))) throw new TokenNotFoundError();
    return record;
  }

  private checkedExpiry(validity: TokenValidity, now: number): number | null {
    if (validity === 'never') {
      if (!this.allowNonExpiring) throw new TokenValidationError('Tokens that never expire are not allowed');
      return null;
    }
    const expiresAt = expiryOf(validity, now)!;
    if (expiresAt <= now) throw new TokenValidationError(`Token expiry ${new Date(expiresAt).toISOString()} is not in the future`);
    if (this.maxValidity !== null && this.maxValidity !== 'never' && expiresAt > expiryOf(this.maxValidity, now)!) {
      throw new TokenValidationError(`Token validity of ${describeValidity(validity)} exceeds the maximum of ${describeValidity(this.maxValidity)}`);
    }
    return expiresAt;
  }

  private checkedDescription(description: string | undefined, now: number): string {
    if (description !== undefined && typeof description !== 'string') throw new TokenValidationError('Token description must be a string');
    if (description === undefined || description.trim() === '') return `API Token from ${this.dayFormat.format(now)}`;
    if (description.length > MAX_DESCRIPTION_LENGTH) {
      throw new TokenValidationError(`Token description is ${description.length} characters long; the maximum is ${MAX_DESCRIPTION_LENGTH}`);
    }
    return description;
  }

  private async freshId(family: TokenFamily): Promise<string> {
    for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      const id = family === 'api' ? apiToken.newId() : patToken.newId();
      if (!(await this.store.get(id))) return id;
    }
    throw new Error('Could not find a free token id');
  }

  private limitError(): TokenValidationError {
    return new TokenValidationError(`A user may have at most ${this.maxTokensPerUser} tokens`);
  }
}

/** A bad validity is the caller's mistake like any other: a TokenValidationError. */
function checkedValidity(validity: unknown): TokenValidity {
  try {
    return checkValidity(validity, 'Token validity');
  } catch (cause) {
    throw new TokenValidationError((cause as Error).message);
  }
}

function parseScopeOrFail(scope: unknown): TokenScope {
  try {
    return parseScope(scope);
  } catch (cause) {
    throw new TokenValidationError((cause as Error).message);
  }
}
