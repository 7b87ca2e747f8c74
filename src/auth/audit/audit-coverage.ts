import { InternalLog } from '../../internal-log.js';
import { TokenPermissionError } from '../tokens/token-errors.js';
import type { TokenPermissions } from '../tokens/token-permissions.js';
import type { User } from '../users/user-directory.js';
import type { AuditLog, AuditSwitches } from './audit-log.js';
import type { AuditChangedValue } from './audit-record.js';
import { AUDIT_SWITCH_NAMES, type AuditSwitchStore } from './audit-switch-store.js';

/** The switches as resolution's Audit Logging tab names them. */
export const AUDIT_SWITCH_LABELS: Readonly<Record<keyof AuditSwitches, string>> = Object.freeze({
  successfulAuthentication: 'Successful authentication',
  failedApiTokenAttempts: 'Audit-log failed API token authentication attempts',
  allFailedAttempts: 'Audit-log all failed authentication attempts',
  permissionDenied: 'Permission denied',
});

const onOff = (value: boolean): string => (value ? 'On' : 'Off');

/** What one change did: the switches in force afterwards and those it turned (none when they already were as asked). */
export interface AuditSwitchChange {
  readonly switches: AuditSwitches;
  readonly changed: ReadonlyArray<keyof AuditSwitches>;
}

/**
 * The audit switches of one AuditLog as an administrator changes them at run time:
 * each change is stored first and applied only once stored, so what a restart
 * reads back is what was in force, and every change is itself audited. With
 * storage shared by several nodes (PostgreSQL), a change made on another node is
 * read and applied here as soon as it is announced; the node that made it audited it.
 */
export class AuditCoverage {
  /** Changes and reloads are taken one at a time, so the stored switches are those of the last change applied. */
  private queue: Promise<unknown> = Promise.resolve();
  private stopWatching: (() => Promise<void>) | null = null;

  private constructor(
    private readonly audit: AuditLog,
    private readonly store: AuditSwitchStore,
    private readonly permissions: TokenPermissions,
  ) {}

  /** Puts the stored switches, if any were stored, in place of the audit log's configured ones, and follows changes made elsewhere. */
  static async open(audit: AuditLog, store: AuditSwitchStore, permissions: TokenPermissions): Promise<AuditCoverage> {
    const stored = await store.load();
    if (stored) Object.assign(audit.switches, stored);
    const coverage = new AuditCoverage(audit, store, permissions);
    coverage.stopWatching = store.watch?.(() => coverage.reload()) ?? null;
    return coverage;
  }

  /** Stops following changes made elsewhere; the switches stay as they are. */
  async close(): Promise<void> {
    const stop = this.stopWatching;
    this.stopWatching = null;
    await stop?.();
    await this.queue;
  }

  /** Resolves once every change and reload asked for so far is done. */
  settled(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  /** Where the switches are stored, for messages and the page. */
  get location(): string {
    return this.store.location;
  }

  /** A copy of the switches in force. */
  get switches(): AuditSwitches {
    return { ...this.audit.switches };
  }

  /**
   * Sets the switches named in `wanted` (administrators only) and returns those in
   * force afterwards. Nothing is stored or audited when nothing changes; a failed
   * save leaves the switches as they were.
   */
  change(actor: User, wanted: Partial<AuditSwitches>, source: string | null = null): Promise<AuditSwitches> {
    return this.changeSwitches(actor, wanted, source).then((done) => done.switches);
  }

  /**
   * change(), telling also which switches it turned: compared with the switches in
   * force when it is applied, after the changes and reloads queued before it, not
   * with those the caller saw (another change may come in between).
   */
  changeSwitches(actor: User, wanted: Partial<AuditSwitches>, source: string | null = null): Promise<AuditSwitchChange> {
    if (!this.permissions.canManageOthers(actor)) return Promise.reject(new TokenPermissionError());
    let asked: Partial<AuditSwitches>;
    try {
      asked = checked(wanted);
    } catch (error) {
      return Promise.reject(error);
    }
    const run = this.queue.then(() => this.apply(actor.name, { ...this.audit.switches, ...asked }, source));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private reload(): void {
    this.queue = this.queue.then(async () => {
      const stored = await this.store.load();
      if (stored) Object.assign(this.audit.switches, stored);
    }).catch((cause: unknown) => {
      InternalLog.error(`Audit switches: reading those changed elsewhere failed, the ones in force stay: ${(cause as Error).message}`);
    });
  }

  private async apply(actor: string, next: AuditSwitches, source: string | null): Promise<AuditSwitchChange> {
    const current = this.audit.switches;
    const changed = AUDIT_SWITCH_NAMES.filter((name) => next[name] !== current[name]);
    if (changed.length === 0) return { switches: { ...current }, changed };
    const changes: AuditChangedValue[] = changed.map((name) => ({ key: AUDIT_SWITCH_LABELS[name], from: onOff(current[name]), to: onOff(next[name]) }));
    await this.store.save(next);
    Object.assign(current, next);
    this.audit.coverageChanged(actor, changes, source);
    return { switches: { ...current }, changed };
  }
}

function checked(wanted: Partial<AuditSwitches>): Partial<AuditSwitches> {
  if (typeof wanted !== 'object' || wanted === null) throw new TypeError(`Audit switches: expected an object, got ${JSON.stringify(wanted)}`);
  for (const [name, value] of Object.entries(wanted)) {
    if (!(AUDIT_SWITCH_NAMES as readonly string[]).includes(name)) {
      throw new TypeError(`Audit switches: unknown switch "${name}"; expected one of ${AUDIT_SWITCH_NAMES.join(', ')}`);
    }
    if (typeof value !== 'boolean') throw new TypeError(`Audit switches: ${name} must be true or false, got ${JSON.stringify(value)}`);
  }
  return { ...wanted };
}
