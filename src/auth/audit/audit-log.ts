import type { Appender } from '../../../appenders/appender.js';
import { getLogger } from '../../log-manager.js';
import { Level } from '../../level.js';
import type { Logger } from '../../logger.js';
import { InternalLog } from '../../internal-log.js';
import { systemClock, type Clock } from '../clock.js';
import { systemScheduler, type IntervalScheduler } from '../interval-scheduler.js';
import { scopeLabel } from '../tokens/token-scope.js';
import type { TokenRecord } from '../tokens/token-record.js';
import { AuditLineLayout } from './audit-line-layout.js';
import { compileAuditQuery, pageOf, type AuditPage, type AuditQuery } from './audit-query.js';
import {
  ANONYMOUS_AUTHOR, serializeAuditRecord, userAuthor, userResource,
  type AuditAttribute, type AuditAuthor, type AuditChangedValue, type AuditCoverageLevel, type AuditRecord, type AuditResource,
} from './audit-record.js';
import type { AuditSource } from './audit-source.js';
import { AuditChain, type AuditChainSettings } from './chain/audit-chain.js';
import { loadSigningKey, type AuditKeySource, type AuditSigningKey } from './chain/audit-keys.js';
import { readChainHead, type ChainHead } from './chain/chain-head.js';

/** The four event kinds an administrator can add to the audit log; all off by default. */
export interface AuditSwitches {
  successfulAuthentication: boolean;
  /** Failed API-token attempts; recorded only while basic auth with password is disabled. */
  failedApiTokenAttempts: boolean;
  allFailedAttempts: boolean;
  permissionDenied: boolean;
}

export const AUDIT_AREA = 'SECURITY';
export const AUDIT_CATEGORY = 'API tokens';

export interface AuditLogOptions {
  /** Receives the JSON lines; gets an `AuditLineLayout` if it has a layout slot left empty. */
  appender?: Appender;
  /** Default `logwarden.audit`; the logger is made non-additive so records stay out of the main log. */
  loggerName?: string;
  switches?: Partial<AuditSwitches>;
  /** Records older than this are left out of queries and purged from rotated files. */
  retentionDays?: number;
  /** Where queries read records back from. */
  source?: AuditSource;
  clock?: Clock;
  /** Chain the records and sign checkpoints (see README, "The chained audit log"). */
  chain?: AuditChainOptions;
}

export interface AuditChainOptions extends Omit<AuditChainSettings, 'key'> {
  /** The signing key, or where to load it from. */
  key: AuditSigningKey | AuditKeySource;
  /** The live audit file, read at start to continue the chain; default: the appender's `file`. */
  file?: string;
  /** Where the chain stands, read beforehand from storage that is not a file (`PostgresAuditStorage.chainHead()`); instead of `file`. */
  head?: ChainHead;
  /** Timers for the checkpoint interval. */
  scheduler?: IntervalScheduler;
}

export interface AuthenticationAuditDetails {
  user: string | null;
  source: string;
  method: string;
  path: string;
  token?: TokenRecord | null;
  reason?: string;
}

/**
 * The audit trail: records built from token administration and authentication
 * events, written as JSON lines through a logger, and queried back from a source.
 */
export class AuditLog {
  readonly switches: AuditSwitches;
  readonly logger: Logger;
  private retentionDaysValue: number | null = null;
  private readonly source: AuditSource | undefined;
  private readonly clock: Clock;
  private readonly chain: AuditChain | null = null;
  private readonly appender: Appender | undefined;
  /** A process that ends without close() still seals its last records, unless logging was shut down first. */
  private readonly closeOnExit = (): void => {
    if ((this.appender as { isClosed?: boolean } | undefined)?.isClosed === true) return;
    this.close();
  };

