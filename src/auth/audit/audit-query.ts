import type { AuditRecord } from './audit-record.js';

export interface AuditQuery {
  /** Inclusive lower bound (epoch ms or Date). */
  from?: number | Date;
  /** Exclusive upper bound (epoch ms or Date). */
  to?: number | Date;
  /** Author name, exact. */
  author?: string;
  /** Type category, exact. */
  category?: string;
  /** Case-insensitive substring of any text in the record. */
  text?: string;
  /** Records to skip (default 0). */
  offset?: number;
  /** Page size (default 100, at most 10,000). */
  limit?: number;
}

export interface AuditPage {
  /** Newest first. */
  readonly records: AuditRecord[];
  /** How many records matched in all. */
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
}

const MAX_LIMIT = 10_000;

/** A query the caller got wrong (a REST endpoint answers it with a 400). */
export class AuditQueryError extends RangeError {
  override name = 'AuditQueryError';
}

function millis(value: number | Date | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const ms = value instanceof Date ? value.getTime() : value;
  if (!Number.isFinite(ms)) throw new AuditQueryError(`Audit query: invalid time ${String(value)}`);
  return ms;
}

function checkCount(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) throw new AuditQueryError(`Audit query: ${name} must be a non-negative integer, got ${value}`);
  return value;
}

/** Compiles a query into a predicate, validating it once. */
export function compileAuditQuery(query: AuditQuery, notBefore = -Infinity): { matches(record: AuditRecord): boolean; offset: number; limit: number } {
  const from = Math.max(millis(query.from, -Infinity), notBefore);
  const to = millis(query.to, Infinity);
  const text = query.text?.toLowerCase();
  const offset = checkCount('offset', query.offset, 0);
  const limit = Math.min(checkCount('limit', query.limit, 100), MAX_LIMIT);
  return {
    offset,
    limit,
    matches(record: AuditRecord): boolean {
      const at = Date.parse(record.timestamp);
      if (at < from || at >= to) return false;
      if (query.author !== undefined && record.author.name !== query.author) return false;
      if (query.category !== undefined && record.type.category !== query.category) return false;
      if (text !== undefined && !JSON.stringify(record).toLowerCase().includes(text)) return false;
      return true;
    },
  };
}

/** Newest first, then the requested page. */
export function pageOf(matching: AuditRecord[], offset: number, limit: number): AuditPage {
  const sorted = matching
    .map((record, index) => ({ record, index, at: Date.parse(record.timestamp) }))
    .sort((a, b) => b.at - a.at || b.index - a.index)
    .map((entry) => entry.record);
  return { records: sorted.slice(offset, offset + limit), total: sorted.length, offset, limit };
}
