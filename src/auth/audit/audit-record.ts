import { redactedUserName } from '../loggable-user-name.js';

/**
 * One audit entry, shaped like Atlassian's audit entity so that existing readers of
 * that format understand it.
 */
export type AuditCoverageLevel = 'BASE' | 'ADVANCED' | 'FULL';

export interface AuditAuthor {
  readonly id: string;
  readonly name: string;
  readonly type: 'user' | 'system';
}

export interface AuditType {
  readonly area: string;
  readonly category: string;
  readonly action: string;
  readonly level: AuditCoverageLevel;
}

export interface AuditResource {
  readonly name: string;
  readonly type: string;
  readonly id?: string;
}

export interface AuditChangedValue {
  readonly key: string;
  readonly from?: string;
  readonly to?: string;
}

export interface AuditAttribute {
  readonly name: string;
  readonly value: string;
}

export interface AuditRecord {
  /** ISO-8601 instant in UTC. */
  readonly timestamp: string;
  readonly author: AuditAuthor;
  readonly type: AuditType;
  readonly affectedObjects: readonly AuditResource[];
  readonly changedValues: readonly AuditChangedValue[];
  /** The client's IP address, when the event came from a request. */
  readonly source: string | null;
  readonly extraAttributes: readonly AuditAttribute[];
}

/** Authentication events are recorded before anyone is logged in, so Atlassian shows them as Anonymous. */
export const ANONYMOUS_AUTHOR: AuditAuthor = Object.freeze({ id: 'anonymous', name: 'Anonymous', type: 'user' });

/** A user name with a token's shape is recorded redacted: it may be a token sent as the Basic user name. */
export function userAuthor(name: string): AuditAuthor {
  const shown = redactedUserName(name);
  return { id: shown, name: shown, type: 'user' };
}

export function userResource(name: string): AuditResource {
  const shown = redactedUserName(name);
  return { name: shown, type: 'USER', id: shown };
}

/** Reads one JSON line back; null when it is not an audit record (a torn or foreign line, a checkpoint of a chained log). */
export function parseAuditRecord(line: string): AuditRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Partial<AuditRecord>;
  if (typeof r.timestamp !== 'string' || Number.isNaN(Date.parse(r.timestamp))) return null;
  if (typeof r.author !== 'object' || r.author === null || typeof r.type !== 'object' || r.type === null) return null;
  if (!Array.isArray(r.affectedObjects) || !Array.isArray(r.changedValues) || !Array.isArray(r.extraAttributes)) return null;
  // A chained log's place in the chain is not part of the record its readers see.
  if ('chain' in r) delete (r as { chain?: unknown }).chain;
  return r as AuditRecord;
}

/**
 * The line breaks of the project's list (`\r`, `\n`, U+0085, U+2028, U+2029, as the
 * layouts indent them) that JSON.stringify leaves raw. It escapes every C0 control
 * itself, so CR, LF and the VT, FF, FS, GS, RS that Python's `splitlines` also
 * breaks on never appear raw either.
 */
const RAW_LINE_BREAKS = /[\u0085\u2028\u2029]/g;

function escapeLineBreak(ch: string): string {
  return '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0');
}

/** One record as one line, for any line reader: no line break is left raw. */
export function serializeAuditRecord(record: AuditRecord): string {
  return JSON.stringify(record).replace(RAW_LINE_BREAKS, escapeLineBreak);
}
