import type { AuditSwitches } from './audit-log.js';

/** Where the audit switches an administrator chose are kept, so that they survive a restart. */
export interface AuditSwitchStore {
  /** The file or table, for messages. */
  readonly location: string;
  /** The switches last saved; null when none were saved yet. */
  load(): Promise<AuditSwitches | null>;
  /** Resolves once the switches are stored durably; a rejection has stored nothing. */
  save(switches: AuditSwitches): Promise<void>;
  /**
   * For storage shared by several processes: calls `changed` whenever the stored
   * switches may have been changed elsewhere (and after an outage in which a change
   * may have been missed); returns the function that stops watching.
   */
  watch?(changed: () => void): () => Promise<void>;
}

/** The switches in the order resolution's Audit Logging tab lists them. */
export const AUDIT_SWITCH_NAMES: readonly (keyof AuditSwitches)[] = [
  'successfulAuthentication', 'failedApiTokenAttempts', 'allFailedAttempts', 'permissionDenied',
];

/**
 * Saved switches read back: an object with each of the four as true or false and
 * nothing else, so a hand edit that misspells a name is reported, not ignored.
 * `fail` names where (`auditSwitches.<name>`) and what was wrong.
 */
export function readAuditSwitches(raw: unknown, fail: (where: string, problem: string) => never): AuditSwitches {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('auditSwitches', `expected an object, got ${JSON.stringify(raw)}`);
  const given = raw as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!(AUDIT_SWITCH_NAMES as readonly string[]).includes(key)) {
      fail(`auditSwitches.${key}`, `unknown switch; expected one of ${AUDIT_SWITCH_NAMES.join(', ')}`);
    }
  }
  const value = (name: keyof AuditSwitches): boolean => {
    const v = given[name];
    if (typeof v !== 'boolean') fail(`auditSwitches.${name}`, `expected true or false, got ${JSON.stringify(v)}`);
    return v;
  };
  return {
    successfulAuthentication: value('successfulAuthentication'),
    failedApiTokenAttempts: value('failedApiTokenAttempts'),
    allFailedAttempts: value('allFailedAttempts'),
    permissionDenied: value('permissionDenied'),
  };
}