  constructor(options: AuditLogOptions = {}) {
    this.switches = {
      successfulAuthentication: false,
      failedApiTokenAttempts: false,
      allFailedAttempts: false,
      permissionDenied: false,
      ...options.switches,
    };
    this.clock = options.clock ?? systemClock;
    this.source = options.source;
    this.appender = options.appender;
    this.logger = getLogger(options.loggerName ?? 'logwarden.audit');
    this.logger.additivity = false;
    if (this.logger.level === null) this.logger.level = Level.INFO;
    if (options.appender) {
      const appender = options.appender as Appender & { layout?: unknown };
      if ('layout' in appender && appender.layout === undefined) appender.layout = new AuditLineLayout();
      this.logger.addAppender(appender);
    }
    if (options.retentionDays !== undefined) this.retentionDays = options.retentionDays;
    if (options.chain) {
      const file = options.chain.file ?? (options.appender as { file?: unknown } | undefined)?.file;
      if (options.chain.head === undefined && typeof file !== 'string') {
        throw new Error('Audit chain: give `chain.file`, the live audit file (the appender has no `file`), or `chain.head`');
      }
      const key = 'sign' in options.chain.key ? options.chain.key : loadSigningKey(options.chain.key);
      const head = options.chain.head ?? readChainHead(file as string);
      this.chain = new AuditChain({ ...options.chain, key }, head, this.clock, options.chain.scheduler ?? systemScheduler,
        (line) => this.logger.info(line));
      process.once('exit', this.closeOnExit);
    }
  }

  /** Signs the following checkpoints with `key`; the change is recorded in the chain. */
  rotateKey(key: AuditSigningKey | AuditKeySource): void {
    if (!this.chain) throw new Error('This audit log is not chained: there is no key to rotate');
    this.chain.rotateKey('sign' in key ? key : loadSigningKey(key));
  }

  /**
   * Seals a chained log with a final checkpoint; nothing to do otherwise. Call it
   * before logging is shut down: `shutdown()` closes the appenders first.
   */
  close(): void {
    if (!this.chain) return;
    process.removeListener('exit', this.closeOnExit);
    this.chain.close();
  }

  get retentionDays(): number | null {
    return this.retentionDaysValue;
  }

  set retentionDays(days: number | null) {
    if (days !== null && !(Number.isInteger(days) && days > 0)) {
      throw new RangeError(`Audit retention must be a positive whole number of days, got ${days}`);
    }
    this.retentionDaysValue = days;
  }

  tokenCreated(actor: string, token: TokenRecord, source: string | null = null): void {
    const changed: AuditChangedValue[] = [
      { key: 'Description', to: token.description },
      { key: 'Scope', to: scopeLabel(token.scope) },
      { key: 'Expires', to: token.expiresAt === null ? 'Never' : new Date(token.expiresAt).toISOString() },
    ];
    this.write(userAuthor(actor), 'Token created', 'BASE', tokenResources(token), changed, source, [
      { name: 'Token ID', value: token.id },
    ]);
  }

  tokenDeleted(actor: string, token: TokenRecord, source: string | null = null): void {
    this.write(userAuthor(actor), 'Token deleted', 'BASE', tokenResources(token), [{ key: 'Description', from: token.description }], source, [
      { name: 'Token ID', value: token.id },
    ]);
  }

  /** A token's description changed; the token value is never part of any record. */
  tokenRenamed(actor: string, before: TokenRecord, after: TokenRecord, source: string | null = null): void {
    this.write(userAuthor(actor), 'Token renamed', 'BASE', tokenResources(after), [{ key: 'Description', from: before.description, to: after.description }], source, [
      { name: 'Token ID', value: after.id },
    ]);
  }

  /**
   * An administrator turned audit switches on or off: `changes` names each switch
   * that changed by its label, from and to "On" or "Off". Always recorded, whatever
   * the switches: turning auditing off is what an intruder would do first.
   */
  coverageChanged(actor: string, changes: readonly AuditChangedValue[], source: string | null = null): void {
    this.write(userAuthor(actor), 'Audit settings changed', 'BASE', [], [...changes], source, []);
  }

  allTokensDeleted(actor: string, owner: string, tokens: readonly TokenRecord[], source: string | null = null): void {
    this.write(userAuthor(actor), 'All tokens of user deleted', 'BASE', [userResource(owner)], [], source, [
      { name: 'Number of tokens', value: String(tokens.length) },
      { name: 'Token IDs', value: tokens.map((t) => t.id).join(',') },
    ]);
  }

