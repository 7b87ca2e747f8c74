import type { AuditRecord } from './audit-record.js';

/** Where written audit records can be read back from, for queries. */
export interface AuditSource {
  /** Every readable record, in any order. */
  records(): AsyncIterable<AuditRecord>;
  /** Drops stored records older than `cutoff` (epoch ms) where the storage allows it. */
  purgeOlderThan?(cutoff: number): Promise<void>;
}
