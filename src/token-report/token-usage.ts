import { redactedUserName } from '../auth/loggable-user-name.js';
import { BoundedCounter } from './bounded-counter.js';
import { detached } from './detached-string.js';

/** What the report says about one token. */
export interface TokenUsageRow {
  /** Atlassian's 12-digit id or this module's token id; null for resolution's API tokens, whose lines carry none. */
  readonly tokenId: string | null;
  readonly name: string | null;
  readonly owner: string | null;
  readonly authentications: number;
  readonly failures: number;
  /** ISO-8601 instants of the first and last event. */
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly addresses: readonly { value: string; count: number }[];
  /** Addresses beyond the ones listed (distinct ones kept, plus occurrences past the cap). */
  readonly moreAddresses: number;
  readonly endpoints: readonly { value: string; count: number }[];
  /** The request id of the last event that carried one, to look the request up. */
  readonly lastRequestId: string | null;
}

export const ADDRESSES_KEPT = 32;
export const ENDPOINTS_KEPT = 64;
export const ADDRESSES_SHOWN = 5;
export const ENDPOINTS_SHOWN = 5;

/** The running totals of one token; bounded whatever the number of events. */
export class TokenUsage {
  tokenId: string | null;
  name: string | null = null;
  owner: string | null = null;
  ownerKey: string | null = null;
  authentications = 0;
  failures = 0;
  firstSeen = Infinity;
  lastSeen = -Infinity;
  private readonly addresses = new BoundedCounter(ADDRESSES_KEPT);
  private readonly endpoints = new BoundedCounter(ENDPOINTS_KEPT);
  private lastRequestId: string | null = null;
  private lastRequestTime = -Infinity;

  constructor(tokenId: string | null) {
    this.tokenId = tokenId === null ? null : detached(tokenId);
  }

  describe(details: { name?: string; owner?: string; ownerKey?: string }): void {
    // Compared first: most lines repeat what is known, and a copy is only made for news.
    if (details.name !== undefined && details.name !== '' && details.name !== this.name) this.name = detached(details.name);
    if (details.owner !== undefined && details.owner !== '') {
      const owner = redactedUserName(details.owner);
      if (owner !== this.owner) this.owner = detached(owner);
    }
    if (details.ownerKey !== undefined && details.ownerKey !== '' && details.ownerKey !== this.ownerKey) this.ownerKey = detached(details.ownerKey);
  }

  count(outcome: 'success' | 'failure', time: number, where: { address?: string; endpoint?: string; requestId?: string }): void {
    if (outcome === 'success') this.authentications++;
    else this.failures++;
    if (time < this.firstSeen) this.firstSeen = time;
    if (time > this.lastSeen) this.lastSeen = time;
    if (where.address !== undefined) this.addresses.add(where.address);
    if (where.endpoint !== undefined) this.endpoints.add(where.endpoint);
    // Ties go to the later line, so equal times read in file order pick the same id.
    if (where.requestId !== undefined && time >= this.lastRequestTime) {
      if (where.requestId !== this.lastRequestId) this.lastRequestId = detached(where.requestId);
      this.lastRequestTime = time;
    }
  }

  get counted(): boolean {
    return this.authentications + this.failures > 0;
  }

  row(): TokenUsageRow {
    const addresses = this.addresses.top(ADDRESSES_SHOWN);
    return {
      tokenId: this.tokenId,
      name: this.name,
      owner: this.owner ?? this.ownerKey,
      authentications: this.authentications,
      failures: this.failures,
      firstSeen: new Date(this.firstSeen).toISOString(),
      lastSeen: new Date(this.lastSeen).toISOString(),
      addresses,
      moreAddresses: this.addresses.distinct - addresses.length + this.addresses.others,
      endpoints: this.endpoints.top(ENDPOINTS_SHOWN),
      lastRequestId: this.lastRequestId,
    };
  }
}