  authenticationSucceeded(details: AuthenticationAuditDetails): void {
    if (!this.switches.successfulAuthentication) return;
    this.writeAuthentication('Successful authentication', details);
  }

  /**
   * A failed attempt. `apiTokenAttempt` marks a failure the failed-API-token switch
   * covers: a request that had to bring a valid token because basic auth with
   * password is disabled.
   */
  authenticationFailed(details: AuthenticationAuditDetails, apiTokenAttempt: boolean): void {
    const wanted = this.switches.allFailedAttempts || (apiTokenAttempt && this.switches.failedApiTokenAttempts);
    if (!wanted) return;
    this.writeAuthentication('Failed authentication', details);
  }

  permissionDenied(details: AuthenticationAuditDetails): void {
    if (!this.switches.permissionDenied) return;
    this.writeAuthentication('Permission denied', details);
  }

  /**
   * A failed-attempt throttle started refusing a user or an address. Always
   * recorded: it is rare, and what an administrator looks for after an attack.
   */
  authenticationThrottled(details: AuthenticationAuditDetails): void {
    this.writeAuthentication('Authentication throttled', details);
  }

  /** Records matching `query`, newest first, within the retention period. */
  async query(query: AuditQuery = {}): Promise<AuditPage> {
    if (!this.source) throw new Error('This audit log has no source to query: pass `source` to the AuditLog');
    const compiled = compileAuditQuery(query, this.retentionCutoff());
    const matching: AuditRecord[] = [];
    for await (const record of this.source.records()) {
      if (compiled.matches(record)) matching.push(record);
    }
    return pageOf(matching, compiled.offset, compiled.limit);
  }

  /** Removes stored records past the retention period, where the source can. */
  async applyRetention(): Promise<void> {
    const cutoff = this.retentionCutoff();
    if (cutoff !== -Infinity) await this.source?.purgeOlderThan?.(cutoff);
  }

  /**
   * Applies the retention now and then every `intervalMillis` (default daily);
   * returns a function that stops it. Failures are reported, never thrown.
   */
  scheduleRetention(options: { scheduler?: IntervalScheduler; intervalMillis?: number } = {}): () => void {
    const scheduler = options.scheduler ?? systemScheduler;
    const run = (): void => {
      this.applyRetention().catch((cause: unknown) => {
        InternalLog.error(`applying the audit retention of ${this.retentionDaysValue} days failed: ${(cause as Error).message}`);
      });
    };
    run();
    const handle = scheduler.setInterval(run, options.intervalMillis ?? 86_400_000);
    return () => scheduler.clearInterval(handle);
  }

  private retentionCutoff(): number {
    return this.retentionDaysValue === null ? -Infinity : this.clock.now() - this.retentionDaysValue * 86_400_000;
  }

  private writeAuthentication(action: string, details: AuthenticationAuditDetails): void {
    const affected: AuditResource[] = [];
    if (details.user !== null) affected.push(userResource(details.user));
    if (details.token) affected.push({ name: details.token.description, type: 'TOKEN', id: details.token.id });
    const extra: AuditAttribute[] = [
      { name: 'Method', value: details.method },
      { name: 'REST endpoint', value: details.path },
    ];
    if (details.reason !== undefined) extra.push({ name: 'Reason', value: details.reason });
    this.write(ANONYMOUS_AUTHOR, action, 'ADVANCED', affected, [], details.source, extra);
  }

  private write(
    author: AuditAuthor, action: string, level: AuditCoverageLevel, affectedObjects: AuditResource[],
    changedValues: AuditChangedValue[], source: string | null, extraAttributes: AuditAttribute[],
  ): void {
    const record: AuditRecord = {
      timestamp: new Date(this.clock.now()).toISOString(),
      author,
      type: { area: AUDIT_AREA, category: AUDIT_CATEGORY, action, level },
      affectedObjects,
      changedValues,
      source,
      extraAttributes,
    };
    const json = serializeAuditRecord(record);
    if (this.chain) this.chain.record(json);
    else this.logger.info(json);
  }
}

function tokenResources(token: TokenRecord): AuditResource[] {
  return [
    userResource(token.owner),
    { name: token.description, type: 'TOKEN', id: token.id },
  ];
}
